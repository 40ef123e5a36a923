"""Blocs over time, the expected-utility positions mechanism and `alignsim analyze`."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml
from numpy.testing import assert_allclose

from alignsim import simulate
from alignsim.analysis.blocs import blocs_at, blocs_over_time
from alignsim.dynamics.bargaining import expected_utility
from alignsim.games.eum import step_positions_multi
from alignsim.scenario.schema import scenario_model
from alignsim.scenario.synthetic import random_scenario_dict
from alignsim.simulation.compiled import compile_scenario
from alignsim.simulation.model import AlignmentModel

ALIGNSIM = str(Path(sys.executable).parent / "alignsim")


def test_blocs_of_a_hand_made_matrix():
    # 0 and 1 are friends, both hostile to 2: E({0,1}|{2}) = 2*(c0 c2 (-0.5) + c1 c2 (-0.5))
    # = 2*(-0.5 - 0.5) = -2 with unit sizes; the grand coalition has E = 0.
    a = np.array([[0, 0.5, -0.5], [0.5, 0, -0.5], [-0.5, -0.5, 0]])
    found = blocs_at(a, np.ones(3), ["X", "Y", "Z"])
    assert found == {
        "sides": "X+Y | Z",
        "energy": pytest.approx(-2.0),
        "unique": True,
        "method": "exact",
        "lower_bound": pytest.approx(-2.0),
        "gap": 0.0,
    }


def test_all_friends_form_one_bloc_and_a_neutral_world_is_not_unique():
    friends = np.ones((3, 3)) - np.eye(3)
    assert blocs_at(friends, np.ones(3), "ABC")["sides"] == "A+B+C"
    assert blocs_at(np.zeros((3, 3)), np.ones(3), "ABC")["unique"] is False


def test_blocs_over_time_has_a_row_per_step():
    a = np.array([[0, 0.5, -0.5], [0.5, 0, -0.5], [-0.5, -0.5, 0]])
    swapped = a[np.ix_([0, 2, 1], [0, 2, 1])]  # now X and Z are the friends
    history = np.stack([a, swapped])
    table = blocs_over_time(history, np.ones((2, 3)), "XYZ", ["d0", "d1"])
    assert table["sides"].tolist() == ["X+Y | Z", "X+Z | Y"]


def test_simulate_reports_blocs_for_small_scenarios():
    results = simulate(scenario_model().model_validate(random_scenario_dict(4, steps=3)))
    assert len(results.extra["blocs"]) == 4
    assert results.summary()["final_blocs"]["sides"] == results.extra["blocs"]["sides"].iloc[-1]


def test_expected_utility_mechanism_is_one_bargaining_round_per_step():
    raw = random_scenario_dict(4, issues=2, steps=2, seed=3, noise=0.0)
    raw["mechanisms"]["expected_utility"] = {"enabled": True, "variant": "bdm"}
    compiled = compile_scenario(scenario_model().model_validate(raw))
    assert compiled.rules.positions.name == "expected_utility"
    start = compiled.initial
    model = AlignmentModel(compiled).run(1)
    expected = step_positions_multi(start.capability, start.positions, start.salience, "bdm")
    assert_allclose(model.state.positions, expected)
    half = expected_utility(start.positions, start.salience, start.capability, 0.5, "bdm")
    assert_allclose(half, (start.positions + expected) / 2)


def test_expected_utility_mechanism_broadcasts_over_a_batch():
    raw = random_scenario_dict(4, issues=2, seed=4)
    s = compile_scenario(scenario_model().model_validate(raw)).initial.stacked(2)
    out = expected_utility(s.positions, s.salience, s.capability, 1.0, "scholz2011")
    assert_allclose(out[0], out[1])


def test_analyze_cli_json(tmp_path):
    done = subprocess.run(
        [ALIGNSIM, "analyze", "casa_2019", "--at", "2016-06", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(done.stdout)
    assert report["date"] == "2016-04-01" and report["step"] == 9  # last step on or before
    minima = report["landscape"]["minima"]
    assert minima[0]["is_global"]
    assert sum(m["basin_share"] for m in minima) == pytest.approx(1.0)
    issues = [f["issue"] for f in report["forecasts"]]
    assert "energy" in issues and len(issues) == 12


def test_analyze_cli_rejects_a_date_outside_the_run():
    done = subprocess.run(
        [ALIGNSIM, "analyze", "casa_2019", "--at", "2030-01"], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "--at: 2030-01-01 is outside the run" in done.stderr
    assert "Traceback" not in done.stderr


def test_analyze_says_when_the_landscape_is_a_heuristic_search(tmp_path):
    # 26 states: 2**25 configurations, beyond exact enumeration; the lowest configuration
    # found is not proven global, so the table must not call it global and must state the gap
    path = tmp_path / "big.yaml"
    data = random_scenario_dict(26, issues=1, steps=1, seed=2, noise=0.05)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    done = subprocess.run(
        [ALIGNSIM, "analyze", str(path), "--at", "start"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    report = json.loads(
        subprocess.run(
            [ALIGNSIM, "analyze", str(path), "--at", "start", "--json"],
            capture_output=True,
            text=True,
        ).stdout
    )["landscape"]
    assert report["method"] == "heuristic" and report["n_configurations"] == 2**25
    gap = report["optimality_gap"]
    assert gap > 0
    assert "lowest found" in text and " global " not in text
    assert (
        "HEURISTIC search of 33,554,432 configurations from 2000 random starts (seed 0): basin "
        f"shares are shares of starts; the lowest energy found is at most {gap:.4g} above the "
        f"true minimum (lower bound {report['energy_lower_bound']:+.4g})."
    ) in text
    assert "frustration at the lowest configuration found" in text
