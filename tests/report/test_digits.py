"""Decimals of interval tables: rounding never hides an interval's width."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from alignsim.report.compare import build_compare_report
from alignsim.report.digits import interval_decimals
from alignsim.results.comparison import SavedComparison


def test_the_fewest_decimals_that_keep_every_interval_open():
    assert interval_decimals([(-0.12, -0.04)]) == 4
    # -0.00191 and -0.00186 are both -0.0019 at 4 decimals
    assert interval_decimals([(-0.12, -0.04), (-0.00191, -0.00186)]) == 5
    assert interval_decimals([(0.0, 0.0), (0.5, 0.5)]) == 4  # degenerate: nothing to show
    assert interval_decimals([(0.1, 0.1 + 1e-12)]) == 6  # never more than 6
    assert interval_decimals([(1.0, 2.0)], least=3) == 3


def test_a_narrow_paired_interval_is_printed_with_its_width():
    table = pd.DataFrame(
        [("cohesion", "CRP", 0.72183, 0.71995, -0.00189, -0.00191, -0.00186)],
        columns=["outcome", "name", "a", "b", "difference", "low", "high"],
    )
    # both ends are -0.0019 at 4 decimals
    text = build_compare_report(SavedComparison(Path("out"), table))
    assert "<td>-0.00189</td><td>-0.00191 to -0.00186</td>" in text.replace(' class="num"', "")
