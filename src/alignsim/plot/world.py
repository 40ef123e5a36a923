"""World blocs over time: every state's landscape bloc at each step, compactly.

For scenarios with many actors (every UN member), where one row per actor of the ordinary
bloc timeline would not fit: rows are states ordered by their bloc at the last step, then at
the first, then by capability; a top panel shows each bloc's share of world capability over
time. Blocs are the landscape global minimum (Axelrod & Bennett 1993) found by
:func:`alignsim.analysis.blocs.blocs_over_time`, whose optimality gap the title states.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.transforms import blended_transform_factory

from alignsim.plot._common import PALETTE, date_axis

#: the most capable states of each bloc named on the panel
LABELLED = 30


def membership(table: pd.DataFrame, actors: Sequence[str]) -> np.ndarray:
    """``(actors, steps)`` bloc number of each actor at each step.

    Blocs are numbered so that the numbers follow the blocs from step to step: at each step
    each bloc (the largest first) takes the number of the previous step's bloc with which
    it shares most members (the lower number on a tie), new numbers going to blocs without a match.
    """
    index = {a: i for i, a in enumerate(actors)}
    grid = np.zeros((len(actors), len(table)), dtype=int)
    previous: list[set[str]] = []
    numbers: list[int] = []
    next_number = 0
    for column, sides in enumerate(table["sides"]):
        blocs = sorted(
            (set(side.strip().split("+")) for side in sides.split("|")), key=len, reverse=True
        )
        taken: set[int] = set()
        current_numbers = []
        for bloc in blocs:
            overlaps = [
                (len(bloc & old), -number)  # ties go to the lower number
                for old, number in zip(previous, numbers, strict=True)
                if number not in taken
            ]
            best = max(overlaps, default=(0, 1))
            if best[0] > 0:
                number = -best[1]
            else:
                number, next_number = next_number, next_number + 1
            taken.add(number)
            current_numbers.append(number)
            for actor in bloc:
                grid[index[actor], column] = number
        previous, numbers = blocs, current_numbers
        next_number = max(next_number, max(current_numbers) + 1)
    return grid


def world_blocs_figure(
    table: pd.DataFrame,
    actors: Sequence[str],
    capability: np.ndarray,
    title: str,
) -> Figure:
    """Bloc of every state at every step, and each bloc's share of capability over time.

    Args:
        table: :func:`alignsim.analysis.blocs.blocs_over_time` rows (step, date, sides, gap).
        actors: Actor ids in scenario order.
        capability: ``(steps, actors)`` capability at each step.
        title: Figure title (the gap reached is appended).

    Returns:
        The figure.
    """
    grid = membership(table, actors)
    last = capability[-1]
    order = np.lexsort((-last, grid[:, 0], grid[:, -1]))
    dates = mdates.date2num(pd.to_datetime(table["date"]))
    width = np.diff(dates).mean() if len(dates) > 1 else 90.0
    edges = np.append(dates - width / 2, dates[-1] + width / 2)
    blocs = int(grid.max()) + 1
    colours = PALETTE[:blocs] if blocs <= len(PALETTE) else plt.get_cmap("tab20").colors
    cmap = ListedColormap(colours[:blocs])
    rows = len(actors)
    height = 0.05 * rows
    figure, (top, ax) = plt.subplots(
        2,
        1,
        figsize=(11, 2.6 + height),
        sharex=True,
        gridspec_kw={"height_ratios": [2.0, height]},
        layout="constrained",
    )
    shares = np.stack([(capability * (k == grid.T)).sum(axis=1) for k in range(blocs)])
    shares = shares / capability.sum(axis=1)
    top.stackplot(dates, shares, colors=[cmap(k) for k in range(blocs)], step="mid")
    top.set_ylim(0, 1)
    top.set_ylabel("share of world\ncapability", fontsize=8)
    ax.pcolormesh(
        edges,
        np.arange(rows + 1) - 0.5,
        grid[order],
        cmap=cmap,
        vmin=-0.5,
        vmax=blocs - 0.5,
        linewidth=0,
    )
    ax.set_yticks([])
    final = grid[order, -1]
    for k in np.unique(final):
        rows_k = np.flatnonzero(final == k)
        members = [actors[i] for i in order[rows_k][:LABELLED]]
        lines = textwrap.wrap(", ".join(members) + (", ..." if len(rows_k) > LABELLED else ""), 70)
        ax.text(
            0.01,
            rows_k.mean(),
            "\n".join(lines),
            transform=blended_transform_factory(ax.transAxes, ax.transData),
            va="center",
            fontsize=8,
            color="white",
        )
    ax.set_ylim(rows - 0.5, -0.5)
    ax.xaxis_date()
    date_axis(ax)
    ax.set_xlabel("date")
    ax.set_ylabel(
        f"{rows} states by bloc at the end, then capability\n"
        f"(the {LABELLED} most capable of each named)",
        fontsize=8,
    )
    handles = []
    for k in range(blocs):
        members = np.flatnonzero(grid[:, -1] == k)
        leaders = ", ".join(actors[i] for i in members[np.argsort(-last[members])][:5])
        text = f"bloc {k + 1}: {len(members)} states at the end"
        handles.append(
            Patch(color=cmap(k), label=f"{text}\n({leaders}, ...)" if len(members) else text)
        )
    top.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=8,
    )
    gap = float(table["gap"].max()) if "gap" in table else 0.0
    top.set_title(
        f"{title}\nlandscape blocs at each step (capabilities as sizes); optimality gap at "
        f"most {gap:.2%} of the landscape's total weight",
        fontsize=10,
        loc="left",
    )
    return figure
