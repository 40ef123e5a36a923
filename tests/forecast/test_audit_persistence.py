"""Audit: "nothing changes" with the spread its own history shows at each horizon.

The plain persistence walks with year-on-year changes. On a smoothed index those changes are
positively correlated, so the walk's h-year spread is too narrow (its 90% intervals covered 13-20%
of outcomes in the 20-state hindcast) and any wider forecast beats it. ``persistence_direct``
draws the pair's own past h-year changes instead; the hindcast scores everyone against it too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from test_baselines import frame

from alignsim.forecast.baselines import persistence, persistence_direct
from alignsim.forecast.synthetic import simulate_frame


def test_direct_persistence_draws_the_pairs_own_changes_over_each_horizon():
    # +0.1, -0.1, ... : one-year changes are +-0.1, two-year changes all exactly 0
    history = frame({("A", "B"): [0.0, 0.1] * 4})
    direct = persistence_direct(history, 2007, [1, 2], 200, np.random.default_rng(0))
    walk = persistence(history, 2007, [1, 2], 200, np.random.default_rng(0))
    expected = [[1, 2008, 0.1], [2, 2009, 0.1]]
    assert direct.keys[["horizon", "year", "start"]].values.tolist() == expected
    assert set(np.round(direct.members[0], 12)) == {0.0, 0.2}
    np.testing.assert_array_equal(direct.members[1], 0.1)
    # the random walk of the same changes spreads to 0.1 +- 0.2 at two years
    assert set(np.round(walk.members[1], 12)) == {-0.1, 0.1, 0.3}


def test_direct_persistence_pools_the_changes_of_a_pair_with_too_few():
    history = frame({("A", "B"): [0.5, 0.5, 0.5], ("A", "C"): [0.0, 0.3, 0.6, 0.9, 1.2, 1.5]})
    history = history.assign(
        year=np.where(history["b"] == "B", history["year"] + 3, history["year"])
    )
    made = persistence_direct(history, 2005, [2], 50, np.random.default_rng(1))
    ab = made.members[made.keys["b"].to_numpy() == "B"][0]
    # A-B has one two-year change (0); pooled with A-C's four (+0.6): 0.5 or 1.1 (clipped to 1)
    assert set(np.round(ab, 12)) == {0.5, 1.0}


def test_the_hindcast_scores_every_forecaster_against_direct_persistence(tmp_path: Path):
    observed = tmp_path / "observed.csv"
    simulate_frame(["CHN", "IND", "PAK"], range(1991, 2020), 0.3, 0.03, 0.08, 0.04, seed=1).to_csv(
        observed, index=False
    )
    result = subprocess.run(
        [str(Path(sys.executable).parent / "alignsim"), "hindcast", "--actors", "CHN,IND,PAK",
         "--origins", "2015", "--horizons", "1:2", "--runs", "4", "--observed", str(observed),
         "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    skill = pd.read_csv(tmp_path / "out" / "skill.csv")
    direct = skill[skill["reference"] == "persistence_direct"]
    assert set(direct["forecaster"]) >= {"persistence", "alignsim", "alignsim_calibrated"}
    assert direct.loc[direct["forecaster"] == "persistence_direct", "skill"].tolist() == [0, 0]
    assert (
        "persistence_direct"
        in json.loads((tmp_path / "out" / "hindcast.json").read_text())["forecasters"]
    )
    assert "vs direct" in result.stdout
