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

from alignsim.compiled import Compiled, compile_scenario
from alignsim.dynamics.step import FIELDS, State
from alignsim.ensemble.engine import run_batch, run_seeds, run_varied
from alignsim.ensemble.executors import ExecutorLike, run_tasks

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


def run_chunk(source: Source, seed: int, runs: int, start: int, stop: int, steps: int) -> State:
    """Runs ``start .. stop - 1`` of an ensemble of ``runs`` runs (one executor task)."""
    seeds = run_seeds(seed, runs)[start:stop]
    if isinstance(source, FixedSource):
        return run_batch(source.compiled, seeds, steps)
    return run_varied([source.compiled_for(s) for s in seeds], seeds, steps)


def concatenate(parts: list[State]) -> State:
    """Histories of consecutive chunks joined along the run axis."""
    return State(*(np.concatenate([getattr(p, f) for p in parts]) for f in FIELDS))


@dataclass
class Ensemble:
    """Stacked histories of N runs of one scenario.

    Attributes:
        compiled: The reference compiled scenario (actors, groups, dates, events).
        history: Arrays with leading axes ``(runs, steps + 1)``.
        seed: The ensemble seed (run ``r`` uses ``SeedSequence(seed).spawn(runs)[r]``).
        meta: Provenance (scenario, hash, runs, steps, uncertain inputs...).
        scenario: The validated scenario as JSON data (central values for uncertain inputs).
    """

    compiled: Compiled
    history: State
    seed: int
    meta: dict[str, Any] = field(default_factory=dict)
    scenario: dict[str, Any] | None = None

    @property
    def runs(self) -> int:
        """Number of runs."""
        return int(self.history.alignment.shape[0])

    @property
    def steps(self) -> int:
        """Number of steps after the start."""
        return int(self.history.alignment.shape[1]) - 1


def run_ensemble(
    scenario: Any,
    runs: int,
    seed: int = 0,
    steps: int | None = None,
    workers: int = 1,
    executor: ExecutorLike = None,
    settings: tuple[str, ...] | list[str] = (),
    on_progress: Callable[[int], None] | None = None,
) -> Ensemble:
    """Run a scenario ``runs`` times with per-run seeds from ``SeedSequence(seed)``.

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
    bounds = [(a, min(a + CHUNK_SIZE, runs)) for a in range(0, runs, CHUNK_SIZE)]
    tasks = [(source, seed, runs, a, b, horizon) for a, b in bounds]
    finished = [0]

    def done(index: int, _: State) -> None:
        finished[0] += bounds[index][1] - bounds[index][0]
        if on_progress:
            on_progress(finished[0])

    history = concatenate(run_tasks(run_chunk, tasks, workers, executor, done))
    from alignsim import __version__

    meta = {
        "scenario": reference.name,
        **source.provenance,
        "runs": runs,
        "seed": seed,
        "steps": horizon,
        "start_date": reference.dates[0].isoformat(),
        "uncertain_inputs": isinstance(source, UncertainSource),
        "alignsim_version": __version__,
    }
    return Ensemble(reference, history, seed, meta, source.scenario)
