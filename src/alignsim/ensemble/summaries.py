"""Ensemble summaries: quantile bands over time, bloc probabilities, values at the horizon."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from alignsim.analysis import cohesion
from alignsim.ensemble.montecarlo import Ensemble

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


def quantile_columns(quantiles: tuple[float, ...] = QUANTILES) -> list[str]:
    """Column names ``q05, q25, ...`` of quantiles."""
    return [f"q{round(q * 100):02d}" for q in quantiles]


def quantile_bands(values: np.ndarray, quantiles: tuple[float, ...] = QUANTILES) -> np.ndarray:
    """Quantiles over runs: ``(runs, steps)`` in, ``(steps, len(quantiles))`` out."""
    return np.quantile(values, quantiles, axis=0).T


def pair_series(ensemble: Ensemble) -> dict[str, np.ndarray]:
    """Each pair's alignment ``(runs, steps + 1)``, keyed ``"A-B"`` in actor order."""
    actors = ensemble.compiled.actors
    i, j = np.triu_indices(len(actors), k=1)
    values = ensemble.history.alignment[..., i, j]
    return {
        f"{actors[a]}-{actors[b]}": values[..., p]
        for p, (a, b) in enumerate(zip(i, j, strict=True))
    }


def group_series(ensemble: Ensemble) -> dict[str, np.ndarray]:
    """Each group's cohesion ``(runs, steps + 1)``."""
    alignment = ensemble.history.alignment
    return {name: cohesion(alignment, m) for name, m in ensemble.compiled.groups.items()}


def bands_table(ensemble: Ensemble, quantiles: tuple[float, ...] = QUANTILES) -> pd.DataFrame:
    """Tidy quantile bands: step, date, kind (pair | group), name, q05 .. q95."""
    steps = ensemble.steps + 1
    dates = pd.to_datetime(list(ensemble.compiled.dates[:steps]))
    columns = quantile_columns(quantiles)
    frames = []
    for kind, series in (("pair", pair_series(ensemble)), ("group", group_series(ensemble))):
        for name, values in series.items():
            frame = pd.DataFrame(quantile_bands(values, quantiles), columns=columns)
            frame.insert(0, "name", name)
            frame.insert(0, "kind", kind)
            frame.insert(0, "date", dates)
            frame.insert(0, "step", np.arange(steps))
            frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["step", "date", "kind", "name", *columns])
    return pd.concat(frames, ignore_index=True)


def horizon_table(ensemble: Ensemble) -> pd.DataFrame:
    """Each run's pair alignments and group cohesions at the last step: run, kind, name, value."""
    rows = []
    for kind, series in (("pair", pair_series(ensemble)), ("group", group_series(ensemble))):
        for name, values in series.items():
            rows.append(
                pd.DataFrame(
                    {
                        "run": np.arange(ensemble.runs),
                        "kind": kind,
                        "name": name,
                        "value": values[:, -1],
                    }
                )
            )
    return pd.concat(rows, ignore_index=True)


def bloc_configurations(ensemble: Ensemble, coalitions: int = 2) -> list[str]:
    """Each run's landscape global minimum at the horizon, as text (``"A+B | C"``).

    Sizes are the capabilities and propensities the alignments at the last step (landscape
    theory, Axelrod & Bennett 1993; see :func:`alignsim.games.landscape.solve`).
    """
    from alignsim.games.landscape import solve

    names = list(ensemble.compiled.actors)
    sides = []
    for r in range(ensemble.runs):
        found = solve(
            sizes=ensemble.history.capability[r, -1],
            propensity=ensemble.history.alignment[r, -1],
            names=names,
            coalitions=coalitions,
        )
        sides.append(found.sides(0))
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
