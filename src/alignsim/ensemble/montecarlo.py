"""Monte Carlo ensembles: N seeded runs of a scenario, in chunks, on any executor.

Run ``r`` always uses ``SeedSequence(seed).spawn(N)[r]``, and runs are cut into chunks of a
fixed size that does not depend on the number of workers, so the ensemble is the same
whether it is computed in one process, a pool or a Dask cluster.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from alignsim.dynamics.step import FIELDS, State
from alignsim.ensemble.chunks import (
    ChunkPlan,
    Record,
    SeriesPlan,
    parse_record,
    run_chunk,
    series_plan,
    state_bytes,
)
from alignsim.ensemble.executors import ExecutorLike, stream_tasks
from alignsim.ensemble.fast import check_engine
from alignsim.ensemble.streaming import BlocTally, Histograms
from alignsim.simulation.compiled import Compiled, compile_scenario

#: runs per task; fixed so that results never depend on the number of workers
CHUNK_SIZE = 50


@dataclass(frozen=True)
class FixedSource:
    """A scenario without uncertain inputs: every run shares one compiled form."""

    compiled: Compiled
    provenance: dict[str, str] = field(default_factory=dict)
    scenario: dict[str, Any] | None = None

    @property
    def reference(self) -> Compiled:
        """The compiled scenario (names, dates, groups)."""
        return self.compiled


@dataclass(frozen=True)
class UncertainSource:
    """A scenario tree with distributions: each run draws its own values from its seed.

    Attributes:
        tree: The merged scenario tree (distributions left in place).
        reference: The scenario compiled with each distribution's central value.
        provenance: Title and hash of the scenario with central values.
        sites: The tree's distributions (found once, drawn in every run).
        scenario: The scenario with central values, as JSON data (for ``scenario.json``).
    """

    tree: Any
    reference: Compiled
    provenance: dict[str, str] = field(default_factory=dict)
    sites: list = field(default_factory=list)
    scenario: dict[str, Any] | None = None

    def compiled_for(self, seed: np.random.SeedSequence | int) -> Compiled:
        """The run's scenario: distributions drawn from the run's seed, then compiled.

        Parameters were checked when the source was prepared, so they are not checked again.
        """
        from alignsim.scenario.loader import validate_tree
        from alignsim.scenario.uncertain import draw_uncertain, uncertain_generator

        rng = uncertain_generator(seed)
        drawn = draw_uncertain(self.tree, rng, check=False, sites=self.sites or None)
        return compile_scenario(validate_tree(drawn))


Source = FixedSource | UncertainSource


def prepare_source(scenario: Any, settings: tuple[str, ...] | list[str] = ()) -> Source:
    """A path, bundled name, validated scenario or compiled scenario as an ensemble source.

    Raises:
        ScenarioError: For a scenario file with problems (distributions included).
    """
    if isinstance(scenario, FixedSource | UncertainSource):
        return scenario
    if isinstance(scenario, Compiled):
        return FixedSource(scenario)
    if hasattr(scenario, "model_dump"):
        return FixedSource(compile_scenario(scenario), _provenance(scenario), _json(scenario))
    from alignsim.scenario.loader import read_tree, validate_tree
    from alignsim.scenario.uncertain import central_values, distribution_sites, has_uncertain

    tree = read_tree(scenario, settings)
    if has_uncertain(tree):
        central = validate_tree(central_values(tree))
        sites = distribution_sites(tree)
        return UncertainSource(
            tree, compile_scenario(central), _provenance(central), sites, _json(central)
        )
    validated = validate_tree(tree)
    return FixedSource(compile_scenario(validated), _provenance(validated), _json(validated))


def _provenance(scenario: Any) -> dict[str, str]:
    from alignsim.scenario.loader import scenario_hash

    return {"title": scenario.title, "scenario_hash": scenario_hash(scenario)}


def _json(scenario: Any) -> dict[str, Any]:
    return scenario.model_dump(mode="json")


class KeptHistory:
    """The kept states of all runs, filled chunk by chunk into arrays allocated once."""

    def __init__(self, runs: int) -> None:
        self.runs = runs
        self.arrays: dict[str, np.ndarray] = {}

    def put(self, start: int, part: State) -> None:
        """Copy a chunk's kept states ``(chunk runs, kept, ...)`` into place."""
        for name in FIELDS:
            values = getattr(part, name)
            if name not in self.arrays:
                self.arrays[name] = np.empty((self.runs, *values.shape[1:]), values.dtype)
            self.arrays[name][start : start + values.shape[0]] = values

    def state(self) -> State:
        """The kept states, leading axes ``(runs, kept steps)``."""
        return State(*(self.arrays[name] for name in FIELDS))


