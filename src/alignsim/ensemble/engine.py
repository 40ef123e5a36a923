"""The batched engine: R runs of one compiled scenario advanced together.

Every run keeps its own generator and draws its noise exactly as
:class:`alignsim.model.AlignmentModel` does, and the state of all runs goes through the
same :func:`alignsim.dynamics.step.advance` along a leading batch axis. So run ``r`` of a
batch equals the Mesa model run with the same seed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from alignsim.compiled import Compiled
from alignsim.dynamics.step import FIELDS, State, advance
from alignsim.events import apply_alignment_sets, apply_inputs

#: what a run's seed may be: an integer, a SeedSequence or a Generator (as Mesa's ``rng=``)
Seed = Any


def run_seeds(seed: int, runs: int) -> list[np.random.SeedSequence]:
    """Independent per-run seeds ``SeedSequence(seed).spawn(runs)``.

    Run ``r``'s seed depends only on ``seed`` and ``r``, never on how runs are split into
    batches or workers (O'Neill 2015, the PCG/SeedSequence design used by NumPy).
    """
    return np.random.SeedSequence(seed).spawn(runs)


def model_generator(seed: Seed) -> np.random.Generator:
    """The generator in the state that ``mesa.Model(rng=seed)`` leaves after ``__init__``.

    Mesa 3.5 builds ``numpy.random.default_rng(rng)`` and, unless ``rng`` is an integer,
    draws one integer below ``2**31 - 1`` from it to seed the standard-library ``random``;
    the same draw is made here so later noise draws line up with the Mesa model's.
    """
    generator = np.random.default_rng(seed)
    if not isinstance(seed, int | np.integer):
        generator.integers(np.iinfo(np.int32).max)
    return generator


def batch_symmetric_normal(generators: Sequence[np.random.Generator], n: int) -> np.ndarray:
    """``(R, n, n)``: for run ``r`` exactly ``symmetric_normal(generators[r], n)``.

    Each generator makes the same single call as
    :func:`alignsim.dynamics.adjustment.symmetric_normal` (``standard_normal(n (n - 1) / 2)``
    for the upper triangle, row-major), so the streams and the matrices are identical; the
    triangle indices are computed once per batch instead of once per run.
    """
    upper = np.triu_indices(n, k=1)
    out = np.zeros((len(generators), n, n))
    if len(upper[0]):
        out[:, upper[0], upper[1]] = np.stack(
            [g.standard_normal(len(upper[0])) for g in generators]
        )
    return out + np.swapaxes(out, -1, -2)


def _stack(states: list[State]) -> State:
    """States of successive steps stacked on axis 1: ``(R, steps + 1, ...)``."""
    return State(*(np.stack([getattr(s, f) for s in states], axis=1) for f in FIELDS))


def run_batch(compiled: Compiled, seeds: Sequence[Seed], steps: int | None = None) -> State:
    """Run one scenario once per seed, all runs advanced together.

    Args:
        compiled: The compiled scenario.
        seeds: One seed per run (integers or SeedSequences, as ``AlignmentModel(rng=...)``).
        steps: Number of steps (default: the scenario's calendar).

    Returns:
        The stacked histories: a :class:`State` whose arrays have leading axes
        ``(runs, steps + 1)``; ``[r]`` equals ``AlignmentModel(compiled, rng=seeds[r])``'s
        ``stacked_history()`` after ``run(steps)``.
    """
    horizon = compiled.steps if steps is None else steps
    rules = compiled.rules
    n = len(compiled.actors)
    generators = [model_generator(seed) for seed in seeds]
    state = compiled.initial.stacked(len(generators))
    history = [state]
    for step in range(1, horizon + 1):
        effects = compiled.effects_at(step)
        state, shocks = apply_inputs(state, effects)
        epsilon: np.ndarray | float = 0.0
        if rules.noise > 0:
            epsilon = batch_symmetric_normal(generators, n)
        state = apply_alignment_sets(advance(state, rules, epsilon=epsilon, shocks=shocks), effects)
        history.append(state)
    return _stack(history)
