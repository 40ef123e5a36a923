"""Observed alignment (the index of docs/observed.md) drawn over simulated trajectories."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.lines import Line2D

from alignsim.plot._common import style

#: what the legend and captions call the observed points
OBSERVED_LABEL = "observed index, 90 % interval"
#: days between the points of neighbouring pairs in one year
SPREAD_DAYS = 12


def draw_observed(ax: Any, points: pd.DataFrame, pairs: list[tuple[str, str]]) -> int:
    """Draw each pair's observed points with their intervals, coloured as the pair's line.

    Args:
        ax: the axes of the trajectories.
        points: rows of actor_a, actor_b (in the pair's own order), date, alignment, low, high
            (from :func:`alignsim.observed.overlay.observed_points`).
        pairs: the pairs drawn, in the order that sets their colours (:func:`style`).

    Returns:
        The number of points drawn.
    """
    drawn = 0
    for index, (a, b) in enumerate(pairs):
        rows = points[(points["actor_a"] == a) & (points["actor_b"] == b)]
        if rows.empty:
            continue
        # pairs side by side around 1 July, SPREAD_DAYS apart, so equal values stay visible
        shift = pd.Timedelta(days=SPREAD_DAYS * (index - (len(pairs) - 1) / 2))
        value = rows["alignment"].to_numpy()
        below = value - rows["low"].to_numpy()
        above = rows["high"].to_numpy() - value
        ax.errorbar(
            pd.to_datetime(rows["date"]) + shift,
            value,
            yerr=[below, above],
            fmt="o",
            markersize=3.5,
            elinewidth=0.9,
            capsize=1.5,
            color=style(index)["color"],
            alpha=0.85,
            zorder=3,
        )
        drawn += len(rows)
    return drawn


def observed_handle() -> Line2D:
    """A legend entry for the observed points."""
    return Line2D(
        [], [], color="0.3", marker="o", linestyle="none", markersize=4, label=OBSERVED_LABEL
    )
