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
from alignsim.dynamics.adjustment import symmetric_normal
from alignsim.dynamics.step import FIELDS, State
from alignsim.transition import no_events_fired, transition

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
    n = len(compiled.actors)
    generators = [model_generator(seed) for seed in seeds]
    state = compiled.initial.stacked(len(generators))
    fired = no_events_fired(compiled, (len(generators),))
    history = [state]
    for step in range(1, horizon + 1):
        epsilon: np.ndarray | float = 0.0
        if compiled.rules.noise > 0:
            epsilon = symmetric_normal(generators, n)
        state, fired = transition(compiled, state, step, fired, epsilon)
        history.append(state)
    return _stack(history)
