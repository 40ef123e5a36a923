"""Figure of observed dyad trajectories: one line per dyad, with its interval where given."""

from __future__ import annotations

from typing import Any


def trajectories_figure(
    table: Any,
    value: str,
    low: str | None = None,
    high: str | None = None,
    label: str = "",
) -> Any:
    """Lines of ``value`` over the years for each dyad (a-b), with a ``low``-``high`` band.

    Args:
        table: dyad-year rows with year, a, b and the columns named.
        value: the column drawn as lines.
        low, high: columns of the interval drawn as a shaded band (both or neither).
        label: the y-axis label.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    for (a, b), rows in table.sort_values("year").groupby(["a", "b"], sort=True):
        (line,) = ax.plot(rows["year"], rows[value], marker=".", label=f"{a}-{b}")
        if low and high:
            ax.fill_between(
                rows["year"], rows[low], rows[high], color=line.get_color(), alpha=0.15, lw=0
            )
    ax.set_xlabel("year")
    ax.set_ylabel(label or value)
    ax.grid(alpha=0.3)
    ax.legend(ncols=2, fontsize="small", loc="best")
    return figure
