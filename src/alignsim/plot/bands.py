"""Figures of ensembles: quantile bands over time, bloc configuration probabilities."""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from alignsim.plot._common import (
    PALETTE,
    date_axis,
    draw_event_key,
    light_grid,
    mark_events,
    side_legend,
    style,
)
from alignsim.plot.observed import draw_observed, observed_handle
from alignsim.report.words import counted


def _draw_bands(ax: Any, bands: pd.DataFrame, style: Any) -> None:
    for index, (name, rows) in enumerate(bands.groupby("name", sort=False)):
        look = style(index)
        ax.fill_between(rows["date"], rows["q05"], rows["q95"], color=look["color"], alpha=0.12)
        ax.fill_between(rows["date"], rows["q25"], rows["q75"], color=look["color"], alpha=0.25)
        ax.plot(rows["date"], rows["q50"], label=name, linewidth=1.5, **look)
    ax.axhline(0, color="0.3", linewidth=0.6)
    ax.set_ylim(-1.05, 1.05)


#: most pairs drawn in the pairs panel; beyond, only the groups are drawn (world scale)
MAX_PAIR_LINES = 12


def _draw_observed(ax: Any, pairs: pd.DataFrame, observed: pd.DataFrame) -> int:
    """Observed points of each banded pair, matched by the pair's name ``a-b``."""
    names = list(dict.fromkeys(pairs["name"]))
    labelled = observed.assign(name=observed["actor_a"] + "-" + observed["actor_b"])
    order = [(n, "") for n in names]
    return draw_observed(ax, labelled.assign(actor_a=labelled["name"], actor_b=""), order)


def bands_figure(
    bands: pd.DataFrame, events: pd.DataFrame, title: str, observed: Any = None
) -> Figure:
    """Pair alignments (top) and group cohesion (bottom) over time: median, 50 % and 90 % bands.

    With more than :data:`MAX_PAIR_LINES` pairs and some groups, only the groups are drawn.

    Args:
        bands: The tidy table of :func:`alignsim.ensemble.summaries.bands_table`.
        events: id, label, step, date of events to mark.
        title: Figure title.
        observed: optional observed points (actor_a, actor_b, date, alignment, low, high) of
            the pairs, named ``"actor_a-actor_b"`` in ``bands``; drawn with their intervals in
            each pair's colour on the alignment panel.

    Returns:
        The figure.
    """
    import matplotlib.pyplot as plt

    pairs = bands[bands["kind"] == "pair"]
    groups = bands[bands["kind"] == "group"]
    if pairs["name"].nunique() > MAX_PAIR_LINES and not groups.empty:
        pairs = pairs.iloc[0:0]  # too many to tell apart: groups only (bands.csv has them)
        title = f"{title}\n(group cohesion; pair bands are in bands.csv)"
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
        extra = None
        if observed is not None and panel is pairs and _draw_observed(ax, pairs, observed):
            extra = observed_handle()
        side_legend(ax, extra, middle=True)
    for ax in axes[: len(panels) - 1, 0]:
        ax.tick_params(labelbottom=False)
    if len(events):
        draw_event_key(axes[-1, 0], events)
    first.set_title(title, fontsize=11, loc="left", pad=14)
    return figure


def wilson_interval(successes: np.ndarray, trials: int, z: float = 1.96) -> np.ndarray:
    """Wilson (1927) score interval of binomial proportions: ``(k, 2)`` lows and highs.

    Wilson, E. B. (1927), "Probable inference, the law of succession, and statistical
    inference", JASA 22(158). Unlike the normal approximation it stays inside [0, 1] and
    is not of zero width when every run (or none) ends in a configuration.

    Args:
        successes: Runs ending in each configuration.
        trials: Runs in the ensemble (> 0).
        z: Standard normal quantile of the coverage (1.96 for 95 %).

    Returns:
        Lower and upper ends, one row per configuration.
    """
    share = np.asarray(successes, dtype=float) / trials
    scale = 1.0 + z**2 / trials
    centre = (share + z**2 / (2 * trials)) / scale
    half = z / scale * np.sqrt(share * (1 - share) / trials + z**2 / (4 * trials**2))
    bounds = np.clip(np.column_stack([centre - half, centre + half]), 0.0, 1.0)
    bounds[share == 0.0, 0] = 0.0  # exact ends that rounding would miss
    bounds[share == 1.0, 1] = 1.0
    return bounds


def bloc_probabilities_figure(
    blocs: pd.DataFrame, title: str, top: int = 12, runs: int | None = None
) -> Figure:
    """Probability of each landscape bloc configuration at the horizon, with 95 % intervals.

    Bars are the share of runs whose landscape global minimum (Axelrod & Bennett 1993) is
    the configuration; whiskers are Wilson (1927) score intervals, which show how much a
    share could move with more runs. Beyond ``top`` configurations the rest are one bar.

    Args:
        blocs: configuration, runs, probability (``blocs.csv`` of an ensemble folder).
        title: Figure title.
        top: Configurations drawn one by one.
        runs: Runs of the ensemble (``summary.json``); when an approximate tally itemises
            fewer, the runs it leaves out are one more bar and shares are of all runs.

    Returns:
        The figure.
    """
    import matplotlib.pyplot as plt

    itemised = int(blocs["runs"].sum())
    total = max(int(runs or 0), itemised)
    ranked = blocs.sort_values(["runs", "configuration"], ascending=[False, True])
    labels = list(ranked["configuration"][:top])
    counts = list(ranked["runs"][:top].astype(int))
    if len(ranked) > top:
        labels.append(f"{len(ranked) - top} other configurations")
        counts.append(int(ranked["runs"][top:].sum()))
    if total > itemised:
        labels.append("not itemised by the tally")
        counts.append(total - itemised)
    counts_array = np.array(counts)
    shares = counts_array / total
    interval = wilson_interval(counts_array, total)
    figure, ax = plt.subplots(figsize=(9, 0.45 * len(labels) + 1.6), layout="constrained")
    y = np.arange(len(labels))
    ax.barh(y, shares, color=PALETTE[0], height=0.6)
    ax.errorbar(
        shares,
        y,
        xerr=[shares - interval[:, 0], interval[:, 1] - shares],
        fmt="none",
        ecolor="0.2",
        elinewidth=1,
        capsize=3,
    )
    for row, (share, count, high) in enumerate(zip(shares, counts, interval[:, 1], strict=True)):
        ax.annotate(
            f"{share:.0%} ({count} of {counted(total, 'run')})",
            xy=(high, row),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color="0.2",
        )
    ax.set_yticks(y, labels, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, float(interval[:, 1].max()) * 1.4 + 0.02)
    ax.set_xticks([t for t in ax.get_xticks() if 0 <= t <= 1 + 1e-9])
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    ax.set_xlabel("share of runs ending in the configuration (whiskers: 95 % Wilson interval)")
    light_grid(ax)
    ax.grid(False, axis="y")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    wrapped = "\n".join(textwrap.fill(line, 95) for line in title.split("\n"))
    ax.set_title(wrapped, fontsize=10, loc="left")
    return figure
