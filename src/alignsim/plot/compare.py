"""Differences between two scenarios' ensembles, each with its bootstrap interval."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from alignsim.plot._common import PALETTE, light_grid

#: outcome -> (panel title, x label, value format)
PANELS = {
    "cohesion": ("mean group cohesion", "B - A (mean cohesion)", "{:+.3f}"),
    "bloc": ("probability of each bloc configuration", "B - A (share of runs)", "{:+.0%}"),
}


def compared(names: tuple[str, str] | None) -> str:
    """``"B = <second> minus A = <first>"`` for titles, or ``"B - A"`` without names."""
    return f"B = {names[1]} minus A = {names[0]}" if names else "B - A"


def differences_figure(differences: pd.DataFrame, names: tuple[str, str] | None = None) -> Figure:
    """Each outcome's difference B - A as a dot with its 95 % interval as a line.

    One panel per outcome kind (cohesion, bloc), each on its own scale; a dot whose line
    crosses the dotted zero line shows no clear difference. Intervals are percentile
    bootstrap intervals (Efron & Tibshirani 1993) from ``alignsim compare``.

    Args:
        differences: outcome, name, a, b, difference, low, high (``compare.csv``).
        names: The scenarios compared (A, B), named in the title.

    Returns:
        The figure.
    """
    import matplotlib.pyplot as plt

    kinds = [k for k in PANELS if (differences["outcome"] == k).any()]
    sizes = [int((differences["outcome"] == k).sum()) for k in kinds]
    figure, axes = plt.subplots(
        len(kinds),
        1,
        figsize=(9, sum(0.4 * n + 1.1 for n in sizes) + 0.6),
        squeeze=False,
        gridspec_kw={"height_ratios": [n + 1.5 for n in sizes]},
        layout="constrained",
    )
    for ax, kind in zip(axes[:, 0], kinds, strict=True):
        title, label, fmt = PANELS[kind]
        rows = differences[differences["outcome"] == kind].reset_index(drop=True)
        y = np.arange(len(rows))
        clear = (rows["low"] > 0) | (rows["high"] < 0)
        colours = [PALETTE[0] if c else "0.45" for c in clear]
        ax.hlines(y, rows["low"], rows["high"], color=colours, linewidth=2)
        ax.scatter(rows["difference"], y, color=colours, s=40, zorder=3)
        for row, value, high in zip(y, rows["difference"], rows["high"], strict=True):
            ax.annotate(
                fmt.format(value),
                xy=(high, row),
                xytext=(5, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                color="0.2",
            )
        ax.axvline(0, color="0.3", linewidth=0.8, linestyle=":")
        ax.set_yticks(y, rows["name"], fontsize=9)
        ax.set_ylim(len(rows) - 0.4, -0.6)
        ax.margins(x=0.15)
        ax.set_xlabel(label)
        ax.set_title(
            f"{title}: B - A, 95 % bootstrap interval (blue: excludes 0)", fontsize=10, loc="left"
        )
        if kind == "bloc":
            ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
        light_grid(ax)
    figure.suptitle(f"At the horizon: {compared(names)}", fontsize=11, x=0.01, ha="left", wrap=True)
    return figure


#: kind of series -> y label of its panel
OVER_TIME_PANELS = {
    "group": "group cohesion, B - A",
    "pair": "alignment, B - A",
}


def difference_bands_figure(
    over_time: pd.DataFrame, names: tuple[str, str] | None = None
) -> Figure:
    """B - A of each group's cohesion and each pair's alignment over time, with bands.

    Lines are the difference of the mean over runs; bands are 95 % percentile bootstrap
    intervals at each step (Efron & Tibshirani 1993); a band that leaves the zero line
    marks the dates at which the two scenarios clearly differ.

    Args:
        over_time: step, date, kind, name, difference, low, high
            (``compare_over_time.csv``).
        names: The scenarios compared (A, B), named in the title.

    Returns:
        The figure (groups on top, pairs below, sharing the date axis).
    """
    import matplotlib.pyplot as plt

    from alignsim.plot._common import date_axis, style

    kinds = [k for k in OVER_TIME_PANELS if (over_time["kind"] == k).any()]
    figure, axes = plt.subplots(
        max(len(kinds), 1),
        1,
        figsize=(11, 3.2 * max(len(kinds), 1) + 0.8),
        squeeze=False,
        sharex=True,
        layout="constrained",
    )
    for ax, kind in zip(axes[:, 0], kinds, strict=False):
        rows = over_time[over_time["kind"] == kind]
        for index, (name, series) in enumerate(rows.groupby("name", sort=False)):
            look = style(index)
            ax.fill_between(
                series["date"], series["low"], series["high"], color=look["color"], alpha=0.18
            )
            ax.plot(series["date"], series["difference"], label=name, linewidth=1.5, **look)
        ax.axhline(0, color="0.3", linewidth=0.8, linestyle=":")
        ax.set_ylabel(OVER_TIME_PANELS[kind])
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
        light_grid(ax)
        date_axis(ax)
    figure.suptitle(
        f"Over time: {compared(names)} (line: difference of the means over runs; "
        "band: 95 % bootstrap interval)",
        fontsize=11,
        x=0.01,
        ha="left",
        wrap=True,
    )
    return figure
