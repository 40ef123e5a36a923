"""Scores of probabilistic forecasts against observed values (smaller is better unless named).

Every function takes arrays: ``observed`` of shape ``(k,)`` and ensemble ``members`` of
shape ``(k, m)`` (one row per forecast). The continuous ranked probability score comes from
the ``scoringrules`` library (Zamo & Naveau 2018 estimators; Gneiting & Raftery 2007).
"""

from __future__ import annotations

import numpy as np
import scoringrules

#: quantile levels written for every forecast
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
#: nominal coverage of the central interval that is scored
INTERVAL = 0.9


def crps(observed: np.ndarray, members: np.ndarray) -> np.ndarray:
    """CRPS of ensemble forecasts, ``E|X - y| - E|X - X'| / 2`` over the empirical members.

    Args:
        observed: Observed values, shape ``(k,)``.
        members: Ensemble members, shape ``(k, m)``.

    Returns:
        One score per forecast (NaN where the observation is missing).
    """
    return np.asarray(
        scoringrules.crps_ensemble(
            np.asarray(observed, float), np.asarray(members, float), backend="numpy"
        )
    )


def crps_from_quantiles(
    observed: np.ndarray, quantiles: np.ndarray, levels: np.ndarray
) -> np.ndarray:
    """CRPS approximated by twice the mean pinball loss over quantile levels.

    For forecasts stored as quantiles (Berrisch & Ziel 2023), via ``scoringrules``.
    """
    return np.asarray(
        scoringrules.crps_quantile(
            np.asarray(observed, float),
            np.asarray(quantiles, float),
            np.asarray(levels, float),
            backend="numpy",
        )
    )


def quantiles(members: np.ndarray, levels: tuple[float, ...] = QUANTILES) -> np.ndarray:
    """Empirical quantiles of each row (linear interpolation), shape ``(k, len(levels))``."""
    return np.quantile(np.asarray(members, float), levels, axis=1).T


def interval_bounds(members: np.ndarray, level: float = INTERVAL) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper ends of each row's central ``level`` interval."""
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(np.asarray(members, float), (tail, 1.0 - tail), axis=1)
    return low, high


def covered(observed: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """1.0 where ``low <= observed <= high``, 0.0 elsewhere, NaN where unobserved."""
    observed = np.asarray(observed, float)
    inside = ((low <= observed) & (observed <= high)).astype(float)
    return np.where(np.isnan(observed), np.nan, inside)


def interval_score(
    observed: np.ndarray, low: np.ndarray, high: np.ndarray, level: float = INTERVAL
) -> np.ndarray:
    """Interval (Winkler) score of central ``level`` intervals (Gneiting & Raftery 2007):
    width plus ``2 / alpha`` times the distance by which the observation falls outside."""
    return np.asarray(
        scoringrules.interval_score(
            np.asarray(observed, float),
            np.asarray(low, float),
            np.asarray(high, float),
            1.0 - level,
            backend="numpy",
        )
    )


def median_error(observed: np.ndarray, median: np.ndarray) -> np.ndarray:
    """Forecast median minus observation (signed; its absolute value is the error)."""
    return np.asarray(median, float) - np.asarray(observed, float)


def direction_right(observed: np.ndarray, median: np.ndarray, start: np.ndarray) -> np.ndarray:
    """1.0 where the median moves from ``start`` the way the observation did, else 0.0.

    A change of exactly zero counts as its own direction (sign 0). NaN where the
    observation or the start is missing.
    """
    observed, start = np.asarray(observed, float), np.asarray(start, float)
    same = np.sign(np.asarray(median, float) - start) == np.sign(observed - start)
    return np.where(np.isnan(observed) | np.isnan(start), np.nan, same.astype(float))


def score_table(observed: np.ndarray, members: np.ndarray, start: np.ndarray) -> dict:
    """Every score of each forecast: columns for a score table.

    Returns:
        ``crps``, ``covered90``, ``interval_score90``, ``median_error``, ``abs_median_error``
        and ``direction_right``, each an array of shape ``(k,)``.
    """
    low, high = interval_bounds(members)
    median = np.median(np.asarray(members, float), axis=1)
    error = median_error(observed, median)
    return {
        "crps": crps(observed, members),
        "covered90": covered(observed, low, high),
        "interval_score90": interval_score(observed, low, high),
        "median_error": error,
        "abs_median_error": np.abs(error),
        "direction_right": direction_right(observed, median, start),
    }
