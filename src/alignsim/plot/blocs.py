"""Landscape blocs over time and the stable configurations at one date.

Blocs are the global minimum of Axelrod & Bennett's (1993) landscape energy with the
current alignment matrix as propensity and capabilities as sizes, computed by
:func:`alignsim.games.landscape.solve`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from alignsim.plot._common import (
    KEY_LINE,
    PALETTE,
    actors_of,
    alignment_matrix,
    capability_at,
    date_axis,
    date_of,
    draw_event_key,
    figure_title,
    mark_events,
    step_at,
)


def _sizes(actors: list[str], capability: Mapping[str, float] | None) -> np.ndarray:
    return np.array([float(capability[a]) if capability else 1.0 for a in actors])


def blocs_table(
    results: Any, capability: Mapping[str, float] | None = None, coalitions: int = 2
) -> pd.DataFrame:
    """Step, date and landscape ``sides`` at every step.

    Uses the results' own ``blocs`` table when the run recorded one (it used the
    capability history); otherwise solves the landscape at every step with ``capability``
    (default: the results' capability history when it has one, else equal sizes).
    """
    saved = getattr(results, "extra", {}).get("blocs")
    if saved is not None and not saved.empty and capability is None:
        return saved[["step", "date", "sides"]].reset_index(drop=True)
    from alignsim.games.landscape import solve

    actors = actors_of(results)
    sizes = _sizes(actors, capability)
    rows = []
    for step in sorted(results.alignment["step"].unique()):
        _, matrix = alignment_matrix(results, int(step))
        own = capability is None and capability_at(results, int(step))
        result = solve(
            _sizes(actors, own) if own else sizes, matrix, names=actors, coalitions=coalitions
        )
        rows.append(
            {"step": int(step), "date": date_of(results, int(step)), "sides": result.sides(0)}
        )
    return pd.DataFrame(rows, columns=["step", "date", "sides"])


def _membership(sides: str, actors: list[str]) -> list[int]:
    """Bloc number of each actor: blocs numbered by their first member in scenario order."""
    groups = [set(side.strip().split("+")) for side in sides.split("|")]
    groups.sort(key=lambda g: min(actors.index(a) for a in g))
    return [next(k for k, g in enumerate(groups) if a in g) for a in actors]


def draw_bloc_timeline(
    ax: Any, results: Any, table: pd.DataFrame, label_events: bool = True
) -> None:
    """Draw each actor's bloc at every step of ``table`` (step, date, sides) on ``ax``.

    Colour k marks the k-th bloc, blocs numbered by their first member in scenario order;
    events are dotted lines.
    """
    actors = actors_of(results)
    grid = np.array([_membership(s, actors) for s in table["sides"]]).T
    dates = mdates.date2num(pd.to_datetime(table["date"]))
    step_width = np.diff(dates).mean() if len(dates) > 1 else 90.0
    edges = np.append(dates - step_width / 2, dates[-1] + step_width / 2)
    blocs = int(grid.max()) + 1
    cmap = ListedColormap(
        PALETTE[:blocs] if blocs <= len(PALETTE) else plt.get_cmap("tab20").colors
    )
    ax.pcolormesh(
        edges,
        np.arange(len(actors) + 1) - 0.5,
        grid,
        cmap=cmap,
        vmin=-0.5,
        vmax=blocs - 0.5,
        linewidth=0,
    )
    ax.set_yticks(range(len(actors)), actors)
    ax.set_ylim(len(actors) - 0.5, -0.5)
    ax.xaxis_date()
    date_axis(ax)
    mark_events(ax, results.events, label=label_events)
    for line in ax.lines:
        line.set_color("0.15")
        line.set_zorder(3)
    for boundary in np.arange(len(actors) - 1) + 0.5:
        ax.axhline(boundary, color="white", linewidth=2, zorder=2)
    ax.legend(
        handles=[Patch(color=cmap(k), label=f"bloc {k + 1}") for k in range(blocs)],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=8,
        title="landscape blocs",
        title_fontsize=8,
    )


def blocs_figure(
    results: Any, capability: Mapping[str, float] | None = None, coalitions: int = 2
) -> Figure:
    """Which landscape bloc each actor belongs to at every recorded step.

    Each row is an actor; colour k marks the k-th bloc, blocs being numbered by their first
    member in scenario order (so "bloc 1" always holds the first actor). A change of colour
    is a realignment. Events are dotted lines, numbered as in the trajectories figure and
    listed in a key under the panel.

    Args:
        results: :class:`~alignsim.results.Results` of one run.
        capability: Actor -> capability used as landscape size (default: the run's own
            blocs table if it has one, else equal sizes).
        coalitions: Largest number of coalitions (Florian & Galam 2000 beyond 2).

    Returns:
        The figure.
    """
    table = blocs_table(results, capability, coalitions)
    actors = actors_of(results)
    events = results.events
    key_rows = -(-len(events) // 2)
    key_height = KEY_LINE * key_rows + 0.35 if key_rows else 0.0
    height = 0.45 * len(actors) + 1.6
    figure = plt.figure(figsize=(11, height + key_height + 0.4), layout="constrained")
    grid = figure.add_gridspec(2, 1, height_ratios=[height, key_height or 1e-3])
    ax = figure.add_subplot(grid[0])
    draw_bloc_timeline(ax, results, table)
    key = figure.add_subplot(grid[1])
    if key_rows:
        key.set_title("events (numbers above the panel)", fontsize=8, loc="left", color="0.3")
    draw_event_key(key, events)
    ax.set_xlabel("date")
    history = "blocs" in getattr(results, "extra", {}) or capability_at(results, 0)
    source = (
        "capabilities given"
        if capability
        else ("capabilities as sizes" if history else "equal sizes")
    )
    ax.set_title(
        figure_title(results, f"landscape blocs at each step ({source})", width=9.5),
        fontsize=10,
        loc="left",
        pad=14,
    )
    return figure


def size_handles(actors: list[str], capability: Mapping[str, float]) -> list[Any]:
    """Legend entries without a mark: a header, then ``"A  4  (57 %)"`` for each actor."""
    total = sum(float(capability[a]) for a in actors)
    blank = {"linestyle": "none", "marker": "none"}
    lines = ["sizes (capability, share)"] + [
        f"{a}  {float(capability[a]):.3g}  ({float(capability[a]) / total:.0%})" for a in actors
    ]
    return [Line2D([], [], label=line, **blank) for line in lines]


def landscape_figure(
    results: Any,
    at: Any = None,
    capability: Mapping[str, float] | None = None,
    coalitions: int = 2,
) -> Figure:
    """Every stable configuration (local minimum) of the landscape at one date.

    Bars show each minimum's energy (lower is more stable); the label gives the sides and
    the share of all configurations whose steepest descent ends there (its basin). The
    legend lists the size of every actor (its capability and share of the total) when
    capabilities are used.

    Args:
        results: :class:`~alignsim.results.Results` of one run.
        at: Date or step; default the last step.
        capability: Actor -> capability used as size (default: the results' ``actors``
            table at that step when it has one, else equal sizes).
        coalitions: Largest number of coalitions.

    Returns:
        The figure.
    """
    from alignsim.games.landscape import solve

    step = step_at(results, at)
    actors, matrix = alignment_matrix(results, step)
    capability = capability if capability is not None else capability_at(results, step)
    result = solve(_sizes(actors, capability), matrix, names=actors, coalitions=coalitions)
    frame = result.to_frame()
    size_lines = len(actors) + 1 if capability else 0
    height = max(0.5 * len(frame) + 1.8, 0.2 * (size_lines + 2) + 1.2)
    figure, ax = plt.subplots(figsize=(9, height), layout="constrained")
    colours = [PALETTE[0] if g else PALETTE[1] for g in frame["is_global"]]
    y = np.arange(len(frame))
    ax.hlines(y, 0, frame["energy"], color=colours, linewidth=2)
    ax.scatter(frame["energy"], y, color=colours, s=80, zorder=3, edgecolors="0.2")
    ax.set_yticks(
        y,
        [f"{s}\nbasin {b:.0%}" for s, b in zip(frame["sides"], frame["basin_share"], strict=True)],
        fontsize=8,
    )
    ax.invert_yaxis()
    ax.axvline(0, color="0.3", linewidth=0.6)
    ax.set_xlabel("landscape energy (lower = more stable)")
    ax.margins(x=0.08, y=0.25)
    handles: list[Any] = [
        Patch(color=PALETTE[0], label="global minimum"),
        Patch(color=PALETTE[1], label="local minimum"),
    ]
    if capability:
        handles += size_handles(actors, capability)
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=8,
    )
    when = date_of(results, step)
    sizes = "capabilities as sizes" if capability else "equal sizes"
    ax.set_title(
        figure_title(
            results,
            f"stable configurations on {when:%Y-%m-%d} ({sizes})",
            two_lines=True,
            width=8.5,
        ),
        fontsize=10,
        loc="left",
    )
    ax.grid(True, axis="x", color="0.92")
    ax.set_axisbelow(True)
    return figure
