"""The signed alignment network at one date: allies close, adversaries apart."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from alignsim.plot._common import (
    NEGATIVE,
    PALETTE,
    POSITIVE,
    alignment_matrix,
    capability_at,
    date_of,
    figure_title,
    step_at,
)

#: ties weaker than this are not drawn
MIN_TIE = 0.05
#: marker area (points^2) of the most capable actor
MAX_NODE_AREA = 3000.0
#: smallest marker area, so that small actors stay visible and labelled
MIN_NODE_AREA = 250.0


def sides_to_blocs(sides: str) -> dict[str, str]:
    """Parse landscape sides text ``"CHN+PAK+RUS | IND+USA"`` into actor -> bloc label."""
    return {
        actor: f"bloc {number}"
        for number, side in enumerate(sides.split("|"), start=1)
        for actor in side.strip().split("+")
        if actor
    }


def landscape_blocs(
    actors: list[str], matrix: np.ndarray, sizes: np.ndarray, coalitions: int = 2
) -> dict[str, str]:
    """Actor -> bloc of the landscape global minimum (Axelrod & Bennett 1993).

    The alignment matrix is the propensity and capabilities are the sizes.
    """
    from alignsim.games.landscape import solve

    result = solve(sizes, matrix, names=actors, coalitions=coalitions)
    return sides_to_blocs(result.sides(0))


def _layout(actors: list[str], matrix: np.ndarray) -> dict[str, np.ndarray]:
    """Kamada & Kawai (1989) layout with target distance ``1.25 - alignment``.

    Allies (alignment near +1) are drawn close, adversaries (near −1) far apart; the
    layout is deterministic (no random start is needed with a circular initial layout).
    """
    graph = nx.complete_graph(actors)
    distance = {
        a: {b: 1.25 - matrix[i, j] for j, b in enumerate(actors) if i != j}
        for i, a in enumerate(actors)
    }
    start = nx.circular_layout(graph)
    return nx.kamada_kawai_layout(graph, dist=distance, pos=start)


def network_figure(
    results: Any,
    at: Any = None,
    capability: Mapping[str, float] | None = None,
    blocs: Mapping[str, str] | str | None = None,
    min_tie: float = MIN_TIE,
) -> Figure:
    """Signed network of alignments at a date (default: the last step).

    Node area is proportional to capability (with a floor of MIN_NODE_AREA so that
    small actors stay visible); edges are blue and solid for positive
    alignment, vermilion and dashed for negative (colour and line style both carry the
    sign), their width grows with the strength of the tie. Ties weaker than ``min_tie``
    are omitted.

    Args:
        results: :class:`~alignsim.results.Results` of one run.
        at: Date or step; default the last step.
        capability: Actor -> capability (default: the results' ``actors`` table at that
            step when it has one, else equal sizes).
        blocs: Actor -> bloc label to colour the nodes, or ``"landscape"`` to colour them
            by the landscape global minimum of this alignment matrix (Axelrod & Bennett
            1993, capabilities as sizes), or None for uncoloured nodes.
        min_tie: Smallest absolute alignment drawn.

    Returns:
        The figure.
    """
    step = step_at(results, at)
    actors, matrix = alignment_matrix(results, step)
    capability = capability if capability is not None else capability_at(results, step)
    if capability is not None and (missing := [a for a in actors if a not in capability]):
        raise ValueError(f"no capability for {', '.join(missing)}")
    sizes = np.array([float(capability[a]) for a in actors]) if capability else np.ones(len(actors))
    if isinstance(blocs, str):
        if blocs != "landscape":
            raise ValueError(f"blocs must be a mapping or 'landscape', got {blocs!r}")
        blocs = landscape_blocs(actors, matrix, sizes)
    position = _layout(actors, matrix)
    figure, ax = plt.subplots(figsize=(8.5, 7), layout="constrained")
    strong = [
        (i, j)
        for i in range(len(actors))
        for j in range(i + 1, len(actors))
        if abs(matrix[i, j]) >= min_tie
    ]
    for i, j in sorted(strong, key=lambda p: abs(matrix[p])):
        value = matrix[i, j]
        (x0, y0), (x1, y1) = position[actors[i]], position[actors[j]]
        ax.plot(
            [x0, x1],
            [y0, y1],
            color=POSITIVE if value > 0 else NEGATIVE,
            linestyle="-" if value > 0 else (0, (4, 2)),
            linewidth=0.8 + 6.0 * abs(value),
            alpha=0.85,
            zorder=1,
            solid_capstyle="round",
        )
        if len(actors) <= 10 and abs(value) >= 0.15:
            ax.text(
                (x0 + x1) / 2,
                (y0 + y1) / 2,
                f"{value:+.2f}",
                fontsize=7.5,
                ha="center",
                va="center",
                color="0.15",
                zorder=3,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
    areas = MAX_NODE_AREA * sizes / sizes.max()
    areas = np.maximum(areas, MIN_NODE_AREA)
    labels = list(dict.fromkeys(blocs[a] for a in actors)) if blocs else []
    colours = [
        PALETTE[(labels.index(blocs[a]) + 1) % len(PALETTE)] if blocs else "0.85" for a in actors
    ]
    xy = np.array([position[a] for a in actors])
    ax.scatter(xy[:, 0], xy[:, 1], s=areas, c=colours, edgecolors="0.2", linewidths=1, zorder=2)
    for a, (x, y) in zip(actors, xy, strict=True):
        ax.annotate(
            a,
            (x, y),
            fontsize=10,
            fontweight="bold",
            ha="center",
            va="center",
            zorder=4,
            color="0.05",
            bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.7},
        )
    handles = [
        Line2D([], [], color=POSITIVE, linewidth=3, label="positive (allied)"),
        Line2D([], [], color=NEGATIVE, linewidth=3, linestyle=(0, (4, 2)), label="negative"),
    ]
    handles += [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=10,
            markerfacecolor=PALETTE[(number + 1) % len(PALETTE)],
            markeredgecolor="0.2",
            label=label,
        )
        for number, label in enumerate(labels)
    ]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=8,
        title="ties" + (" and blocs" if labels else ""),
        title_fontsize=8,
    )
    note = "node area ∝ capability (small ones enlarged)" if capability else "equal node sizes"
    ax.text(
        0.0,
        0.0,
        f"{note}; edge width ∝ |alignment|; ties weaker than {min_tie:g} not drawn, "
        "values shown from 0.15",
        transform=ax.transAxes,
        fontsize=7.5,
        color="0.35",
        ha="left",
        va="top",
    )
    ax.set_aspect("equal")
    ax.margins(0.18)
    ax.set_axis_off()
    when = date_of(results, step)
    ax.set_title(
        figure_title(results, f"alignment network on {when:%Y-%m-%d}", two_lines=True, width=8.2),
        fontsize=10,
        loc="left",
    )
    return figure
