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
from alignsim.ensemble.summaries import group_series


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
