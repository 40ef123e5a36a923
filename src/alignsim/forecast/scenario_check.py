"""A scenario's own run, as written (its start, its events), scored against the observed index.

Unlike the hindcast, which restarts alignsim from the observed state at each origin, this
scores the trajectories a scenario itself produces: the ensemble's alignment at January of
each year after the start, against the index of that year, next to persistence from the
index at the start year (as known then: pass that year's vintage as ``history``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from alignsim.forecast.baselines import persistence
from alignsim.forecast.frames import Forecasts
from alignsim.forecast.protocol import score


def scenario_forecasts(scenario: Any, runs: int, seed: int) -> Forecasts:
    """The ensemble's alignment of every pair at January of each whole year after the start;
    ``start`` is the scenario's own initial alignment of the pair."""
    from alignsim.ensemble import run_ensemble

    ensemble = run_ensemble(scenario, runs, seed=seed)
    dates = ensemble.compiled.dates
    first = dates[0].year
    steps = {d.year: k for k, d in enumerate(dates) if d == date(d.year, 1, 1) and k > 0}
    actors = ensemble.compiled.actors
    rows, members = [], []
    for year, step in sorted(steps.items()):
        for i in range(len(actors)):
            for j in range(i + 1, len(actors)):
                a, b = sorted((actors[i], actors[j]))
                own = float(ensemble.history.alignment[0, 0, i, j])
                rows.append((year - first, year, a, b, own))
                members.append(ensemble.history.alignment[:, step, i, j])
    keys = pd.DataFrame(rows, columns=["horizon", "year", "a", "b", "start"])
    return Forecasts(keys, np.array(members, float))


def check_scenarios(
    scenarios: dict[str, Any],
    history: pd.DataFrame,
    observed: pd.DataFrame,
    start_year: int,
    runs: int = 200,
    seed: int = 0,
) -> pd.DataFrame:
    """Scores of each scenario's own trajectories and of persistence from ``start_year``.

    Args:
        scenarios: Name -> scenario, each starting in January of ``start_year``.
        history: The index as known at ``start_year`` (years up to it).
        observed: The latest index (scoring only).
        start_year: The scenarios' start year.
        runs, seed: Ensemble size and seed (persistence uses the same).

    Returns:
        One row per forecaster, horizon and pair that has an observation, with every score.
        ``direction_right`` compares the median's move from the forecaster's own start (the
        scenario's initial alignment; the index at the start for persistence) with the
        index's move from its value at the start year.
    """
    known = history[history["year"] <= start_year]
    at_start = known[known["year"] == start_year]
    start = {(a, b): v for a, b, v in zip(at_start["a"], at_start["b"], at_start["alignment"],
                                          strict=True)}  # fmt: skip
    tables = []
    for name, scenario in scenarios.items():
        made = scenario_forecasts(scenario, runs, seed)
        scored = score(made.keys.assign(forecaster=name), made.members, observed)
        index_start = np.array([start.get((a, b), np.nan) for a, b in
                                zip(scored["a"], scored["b"], strict=True)])  # fmt: skip
        median = scored["median_error"] + scored["observed"]
        same = np.sign(median - scored["start"]) == np.sign(scored["observed"] - index_start)
        scored["direction_right"] = np.where(np.isnan(index_start), np.nan, same.astype(float))
        tables.append(scored)
    horizons = sorted(tables[0]["horizon"].unique()) if tables else [1]
    made = persistence(known, start_year, [int(h) for h in horizons], runs,
                       np.random.default_rng(seed))  # fmt: skip
    tables.append(score(made.keys.assign(forecaster="persistence"), made.members, observed))
    return pd.concat(tables, ignore_index=True)
