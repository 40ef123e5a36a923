"""Actors' interest profiles: position (colour) and salience (dot area) on every issue."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from alignsim.plot._common import DIVERGING, date_of, figure_title, step_at

#: marker area (points^2) of salience 1
FULL_SALIENCE_AREA = 900.0


def _scales(
    table: Any, issues: list[str], scales: Mapping[str, tuple[float, float]] | None
) -> dict[str, tuple[float, float]]:
    """Each issue's scale: given, else [-1, 1] when every position fits, else observed range."""
    if scales is not None:
        return {issue: tuple(map(float, scales[issue])) for issue in issues}
    found = {}
    for issue in issues:
        values = table.loc[table["issue"] == issue, "position"]
        low, high = float(values.min()), float(values.max())
        found[issue] = (-1.0, 1.0) if low >= -1 and high <= 1 else (low, high)
    return found


def profiles_figure(
    results: Any,
    at: Any = None,
    scales: Mapping[str, tuple[float, float]] | None = None,
    issue_labels: Mapping[str, str] | None = None,
) -> Figure:
    """Every actor's position and salience on every issue at a date (default: last step).

    One row per actor, one column per issue. The dot's colour is the position on the
    issue's scale (diverging 'RdBu', the scale's midpoint white) and its area the
    salience; the position is also written under the dot.

    Args:
        results: :class:`~alignsim.results.Results` of one run.
        at: Date or step; default the last step (use 0 for the scenario's inputs).
        scales: Issue -> (low, high) of its scale (default: [-1, 1] when every position
            fits in it, else the observed range).
        issue_labels: Issue -> label for the columns (default: issue ids).

    Returns:
        The figure.
    """
    step = step_at(results, at)
    table = results.positions[results.positions["step"] == step]
    actors = list(dict.fromkeys(table["actor"]))
    issues = list(dict.fromkeys(table["issue"]))
    if not issues:
        figure, ax = plt.subplots(figsize=(6, 2))
        ax.text(0.5, 0.5, "this scenario has no issues", ha="center", va="center")
        ax.set_axis_off()
        return figure
    ranges = _scales(results.positions, issues, scales)
    width = min(max(5.0, 0.85 * len(issues) + 3.0), 24)
    height = max(3.0, 0.75 * len(actors) + 2.6)
    figure, ax = plt.subplots(figsize=(width, height), layout="constrained")
    cmap = plt.get_cmap(DIVERGING)
    for row in table.itertuples():
        x, y = issues.index(row.issue), actors.index(row.actor)
        low, high = ranges[row.issue]
        relative = 0.0 if high == low else 2 * (row.position - low) / (high - low) - 1
        ax.scatter(
            x,
            y,
            s=max(FULL_SALIENCE_AREA * row.salience, 4.0),
            color=cmap((relative + 1) / 2),
            edgecolors="0.25",
            linewidths=0.6,
            zorder=2,
        )
        ax.text(
            x,
            y + 0.36,
            f"{row.position:+.2f}" if low < 0 < high else f"{row.position:.3g}",
            ha="center",
            va="top",
            fontsize=7,
            color="0.25",
        )
    labels = [(issue_labels or {}).get(i, i) for i in issues]
    ax.set_xticks(range(len(issues)), labels, rotation=35, ha="right", fontsize=8.5)
    ax.set_yticks(range(len(actors)), actors)
    ax.set_xlim(-0.6, len(issues) - 0.4)
    ax.set_ylim(len(actors) - 0.4, -0.6)
    ax.tick_params(length=0)
    for edge in ax.spines.values():
        edge.set_visible(False)
    ax.set_xticks(np.arange(len(issues) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(actors) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="0.9", linewidth=0.8)
    ax.tick_params(which="minor", length=0)
    mappable = plt.cm.ScalarMappable(cmap=cmap, norm=plt.Normalize(-1, 1))
    bar = figure.colorbar(
        mappable, ax=ax, shrink=min(0.7, 4.0 / height), ticks=[-1, 0, 1], pad=0.01
    )
    bar.ax.set_yticklabels(["scale low", "midpoint", "scale high"], fontsize=8)
    bar.set_label("position (colour)", fontsize=8)
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="white",
            markeredgecolor="0.25",
            markersize=np.sqrt(FULL_SALIENCE_AREA * s),
            label=f"{s:g}",
        )
        for s in (0.25, 0.5, 1.0)
    ]
    ax.legend(
        handles=handles,
        title="salience (area)",
        loc="upper left",
        bbox_to_anchor=(1.0, -0.02),
        frameon=False,
        fontsize=8,
        title_fontsize=8,
        labelspacing=1.8,
        borderpad=1.0,
        handletextpad=1.6,
    )
    when = date_of(results, step)
    ax.set_title(
        figure_title(
            results,
            f"interest profiles on {when:%Y-%m-%d} (step {step})",
            two_lines=len(issues) < 10,
            width=width - 1.5,
        ),
        fontsize=10,
        loc="left",
    )
    return figure
