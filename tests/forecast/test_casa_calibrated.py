"""casa_2019_calibrated is rebuilt exactly by its script; a scenario's own run is scored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from alignsim.forecast.scenario_check import check_scenarios
from alignsim.scenario import load_scenario
from alignsim.scenario.loader import BUNDLED

ALIGNSIM = Path(sys.executable).parent / "alignsim"


def test_the_bundled_calibrated_scenario_is_what_calibrate_writes(tmp_path):
    out = tmp_path / "cal"
    done = subprocess.run(
        [str(ALIGNSIM), "calibrate", "casa_2019", "--fit", "1991:2013", "--out", str(out)],
        capture_output=True, text=True, timeout=300, env=dict(os.environ),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    written = (out / "overlay.yaml").read_text().splitlines()
    written = ["extends: casa_2019.yaml" if w.startswith("extends:") else w for w in written]
    assert (BUNDLED / "casa_2019_calibrated.yaml").read_text().splitlines() == written
    calibrated, base = load_scenario("casa_2019_calibrated"), load_scenario("casa_2019")
    assert calibrated.relations == base.relations and calibrated.events == base.events


def test_a_scenario_is_scored_at_january_of_each_year_against_the_index(tmp_path):
    scenario = {
        "version": 1,
        "name": "pair",
        "title": "two states",
        "time": {"start": "2010-01", "unit": "quarter", "steps": 8},
        "actors": [
            {"id": "AAA", "name": "A", "capability": 1.0},
            {"id": "BBB", "name": "B", "capability": 1.0},
        ],
        "relations": [{"pair": ["AAA", "BBB"], "alignment": 0.3}],
        "mechanisms": {"adjustment": {"noise": 0.0}},
    }
    from alignsim.scenario.loader import validate_tree

    loaded = validate_tree(scenario)
    years = range(2000, 2013)
    observed = pd.DataFrame(
        {
            "year": list(years),
            "a": "AAA",
            "b": "BBB",
            "alignment": [0.1 + 0.01 * k for k in range(len(years))],
        }
    ).assign(low=lambda f: f["alignment"] - 0.05, high=lambda f: f["alignment"] + 0.05)
    scores = check_scenarios({"pair": loaded}, observed, observed, 2010, runs=4)
    own = scores[scores["forecaster"] == "pair"]
    assert own[["horizon", "year"]].values.tolist() == [[1, 2011], [2, 2012]]
    assert (own["start"] == 0.3).all()
    # no noise and nothing to move it: the pair stays at 0.3, above the index (0.21, 0.22)
    np.testing.assert_allclose(own["median_error"], [0.3 - 0.21, 0.3 - 0.22], atol=1e-6)
    # the index rose from 2010 (0.20) and the scenario stayed: direction wrong (sign 0 vs +)
    assert own["direction_right"].tolist() == [0.0, 0.0]
    assert set(scores["forecaster"]) == {"pair", "persistence"}
