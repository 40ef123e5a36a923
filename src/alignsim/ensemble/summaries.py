"""Ensemble summaries: quantile bands over time, bloc probabilities, values at the horizon."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from alignsim.analysis import cohesion
from alignsim.ensemble.chunks import SeriesPlan, horizon_blocs, series_plan
from alignsim.ensemble.montecarlo import Ensemble
from alignsim.ensemble.streaming import BINS, QUANTILE_ERROR

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


def quantile_columns(quantiles: tuple[float, ...] = QUANTILES) -> list[str]:
    """Column names ``q05, q25, ...`` of quantiles."""
    return [f"q{round(q * 100):02d}" for q in quantiles]


def pair_series(ensemble: Ensemble) -> dict[str, np.ndarray]:
    """Each pair's alignment ``(runs, kept steps)``, keyed ``"A-B"`` in actor order."""
    actors = ensemble.compiled.actors
    i, j = np.triu_indices(len(actors), k=1)
    values = ensemble.history.alignment[..., i, j]
    return {
        f"{actors[a]}-{actors[b]}": values[..., p]
        for p, (a, b) in enumerate(zip(i, j, strict=True))
    }


def group_series(ensemble: Ensemble) -> dict[str, np.ndarray]:
    """Each group's cohesion ``(runs, kept steps)``."""
    alignment = ensemble.history.alignment
    return {name: cohesion(alignment, m) for name, m in ensemble.compiled.groups.items()}


def _plan(ensemble: Ensemble) -> SeriesPlan:
    return ensemble.series or series_plan(ensemble.compiled)


def quantiles_method(ensemble: Ensemble) -> str:
    """How :func:`bands_table` computes the quantiles of ``ensemble`` (for ``summary.json``)."""
    if ensemble.every_step:
        return "exact (numpy.quantile over the runs kept at every step)"
    return (
        f"streamed histograms ({BINS} bins on [-1, 1]): within {QUANTILE_ERROR:g} "
        "of the exact quantile"
    )


def bands_table(ensemble: Ensemble, quantiles: tuple[float, ...] = QUANTILES) -> pd.DataFrame:
    """Tidy quantile bands: step, date, kind (pair | group), name, q05 .. q95.

    Exact when every step of every run was kept; otherwise read from the histograms streamed
    while the runs went (see :mod:`alignsim.ensemble.streaming` for the error bound). Series:
    see :func:`alignsim.ensemble.chunks.series_plan`.
    """
    steps = ensemble.steps + 1
    dates = pd.to_datetime(list(ensemble.compiled.dates[:steps]))
    columns = quantile_columns(quantiles)
    plan = _plan(ensemble)
    if ensemble.every_step:
        values = plan.values(ensemble.history.alignment)  # (runs, steps, series)
        table = np.quantile(values, quantiles, axis=0).transpose(1, 2, 0)
    else:
        table = ensemble.histograms.quantiles(quantiles)  # (steps, series, quantiles)
    frames = []
    for index, (kind, name) in enumerate(zip(plan.kinds, plan.names, strict=True)):
        frame = pd.DataFrame(table[:, index, :], columns=columns)
        frame.insert(0, "name", name)
        frame.insert(0, "kind", kind)
        frame.insert(0, "date", dates)
        frame.insert(0, "step", np.arange(steps))
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["step", "date", "kind", "name", *columns])
    return pd.concat(frames, ignore_index=True)


def horizon_table(ensemble: Ensemble) -> pd.DataFrame:
    """Each run's series at the last step: run, kind, name, value."""
    plan = _plan(ensemble)
    values = plan.values(ensemble.history.alignment[:, -1])  # (runs, series)
    series = len(plan.names)
    return pd.DataFrame(
        {
            "run": np.tile(np.arange(ensemble.runs), series),
            "kind": np.repeat(np.array(plan.kinds, dtype=object), ensemble.runs),
            "name": np.repeat(np.array(plan.names, dtype=object), ensemble.runs),
            "value": values.T.ravel(),
        }
    )


def bloc_configurations(ensemble: Ensemble, coalitions: int = 2) -> list[str]:
    """Each run's landscape global minimum at the horizon, as text (``"A+B | C"``).

    See :func:`alignsim.ensemble.chunks.horizon_blocs`.
    """
    history = ensemble.history
    names = ensemble.compiled.actors
    sides, _ = horizon_blocs(history.alignment[:, -1], history.capability[:, -1], names, coalitions)
    return sides


def bloc_probabilities(configurations: list[str]) -> pd.DataFrame:
    """Share of runs ending in each configuration: configuration, runs, probability.

    Sorted by decreasing count, ties by configuration text.
    """
    counts = Counter(configurations)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return pd.DataFrame(
        {
            "configuration": [c for c, _ in ranked],
            "runs": [k for _, k in ranked],
            "probability": [k / len(configurations) for _, k in ranked],
        }
    )