@dataclass
class Ensemble:
    """N runs of one scenario: the states kept per run and the streamed summaries.

    Attributes:
        compiled: The reference compiled scenario (actors, groups, dates, events).
        history: Kept states, leading axes ``(runs, kept steps)``; by default every step.
        seed: The ensemble seed (run ``r`` uses ``SeedSequence(seed).spawn(runs)[r]``).
        meta: Provenance (scenario, hash, runs, steps, uncertain inputs...).
        scenario: The validated scenario as JSON data (central values for uncertain inputs).
        kept: The steps in ``history``'s second axis (default: every step).
        series: The series summarised in ``histograms``.
        histograms: Streamed histograms of every series at every step (``None`` when
            every step is kept: bands are then exact).
        blocs: Streamed bloc tally at the horizon (when asked for).
    """

    compiled: Compiled
    history: State
    seed: int
    meta: dict[str, Any] = field(default_factory=dict)
    scenario: dict[str, Any] | None = None
    kept: tuple[int, ...] | None = None
    series: SeriesPlan | None = None
    histograms: Histograms | None = None
    blocs: BlocTally | None = None

    @property
    def runs(self) -> int:
        """Number of runs."""
        return int(self.history.alignment.shape[0])

    @property
    def steps(self) -> int:
        """Number of steps after the start."""
        return self.kept[-1] if self.kept else int(self.history.alignment.shape[1]) - 1

    @property
    def every_step(self) -> bool:
        """Whether ``history`` holds every step."""
        return self.kept is None or self.kept == tuple(range(self.steps + 1))


def run_ensemble(
    scenario: Any,
    runs: int,
    seed: int = 0,
    steps: int | None = None,
    workers: int = 1,
    executor: ExecutorLike = None,
    settings: tuple[str, ...] | list[str] = (),
    on_progress: Callable[[int], None] | None = None,
    record: Record | str = "auto",
    blocs: bool = False,
    dtype: str | None = None,
    engine: str = "reference",
) -> Ensemble:
    """Run a scenario ``runs`` times with per-run seeds from ``SeedSequence(seed)``.

    Chunks of :data:`CHUNK_SIZE` runs are summarised as they finish and merged in order, so
    memory depends on the runs only through the states the record keeps.

    Args:
        scenario: Path, bundled name, validated scenario, compiled scenario or source.
        runs: Number of runs (>= 1).
        seed: Ensemble seed.
        steps: Steps per run (default: the scenario's calendar).
        workers: Worker processes when no ``executor`` is given.
        executor: A ``concurrent.futures`` executor, a ``dask.distributed.Client`` or
            ``"dask://HOST:PORT"``.
        settings: ``PATH=VALUE`` overrides applied when loading from a path.
        on_progress: Called with the number of runs finished so far.
        record: Steps kept per run (:func:`alignsim.ensemble.chunks.parse_record`).
        blocs: Solve every run's landscape at the horizon into a bloc tally.
        dtype: ``"float64"`` or ``"float32"`` (single precision, within
            :data:`alignsim.ensemble.precision.FLOAT32_TOLERANCE` of float64); default
            float64 with the reference engine, float32 with the fast one.
        engine: ``"reference"`` (the path of the Mesa model) or ``"fast"``
            (:mod:`alignsim.ensemble.fast`).

    Returns:
        The :class:`Ensemble`.
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    source = prepare_source(scenario, settings)
    reference = source.reference
    horizon = reference.steps if steps is None else steps
    if not 0 <= horizon <= reference.steps:
        raise ValueError(f"steps must be between 0 and {reference.steps}, got {horizon}")
    if isinstance(record, str):
        record = parse_record(record, runs, horizon, state_bytes(reference.initial))
    series = series_plan(reference)
    kept_steps = record.steps(horizon)
    stream = kept_steps != tuple(range(horizon + 1))
    check_engine(engine)
    dtype = dtype or ("float32" if engine == "fast" else "float64")
    if dtype not in ("float64", "float32"):
        raise ValueError(f"dtype must be float64 or float32, got {dtype!r}")
    plan = ChunkPlan(horizon, kept_steps, series, blocs, reference.actors, stream, dtype, engine)
    bounds = [(a, min(a + CHUNK_SIZE, runs)) for a in range(0, runs, CHUNK_SIZE)]
    tasks = [(seed, runs, a, b) for a, b in bounds]
    histograms = Histograms.empty(horizon + 1, len(series.names)) if stream else None
    tally, kept = None, KeptHistory(runs)
    for index, part in stream_tasks(run_chunk, tasks, workers, executor, (source, plan)):
        if histograms is not None:
            histograms.add(part.series)
        tally = BlocTally.joined(tally, part.blocs)
        kept.put(bounds[index][0], part.kept)
        if on_progress:
            on_progress(bounds[index][1])
    from alignsim import __version__

    meta = {
        "scenario": reference.name,
        **source.provenance,
        "runs": runs,
        "seed": seed,
        "steps": horizon,
        "start_date": reference.dates[0].isoformat(),
        "uncertain_inputs": isinstance(source, UncertainSource),
        "record": record.label,
        "engine": engine,
        "dtype": dtype,
        "alignsim_version": __version__,
    }
    return Ensemble(
        reference, kept.state(), seed, meta, source.scenario, plan.kept, series, histograms, tally
    )
