"""Skill against a reference forecaster, with a bootstrap over dyads (Efron & Tibshirani 1993).

CRPS skill ``1 - CRPS_f / CRPS_ref`` compares mean scores over the same forecasts (same
origins, horizon and dyads); positive means better than the reference. The interval
resamples dyads with replacement, keeping each dyad's origins together, so that it reflects
how much the result depends on which pairs of states are in the panel.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: bootstrap resamples and the interval's coverage
RESAMPLES = 2000
LEVEL = 0.9


def _dyad_sums(scores: pd.DataFrame, forecaster: str, horizon: int, column: str) -> pd.Series:
    rows = scores[(scores["forecaster"] == forecaster) & (scores["horizon"] == horizon)]
    return rows.groupby(["a", "b", "origin"])[column].sum()


def skill_table(
    scores: pd.DataFrame, reference: str = "persistence", seed: int = 0
) -> pd.DataFrame:
    """CRPS skill of each forecaster against ``reference`` per horizon, with its interval.

    Returns:
        Columns ``forecaster, horizon, n, crps, crps_reference, skill, low, high,
        coverage90, direction_right`` (``n``: forecasts compared; ``low``/``high``: the
        90% bootstrap interval of the skill over dyads).
    """
    rows = []
    rng = np.random.default_rng(seed)
    for forecaster in scores["forecaster"].unique():
        for horizon in sorted(scores["horizon"].unique()):
            own = _dyad_sums(scores, forecaster, horizon, "crps")
            ref = _dyad_sums(scores, reference, horizon, "crps")
            both = own.index.intersection(ref.index)
            if both.empty:
                continue
            own, ref = own.loc[both], ref.loc[both]
            by_dyad = pd.DataFrame({"own": own, "ref": ref}).groupby(level=["a", "b"]).sum()
            picks = rng.integers(0, len(by_dyad), size=(RESAMPLES, len(by_dyad)))
            boot = 1 - by_dyad["own"].to_numpy()[picks].sum(1) / by_dyad["ref"].to_numpy()[
                picks
            ].sum(1)
            tail = (1 - LEVEL) / 2
            mine = scores[(scores["forecaster"] == forecaster) & (scores["horizon"] == horizon)]
            rows.append(
                {
                    "forecaster": forecaster,
                    "horizon": int(horizon),
                    "n": len(both),
                    "crps": float(own.mean()),
                    "crps_reference": float(ref.mean()),
                    "skill": float(1 - own.sum() / ref.sum()),
                    "low": float(np.quantile(boot, tail)),
                    "high": float(np.quantile(boot, 1 - tail)),
                    "coverage90": float(mine["covered90"].mean()),
                    "direction_right": float(mine["direction_right"].mean()),
                }
            )
    return pd.DataFrame(rows)


def skill_tables(scores: pd.DataFrame, references: tuple[str, ...], seed: int = 0) -> pd.DataFrame:
    """:func:`skill_table` against each reference present in ``scores``, one after the other,
    with a ``reference`` column first."""
    present = set(scores["forecaster"])
    tables = [
        skill_table(scores, reference, seed).assign(reference=reference)
        for reference in references
        if reference in present
    ]
    if not tables:
        return pd.DataFrame()
    table = pd.concat(tables, ignore_index=True)
    return table[["reference", *[c for c in table.columns if c != "reference"]]]
