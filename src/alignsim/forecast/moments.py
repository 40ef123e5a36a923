"""Moments of a yearly alignment panel, the same function for the observed index and for
every simulated panel (method of simulated moments; McFadden 1989, Pakes & Pollard 1989).

A panel is ``(..., D, T)``: pairs by consecutive years, NaN where unobserved; leading axes
(simulated runs) are kept. The moments, in order:

- ``mean change A-B``: each pair's mean year-on-year change (one per pair): where the
  drivers take each relation;
- ``var 1y change``, ``var 3y change``: pooled variance of 1- and 3-year changes around
  each pair's mean change: how much relations move, and how much of it lasts;
- ``autocorr of changes``: pooled lag-1 autocorrelation of yearly changes: how fast
  shocks are corrected;
- ``pressure TERM``: the mean product of a driver's pressure in a year (the term evaluated
  on that year's alignments, minus its value in the first year; computed by the caller)
  and the pair's change over the next year: how strongly relations follow that driver;
- ``event NAME A-B``: the change of a pair hit by a dated event from the year before it to
  ``EVENT_YEARS`` years after, signed by the event's direction: the share of the shock
  that lasts (kappa).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: years after an event at which its lasting effect is read
EVENT_YEARS = 3


@dataclass(frozen=True)
class EventWindow:
    """A pair hit by a dated event: its row, the column of the event's year, the sign of the
    shift, and a name for the moment."""

    pair: int
    column: int
    sign: float
    name: str


def changes(values: np.ndarray, lag: int = 1) -> np.ndarray:
    """``lag``-year changes along the last axis (NaN where either end is missing)."""
    return values[..., lag:] - values[..., :-lag]


def _nanmean(x: np.ndarray, axis) -> np.ndarray:
    count = np.sum(~np.isnan(x), axis=axis)
    total = np.nansum(x, axis=axis)
    return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def pooled_variance(values: np.ndarray, lag: int) -> np.ndarray:
    """Variance of ``lag``-year changes around each pair's own mean, pooled over pairs."""
    step = changes(values, lag)
    centred = step - _nanmean(step, -1)[..., None]
    return _nanmean(centred**2, (-2, -1))


def autocorrelation(values: np.ndarray) -> np.ndarray:
    """Lag-1 autocorrelation of yearly changes around each pair's mean, pooled over pairs:
    ``sum c_k c_(k-1) / sum c_k^2`` over every pair's centred changes ``c``."""
    step = changes(values)
    centred = step - _nanmean(step, -1)[..., None]
    numerator = np.nansum(centred[..., 1:] * centred[..., :-1], axis=(-2, -1))
    denominator = np.nansum(centred**2, axis=(-2, -1))
    return numerator / np.where(denominator > 0, denominator, np.nan)


def pressure_moments(values: np.ndarray, pressure: np.ndarray) -> np.ndarray:
    """``(..., P)``: mean of ``pressure[..., p, d, k] * (values[d, k+1] - values[d, k])``."""
    ahead = changes(values)[..., None, :, :]
    return _nanmean(pressure[..., :-1] * ahead, (-2, -1))


def event_moments(values: np.ndarray, windows: list[EventWindow]) -> np.ndarray:
    """``(..., E)``: signed change from the year before each event to ``EVENT_YEARS`` after."""
    last = values.shape[-1] - 1
    out = []
    for w in windows:
        before, after = max(w.column - 1, 0), min(w.column + EVENT_YEARS, last)
        out.append(w.sign * (values[..., w.pair, after] - values[..., w.pair, before]))
    return np.stack(out, -1) if out else np.zeros((*values.shape[:-2], 0))


def moment_names(
    dyads: list[tuple[str, str]], terms: list[str], windows: list[EventWindow]
) -> list[str]:
    """The name of every moment, in order."""
    return [
        *(f"mean change {a}-{b}" for a, b in dyads),
        "var 1y change",
        "var 3y change",
        "autocorr of changes",
        *(f"pressure {t}" for t in terms),
        *(w.name for w in windows),
    ]


def moments(values: np.ndarray, pressure: np.ndarray, windows: list[EventWindow]) -> np.ndarray:
    """Every moment of the panel ``values`` (``(..., D, T)``), ``(..., M)``.

    Args:
        values: Yearly alignment panel(s).
        pressure: ``(..., P, D, T)`` each driver's pressure on each pair and year (zero
            columns allowed for ``P = 0``).
        windows: Pairs hit by dated events.
    """
    return np.concatenate(
        [
            _nanmean(changes(values), -1),
            pooled_variance(values, 1)[..., None],
            pooled_variance(values, 3)[..., None],
            autocorrelation(values)[..., None],
            pressure_moments(values, pressure),
            event_moments(values, windows),
        ],
        axis=-1,
    )
