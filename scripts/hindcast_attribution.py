"""Where does a hindcast's skill over persistence come from? (the audit in docs/validation.md)

    python scripts/hindcast_attribution.py results/validation20

Reads ``forecasts.csv`` and ``scores.csv`` of an ``alignsim hindcast --actors ...`` folder made
with the packaged index and prints, per horizon, the mean CRPS and the mean absolute error of
the median of persistence and of alignsim, and two checks:

- ``recentred``: each alignsim ensemble shifted so that its median is the value at the origin
  (its spread kept, its movement removed). If it scores like alignsim, the skill is spread,
  not foresight of where relations go.
- ``persistence_pooled_h``: the value at the origin plus the h-year changes of every pair of
  the panel in the vintage history (years up to the origin only), as an exploratory
  "nothing changes" with the spread of the whole panel's history.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from alignsim.forecast.scores import crps
from alignsim.forecast.vintage import packaged_vintage

HORIZONS = (1, 3, 5, 8)
NAMES = ("persistence", "persistence_measured", "alignsim", "alignsim_calibrated")


def _pooled_changes(vintage, origin: int, years: int) -> np.ndarray:
    wide = vintage(origin).pivot(index=["a", "b"], columns="year", values="alignment")
    values = wide.sort_index(axis=1).to_numpy(float)
    changes = (values[:, years:] - values[:, :-years]).ravel()
    return changes[~np.isnan(changes)]


def attribution(folder: str) -> pd.DataFrame:
    """Rows: measures; columns: horizons."""
    made = pd.read_csv(f"{folder}/forecasts.csv")
    truth = pd.read_csv(f"{folder}/scores.csv")[
        ["forecaster", "origin", "horizon", "a", "b", "observed"]
    ]
    members = [c for c in made.columns if c[0] == "m" and c[1:].isdigit()]
    made = made.merge(truth, on=["forecaster", "origin", "horizon", "a", "b"])
    vintage = packaged_vintage(sorted(set(made["a"]) | set(made["b"])))
    table = {}
    for h in HORIZONS:
        rows, column = made[made["horizon"] == h], {}
        for name in NAMES:
            one = rows[rows["forecaster"] == name]
            ens, y = one[members].to_numpy(float), one["observed"].to_numpy(float)
            column[f"{name} CRPS"] = crps(y, ens).mean()
            column[f"{name} |median error|"] = np.abs(np.median(ens, 1) - y).mean()
            if name.startswith("alignsim"):
                shift = one["start"].to_numpy(float)[:, None] - np.median(ens, 1, keepdims=True)
                column[f"{name} recentred CRPS"] = crps(y, np.clip(ens + shift, -1, 1)).mean()
        pooled = []
        for origin, one in rows[rows["forecaster"] == "persistence"].groupby("origin"):
            draws = _pooled_changes(vintage, int(origin), h)
            ens = np.clip(one["start"].to_numpy(float)[:, None] + draws[None, :], -1, 1)
            pooled.append(crps(one["observed"].to_numpy(float), ens))
        column["persistence_pooled_h CRPS"] = np.concatenate(pooled).mean()
        table[h] = column
    return pd.DataFrame(table)


if __name__ == "__main__":
    print(attribution(sys.argv[1]).round(4).to_string())
