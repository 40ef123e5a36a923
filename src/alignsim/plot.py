"""Matplotlib figures of results. Colours: the Okabe & Ito (2008) colour-blind-safe palette."""

from __future__ import annotations

from typing import Any

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

#: Okabe & Ito (2008) palette, colour-blind safe
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
LINESTYLES = ("-", "--", "-.", ":")


def style(index: int) -> dict[str, Any]:
    """Colour and line style for the ``index``-th series (8 colours x 4 styles)."""
    return {
        "color": PALETTE[index % len(PALETTE)],
        "linestyle": LINESTYLES[(index // len(PALETTE)) % len(LINESTYLES)],
    }


def mark_events(ax: Any, events: Any, label: bool = True) -> None:
    """Dotted vertical lines at event dates, labelled along the top of the axes."""
    for n, row in enumerate(events.sort_values("date").itertuples()):
        ax.axvline(row.date, color="0.55", linestyle=":", linewidth=0.9, zorder=0)
        if label:
            ax.annotate(
                row.id,
                xy=(row.date, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(2, -4 - 9 * (n % 4)),
                textcoords="offset points",
                fontsize=6.5,
                color="0.35",
                va="top",
                rotation=0,
            )


def trajectories_figure(results: Any, max_pairs: int = 32) -> Figure:
    """Each pair's alignment over calendar time, group cohesion below, events marked.

    Args:
        results: :class:`~alignsim.results.Results` of one run.
        max_pairs: Above this many pairs only the groups' pairs are drawn.

    Returns:
        The figure (two panels sharing the date axis).
    """
    alignment, groups = results.alignment, results.groups
    pairs = list(dict.fromkeys(zip(alignment["actor_a"], alignment["actor_b"], strict=True)))
    if len(pairs) > max_pairs and results.meta.get("groups_members"):
        keep = {
            frozenset(p)
            for m in results.meta["groups_members"].values()
            for p in [(a, b) for a in m for b in m if a < b]
        }
        pairs = [p for p in pairs if frozenset(p) in keep]
    has_groups = not groups.empty
    figure, axes = plt.subplots(
        2 if has_groups else 1,
        1,
        sharex=True,
        figsize=(11, 7.5 if has_groups else 5),
        gridspec_kw={"height_ratios": [3, 1.4] if has_groups else [1]},
        squeeze=False,
        layout="constrained",
    )
    top = axes[0, 0]
    for index, (a, b) in enumerate(pairs):
        rows = alignment[(alignment["actor_a"] == a) & (alignment["actor_b"] == b)]
        top.plot(rows["date"], rows["value"], label=f"{a}–{b}", linewidth=1.6, **style(index))
    top.axhline(0, color="0.3", linewidth=0.6)
    top.set_ylim(-1.05, 1.05)
    top.set_ylabel("alignment (−1 adversary … +1 ally)")
    title = results.meta.get("title") or results.meta.get("scenario", "")
    top.set_title(f"{title} — seed {results.meta.get('seed', '?')}", fontsize=11, loc="left")
    top.legend(
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        frameon=False,
        title="pair",
        title_fontsize=8,
    )
    mark_events(top, results.events)
    if has_groups:
        low = axes[1, 0]
        for index, (name, rows) in enumerate(groups.groupby("group", sort=False)):
            low.plot(rows["date"], rows["cohesion"], label=name, linewidth=2, **style(index))
        low.axhline(0, color="0.3", linewidth=0.6)
        low.set_ylim(-1.05, 1.05)
        low.set_ylabel("group cohesion")
        low.legend(
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            fontsize=8,
            frameon=False,
            title="group",
            title_fontsize=8,
        )
        mark_events(low, results.events, label=False)
    bottom = axes[-1, 0]
    bottom.xaxis.set_major_locator(mdates.AutoDateLocator())
    bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(bottom.xaxis.get_major_locator()))
    bottom.set_xlabel("date")
    for ax in axes[:, 0]:
        ax.grid(True, color="0.92", linewidth=0.6)
    return figure
