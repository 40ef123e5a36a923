"""The fast engine: the same step as the reference engine, arranged for speed.

``engine="reference"`` evaluates every term mechanism, stacks the terms into a
``(runs, t, n, n)`` array and contracts it with the weights (:func:`~alignsim.dynamics.step.
target_alignment`), in float64: the path the Mesa model takes, kept for comparison and for
the equality tests. ``engine="fast"`` (the default of ensembles at world scale):

- computes in float32 unless asked for float64 (:mod:`alignsim.ensemble.precision`);
- accumulates each actor's weighted terms in place instead of stacking them, and reuses a
  term whose inputs did not change since the previous step (:class:`FastTarget`);
- calls the mechanism functions, every cubic term of which is a batched matrix product
  over the runs axis (BLAS ``gemm`` per run), so its results equal the reference
  engine's within rounding (tested in float64).

The random draws are the reference engine's, so run ``r`` still follows the Mesa model run
with the same seed (exactly in float64 up to rounding, within the float32 tolerance else).
"""

from __future__ import annotations

import numpy as np

from alignsim.dynamics.step import Rules, State, inputs_of

ENGINES = ("reference", "fast")


class FastTarget:
    """The consented target, each term added into one ``(runs, n, n)`` buffer as computed.

    Equal to :func:`alignsim.dynamics.step.target_alignment` up to the order of the
    floating-point additions. A term whose input arrays are the very objects it read at the
    previous step (economic ties, threat exposure: nothing moved them) is not computed
    again: mechanisms are pure functions and the engine never changes an array in place, so
    the value would be the same. One instance serves one batch of runs.
    """

    def __init__(self) -> None:
        self.memory: dict[int, tuple[list[np.ndarray], np.ndarray]] = {}

    def term(self, index: int, state: State, rules: Rules) -> np.ndarray:
        """Term ``index``'s value on ``state``."""
        mechanism = rules.terms[index]
        inputs = inputs_of(mechanism, state, rules)
        seen = self.memory.get(index)
        if seen is not None and all(a is b for a, b in zip(seen[0], inputs, strict=True)):
            return seen[1]
        params = rules.term_params[index] if rules.term_params else {}
        value = mechanism.function(*inputs, **params)
        self.memory[index] = (inputs, value)
        return value

    def __call__(self, state: State, rules: Rules) -> np.ndarray:
        desired = None
        for index in range(len(rules.terms)):
            weighted = np.multiply(
                rules.weights[..., :, index, None], self.term(index, state, rules)
            )
            if desired is None:
                desired = weighted
            else:
                desired += weighted
        np.clip(desired, -1.0, 1.0, out=desired)
        return rules.consent.function(desired)


def fast_step(
    state: State,
    rules: Rules,
    epsilon: np.ndarray | float = 0.0,
    shocks: np.ndarray | float = 0.0,
) -> State:
    """One step of the fast engine (events aside): :func:`~alignsim.dynamics.step.advance`
    with a :class:`FastTarget`."""
    from alignsim.dynamics.step import advance

    return advance(state, rules, epsilon, shocks, FastTarget())


def check_engine(engine: str) -> None:
    """Raise ``ValueError`` unless ``engine`` is one of :data:`ENGINES`."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, got {engine!r}")
