"""One step of the dynamics, shared by the Mesa model and the batched ensemble engine."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from alignsim.dynamics.adjustment import adjust
from alignsim.dynamics.consent import desired_alignment
from alignsim.mechanisms import Mechanism


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
        baseline: ``(..., n, n)`` alignment at the start of the run (the relations' history).
    """

    alignment: np.ndarray
    capability: np.ndarray
    positions: np.ndarray
    salience: np.ndarray
    ties: np.ndarray
    exposure: np.ndarray
    baseline: np.ndarray

    def copy(self) -> State:
        """A deep copy (arrays are copied)."""
        return State(*(np.array(getattr(self, f)) for f in FIELDS))

    def stacked(self, runs: int) -> State:
        """The same state repeated along a new leading batch axis of length ``runs``."""
        return State(*(np.repeat(getattr(self, f)[None], runs, axis=0) for f in FIELDS))


FIELDS = ("alignment", "capability", "positions", "salience", "ties", "exposure", "baseline")


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
    """

    terms: tuple[Mechanism, ...]
    weights: np.ndarray
    consent: Mechanism
    rate: float
    noise: float
    positions: Mechanism | None = None
    term_params: tuple[dict, ...] = ()
    positions_params: dict = field(default_factory=dict)

    def with_weights(self, weights: np.ndarray) -> Rules:
        """The same rules with other weights (e.g. a batch of sampled weights)."""
        return replace(self, weights=weights)


def term_values(state: State, rules: Rules) -> np.ndarray:
    """Every term mechanism evaluated on the state: ``(..., t, n, n)``."""
    values = []
    for index, mechanism in enumerate(rules.terms):
        params = rules.term_params[index] if rules.term_params else {}
        args = [getattr(state, name) for name in mechanism.inputs]
        values.append(mechanism.function(*args, **params))
    return np.stack(values, axis=-3)


def target_alignment(state: State, rules: Rules) -> np.ndarray:
    """The consented target alignment ``tau`` for the state."""
    desired = desired_alignment(term_values(state, rules), rules.weights)
    return rules.consent.function(desired)


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
    alignment = adjust(state.alignment, target, rules.rate, rules.noise, shocks, epsilon)
    positions = state.positions
    if rules.positions is not None:
        args = [getattr(state, name) for name in rules.positions.inputs]
        positions = rules.positions.function(*args, **rules.positions_params)
    return replace(state, alignment=alignment, positions=positions)
