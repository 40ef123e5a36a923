"""``alignsim calibrate --method smm`` as a user runs it (subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from alignsim.forecast.synthetic import model_frame
from alignsim.scenario.loader import load_scenario
from alignsim.scenario.synthetic import stylized_tree

ALIGNSIM = Path(sys.executable).parent / "alignsim"
WEIGHT, KAPPA = "mechanisms.signed_affinity.weight", "mechanisms.error_correction.permanent"
EVENTS = [
    {"id": "moved", "label": "moved", "at": "2003-01",
     "effects": [{"position": ["S0", "x"], "shift": 0.8}]},
    {"id": "shock", "label": "shock", "at": "2004-01",
     "effects": [{"alignment": ["S0", "S1"], "shift": 0.4}]},
]  # fmt: skip
ISSUES = {"S0": {"x": -0.4}, "S1": {"x": 0.3}, "S2": {"x": 0.5}}
RELATIONS = {("S0", "S1"): 0.1, ("S0", "S2"): -0.2, ("S1", "S2"): 0.2}


def alignsim(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ALIGNSIM), *map(str, args)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "COLUMNS": "120"})  # fmt: skip


def one_line_failure(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    tree = stylized_tree(RELATIONS, 3, 48, 0.02, EVENTS, ISSUES)
    model_frame(tree, range(2000, 2012), 0.01, seed=5).to_csv(tmp_path / "obs.csv", index=False)
    tree["calibration"] = {"free": [WEIGHT, KAPPA]}
    scenario = tmp_path / "small.yaml"
    scenario.write_text(yaml.safe_dump(tree), encoding="utf-8")
    return scenario, tmp_path / "obs.csv"


def test_smm_writes_an_overlay_the_scenario_can_extend(tmp_path, files):
    scenario, observed = files
    out = tmp_path / "cal"
    args = ("--method", "smm", "--observed", observed, "--fit", "2000:2011", "--runs", "12",
            "--starts", "1")  # fmt: skip
    done = alignsim("calibrate", scenario, *args, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "(smm)" in done.stdout and "SMM objective" in done.stdout
    assert sorted(p.name for p in out.iterdir()) == [
        ".alignsim.json", "calibration.json", "fit.png", "moments.csv", "overlay.yaml",
    ]  # fmt: skip
    record = json.loads((out / "calibration.json").read_text())
    assert record["method"].startswith("method of simulated moments")
    assert record["fit_years"] == [2000, 2011]
    assert set(record["estimates"]) == {WEIGHT, KAPPA}
    assert record["simulated_runs"] == 12
    names = [m["moment"] for m in record["moments"]]
    assert "event shock S0-S1" in names and "pressure signed_affinity" in names
    calibrated = load_scenario(out / "overlay.yaml")  # usable with extends
    assert calibrated.name == "stylized_calibrated"
    assert calibrated.mechanisms.signed_affinity.weight == pytest.approx(
        record["estimates"][WEIGHT], abs=1e-6
    )
    assert alignsim("calibrate", scenario, *args, "--out", tmp_path / "again").returncode == 0
    assert (
        json.loads((tmp_path / "again" / "calibration.json").read_text())["estimates"]
        == (record["estimates"])
    )  # seeded: the same fit twice


def test_a_bad_method_is_one_line(tmp_path, files):
    scenario, observed = files
    line = one_line_failure(alignsim("calibrate", scenario, "--method", "abc", "--fit",
                                     "2000:2011", "--observed", observed))  # fmt: skip
    assert line == "--method: 'abc' is not one of kalman, smm"


def test_observed_drivers_need_smm(files):
    scenario, observed = files
    line = one_line_failure(alignsim("calibrate", scenario, "--fit", "2000:2011",
                                     "--observed", observed, "--observed-drivers"))  # fmt: skip
    assert line == "--observed-drivers: only with --method smm"


def test_an_unknown_free_path_is_one_line(tmp_path, files):
    scenario, observed = files
    tree = yaml.safe_load(scenario.read_text())
    tree["calibration"] = {"free": ["mechanisms.signed_affinity.wieght"]}
    scenario.write_text(yaml.safe_dump(tree), encoding="utf-8")
    line = one_line_failure(alignsim("calibrate", scenario, "--method", "smm", "--fit",
                                     "2000:2011", "--observed", observed))  # fmt: skip
    assert "calibration.free: mechanisms.signed_affinity.wieght: not a numeric" in line
    kalman = one_line_failure(alignsim("calibrate", scenario, "--fit", "2000:2011",
                                       "--observed", observed))  # fmt: skip
    assert kalman.endswith("--method smm fits any numeric parameter")


def test_pairs_outside_the_scenario_are_one_line(files):
    scenario, observed = files
    line = one_line_failure(alignsim("calibrate", scenario, "--method", "smm", "--fit",
                                     "2000:2011", "--observed", observed, "--actors",
                                     "S0,S1,S9"))  # fmt: skip
    assert line.startswith("--actors: ")
    too_short = one_line_failure(alignsim("calibrate", scenario, "--method", "smm", "--fit",
                                          "2000:2002", "--observed", observed))  # fmt: skip
    assert too_short == "--fit: fewer than 5 observed years in 2000:2002"
