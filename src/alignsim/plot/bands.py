"""Figures of ensembles: median trajectories with 50 % and 90 % quantile bands."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from alignsim.plot._common import date_axis, draw_event_key, light_grid, mark_events, style


def _draw_bands(ax: Any, bands: pd.DataFrame, style: Any) -> None:
    for index, (name, rows) in enumerate(bands.groupby("name", sort=False)):
        look = style(index)
        ax.fill_between(rows["date"], rows["q05"], rows["q95"], color=look["color"], alpha=0.12)
        ax.fill_between(rows["date"], rows["q25"], rows["q75"], color=look["color"], alpha=0.25)
        ax.plot(rows["date"], rows["q50"], label=name, linewidth=1.5, **look)
    ax.axhline(0, color="0.3", linewidth=0.6)
    ax.set_ylim(-1.05, 1.05)


def bands_figure(bands: pd.DataFrame, events: pd.DataFrame, title: str) -> Figure:
    """Pair alignments (top) and group cohesion (bottom) over time: median, 50 % and 90 % bands.

    Args:
        bands: The tidy table of :func:`alignsim.ensemble.summaries.bands_table`.
        events: id, label, step, date of events to mark.
        title: Figure title.

    Returns:
        The figure.
    """
    import matplotlib.pyplot as plt

    pairs = bands[bands["kind"] == "pair"]
    groups = bands[bands["kind"] == "group"]
    panels = [
        (p, label)
        for p, label in ((pairs, "alignment (−1 … +1)"), (groups, "group cohesion"))
        if not p.empty
    ]
    key_rows = -(-len(events) // 2)
    heights = [3.0] * len(panels) + ([0.2 + 0.13 * key_rows] if len(events) else [])
    figure, axes = plt.subplots(
        len(heights),
        1,
        figsize=(11, 1.3 * sum(heights) + 0.6),
        squeeze=False,
        gridspec_kw={"height_ratios": heights},
        layout="constrained",
    )
    first = axes[0, 0]
    for row, (panel, label) in enumerate(panels):
        ax = axes[row, 0]
        if row:
            ax.sharex(first)
        _draw_bands(ax, panel, style)
        mark_events(ax, events, label=row == 0)
        light_grid(ax)
        date_axis(ax)
        ax.set_ylabel(label)
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    for ax in axes[: len(panels) - 1, 0]:
        ax.tick_params(labelbottom=False)
    if len(events):
        draw_event_key(axes[-1, 0], events)
    first.set_title(title, fontsize=11, loc="left", pad=14)
    return figure
