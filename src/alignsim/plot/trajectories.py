"""Alignment of every pair and cohesion of every group over calendar time."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from alignsim.plot._common import (
    KEY_LINE,
    date_axis,
    draw_event_key,
    figure_title,
    light_grid,
    mark_events,
    side_legend,
    style,
)
from alignsim.plot.observed import draw_observed, observed_handle


def highlighted_pairs(
    results: Any, max_pairs: int, highlight: int
) -> tuple[list[tuple[str, str]], str]:
    """The pairs drawn in colour, and how they were selected ("" when all are drawn).

    Up to ``max_pairs`` pairs all are drawn. Beyond, the pairs inside the groups listed in
    the results' meta ``groups_members`` are chosen when there are at most ``max_pairs``
    of them, else the ``highlight`` pairs whose alignment changed most from the first to
    the last step (ties keep scenario order).
    """
    alignment = results.alignment
    pairs = list(dict.fromkeys(zip(alignment["actor_a"], alignment["actor_b"], strict=True)))
    if len(pairs) <= max_pairs:
        return pairs, ""
    members = results.meta.get("groups_members") or {}
    inside = {frozenset((a, b)) for m in members.values() for a in m for b in m if a != b}
    chosen = [p for p in pairs if frozenset(p) in inside]
    if chosen and len(chosen) <= max_pairs:
        return chosen, "inside groups"
    first = alignment[alignment["step"] == alignment["step"].min()]
    last = alignment[alignment["step"] == alignment["step"].max()]
    change = np.abs(last["value"].to_numpy() - first["value"].to_numpy())
    order = sorted(range(len(pairs)), key=lambda k: -change[k])
    return [pairs[k] for k in sorted(order[:highlight])], "that changed most"


def trajectories_figure(
    results: Any, max_pairs: int = 16, highlight: int = 8, observed: Any = None
) -> Figure:
    """Each pair's alignment over calendar time, group cohesion and landscape blocs below.

    Events are numbered above the top panel and listed in a key under the figure, so no
    label covers the data. The bloc timeline (when the results carry a ``blocs`` table)
    shows each actor's landscape bloc at every step.

    Args:
        results: :class:`~alignsim.results.Results` of one run.
        max_pairs: Above this many pairs every pair is drawn as a thin grey line and only
            a selection in colour (see :func:`highlighted_pairs`).
        highlight: Pairs drawn in colour when the selection is by change.
        observed: optional observed points of the pairs (actor_a, actor_b, date, alignment,
            low, high; :func:`alignsim.observed.overlay.observed_points`), drawn with their
            intervals in the colour of each coloured pair.

    Returns:
        The figure (panels sharing the date axis).
    """
    alignment, groups, events = results.alignment, results.groups, results.events
    has_groups = not groups.empty
    key_rows = -(-len(events) // 2)
    key_height = KEY_LINE * key_rows + 0.2 if key_rows else 0.0
    blocs = getattr(results, "extra", {}).get("blocs")
    has_blocs = blocs is not None and not blocs.empty
    actors = len(set(alignment["actor_a"]) | set(alignment["actor_b"]))
    heights = [5.2] + ([2.4] if has_groups else []) + ([0.3 * actors + 0.4] if has_blocs else [])
    figure = plt.figure(figsize=(11, sum(heights) + key_height + 0.5), layout="constrained")
    grid = figure.add_gridspec(len(heights) + 1, 1, height_ratios=[*heights, key_height or 1e-3])
    top = figure.add_subplot(grid[0])
    pairs, selected = highlighted_pairs(results, max_pairs, highlight)
    if selected:
        wide = alignment.pivot(index="date", columns=["actor_a", "actor_b"], values="value")
        top.plot(wide.index, wide.to_numpy(), color="0.8", linewidth=0.5, zorder=0)
    for index, (a, b) in enumerate(pairs):
        rows = alignment[(alignment["actor_a"] == a) & (alignment["actor_b"] == b)]
        top.plot(rows["date"], rows["value"], label=f"{a}–{b}", linewidth=1.6, **style(index))
    top.axhline(0, color="0.3", linewidth=0.6)
    top.set_ylim(-1.05, 1.05)
    top.set_ylabel("alignment (−1 adversary … +1 ally)")
    what = "alignment trajectories"
    extra = None
    if observed is not None and draw_observed(top, observed, pairs):
        extra = observed_handle()
        what += " and observed alignment"
    if selected:
        total = alignment.groupby(["actor_a", "actor_b"]).ngroups
        what += f" (grey: all {total} pairs; coloured: the {len(pairs)} {selected})"
    title = figure_title(results, what, two_lines=True, width=9.2, fontsize=11)
    top.set_title(title, fontsize=11, loc="left", pad=14)
    side_legend(top, extra, title="pair")
    mark_events(top, events)
    axes = [top]
    if has_groups:
        low = figure.add_subplot(grid[1], sharex=top)
        for index, (name, rows) in enumerate(groups.groupby("group", sort=False)):
            low.plot(rows["date"], rows["cohesion"], label=name, linewidth=2, **style(index))
        low.axhline(0, color="0.3", linewidth=0.6)
        low.set_ylim(-1.05, 1.05)
        low.set_ylabel("group cohesion\n(mean alignment)")
        side_legend(low, title="group")
        mark_events(low, events, label=False)
        axes.append(low)
        top.tick_params(labelbottom=False)
    if has_blocs:
        from alignsim.plot.blocs import draw_bloc_timeline

        timeline = figure.add_subplot(grid[len(axes)], sharex=top)
        draw_bloc_timeline(timeline, results, blocs, label_events=False)
        axes[-1].tick_params(labelbottom=False)
        axes.append(timeline)
    for ax in axes[: 2 if has_groups else 1]:
        light_grid(ax)
    date_axis(axes[-1])
    axes[-1].set_xlabel("date")
    key = figure.add_subplot(grid[-1])
    if key_rows:
        key.set_title("events (numbers above the top panel)", fontsize=8, loc="left", color="0.3")
    draw_event_key(key, events)
    return figure
