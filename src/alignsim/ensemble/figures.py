"""Figures of ensembles: median trajectories with 50 % and 90 % quantile bands."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure


def events_table(compiled: Any, steps: int) -> pd.DataFrame:
    """id, label, step, date of the scheduled events up to ``steps``."""
    rows = [
        (e.id, e.label, e.step, pd.Timestamp(compiled.dates[e.step]))
        for events in compiled.schedule.values()
        for e in events
        if e.step <= steps
    ]
    return pd.DataFrame(rows, columns=["id", "label", "step", "date"])


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

    from alignsim.plot import mark_events, style

    pairs = bands[bands["kind"] == "pair"]
    groups = bands[bands["kind"] == "group"]
    panels = [p for p in (pairs, groups) if not p.empty]
    figure, axes = plt.subplots(
        len(panels),
        1,
        sharex=True,
        figsize=(11, 3.8 * len(panels)),
        squeeze=False,
        layout="constrained",
    )
    labels = {id(pairs): "alignment (−1 … +1)", id(groups): "group cohesion"}
    for ax, panel in zip(axes[:, 0], panels, strict=True):
        _draw_bands(ax, panel, style)
        mark_events(ax, events, label=ax is axes[0, 0])
        ax.set_ylabel(labels[id(panel)])
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    axes[0, 0].set_title(title, fontsize=11, loc="left", pad=14)
    return figure
