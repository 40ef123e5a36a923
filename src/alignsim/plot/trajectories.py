"""Alignment of every pair and cohesion of every group over calendar time."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from alignsim.plot._common import (
    date_axis,
    draw_event_key,
    figure_title,
    light_grid,
    mark_events,
    style,
)

#: height in inches of one line of the event key
KEY_LINE = 0.15


def _pairs(results: Any, max_pairs: int) -> list[tuple[str, str]]:
    alignment = results.alignment
    pairs = list(dict.fromkeys(zip(alignment["actor_a"], alignment["actor_b"], strict=True)))
    members = results.meta.get("groups_members")
    if len(pairs) > max_pairs and members:
        keep = {frozenset((a, b)) for m in members.values() for a in m for b in m if a < b}
        pairs = [p for p in pairs if frozenset(p) in keep]
    return pairs


def _side_legend(ax: Any, title: str) -> None:
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        frameon=False,
        title=title,
        title_fontsize=8,
    )


def trajectories_figure(results: Any, max_pairs: int = 32) -> Figure:
    """Each pair's alignment over calendar time, group cohesion below, events marked.

    Events are numbered above the top panel and listed in a key under the figure, so no
    label covers the data.

    Args:
        results: :class:`~alignsim.results.Results` of one run.
        max_pairs: Above this many pairs only the groups' pairs are drawn (when the
            results' meta lists ``groups_members``).

    Returns:
        The figure (panels sharing the date axis).
    """
    alignment, groups, events = results.alignment, results.groups, results.events
    has_groups = not groups.empty
    key_rows = -(-len(events) // 2)
    key_height = KEY_LINE * key_rows + 0.2 if key_rows else 0.0
    heights = [5.2, 2.4] if has_groups else [5.2]
    figure = plt.figure(figsize=(11, sum(heights) + key_height + 0.5), layout="constrained")
    grid = figure.add_gridspec(len(heights) + 1, 1, height_ratios=[*heights, key_height or 1e-3])
    top = figure.add_subplot(grid[0])
    for index, (a, b) in enumerate(_pairs(results, max_pairs)):
        rows = alignment[(alignment["actor_a"] == a) & (alignment["actor_b"] == b)]
        top.plot(rows["date"], rows["value"], label=f"{a}–{b}", linewidth=1.6, **style(index))
    top.axhline(0, color="0.3", linewidth=0.6)
    top.set_ylim(-1.05, 1.05)
    top.set_ylabel("alignment (−1 adversary … +1 ally)")
    top.set_title(figure_title(results, "alignment trajectories"), fontsize=11, loc="left", pad=14)
    _side_legend(top, "pair")
    mark_events(top, events)
    axes = [top]
    if has_groups:
        low = figure.add_subplot(grid[1], sharex=top)
        for index, (name, rows) in enumerate(groups.groupby("group", sort=False)):
            low.plot(rows["date"], rows["cohesion"], label=name, linewidth=2, **style(index))
        low.axhline(0, color="0.3", linewidth=0.6)
        low.set_ylim(-1.05, 1.05)
        low.set_ylabel("group cohesion\n(mean alignment)")
        _side_legend(low, "group")
        mark_events(low, events, label=False)
        axes.append(low)
        top.tick_params(labelbottom=False)
    for ax in axes:
        light_grid(ax)
    date_axis(axes[-1])
    axes[-1].set_xlabel("date")
    key = figure.add_subplot(grid[-1])
    if key_rows:
        key.set_title("events (numbers above the top panel)", fontsize=8, loc="left", color="0.3")
    draw_event_key(key, events)
    return figure
