"""The batched engine: R runs of one compiled scenario advanced together.

Every run keeps its own generator and draws its noise exactly as
:class:`alignsim.simulation.model.AlignmentModel` does, and the state of all runs goes through the
same :func:`alignsim.dynamics.step.advance` along a leading batch axis. So run ``r`` of a
batch equals the Mesa model run with the same seed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from alignsim.dynamics.adjustment import SymmetricNormals, symmetric_normal
from alignsim.dynamics.step import FIELDS, State
from alignsim.ensemble.fast import FastStep, check_engine
from alignsim.ensemble.precision import compiled_as, state_as
from alignsim.simulation.compiled import Compiled
from alignsim.simulation.transition import no_events_fired, transition

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


def iterate_batch(
    compiled: Compiled,
    seeds: Sequence[Seed],
    steps: int | None = None,
    initial: State | None = None,
    dtype: Any = None,
    engine: str = "reference",
) -> Iterator[State]:
    """The batch's state at steps ``0, 1, ..., steps``, one step at a time.

    Only the current state is held, so memory does not grow with the number of steps; see
    :func:`run_batch` for the arguments and for how the runs line up with the Mesa model.
    With ``dtype=numpy.float32`` every step is computed in single precision, within
    :data:`alignsim.ensemble.precision.FLOAT32_TOLERANCE` of the float64 run.
    ``engine="fast"`` takes :mod:`alignsim.ensemble.fast`'s step, in float32 unless
    ``dtype`` says otherwise.
    """
    check_engine(engine)
    advance_with = FastStep() if engine == "fast" else None
    if engine == "fast" and dtype is None:
        dtype = np.float32
    single = dtype is not None and np.dtype(dtype) != np.float64
    if single:
        compiled = compiled_as(compiled, dtype)
        initial = None if initial is None else state_as(initial, dtype)
    horizon = compiled.steps if steps is None else steps
    n = len(compiled.actors)
    normals = SymmetricNormals(n)
    generators = [model_generator(seed) for seed in seeds]
    state = compiled.initial.stacked(len(generators)) if initial is None else initial
    fired = no_events_fired(compiled, (len(generators),))
    yield state
    noisy = np.broadcast_to(np.asarray(compiled.rules.noise).reshape(-1) > 0, len(generators))
    drawing = [g for g, on in zip(generators, noisy, strict=True) if on]
    for step in range(1, horizon + 1):
        epsilon: np.ndarray | float = 0.0
        if len(drawing) == len(generators):  # a buffer overwritten at the next step
            epsilon = normals.draw(generators, dtype or np.float64)
        elif drawing:  # per-run noise: only runs with noise > 0 draw, as the Mesa model
            epsilon = np.zeros((len(generators), n, n))
            epsilon[noisy] = symmetric_normal(drawing, n)
        if single:
            epsilon = np.asarray(epsilon, dtype=dtype)
        state, fired = transition(compiled, state, step, fired, epsilon, advance_with)
        if single:  # a mechanism or event that computes in float64 is rounded back
            state = state_as(state, dtype)
        yield state


def run_batch(
    compiled: Compiled,
    seeds: Sequence[Seed],
    steps: int | None = None,
    initial: State | None = None,
    dtype: Any = None,
    engine: str = "reference",
) -> State:
    """Run one scenario once per seed, all runs advanced together.

    Args:
        compiled: The compiled scenario. Its rules' weights may carry a leading runs axis
            ``(runs, n, t)``, and its rate and noise may be per-run arrays ``(runs, 1, 1)``.
        seeds: One seed per run (integers or SeedSequences, as ``AlignmentModel(rng=...)``).
        steps: Number of steps (default: the scenario's calendar).
        initial: Per-run starting states with a leading runs axis (default: the
            scenario's initial state in every run).
        dtype: ``numpy.float32`` for single precision (default float64; see
            :mod:`alignsim.ensemble.precision`).
        engine: ``"reference"`` (default) or ``"fast"`` (:mod:`alignsim.ensemble.fast`).

    Returns:
        The stacked histories: a :class:`State` whose arrays have leading axes
        ``(runs, steps + 1)``; ``[r]`` equals ``AlignmentModel(compiled, rng=seeds[r])``'s
        ``stacked_history()`` after ``run(steps)``.
    """
    return State.stack(list(iterate_batch(compiled, seeds, steps, initial, dtype, engine)), axis=1)


def same_dynamics(first: Compiled, second: Compiled) -> bool:
    """Whether two compiled scenarios differ at most in initial state, weights, rate, noise.

    Such runs can share one batch: states, weights, rates and noise levels stack along the
    runs axis, while mechanisms, their other parameters and events are common.
    """
    a, b = first.rules, second.rules
    try:
        return bool(
            first.actors == second.actors
            and first.dates == second.dates
            and first.schedule == second.schedule
            and first.conditional == second.conditional
            and a.terms == b.terms
            and a.consent == b.consent
            and a.positions == b.positions
            and a.baseline == b.baseline
            and a.regime == b.regime
            and a.preset == b.preset
            and _same(a.term_params, b.term_params)
            and _same(a.positions_params, b.positions_params)
            and _same(a.baseline_params, b.baseline_params)
            and _same(a.regime_params, b.regime_params)
            and _same(a.data, b.data)
            and _same(a.growth, b.growth)
            and a.weights.shape == b.weights.shape
        )
    except (TypeError, ValueError):  # values that do not compare as plain booleans
        return False


def _same(first: Any, second: Any) -> bool:
    """Equality of parameter values that may hold arrays (per-actor parameters)."""
    if isinstance(first, dict) and isinstance(second, dict):
        return first.keys() == second.keys() and all(_same(first[k], second[k]) for k in first)
    if isinstance(first, tuple | list) and isinstance(second, tuple | list):
        return len(first) == len(second) and all(map(_same, first, second))
    if isinstance(first, np.ndarray) or isinstance(second, np.ndarray):
        return np.shape(first) == np.shape(second) and bool(np.array_equal(first, second))
    return bool(first == second)


def stacked_rules(rules: Sequence[Any]) -> Any:
    """The rules of several runs as one: weights ``(runs, n, t)``; rate and noise as
    ``(runs, 1, 1)`` arrays when they differ between runs, else the common number."""
    first = rules[0]
    weights = np.stack([r.weights for r in rules])
    rates, noises = [r.rate for r in rules], [r.noise for r in rules]
    rate = first.rate if len(set(rates)) == 1 else np.array(rates)[:, None, None]
    noise = first.noise if len(set(noises)) == 1 else np.array(noises)[:, None, None]
    return replace(first, weights=weights, rate=rate, noise=noise)


def dynamics_groups(compileds: Sequence[Compiled]) -> list[list[int]]:
    """Indices of runs that can share one batch (see :func:`same_dynamics`), first-seen order."""
    groups: list[list[int]] = []
    for index, compiled in enumerate(compileds):
        group = next((g for g in groups if same_dynamics(compileds[g[0]], compiled)), None)
        if group is None:
            groups.append([index])
        else:
            group.append(index)
    return groups


def iterate_varied(
    compileds: Sequence[Compiled],
    seeds: Sequence[Seed],
    steps: int,
    dtype: Any = None,
    engine: str = "reference",
) -> Iterator[State]:
    """Run ``compileds[r]`` with ``seeds[r]``, batching runs whose dynamics are the same.

    Runs that differ only in their initial state, term weights, rate and noise (see
    :func:`same_dynamics`) go through one :func:`iterate_batch` with stacked initial states
    and :func:`stacked_rules`; the others get batches of their own. All batches advance in
    step, so only the current step is held.

    Yields:
        The state of every run (in run order, leading axis ``runs``) at each step.
    """
    groups = dynamics_groups(compileds)
    batches = []
    for group in groups:
        members = [compileds[i] for i in group]
        initial = State.stack([c.initial for c in members])
        batch = replace(members[0], rules=stacked_rules([c.rules for c in members]))
        runs = [seeds[i] for i in group]
        batches.append(iterate_batch(batch, runs, steps, initial, dtype, engine))
    order = np.argsort(np.concatenate([np.asarray(g) for g in groups]), kind="stable")
    for parts in zip(*batches, strict=True):
        yield State(*(np.concatenate([getattr(p, f) for p in parts])[order] for f in FIELDS))


def run_varied(compileds: Sequence[Compiled], seeds: Sequence[Seed], steps: int) -> State:
    """:func:`iterate_varied` collected: histories in run order, axes ``(runs, steps + 1)``."""
    return State.stack(list(iterate_varied(compileds, seeds, steps)), axis=1)
