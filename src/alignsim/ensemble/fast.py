"""The fast engine: the same step as the reference engine, arranged for speed.

``engine="reference"`` evaluates every term mechanism, stacks the terms into a
``(runs, t, n, n)`` array and contracts it with the weights (:func:`~alignsim.dynamics.step.
target_alignment`), in float64: the path the Mesa model takes, kept for comparison and for
the equality tests. ``engine="fast"`` (the default of ensembles at world scale) takes
:class:`FastStep`:

- float32 unless asked for float64 (:mod:`alignsim.ensemble.precision`);
- the terms that change every step (balance, coalition threat, signed affinity) and the
  anchored positions through :mod:`alignsim.ensemble.kernels`: every cubic term one batched
  matrix product over the runs axis (BLAS ``gemm`` per run), the element-wise work fused
  into in-place passes over buffers reused from step to step, the weights folded into
  cached constants;
- the other terms through their mechanisms, computed on one run when every run of the
  batch holds the same inputs, each value (and the weighted sum of those whose inputs did
  not move: ties, exposure) reused until an input array changes;
- consent, error correction and adjustment as a few in-place passes (the mechanisms'
  operations in the same order, so bit for bit in float64), into arrays recycled once no
  one holds the state they belonged to (:meth:`~alignsim.ensemble.kernels.Workspace.fresh`).

Results equal the reference engine's within rounding (tested in float64). The random
draws are the reference engine's, so run ``r`` still follows the Mesa model run with the
same seed (up to rounding in float64, within the float32 tolerance else).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from alignsim.dynamics.growth import capability_growth
from alignsim.dynamics.step import FIELDS, Rules, State, inputs_of
from alignsim.ensemble.kernels import (
    POSITION_KERNELS,
    TERM_KERNELS,
    Workspace,
    zero_diagonal_in_place,
)

ENGINES = ("reference", "fast")


class FastStep:
    """:func:`~alignsim.dynamics.step.advance` for one batch of runs, step after step.

    Called as ``advance`` is; one instance serves one batch (it keeps that batch's buffers
    and cached values).
    """

    def __init__(self) -> None:
        self.space = Workspace()

    def term(self, index: int, state: State, rules: Rules) -> np.ndarray:
        """Term ``index``'s weighted value through its mechanism, reused while its input
        arrays (and the weights) are the same objects as when it was computed."""
        mechanism = rules.terms[index]
        inputs = inputs_of(mechanism, state, rules)
        params = rules.term_params[index] if rules.term_params else {}

        def compute() -> np.ndarray:
            once = inputs_of_one_run(mechanism.inputs, inputs, state.alignment.ndim == 3)
            return mechanism.function(*(inputs if once is None else once), **params)

        value = self.space.cached(f"term{index}", inputs, compute)
        weight = rules.weights[..., :, index, None]
        return self.space.cached(f"weighted{index}", [value, rules.weights], lambda: weight * value)

    def desired(self, state: State, rules: Rules, a: np.ndarray) -> np.ndarray:
        """Each actor's weighted sum of the terms, clipped to [-1, 1], zero diagonal."""
        space, fused, generic = self.space, [], []
        for index, mechanism in enumerate(rules.terms):
            kernel = TERM_KERNELS.get(mechanism.name)
            params = rules.term_params[index] if rules.term_params else {}
            value = None
            if kernel is not None:
                value = kernel(space, a, state, params, rules.weights, index)
            if value is None:
                generic.append(index)
            else:
                fused.append(value)
        others = [self.term(index, state, rules) for index in generic]
        base = space.cached("generic", others, lambda: _total(others))
        desired = space.buffer("desired", a)
        if base is None and not fused:
            desired.fill(0.0)
        elif base is None:
            np.copyto(desired, fused.pop())
        elif fused:
            np.add(base, fused.pop(), out=desired)
        else:
            np.copyto(desired, base)
        for value in fused:
            desired += value
        np.clip(desired, -1.0, 1.0, out=desired)
        return zero_diagonal_in_place(desired)

    def __call__(
        self,
        state: State,
        rules: Rules,
        epsilon: np.ndarray | float = 0.0,
        shocks: np.ndarray | float = 0.0,
    ) -> State:
        space, alignment = self.space, state.alignment
        a = alignment
        if np.any(np.diagonal(alignment, axis1=-2, axis2=-1)):
            a = zero_diagonal_in_place(np.array(alignment))
        desired = self.desired(state, rules, a)
        if rules.consent.name == "mutual_consent":
            tau = np.minimum(desired, np.swapaxes(desired, -1, -2), out=space.buffer("tau", a))
        else:
            tau = rules.consent.function(desired)
        changed: dict[str, np.ndarray] = {}
        target = tau
        if rules.baseline is not None and rules.baseline.name == "error_correction":
            moved = space.fresh("baseline", state.baseline)
            target, changed["baseline"] = error_correction(
                state, tau, moved, **rules.baseline_params
            )
        elif rules.baseline is not None:
            target, changed["baseline"] = rules.baseline.function(
                state.baseline, alignment, tau, state.start_drivers, **rules.baseline_params
            )
        if rules.regime is not None:
            target, changed["rivalry"] = rules.regime.function(
                target, state.rivalry, **rules.regime_params
            )
        changed["alignment"] = self.adjust(alignment, target, rules, shocks, epsilon)
        if rules.positions is not None:
            kernel = POSITION_KERNELS.get(rules.positions.name)
            if kernel is not None:
                changed["positions"] = kernel(space, a, state, rules.positions_params)
            else:
                args = inputs_of(rules.positions, state, rules)
                changed["positions"] = rules.positions.function(*args, **rules.positions_params)
        if rules.growth is not None:
            changed["capability"] = capability_growth(state.capability, rules.growth)
        return replace(state, **changed)

    def adjust(self, alignment, target, rules, shocks, epsilon) -> np.ndarray:
        """:func:`alignsim.dynamics.adjustment.adjust` in place on a new array: the same
        operations in the same order."""
        moved = np.subtract(target, alignment, out=self.space.fresh("alignment", alignment))
        moved *= rules.rate
        moved += alignment
        if _given(shocks):
            moved += shocks
        if np.any(rules.noise) and _given(epsilon):
            moved += np.multiply(epsilon, rules.noise, out=self.space.buffer("noise", moved))
        np.clip(moved, -1.0, 1.0, out=moved)
        return zero_diagonal_in_place(moved)


