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


def differences_figure(differences: pd.DataFrame) -> Figure:
    """Each outcome's difference B - A as a dot with its 95 % interval as a line.

    One panel per outcome kind (cohesion, bloc), each on its own scale; a dot whose line
    crosses the dotted zero line shows no clear difference. Intervals are percentile
    bootstrap intervals (Efron & Tibshirani 1993) from ``alignsim compare``.

    Args:
        differences: outcome, name, a, b, difference, low, high (``compare.csv``).

    Returns:
        The figure.
    """
    import matplotlib.pyplot as plt

    kinds = [k for k in PANELS if (differences["outcome"] == k).any()]
    sizes = [int((differences["outcome"] == k).sum()) for k in kinds]
    figure, axes = plt.subplots(
        len(kinds),
        1,
        figsize=(9, sum(0.4 * n + 1.1 for n in sizes) + 0.3),
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
    return figure
