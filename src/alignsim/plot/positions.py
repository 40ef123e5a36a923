"""Issue positions of every actor over calendar time, one panel per issue."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from alignsim.plot._common import date_axis, figure_title, light_grid, mark_events, style


def positions_figure(
    results: Any,
    issues: Sequence[str] | None = None,
    actors: Sequence[str] | None = None,
    columns: int = 3,
) -> Figure:
    """Each actor's position on each issue (on the issue's own scale) over time.

    Args:
        results: :class:`~alignsim.results.Results` of one run.
        issues: Issues to draw (default: all, in scenario order).
        actors: Actors to draw (default: all).
        columns: Panels per row.

    Returns:
        The figure: small multiples sharing the date axis, events as dotted lines, one
        legend of actors beside the panels.
    """
    table = results.positions
    issues = list(issues) if issues is not None else list(dict.fromkeys(table["issue"]))
    actors = list(actors) if actors is not None else list(dict.fromkeys(table["actor"]))
    unknown = [i for i in issues if i not in set(table["issue"])]
    unknown += [a for a in actors if a not in set(table["actor"])]
    if unknown:
        raise ValueError(f"not in these results: {', '.join(unknown)}")
    if not issues:
        figure, ax = plt.subplots(figsize=(6, 2))
        ax.text(0.5, 0.5, "this scenario has no issues", ha="center", va="center")
        ax.set_axis_off()
        return figure
    columns = max(1, min(columns, len(issues)))
    rows = math.ceil(len(issues) / columns)
    figure, axes = plt.subplots(
        rows,
        columns,
        figsize=(3.6 * columns + 1.4, 2.3 * rows + 0.8),
        sharex=True,
        squeeze=False,
        layout="constrained",
    )
    for number, issue in enumerate(issues):
        ax = axes.flat[number]
        subset = table[table["issue"] == issue]
        for index, actor in enumerate(actors):
            line = subset[subset["actor"] == actor]
            ax.plot(line["date"], line["position"], label=actor, linewidth=1.5, **style(index))
        mark_events(ax, results.events, label=False)
        ax.set_title(issue, fontsize=9, loc="left")
        low, high = subset["position"].min(), subset["position"].max()
        if low >= -1 and high <= 1:
            ax.set_ylim(-1.08, 1.08)
            ax.axhline(0, color="0.3", linewidth=0.5)
        ax.tick_params(labelsize=8)
        light_grid(ax)
        date_axis(ax)
    for ax in axes.flat[len(issues) :]:
        ax.set_axis_off()
    for ax in axes[:, 0]:
        ax.set_ylabel("position", fontsize=8)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    figure.legend(
        handles,
        labels,
        loc="outside right upper",
        frameon=False,
        fontsize=8,
        title="actor",
        title_fontsize=8,
    )
    figure.suptitle(
        figure_title(results, "issue positions (dotted lines: events)", width=3.6 * columns + 1.2),
        fontsize=10,
        x=0.01,
        ha="left",
    )
    return figure
