"""Comparing two scenarios: bootstrap differences of cohesion and bloc probabilities."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from alignsim.ensemble.compare import bootstrap_difference, compare_ensembles
from alignsim.ensemble.montecarlo import run_ensemble
from alignsim.scenario.synthetic import random_scenario, random_scenario_dict
from alignsim.simulation.compiled import compile_scenario


def test_bootstrap_of_constant_samples_is_exact():
    rng = np.random.default_rng(0)
    assert bootstrap_difference(np.zeros(10), np.ones(7), 500, rng) == (1.0, 1.0, 1.0)


def test_bootstrap_interval_covers_the_shift_and_is_reproducible():
    values = np.random.default_rng(1).normal(size=200)
    first = bootstrap_difference(values, values + 0.5, 1000, np.random.default_rng(2))
    again = bootstrap_difference(values, values + 0.5, 1000, np.random.default_rng(2))
    assert first == again
    difference, low, high = first
    assert difference == pytest.approx(0.5)
    assert low < 0.5 < high
    # about 2 x 1.96 x sqrt(1 / 200 + 1 / 200) = 0.39 wide for unit variance
    assert 0.3 < high - low < 0.48


def test_compare_cohesion_and_blocs():
    one = compile_scenario(random_scenario(4, issues=2, steps=4, seed=1, noise=0.05))
    a = run_ensemble(one, 30, seed=3)
    b = run_ensemble(one, 30, seed=4)
    blocs_a = ["x"] * 30
    blocs_b = ["x"] * 20 + ["y"] * 10
    table = compare_ensembles(a, b, blocs_a, blocs_b, resamples=400, seed=0)
    assert table["outcome"].tolist() == ["cohesion", "bloc", "bloc"]
    cohesion = table.iloc[0]
    assert cohesion["name"] == "first_three"
    final_a = a.history.alignment[:, -1][:, [0, 0, 1], [1, 2, 2]].mean(axis=1)
    assert cohesion["a"] == pytest.approx(final_a.mean(), abs=1e-12)
    assert cohesion["difference"] == pytest.approx(cohesion["b"] - cohesion["a"])
    x, y = table.iloc[1], table.iloc[2]
    assert (x["name"], x["a"], x["b"], x["difference"]) == ("x", 1.0, 2 / 3, pytest.approx(-1 / 3))
    assert (y["name"], y["difference"]) == ("y", pytest.approx(1 / 3))
    assert y["low"] > 0.1 and y["high"] < 0.6


def test_command_compares_a_scenario_with_itself(tmp_path):
    data = random_scenario_dict(4, issues=2, steps=4, seed=6, noise=0.05)
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "alignsim"),
            "compare",
            str(tmp_path / "a.yaml"),
            str(tmp_path / "b.yaml"),
            "--runs",
            "40",
            "--bootstrap",
            "200",
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "120"},
    )
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(tmp_path / "out" / "compare.csv")
    assert table.columns.tolist() == ["outcome", "name", "a", "b", "difference", "low", "high"]
    cohesion = table[table["outcome"] == "cohesion"].iloc[0]
    assert cohesion["difference"] == 0.0 and cohesion["low"] < 0.0 < cohesion["high"]
    assert (table[table["outcome"] == "bloc"]["difference"] == 0.0).all()


def test_command_refuses_scenarios_with_different_actors(tmp_path):
    for name, actors in (("three", 3), ("four", 4)):
        data = random_scenario_dict(actors, issues=1, steps=2, seed=1)
        (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "alignsim"),
            "compare",
            str(tmp_path / "three.yaml"),
            str(tmp_path / "four.yaml"),
            "--runs",
            "2",
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "have different actors (A003 in one only)" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()
