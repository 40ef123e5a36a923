"""The alignment matrix at one date as a diverging heatmap centred at 0."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from alignsim.plot._common import DIVERGING, alignment_matrix, date_of, figure_title, step_at


def heatmap_figure(results: Any, at: Any = None, annotate: bool | None = None) -> Figure:
    """Alignment of every pair at a date (default: the last step).

    Colours run from red (−1, adversaries) through white (0) to blue (+1, allies) on the
    colour-blind-safe ColorBrewer 'RdBu' map; the diagonal is left blank.

    Args:
        results: :class:`~alignsim.results.Results` of one run.
        at: Date or step (see :func:`alignsim.plot._common.step_at`); default the last step.
        annotate: Write each value in its cell (default: when there are at most 12 actors).

    Returns:
        The figure.
    """
    step = step_at(results, at)
    actors, matrix = alignment_matrix(results, step)
    n = len(actors)
    shown = np.where(np.eye(n, dtype=bool), np.nan, matrix)
    side = min(max(3.2, 0.62 * n + 1.6), 14)
    figure, ax = plt.subplots(figsize=(side + 1.3, side), layout="constrained")
    cmap = plt.get_cmap(DIVERGING).with_extremes(bad="0.88")
    image = ax.imshow(shown, cmap=cmap, vmin=-1, vmax=1)
    ax.set_xticks(range(n), actors, rotation=45 if n > 6 else 0, ha="right" if n > 6 else "center")
    ax.set_yticks(range(n), actors)
    ax.tick_params(length=0)
    for edge in ax.spines.values():
        edge.set_visible(False)
    ax.set_xticks(np.arange(n + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(n + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    if annotate if annotate is not None else n <= 12:
        for i in range(n):
            for j in range(n):
                if i != j:
                    value = matrix[i, j]
                    ax.text(
                        j,
                        i,
                        f"{value:+.2f}",
                        ha="center",
                        va="center",
                        fontsize=8 if n > 8 else 9,
                        color="white" if abs(value) > 0.55 else "0.1",
                    )
    bar = figure.colorbar(image, ax=ax, shrink=0.8, ticks=[-1, -0.5, 0, 0.5, 1])
    bar.set_label("alignment (−1 adversary … +1 ally)")
    when = date_of(results, step)
    ax.set_title(
        figure_title(
            results,
            f"alignment on {when:%Y-%m-%d} (step {step})",
            two_lines=True,
            width=side,
        ),
        fontsize=10,
        loc="left",
    )
    return figure
