"""Figures of calibration and hindcast results (matplotlib figures; :func:`save` writes one)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from alignsim.forecast.frames import Z90

if TYPE_CHECKING:
    import pandas as pd

    from alignsim.forecast.calibrate import Estimates, Fit
    from alignsim.forecast.smm import SimulatedFit

#: most dyads drawn in one figure (the first ones in order)
MAX_PANELS = 12
#: lowest skill drawn (worse values are drawn at it and named)
FLOOR = -1.0


def _grid(count: int, shared: bool = True):
    import matplotlib.pyplot as plt

    columns = min(4, max(1, count))
    rows = int(np.ceil(count / columns))
    figure, axes = plt.subplots(
        rows, columns, figsize=(3.2 * columns, 2.4 * rows), sharex=shared, sharey=False,
        squeeze=False,
    )  # fmt: skip
    for extra in axes.ravel()[count:]:
        extra.set_visible(False)
    return figure, axes.ravel()


def save(figure, path: Path) -> None:
    """Write a figure atomically and close it."""
    import matplotlib.pyplot as plt

    from alignsim.results.storage import staged_file

    figure.tight_layout()
    with staged_file(path) as staging:
        figure.savefig(staging, dpi=110)
    plt.close(figure)


def fit_figure(result: Fit):
    """Observed index with its 90% interval against the fitted core's one-step predictions,
    and the standardised residuals over time."""
    data = result.data
    count = min(MAX_PANELS, len(data.dyads))
    figure, axes = _grid(count + 1)
    for k in range(count):
        ax = axes[k]
        ax.errorbar(data.years, data.value[k], yerr=Z90 * data.sd[k], fmt="o", ms=3,
                    color="black", elinewidth=0.8, label="observed (90%)")  # fmt: skip
        ax.plot(data.years, result.filtered.predicted[k], color="tab:red", label="one step ahead")
        ax.set_title(" – ".join(data.dyads[k]), fontsize=9)
        ax.set_ylim(-1.05, 1.05)
    axes[0].legend(fontsize=7, loc="lower left")
    ax = axes[count]
    for row in result.filtered.residual:
        ax.plot(data.years, row, ".", color="tab:blue", ms=3)
    ax.axhline(0, color="grey", lw=0.8)
    for bound in (-1.96, 1.96):
        ax.axhline(bound, color="grey", lw=0.6, ls="--")
    ax.set_title("standardised residuals", fontsize=9)
    ax.set_ylim(-4, 4)
    return figure


def skill_figure(skill: pd.DataFrame):
    """CRPS skill against persistence by horizon, with bootstrap intervals, per forecaster,
    and the coverage of 90% intervals (one colour per forecaster in both panels; skill below
    :data:`FLOOR` is drawn at the floor and named in the panel)."""
    import matplotlib.pyplot as plt

    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    everyone = list(skill["forecaster"].unique())
    colour = {name: f"C{k % 10}" for k, name in enumerate(everyone)}
    names = [n for n in everyone if n != "persistence"]
    width = 0.8 / max(1, len(names))
    below = []
    for k, name in enumerate(names):
        rows = skill[skill["forecaster"] == name]
        if (rows["skill"] < FLOOR).any():
            below.append(name)
        x = rows["horizon"].to_numpy() + (k - (len(names) - 1) / 2) * width
        value = rows["skill"].clip(lower=FLOOR)
        low, high = rows["low"].clip(lower=FLOOR), rows["high"].clip(lower=FLOOR)
        left.errorbar(x, value, yerr=[value - low, high - value], fmt="o", capsize=2,
                      label=name, color=colour[name])  # fmt: skip
    for name in everyone:
        rows = skill[skill["forecaster"] == name]
        right.plot(rows["horizon"], rows["coverage90"], "o-", label=name, color=colour[name])
    left.axhline(0, color="black", lw=0.8)
    if below:
        left.set_ylim(bottom=FLOOR - 0.05)
        left.text(0.02, 0.02, f"below {FLOOR}: {', '.join(below)} (drawn at {FLOOR})",
                  transform=left.transAxes, fontsize=7)  # fmt: skip
    left.set(xlabel="horizon (years)", ylabel="CRPS skill vs persistence",
             title="skill (90% bootstrap interval over dyads)")  # fmt: skip
    right.axhspan(0.85, 0.95, color="grey", alpha=0.2)
    right.set(xlabel="horizon (years)", ylabel="share inside the 90% interval",
              title="coverage of 90% intervals", ylim=(0, 1.02))  # fmt: skip
    left.legend(fontsize=7, loc="lower center", bbox_to_anchor=(0.5, 0.1), ncol=3)
    right.legend(fontsize=7, loc="lower left")
    return figure


def moments_figure(result: SimulatedFit):
    """Simulated moments (mean and spread across runs, at the estimate) against the observed
    ones, in units of each moment's spread, and the objective along each fitted parameter
    (the others at the estimate)."""
    count = len(result.spec.free)
    figure, axes = _grid(count + 1, shared=False)
    ax = axes[0]
    spread = np.where(result.spread > 0, result.spread, np.nan)
    rows = np.arange(len(result.names))
    ax.errorbar((result.simulated - result.observed) / spread, rows, xerr=1.0, fmt="o", ms=3,
                color="tab:red", elinewidth=0.8, label="simulated − observed (±1 sd)")  # fmt: skip
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(rows, [n[:28] for n in result.names], fontsize=5)
    ax.set_title("moments (in sd of the simulated runs)", fontsize=8)
    ax.legend(fontsize=6, loc="lower left")
    for k, (name, (values, objective)) in enumerate(result.profiles.items(), start=1):
        axes[k].plot(values, objective, "o-", color="tab:blue", ms=3)
        axes[k].axvline(result.values[name], color="tab:red", lw=0.8)
        axes[k].set_title(name.split(".", 1)[-1], fontsize=8)
        if name not in result.spec.shares:
            axes[k].set_xscale("log")
        axes[k].set_ylabel("objective", fontsize=7)
    figure.set_size_inches(max(figure.get_size_inches()[0], 7), figure.get_size_inches()[1] + 1)
    return figure


def calibration_figure(result: Estimates):
    """The fit figure of either method."""
    return moments_figure(result) if result.method == "smm" else fit_figure(result)
