"""Sweep files: grid, runs and settings from YAML; every problem named with file and line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from alignsim.ensemble.gridfile import GridFileError, read_grid_file
from alignsim.ensemble.sweep import Axis
from alignsim.scenario.synthetic import random_scenario_dict

GOOD = """\
grid:
  mechanisms.adjustment.rate: [0.1, 0.3]
  mechanisms.structural_balance.weight: [0, 1e-1, true]
runs: 3
settings:
  - mechanisms.adjustment.noise=0.02
"""


def sweep(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "alignsim"), "sweep", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "120"},
    )


def test_a_sweep_file_gives_axes_runs_and_settings(tmp_path):
    path = tmp_path / "sweep.yaml"
    path.write_text(GOOD)
    found = read_grid_file(path)
    assert found.axes == [
        Axis("mechanisms.adjustment.rate", ("0.1", "0.3")),
        Axis("mechanisms.structural_balance.weight", ("0", "0.1", "true")),
    ]
    assert found.axes[0].where == f"{path}:2 grid.mechanisms.adjustment.rate"
    assert found.runs == 3
    assert found.settings == ["mechanisms.adjustment.noise=0.02"]
    assert found.setting_lines == [f"{path}:6"]


def test_every_problem_of_a_sweep_file_is_named_with_its_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "grid:\n"
        "  a.b: 0.5\n"
        "  c.d: [1, [2, 3], null]\n"
        "  a.b: [1]\n"
        "runs: 0\n"
        "settings: [x.y=1, nothing]\n"
        "extra: 1\n"
    )
    with pytest.raises(GridFileError) as caught:
        read_grid_file(path)
    assert caught.value.problems == [
        f"{path}:4 grid.a.b: given twice",
        f"{path}:7 extra: unknown key (allowed: grid, runs, settings)",
        f"{path}:3 grid.c.d[1]: expected a number, text, true/false or a date, got a list",
        f"{path}:3 grid.c.d[2]: expected a number, text, true/false or a date, got nothing",
        f"{path}:5 runs: expected a whole number of at least 1",
        f"{path}:6 settings[1]: expected PATH=VALUE, got 'nothing'",
    ]
    for text, problem in (
        ("grid: [1, 2]\n", ":1 grid: expected a mapping of PATH: [VALUE, ...]"),
        ("runs: 2\n", ": no grid (a mapping of PATH: [VALUE, ...])"),
        ("grid:\n  a: [1\n", ":3: not valid YAML"),
        ("- 1\n", ": expected a mapping with grid"),
        ("grid:\n  a: !!python/name:os.system [1]\n", ":2: not valid YAML"),
    ):
        path.write_text(text)
        with pytest.raises(GridFileError) as caught:
            read_grid_file(path)
        assert caught.value.problems[0].startswith(f"{path}{problem}"), caught.value.problems
    with pytest.raises(GridFileError, match="cannot read the sweep file"):
        read_grid_file(tmp_path / "missing.yaml")


def test_a_sweep_file_and_grid_options_make_the_same_sweep(tmp_path):
    scenario = tmp_path / "four.yaml"
    data = random_scenario_dict(4, issues=2, steps=4, seed=8, noise=0.05)
    scenario.write_text(yaml.safe_dump(data, sort_keys=False))
    file = tmp_path / "sweep.yaml"
    file.write_text(
        "grid:\n  mechanisms.adjustment.rate: [0.1, 0.3]\nruns: 3\n"
        "settings: [mechanisms.adjustment.noise=0.02]\n"
    )
    extra = ["--grid", "mechanisms.structural_balance.weight=0,0.5"]
    started = sweep(scenario, "--grid-file", file, *extra, "--out", tmp_path / "a", "--limit", 3)
    assert started.returncode == 0, started.stderr
    by_options = [
        "--grid",
        "mechanisms.adjustment.rate=0.1,0.3",
        *extra,
        "--runs",
        "3",
        "--set",
        "mechanisms.adjustment.noise=0.02",
    ]
    resumed = sweep(scenario, *by_options, "--out", tmp_path / "a")  # the same sweep
    assert resumed.returncode == 0, resumed.stderr
    assert "4 cells: 3 already done, 1 computed now" in resumed.stdout
    results = pd.read_parquet(tmp_path / "a" / "results.parquet")
    assert list(results.columns[1:3]) == [
        "mechanisms.adjustment.rate",
        "mechanisms.structural_balance.weight",
    ]
    assert results["run"].max() == 2
    more_runs = sweep(scenario, "--grid-file", file, "--runs", "4", "--out", tmp_path / "b")
    assert more_runs.returncode == 0, more_runs.stderr
    assert pd.read_parquet(tmp_path / "b" / "results.parquet")["run"].max() == 3

    twice = sweep(scenario, "--grid-file", file, "--grid", "mechanisms.adjustment.rate=0.2")
    assert twice.returncode == 2
    assert twice.stderr == (
        f"--grid mechanisms.adjustment.rate: also in {file}:2 grid.mechanisms.adjustment.rate\n"
    )
    file.write_text(
        "grid:\n  mechanisms.adjustment.rate: [0.1, 3]\n"
        "settings: [mechanisms.adjustment.noise=-1]\n"
    )
    bad = sweep(scenario, "--grid-file", file, "--out", tmp_path / "c")
    assert bad.returncode == 2
    assert bad.stderr == f"{file}:3 settings mechanisms.adjustment.noise: -1 is below 0\n"
    file.write_text("grid:\n  mechanisms.adjustment.rate: [0.1, 3]\n")
    bad = sweep(scenario, "--grid-file", file, "--out", tmp_path / "c")
    assert bad.stderr == f"{file}:2 grid.mechanisms.adjustment.rate: 3 is above 1\n"
    file.write_text("grid:\n  mechanisms.adjustment.rate: 0.1\nrun: 3\n")
    bad = sweep(scenario, "--grid-file", file, "--out", tmp_path / "c")
    assert bad.returncode == 2 and bad.stderr.splitlines() == [
        f"{file}:3 run: unknown key (allowed: grid, runs, settings)",
        f"{file}:2 grid.mechanisms.adjustment.rate: expected a list of values, got 0.1",
    ]
    neither = sweep(scenario, "--out", tmp_path / "c")
    assert neither.returncode == 2
    assert neither.stderr == "give --grid PATH=V1,V2,... or --grid-file FILE\n"
