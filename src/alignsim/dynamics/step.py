"""One step of the dynamics, shared by the Mesa model and the batched ensemble engine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from alignsim.dynamics.adjustment import adjust
from alignsim.dynamics.consent import desired_alignment
from alignsim.dynamics.growth import capability_growth
from alignsim.dynamics.registry import Mechanism


@dataclass(frozen=True)
class State:
    """Everything that changes during a run; arrays may carry leading batch axes.

    Attributes:
        alignment: ``(..., n, n)`` symmetric in [-1, 1], zero diagonal.
        capability: ``(..., n)`` positive.
        positions: ``(..., n, k)`` issue positions normalised to [-1, 1].
        salience: ``(..., n, k)`` in [0, 1].
        ties: ``(..., n, n)`` economic ties, non-negative, symmetric.
        exposure: ``(..., n, m)`` exposure to threat sources, in [0, 1].
        baseline: ``(..., n, n)`` each pair's long-run level: the alignment at the start of
            the run, moved by permanent shocks and slow drift under ``v2`` (``v1`` keeps it
            fixed and reads it as the relations' history).
        anchor: ``(..., n, k)`` the positions actors are anchored to (the initial positions,
            moved by position events); read by anchored influence.
        rivalry: ``(..., n, n)`` survival probability of each pair's flagged rivalry (0: none).
        start_drivers: ``(..., n, n)`` the consented drivers at the start (zero under ``v1``):
            the starting relations are the equilibrium of the starting drivers, so relations
            move with the drivers' change since the start (see :func:`at_equilibrium`).
    """

    alignment: np.ndarray
    capability: np.ndarray
    positions: np.ndarray
    salience: np.ndarray
    ties: np.ndarray
    exposure: np.ndarray
    baseline: np.ndarray
    anchor: np.ndarray
    rivalry: np.ndarray
    start_drivers: np.ndarray

    def copy(self) -> State:
        """A deep copy (arrays are copied)."""
        return State(*(np.array(getattr(self, f)) for f in FIELDS))

    def stacked(self, runs: int) -> State:
        """The same state repeated along a new leading batch axis of length ``runs``."""
        return State(*(np.repeat(getattr(self, f)[None], runs, axis=0) for f in FIELDS))

    @staticmethod
    def stack(states: Sequence[State], axis: int = 0) -> State:
        """States (of successive steps, or of several runs) stacked along a new ``axis``."""
        return State(*(np.stack([getattr(s, f) for s in states], axis=axis) for f in FIELDS))


FIELDS = (
    "alignment",
    "capability",
    "positions",
    "salience",
    "ties",
    "exposure",
    "baseline",
    "anchor",
    "rivalry",
    "start_drivers",
)


@dataclass(frozen=True)
class Rules:
    """The mechanisms of a run and their settings.

    Attributes:
        terms: Term mechanisms in the order of ``weights``' last axis.
        weights: ``(n, t)`` each actor's weight on each term (its doctrine).
        term_params: Extra keyword parameters of each term (besides ``weight``).
        consent: The consent mechanism.
        rate: Adjustment rate.
        noise: Noise standard deviation.
        positions: The mechanism that moves issue positions, or ``None``.
        positions_params: Its keyword parameters.
        baseline: The mechanism that moves each pair's long-run level, or ``None`` (``v1``:
            relations adjust toward the consented target itself).
        baseline_params: Its keyword parameters.
        regime: An optional regime mechanism (e.g. rivalry), or ``None``.
        regime_params: Its keyword parameters.
        data: The scenario's fixed arrays that mechanisms may read by name
            (``blame``, ``blamer``: ``(n, m)`` who is held responsible for each threat
            source, and who holds them responsible).
        growth: ``(n,)`` factor each capability is multiplied by per step, or ``None``.
        preset: Name of the preset the rules come from.
    """

    terms: tuple[Mechanism, ...]
    weights: np.ndarray
    consent: Mechanism
    rate: float
    noise: float
    positions: Mechanism | None = None
    term_params: tuple[dict, ...] = ()
    positions_params: dict = field(default_factory=dict)
    baseline: Mechanism | None = None
    baseline_params: dict = field(default_factory=dict)
    regime: Mechanism | None = None
    regime_params: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    growth: np.ndarray | None = None
    preset: str = "v1"

    def with_weights(self, weights: np.ndarray) -> Rules:
        """The same rules with other weights (e.g. a batch of sampled weights)."""
        return replace(self, weights=weights)


def inputs_of(mechanism: Mechanism, state: State, rules: Rules) -> list[np.ndarray]:
    """The arrays a mechanism reads, in call order: state fields, else the rules' data."""
    return [
        getattr(state, name) if name in FIELDS else rules.data[name] for name in mechanism.inputs
    ]


def term_values(state: State, rules: Rules) -> np.ndarray:
    """Every term mechanism evaluated on the state: ``(..., t, n, n)``."""
    values = []
    for index, mechanism in enumerate(rules.terms):
        params = rules.term_params[index] if rules.term_params else {}
        values.append(mechanism.function(*inputs_of(mechanism, state, rules), **params))
    if not values:  # every term switched off: no driver at all
        shape = state.alignment.shape
        return np.zeros((*shape[:-2], 0, *shape[-2:]), dtype=state.alignment.dtype)
    return np.stack(values, axis=-3)


def target_alignment(state: State, rules: Rules) -> np.ndarray:
    """The consented target alignment ``tau`` for the state."""
    desired = desired_alignment(term_values(state, rules), rules.weights)
    return rules.consent.function(desired)


def at_equilibrium(state: State, rules: Rules) -> State:
    """The state with ``start_drivers`` set to its consented drivers (zero without a baseline).

    Under error correction the starting alignment is read as the equilibrium of the starting
    drivers (as a dyad fixed effect absorbs them), so nothing moves until a driver changes.
    """
    if rules.baseline is None:
        return replace(state, start_drivers=np.zeros_like(state.alignment))
    return replace(state, start_drivers=target_alignment(state, rules))


def advance(
    state: State,
    rules: Rules,
    epsilon: np.ndarray | float = 0.0,
    shocks: np.ndarray | float = 0.0,
) -> State:
    """The state one step later: alignments adjust toward the target, positions move.

    Both updates read the state at the start of the step (a synchronous update).

    Args:
        state: Current state (events of this step already applied to its inputs).
        rules: Mechanisms and settings.
        epsilon: Symmetric standard normal draws ``(..., n, n)`` (ignored when noise is 0).
        shocks: Additive alignment shocks from this step's events.

    Returns:
        The new state.
    """
    target = target_alignment(state, rules)
    changed: dict[str, np.ndarray] = {}
    if rules.baseline is not None:
        target, changed["baseline"] = rules.baseline.function(
            state.baseline, state.alignment, target, state.start_drivers, **rules.baseline_params
        )
    if rules.regime is not None:
        target, changed["rivalry"] = rules.regime.function(
            target, state.rivalry, **rules.regime_params
        )
    changed["alignment"] = adjust(state.alignment, target, rules.rate, rules.noise, shocks, epsilon)
    if rules.positions is not None:
        args = inputs_of(rules.positions, state, rules)
        changed["positions"] = rules.positions.function(*args, **rules.positions_params)
    if rules.growth is not None:
        changed["capability"] = capability_growth(state.capability, rules.growth)
    return replace(state, **changed)
