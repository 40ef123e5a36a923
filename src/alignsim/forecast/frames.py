"""The observed index as arrays, and forecasts as a table of keys plus ensemble members.

An observed frame has one row per dyad-year: ``year, a, b, alignment, low, high`` (the
index and its 90% interval, ``a < b``); missing values are NaN.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

OBSERVED_COLUMNS = ("year", "a", "b", "alignment", "low", "high")
#: z value of a central 90% normal interval: the index's interval to a standard deviation
Z90 = 1.6448536269514722


@dataclass(frozen=True)
class Panel:
    """An observed frame as dyad x year arrays.

    Attributes:
        dyads: ``(a, b)`` per row, sorted.
        years: Consecutive years (columns), first to last observed.
        value: Index, shape ``(dyads, years)``, NaN where missing.
        sd: Measurement standard deviation from the 90% interval, same shape.
    """

    dyads: list[tuple[str, str]]
    years: np.ndarray
    value: np.ndarray
    sd: np.ndarray


def panel(frame: pd.DataFrame) -> Panel:
    """The frame's dyad x year arrays (years filled in consecutively, gaps NaN)."""
    rows = frame.dropna(subset=["alignment"])
    dyads = sorted({(str(a), str(b)) for a, b in zip(rows["a"], rows["b"], strict=True)})
    first, last = int(rows["year"].min()), int(rows["year"].max())
    years = np.arange(first, last + 1)
    value = np.full((len(dyads), len(years)), np.nan)
    sd = np.full_like(value, np.nan)
    index = {d: i for i, d in enumerate(dyads)}
    r = np.array([index[(str(a), str(b))] for a, b in zip(rows["a"], rows["b"], strict=True)])
    c = rows["year"].to_numpy(int) - first
    value[r, c] = rows["alignment"].to_numpy(float)
    sd[r, c] = (rows["high"].to_numpy(float) - rows["low"].to_numpy(float)) / (2 * Z90)
    return Panel(dyads, years, value, sd)


@dataclass(frozen=True)
class Forecasts:
    """Ensemble forecasts: one row of ``keys`` per (horizon, dyad), ``members`` alongside.

    Attributes:
        keys: Columns ``horizon, year, a, b, start`` (``start``: the index at the origin).
        members: Ensemble values, shape ``(len(keys), m)``.
    """

    keys: pd.DataFrame
    members: np.ndarray


def forecasts(
    dyads: list[tuple[str, str]],
    start: np.ndarray,
    origin: int,
    horizons: list[int],
    paths: np.ndarray,
) -> Forecasts:
    """Forecasts from simulated paths ``(dyads, m, max horizon)``, clipped to [-1, 1]."""
    rows, members = [], []
    for h in horizons:
        for i, (a, b) in enumerate(dyads):
            rows.append((h, origin + h, a, b, start[i]))
            members.append(paths[i, :, h - 1])
    keys = pd.DataFrame(rows, columns=["horizon", "year", "a", "b", "start"])
    return Forecasts(keys, np.clip(np.array(members, float), -1.0, 1.0))


def at_origin(observed: Panel, origin: int) -> tuple[list[tuple[str, str]], np.ndarray, Panel]:
    """Dyads observed at ``origin``, their values there, and their rows of the panel."""
    column = int(origin - observed.years[0])
    if not 0 <= column < len(observed.years):
        empty = np.empty((0, len(observed.years)))
        return [], np.empty(0), Panel([], observed.years, empty, empty.copy())
    keep = ~np.isnan(observed.value[:, column])
    rows = Panel(
        [d for d, k in zip(observed.dyads, keep, strict=True) if k],
        observed.years,
        observed.value[keep],
        observed.sd[keep],
    )
    return rows.dyads, rows.value[:, column], rows


def with_measurement_error(
    made: Forecasts, observed: Panel, origin: int, rng: np.random.Generator
) -> Forecasts:
    """Forecasts of the *observed* index: each member plus a normal draw of the index's
    measurement error at the origin (sd from its 90% interval), clipped to [-1, 1].

    The index is ``y = state + e``. A forecast of the state (a random walk, an ensemble of
    alignsim) leaves out ``e``, which the outcome it is scored against carries. Its size
    in the target year is unknown at the origin; the vintage's error at the origin is what
    a forecaster knows then (no later information).
    """
    if made.keys.empty:
        return made
    column = int(origin - observed.years[0])
    sd = dict(zip(observed.dyads, observed.sd[:, column], strict=True))
    spread = np.array([sd[(a, b)] for a, b in zip(made.keys["a"], made.keys["b"], strict=True)])
    noisy = made.members + spread[:, None] * rng.standard_normal(made.members.shape)
    return Forecasts(made.keys, np.clip(noisy, -1.0, 1.0))
