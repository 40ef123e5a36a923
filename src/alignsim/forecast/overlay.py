"""The fitted core as scenario values: per-step parameters and an ``extends`` overlay file.

The core is yearly; a scenario steps by month, quarter or year. A deviation that keeps
``1 - rate`` of itself per year keeps ``(1 - rate) ** (1 / s)`` per step (``s`` steps a
year), so the step's adjustment rate is ``1 - (1 - rate) ** (1 / s)``; the step's noise
``sigma`` is the one whose ``s`` decaying draws add up to the year's transitory variance:
``sigma^2 * sum_k (1 - eta)^(2k) = transitory^2``. The uncertainty of each value comes
from draws of the fit's normal approximation (:func:`alignsim.forecast.calibrate.samples`)
mapped the same way.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import yaml

from alignsim.forecast.calibrate import Fit, samples
from alignsim.forecast.kalman import Params

STEPS_PER_YEAR = {"month": 12, "quarter": 4, "year": 1}
#: draws used for the values' standard deviations
DRAWS = 400


def step_values(params: Params, per_year: int) -> dict[str, float]:
    """Scenario values (by ``--set`` path) of yearly core parameters at ``per_year`` steps."""
    keep = (1.0 - params.rate) ** (1.0 / per_year)
    spread = np.sqrt(sum(keep ** (2 * k) for k in range(per_year)))
    return {
        "mechanisms.adjustment.rate": float(1.0 - keep),
        "mechanisms.adjustment.noise": float(params.transitory / spread),
    }


def value_table(result: Fit, per_year: int, seed: int = 0) -> dict[str, dict[str, float]]:
    """Each scenario value's estimate and standard deviation over the fit's draws."""
    best = step_values(result.params, per_year)
    drawn = [step_values(p, per_year) for p in samples(result, DRAWS, seed)]
    return {
        path: {"mean": value, "sd": float(np.std([d[path] for d in drawn]))}
        for path, value in best.items()
    }


def _nest(values: dict[str, dict[str, float]]) -> dict:
    tree: dict = {}
    for path, entry in values.items():
        *parents, leaf = path.split(".")
        node = tree
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = {"normal": {"mean": round(entry["mean"], 6), "sd": round(entry["sd"], 6)}}
    return tree


def overlay_text(
    base: Path,
    folder: Path,
    values: dict[str, dict[str, float]],
    result: Fit,
    data_note: str,
) -> str:
    """The overlay file: ``extends`` the base scenario, sets the calibrated values as normal
    distributions (mean = estimate, sd = its uncertainty) and cites the data it was fitted on."""
    first, last = result.years
    header = [
        f"# Calibrated by `alignsim calibrate` on the observed alignment index, {first}-{last}.",
        f"# Data: {data_note}",
        f"# Dyads: {len(result.data.dyads)}; log-likelihood {result.loglik:.2f}.",
        "# Each value is normal(mean = estimate, sd = its standard error): an ensemble draws",
        "# one per run; a single run draws one from its seed. Replace a distribution by its",
        "# mean for a fixed value.",
        *(f"# warning: {w}" for w in result.warnings),
    ]
    tree = {
        "extends": os.path.relpath(base.resolve(), folder.resolve()),
        "sources": [
            {
                "id": "observed_index_fit",
                "title": f"alignsim observed alignment index, calibration {first}-{last}",
                "author": "alignsim calibrate",
                "date": str(last),
            }
        ],
        **_nest(values),
    }
    body = yaml.safe_dump(tree, sort_keys=False, default_flow_style=None)
    return "\n".join(header) + "\n" + body
