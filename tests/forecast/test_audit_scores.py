"""Audit: every score on a tiny case computed by hand, and skill over the same dyad-years."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from alignsim.forecast.scores import score_table
from alignsim.forecast.skill import skill_table


def test_every_score_of_a_four_member_ensemble_by_hand():
    members = np.tile([0.0, 0.2, 0.4, 0.6], (3, 1))
    observed = np.array([0.5, 0.7, -0.1])
    table = score_table(observed, members, np.full(3, 0.1))
    # E|X - y| = (0.5 + 0.3 + 0.1 + 0.1) / 4 = 0.25; E|X - X'| = 4.0 / 16 over all 16 pairs
    # = 0.25, so CRPS = 0.25 - 0.125; for 0.7 and -0.1: 1.6 / 4 - 0.125 = 0.275
    assert table["crps"] == pytest.approx([0.125, 0.275, 0.275], abs=1e-12)
    # 5% and 95% quantiles by linear interpolation: 0.03 and 0.57 (positions 0.15 and 2.85)
    assert table["covered90"].tolist() == [1.0, 0.0, 0.0]
    # width 0.54, plus 2 / 0.1 times a miss of 0.13 on either side
    assert table["interval_score90"] == pytest.approx([0.54, 3.14, 3.14], abs=1e-12)
    assert table["median_error"] == pytest.approx([-0.2, -0.4, 0.4], abs=1e-12)
    # median 0.3 rises from 0.1; the observations rise, rise, fall
    assert table["direction_right"].tolist() == [1.0, 1.0, 0.0]


def _rows(name: str, crps: dict[tuple[str, str, int], float]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "forecaster": name,
                "horizon": 1,
                "a": a,
                "b": b,
                "origin": o,
                "crps": v,
                "covered90": 1.0,
                "direction_right": 1.0,
            }
            for (a, b, o), v in crps.items()
        ]
    )


def test_skill_compares_the_same_dyad_years_and_resamples_dyads():
    reference = {("A", "B", 2011): 0.2, ("A", "B", 2013): 0.2, ("A", "C", 2011): 0.4,
                 ("B", "C", 2011): 9.0}  # fmt: skip
    model = {("A", "B", 2011): 0.1, ("A", "B", 2013): 0.1, ("A", "C", 2011): 0.6}
    table = skill_table(pd.concat([_rows("ref", reference), _rows("model", model)]), "ref")
    row = table[table["forecaster"] == "model"].iloc[0]
    # B-C has no model forecast, so its reference score is left out: 1 - 0.8 / 0.8
    assert row["n"] == 3
    assert row["skill"] == pytest.approx(0.0, abs=1e-12)
    # resampling dyads: A-B alone gives 1 - 0.2 / 0.4 = 0.5, A-C alone 1 - 0.6 / 0.4 = -0.5
    assert -0.5 <= row["low"] < 0 < row["high"] <= 0.5
