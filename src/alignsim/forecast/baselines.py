"""Baseline forecasts per dyad, fitted on the observations up to the origin only.

Each baseline is a forecaster: ``f(history, origin, horizons, members, rng) -> Forecasts``,
where ``history`` holds only years ``<= origin`` (the hindcast protocol cuts it) and
``rng`` is the forecaster's own generator. Members are clipped to the index's range [-1, 1].

- :func:`persistence`: a random walk from the value at the origin whose steps are drawn
  from the dyad's own past year-on-year changes (pooled over dyads when a dyad has fewer
  than :data:`MIN_CHANGES`); the "nothing changes" forecast with honest spread.
- :func:`persistence_direct`: the value at the origin plus one of the dyad's own past
  ``h``-year changes for ``h`` years ahead (the spread the history shows at that horizon).
- :func:`persistence_measured`: persistence plus the index's own measurement error at the
  origin, a stricter reference for forecasters that model measurement error.
- :func:`ar1`: ``y_t = c + phi y_(t-1) + e`` by least squares per dyad (phi cut to
  [-1, 1]), paths driven by resampled residuals (Box & Jenkins 1970).
- :func:`trend`: a straight line through the dyad's past values, with the normal
  prediction interval of least squares.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alignsim.forecast.frames import (
    Forecasts,
    Panel,
    at_origin,
    forecasts,
    panel,
    with_measurement_error,
)

#: fewest own year-on-year changes (or AR residuals) before a dyad falls back on the pool
MIN_CHANGES = 5


def _changes(values: np.ndarray, years: int = 1) -> np.ndarray:
    """Changes over ``years`` years between observed years of one dyad (year-on-year by default)."""
    step = values[years:] - values[:-years]
    return step[~np.isnan(step)]


def _pool(rows: list[np.ndarray]) -> np.ndarray:
    """The rows' values pooled (a single zero when there are none)."""
    pooled = np.concatenate(rows) if rows else np.empty(0)
    return pooled if pooled.size else np.zeros(1)


def _own_or_pooled(own: np.ndarray, pooled: np.ndarray) -> np.ndarray:
    return own if own.size >= MIN_CHANGES else pooled


def persistence(
    history: pd.DataFrame, origin: int, horizons: list[int], members: int, rng: np.random.Generator
) -> Forecasts:
    """Random walk from the value at the origin with empirical innovations."""
    dyads, start, rows = at_origin(panel(history), origin)
    steps = max(horizons)
    changes = [_changes(v) for v in rows.value]
    pooled = _pool(changes)
    paths = np.empty((len(dyads), members, steps))
    for i, own in enumerate(changes):
        draws = rng.choice(_own_or_pooled(own, pooled), size=(members, steps))
        paths[i] = start[i] + np.cumsum(draws, axis=1)
    return forecasts(dyads, start, origin, horizons, paths)


def persistence_direct(
    history: pd.DataFrame, origin: int, horizons: list[int], members: int, rng: np.random.Generator
) -> Forecasts:
    """Persistence whose value ``h`` years ahead is the origin's value plus one of the dyad's
    own past ``h``-year changes (pooled over dyads with fewer than :data:`MIN_CHANGES`).

    A random walk of year-on-year changes understates how far a smoothed index moves in ``h``
    years (its changes are positively correlated); drawing the ``h``-year change directly
    gives "nothing changes" the spread the same history shows (audit, docs/validation.md).
    """
    dyads, start, rows = at_origin(panel(history), origin)
    paths = np.empty((len(dyads), members, max(horizons)))
    for h in range(1, max(horizons) + 1):
        changes = [_changes(v, h) for v in rows.value]
        pooled = _pool(changes)
        for i, own in enumerate(changes):
            paths[i, :, h - 1] = start[i] + rng.choice(_own_or_pooled(own, pooled), size=members)
    return forecasts(dyads, start, origin, horizons, paths)


