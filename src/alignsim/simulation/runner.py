"""The Python entry point: ``simulate(scenario_or_path, steps=None, seed=0)``."""

from __future__ import annotations

import os
from typing import Any

from alignsim.results import Results
from alignsim.scenario import load_scenario, scenario_hash
from alignsim.simulation.compiled import compile_scenario
from alignsim.simulation.model import AlignmentModel


def simulate(
    scenario: Any,
    steps: int | None = None,
    seed: int = 0,
    settings: list[str] | tuple[str, ...] = (),
    blocs: bool | None = None,
) -> Results:
    """Run a scenario once with the Mesa model and return its tidy results.

    Args:
        scenario: A validated scenario, a path to a YAML file or a bundled scenario name.
        steps: Number of steps (default: the scenario's ``time.steps``; at most that).
        seed: Seed of the run's only random generator.
        settings: ``PATH=VALUE`` overrides applied when loading from a path (whose
            uncertain inputs are then drawn from ``seed``, as ``alignsim run`` does).
        blocs: Add the landscape blocs at every step (default: when there are at most
            :data:`alignsim.analysis.blocs.AUTO_LIMIT` actors).

    Returns:
        :class:`~alignsim.results.Results` with alignment, positions, groups and system tables.
    """
    from alignsim import __version__

    if isinstance(scenario, str | os.PathLike):
        scenario = load_scenario(scenario, settings, rng=seed)
    compiled = compile_scenario(scenario)
    horizon = compiled.steps if steps is None else steps
    if not 0 <= horizon <= compiled.steps:
        raise ValueError(f"steps must be between 0 and {compiled.steps}, got {horizon}")
    model = AlignmentModel(compiled, rng=seed).run(horizon)
    meta = {
        "scenario": scenario.name,
        "title": scenario.title,
        "scenario_hash": scenario_hash(scenario),
        "seed": seed,
        "steps": horizon,
        "start_date": compiled.dates[0].isoformat(),
        "alignsim_version": __version__,
    }
    if blocs is None:
        from alignsim.analysis.blocs import AUTO_LIMIT

        blocs = len(compiled.actors) <= AUTO_LIMIT
    results = Results.from_history(
        compiled, model.stacked_history(), meta, blocs=blocs, fired=model.fired_at
    )
    results.scenario = scenario.model_dump(mode="json")
    return results