def error_correction(
    state: State, consented: np.ndarray, out: np.ndarray, drift: float, permanent: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`alignsim.dynamics.baseline.error_correction` with the target formed in place in
    ``consented`` (a buffer) and the new baseline in ``out``: the same operations in the
    same order."""
    baseline, alignment = state.baseline, state.alignment
    consented += baseline
    consented -= state.start_drivers
    target = np.clip(consented, -1.0, 1.0, out=consented)
    moved = np.subtract(alignment, baseline, out=out)
    moved *= drift
    moved += baseline
    return target, np.clip(moved, -1.0, 1.0, out=moved)


def inputs_of_one_run(names, inputs, batched: bool) -> list[np.ndarray] | None:
    """Run 0's inputs when every run of the batch holds the same values in the state fields
    a term reads (ties and exposure usually do: the term is then computed once and its value,
    without a runs axis, broadcasts), else ``None`` (one comparison pass per field)."""
    fields = [name in FIELDS for name in names]
    if not batched or not any(fields):
        return None
    pairs = list(zip(inputs, fields, strict=True))
    if not all(bool((x == x[:1]).all()) for x, field in pairs if field):
        return None
    return [x[0] if field else x for x, field in pairs]


def _given(value: np.ndarray | float) -> bool:
    """Whether an additive input is an array or a non-zero number (adding 0 changes nothing)."""
    return isinstance(value, np.ndarray) or value != 0


def _total(values: list[np.ndarray]) -> np.ndarray | None:
    """The sum of some arrays (``None`` for none)."""
    if not values:
        return None
    total = values[0]
    for value in values[1:]:
        total = total + value  # shapes may differ: a term the same in every run has no runs axis
    return total


def fast_step(
    state: State,
    rules: Rules,
    epsilon: np.ndarray | float = 0.0,
    shocks: np.ndarray | float = 0.0,
) -> State:
    """One step of the fast engine (events aside) with a new :class:`FastStep`."""
    return FastStep()(state, rules, epsilon, shocks)


def check_engine(engine: str) -> None:
    """Raise ``ValueError`` unless ``engine`` is one of :data:`ENGINES`."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, got {engine!r}")