def persistence_measured(
    history: pd.DataFrame, origin: int, horizons: list[int], members: int, rng: np.random.Generator
) -> Forecasts:
    """Persistence whose members also carry the index's measurement error at the origin.

    The value at the origin is itself an estimate (sd from its 90% interval); this baseline
    adds a normal draw of that size to every member, so that a forecaster cannot beat
    persistence merely by admitting the measurement error.
    """
    made = persistence(history, origin, horizons, members, rng)
    return with_measurement_error(made, panel(history), origin, rng)


def _ar_pairs(before: np.ndarray, after: np.ndarray) -> tuple[float, float, np.ndarray] | None:
    """Intercept, slope (cut to [-1, 1]) and residuals of ``after`` on ``before``."""
    ok = ~(np.isnan(before) | np.isnan(after))
    if ok.sum() < MIN_CHANGES:
        return None
    x, y = before[ok], after[ok]
    spread = np.var(x)
    slope = float(np.cov(x, y, bias=True)[0, 1] / spread) if spread > 0 else 1.0
    slope = float(np.clip(slope, -1.0, 1.0))
    intercept = float(y.mean() - slope * x.mean())
    return intercept, slope, y - intercept - slope * x


def _ar_fit(values: np.ndarray) -> tuple[float, float, np.ndarray] | None:
    """AR(1) of one dyad's consecutive observed years (None with too few)."""
    return _ar_pairs(values[:-1], values[1:])


def _pooled_ar(rows: Panel) -> tuple[float, float, np.ndarray]:
    """AR(1) of every dyad's consecutive years together (a random walk with none)."""
    fit = _ar_pairs(rows.value[:, :-1].ravel(), rows.value[:, 1:].ravel())
    return fit if fit is not None else (0.0, 1.0, np.zeros(1))


def ar1(
    history: pd.DataFrame, origin: int, horizons: list[int], members: int, rng: np.random.Generator
) -> Forecasts:
    """AR(1) per dyad by least squares, paths with resampled residuals."""
    dyads, start, rows = at_origin(panel(history), origin)
    steps = max(horizons)
    pooled = _pooled_ar(rows) if any(_ar_fit(v) is None for v in rows.value) else None
    paths = np.empty((len(dyads), members, steps))
    for i, values in enumerate(rows.value):
        intercept, slope, residuals = _ar_fit(values) or pooled
        draws = rng.choice(residuals, size=(members, steps))
        level = np.full(members, start[i])
        for h in range(steps):
            level = np.clip(intercept + slope * level + draws[:, h], -1.0, 1.0)
            paths[i, :, h] = level
    return forecasts(dyads, start, origin, horizons, paths)


def trend(
    history: pd.DataFrame, origin: int, horizons: list[int], members: int, rng: np.random.Generator
) -> Forecasts:
    """Least-squares line per dyad with its normal prediction interval.

    A dyad with fewer than three observed years gets a flat line at its value at the origin
    with the spread of the pooled year-on-year changes.
    """
    data = panel(history)
    dyads, start, rows = at_origin(data, origin)
    steps = np.arange(1, max(horizons) + 1, dtype=float)
    pooled_sd = float(np.std(_pool([_changes(v) for v in rows.value])))
    paths = np.empty((len(dyads), members, len(steps)))
    for i, values in enumerate(rows.value):
        ok = ~np.isnan(values)
        t = rows.years[ok].astype(float) - origin
        y = values[ok]
        if t.size < 3:
            mean, sd = np.full(steps.size, start[i]), np.full(steps.size, pooled_sd)
        else:
            slope, intercept = np.polyfit(t, y, 1)
            residual = y - (intercept + slope * t)
            s = np.sqrt(residual @ residual / (t.size - 2))
            leverage = 1.0 / t.size + (steps - t.mean()) ** 2 / np.sum((t - t.mean()) ** 2)
            mean, sd = intercept + slope * steps, s * np.sqrt(1.0 + leverage)
        paths[i] = mean + sd * rng.standard_normal((members, steps.size))
    return forecasts(dyads, start, origin, horizons, paths)


#: the baselines by name, in the order they are reported
BASELINES = {
    "persistence": persistence,
    "persistence_measured": persistence_measured,
    "ar1": ar1,
    "trend": trend,
}
