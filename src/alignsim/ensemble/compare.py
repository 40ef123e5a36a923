"""Two scenarios' outcome distributions compared, with percentile bootstrap intervals.

The difference ``B - A`` of a statistic (mean group cohesion at the horizon, probability
of a bloc configuration) gets a percentile bootstrap interval (Efron & Tibshirani 1993,
ch. 13): runs of each ensemble are resampled with replacement, independently, and the
interval is read from the resampled differences.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alignsim.ensemble.montecarlo import Ensemble
from alignsim.ensemble.summaries import group_series, pair_series


def bootstrap_difference(
    a: np.ndarray,
    b: np.ndarray,
    resamples: int,
    rng: np.random.Generator,
    level: float = 0.95,
) -> tuple[float, float, float]:
    """``mean(b) - mean(a)`` and its percentile bootstrap interval.

    Args:
        a: Per-run values of the first ensemble.
        b: Per-run values of the second.
        resamples: Bootstrap resamples.
        rng: The generator of the resampling.
        level: Coverage of the interval.

    Returns:
        The difference and the interval's lower and upper ends.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    take_a = rng.integers(0, a.size, size=(resamples, a.size))
    take_b = rng.integers(0, b.size, size=(resamples, b.size))
    differences = b[take_b].mean(axis=1) - a[take_a].mean(axis=1)
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(differences, [tail, 1.0 - tail])
    return float(b.mean() - a.mean()), float(low), float(high)


def compare_ensembles(
    first: Ensemble,
    second: Ensemble,
    first_blocs: list[str] | None = None,
    second_blocs: list[str] | None = None,
    resamples: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Differences (second - first) of outcome distributions at the horizon.

    Args:
        first: Ensemble A.
        second: Ensemble B.
        first_blocs: A's landscape configuration per run (see ``bloc_configurations``).
        second_blocs: B's.
        resamples: Bootstrap resamples.
        seed: Seed of the resampling.

    Returns:
        outcome (cohesion | bloc), name, a, b, difference, low, high (95 % interval); one
        row per group both scenarios track and per configuration either ends in.
    """
    rng = np.random.default_rng(seed)
    rows = []
    groups_a, groups_b = group_series(first), group_series(second)
    for name in [g for g in groups_a if g in groups_b]:
        a, b = groups_a[name][:, -1], groups_b[name][:, -1]
        rows.append(
            ("cohesion", name, a.mean(), b.mean(), *bootstrap_difference(a, b, resamples, rng))
        )
    if first_blocs is not None and second_blocs is not None:
        configurations = sorted(set(first_blocs) | set(second_blocs))
        for configuration in configurations:
            a = np.array([c == configuration for c in first_blocs], dtype=float)
            b = np.array([c == configuration for c in second_blocs], dtype=float)
            rows.append(
                (
                    "bloc",
                    configuration,
                    a.mean(),
                    b.mean(),
                    *bootstrap_difference(a, b, resamples, rng),
                )
            )
    return pd.DataFrame(rows, columns=["outcome", "name", "a", "b", "difference", "low", "high"])


def bootstrap_weights(runs: int, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """``(resamples, runs)`` how often each run is drawn in each resample, over ``runs``.

    ``weights @ values`` is then the mean of each bootstrap resample of ``values``.
    """
    counts = rng.multinomial(runs, np.full(runs, 1.0 / runs), size=resamples)
    return counts / runs


def compare_over_time(
    first: Ensemble, second: Ensemble, resamples: int = 2000, seed: int = 0, level: float = 0.95
) -> pd.DataFrame:
    """Differences (second - first) of mean cohesion and mean alignment at every step.

    Each group's cohesion and each pair's alignment get ``mean(B) - mean(A)`` at every
    step with a percentile bootstrap interval (Efron & Tibshirani 1993): the runs of each
    ensemble are resampled with replacement, the same resamples at every step, so the band
    is a band over time of one bootstrap.

    Args:
        first: Ensemble A.
        second: Ensemble B (same actors and calendar); steps kept by both are compared.
        resamples: Bootstrap resamples.
        seed: Seed of the resampling.
        level: Coverage of the band.

    Returns:
        step, date, kind (group | pair), name, a, b, difference, low, high.
    """
    rng = np.random.default_rng(seed)
    kept = [e.kept or tuple(range(e.steps + 1)) for e in (first, second)]
    steps = sorted(set(kept[0]) & set(kept[1]))
    at = [[k.index(step) for step in steps] for k in kept]
    weights = [bootstrap_weights(e.runs, resamples, rng) for e in (first, second)]
    tail = (1.0 - level) / 2.0
    dates = pd.to_datetime([first.compiled.dates[step] for step in steps])
    frames = []
    for kind, series in (("group", group_series), ("pair", pair_series)):
        values_a, values_b = series(first), series(second)
        for name in [n for n in values_a if n in values_b]:
            a, b = values_a[name][:, at[0]], values_b[name][:, at[1]]
            resampled = weights[1] @ b - weights[0] @ a  # (resamples, steps)
            low, high = np.quantile(resampled, [tail, 1.0 - tail], axis=0)
            frames.append(
                pd.DataFrame(
                    {
                        "step": steps,
                        "date": dates,
                        "kind": kind,
                        "name": name,
                        "a": a.mean(axis=0),
                        "b": b.mean(axis=0),
                        "difference": b.mean(axis=0) - a.mean(axis=0),
                        "low": low,
                        "high": high,
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)
