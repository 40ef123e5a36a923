"""A calibration as a scenario overlay: a file that ``extends`` the scenario with the fitted
values, each a normal distribution (estimate, and its standard deviation over draws from the
fit's normal approximation, :func:`alignsim.forecast.calibrate.samples`).

An estimate less than one standard deviation of its draws from an end of its search range is
written as a fixed value: there the draws (a normal in logit or log coordinates) are skewed
into the range, and a normal centred on the estimate with their standard deviation, truncated
to the range, would draw far from the fit (a weight fitted at 0.001 with draws of sd 1.49 drew
a mean of 1.18)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import yaml

from alignsim.forecast.calibrate import Estimates, samples

#: draws used for the values' standard deviations
DRAWS = 400


def value_table(result: Estimates, seed: int = 0) -> dict[str, dict[str, float]]:
    """Each fitted value's estimate and standard deviation over the fit's draws; 0 (a fixed
    value) when the estimate lies within one such deviation of an end of its search range
    (``edge`` is then 1)."""
    drawn = samples(result, DRAWS, seed)
    table = {}
    for path in result.spec.free:
        mean, (low, high) = result.values[path], result.spec.bounds[path]
        sd = float(np.std([d[path] for d in drawn]))
        edge = sd > 0 and not low <= mean - sd <= mean + sd <= high
        table[path] = {"mean": mean, "sd": 0.0 if edge else sd, "edge": float(edge)}
    return table


def _nest(values: dict[str, dict[str, float]]) -> dict:
    tree: dict = {}
    for path, entry in values.items():
        *parents, leaf = path.split(".")
        node = tree
        for key in parents:
            node = node.setdefault(key, {})
        mean, sd = round(entry["mean"], 6), round(entry["sd"], 6)
        # no usable uncertainty (flat likelihood): the estimate as a plain value
        node[leaf] = {"normal": {"mean": mean, "sd": sd}} if sd > 0 else mean
    return tree


def overlay_text(
    base: Path,
    folder: Path,
    values: dict[str, dict[str, float]],
    result: Estimates,
    data_note: str,
    named: tuple[str, str] | None = None,
) -> str:
    """The overlay file: ``extends`` the base scenario, sets the calibrated values as normal
    distributions (mean = estimate, sd = its uncertainty) and cites the data it was fitted on.

    ``named``: the base scenario's name and title; the overlay is then named
    ``NAME_calibrated`` and titled after it, with the fit period.
    """
    first, last = result.years
    header = [
        f"# Calibrated by `alignsim calibrate` on the observed alignment index, {first}-{last}.",
        f"# Data: {data_note}",
        f"# Dyads: {len(result.data.dyads)}; {result.summary}.",
        "# Each value is normal(mean = estimate, sd = its uncertainty, from draws of the fit's",
        "# normal approximation; see calibration.json for standard errors): an ensemble draws",
        "# one per run; a single run draws one from its seed. Replace a distribution by its",
        "# mean for a fixed value. A value without uncertainty (no usable Hessian) is plain.",
        *(f"# warning: {w}" for w in result.warnings),
        *(
            f"# {path}: within one sd of an end of its search range, so held at the estimate"
            " (its draws are skewed, not a normal around it; see calibration.json)"
            for path, entry in values.items()
            if entry.get("edge")
        ),
    ]
    naming = {}
    if named is not None:
        naming = {
            "name": f"{named[0]}_calibrated",
            "title": f"{named[1]} (calibrated on the observed index, {first}-{last})",
        }
    tree = {
        "extends": os.path.relpath(base.resolve(), folder.resolve()),
        **naming,
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
