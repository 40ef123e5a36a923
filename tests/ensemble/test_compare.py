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

from alignsim.ensemble.compare import (
    bootstrap_difference,
    bootstrap_weights,
    compare_ensembles,
    compare_over_time,
)
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


def test_bootstrap_weights_resample_whole_runs():
    weights = bootstrap_weights(5, 300, np.random.default_rng(0))
    assert weights.shape == (300, 5)
    assert np.allclose(weights.sum(axis=1), 1.0)
    assert set(np.unique(weights * 5)) <= {0.0, 1.0, 2.0, 3.0, 4.0, 5.0}


def test_differences_over_time_have_the_means_and_a_band_around_them():
    one = compile_scenario(random_scenario(4, issues=2, steps=4, seed=1, noise=0.05))
    a, b = run_ensemble(one, 30, seed=3), run_ensemble(one, 25, seed=4)
    table = compare_over_time(a, b, resamples=400, seed=0)
    assert set(table["kind"]) == {"group", "pair"}
    assert table.groupby(["kind", "name"]).size().tolist() == [5] * 7  # 1 group, 6 pairs x 5
    pair = table[(table["kind"] == "pair") & (table["name"] == "A000-A002")]
    values_a = a.history.alignment[:, :, 0, 2].mean(axis=0)
    values_b = b.history.alignment[:, :, 0, 2].mean(axis=0)
    assert np.allclose(pair["difference"], values_b - values_a, atol=1e-12)
    start = pair.iloc[0]  # every run starts from the same alignments: no difference, no band
    assert start["difference"] == pytest.approx(0.0, abs=1e-12)
    assert start["low"] == pytest.approx(0.0, abs=1e-12)
    later = pair.iloc[1:]
    assert ((later["low"] < later["difference"]) & (later["difference"] < later["high"])).all()


def test_compare_then_report_names_both_scenarios_everywhere(tmp_path):
    alignsim = str(Path(sys.executable).parent / "alignsim")
    out = tmp_path / "c"
    result = subprocess.run(
        [
            alignsim,
            "compare",
            "casa_2019",
            "casa_2019_no_us_india",
            "--runs",
            "20",
            "--bootstrap",
            "200",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "150"},
    )
    assert result.returncode == 0, result.stderr
    assert "A: casa_2019" in result.stdout and "B: casa_2019_no_us_india" in result.stdout
    over_time = pd.read_csv(out / "compare_over_time.csv")
    assert set(over_time["name"]) >= {"CRP", "US-India", "IND-USA", "PAK-RUS"}
    assert over_time["step"].max() == 44 and (out / "compare_over_time.png").is_file()
    result = subprocess.run([alignsim, "report", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = (out / "report.html").read_text()
    assert "<h1>casa_2019_no_us_india (B) against casa_2019 (A)</h1>" in text
    assert text.count("<th>A: casa_2019</th><th>B: casa_2019_no_us_india</th>") == 3
    assert "Differences over time" in text and "does not record the two scenarios" not in text


def test_figure_titles_name_both_scenarios():
    import matplotlib

    matplotlib.use("Agg")
    from alignsim.plot import difference_bands_figure, differences_figure

    horizon = pd.DataFrame(
        [("cohesion", "CRP", 0.5, 0.4, -0.1, -0.2, 0.0)],
        columns=["outcome", "name", "a", "b", "difference", "low", "high"],
    )
    over_time = pd.DataFrame(
        {
            "step": [0, 1],
            "date": pd.to_datetime(["2014-01-01", "2014-04-01"]),
            "kind": "group",
            "name": "CRP",
            "a": 0.4,
            "b": 0.4,
            "difference": [0.0, 0.1],
            "low": [0.0, 0.05],
            "high": [0.0, 0.15],
        }
    )
    for figure in (
        differences_figure(horizon, ("base", "alt")),
        difference_bands_figure(over_time, ("base", "alt")),
    ):
        assert "B = alt minus A = base" in figure.get_suptitle()
