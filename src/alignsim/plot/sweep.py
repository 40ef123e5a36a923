"""Sweep results: each group's cohesion at the horizon against the value of one swept setting."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from alignsim.plot._common import light_grid, style

#: quantiles of the bands: 90 % and 50 % of the runs, and the median
BAND_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


def outcome_by_value(results: pd.DataFrame, path: str, kind: str = "group") -> pd.DataFrame:
    """Quantiles over runs of each outcome at each value of the swept ``path``.

    Runs are pooled over the values of the other swept settings, so each value's band shows
    the spread that remains whatever the others are.

    Args:
        results: The tidy sweep results (``results.parquet``: cell, one column per path,
            run, kind, name, value).
        path: The swept setting.
        kind: ``group`` (cohesion) or ``pair`` (alignment).

    Returns:
        setting (the path's value), name, runs, q05, q25, q50, q75, q95; settings in grid
        order.
    """
    rows = results[results["kind"] == kind].copy()
    rows["value"] = pd.to_numeric(rows["value"])
    columns = [f"q{round(q * 100):02d}" for q in BAND_QUANTILES]
    frames = []
    for (setting, name), part in rows.groupby([path, "name"], sort=False):
        quantiles = np.quantile(part["value"].to_numpy(), BAND_QUANTILES)
        frames.append([setting, name, len(part), *quantiles])
    table = pd.DataFrame(frames, columns=["setting", "name", "runs", *columns])
    order = {v: i for i, v in enumerate(pd.unique(results[path]))}
    table = table.sort_values("setting", key=lambda s: s.map(order), kind="stable")
    return table.reset_index(drop=True)


def sweep_figure(results: pd.DataFrame, path: str, title: str) -> Figure:
    """Each group's cohesion at the horizon against the value of the swept ``path``.

    The line is the median over runs, the bands hold 50 % and 90 % of the runs (pooled over
    the other swept settings); numbers are spaced by value, other settings evenly.

    Args:
        results: The tidy sweep results.
        path: The swept setting on the x axis.
        title: Figure title.

    Returns:
        The figure.
    """
    import matplotlib.pyplot as plt

    table = outcome_by_value(results, path)
    values = list(pd.unique(table["setting"]))
    numeric = all(
        isinstance(v, (int, float, np.number)) and not isinstance(v, bool) for v in values
    )
    figure, ax = plt.subplots(figsize=(8, 4.4), layout="constrained")
    for index, (name, rows) in enumerate(table.groupby("name", sort=False)):
        x = rows["setting"].astype(float) if numeric else rows["setting"].map(values.index)
        look = style(index)
        ax.fill_between(x, rows["q05"], rows["q95"], color=look["color"], alpha=0.12)
        ax.fill_between(x, rows["q25"], rows["q75"], color=look["color"], alpha=0.25)
        ax.plot(x, rows["q50"], marker="o", label=name, linewidth=1.6, **look)
    if not numeric:
        ax.set_xticks(range(len(values)), [str(v) for v in values])
    ax.axhline(0, color="0.3", linewidth=0.6)
    ax.set_xlabel(path)
    ax.set_ylabel("group cohesion at the horizon")
    ax.legend(title="group", loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    light_grid(ax)
    ax.set_title(
        f"{title}\nmedian over runs; bands: 50 % and 90 % of runs, pooled over other settings",
        fontsize=10,
        loc="left",
    )
    return figure
