"""Comparing two scenarios: bootstrap differences of cohesion and bloc probabilities."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from alignsim.ensemble.compare import (
    bootstrap_counts,
    bootstrap_difference,
    compare_ensembles,
    compare_over_time,
    runs_are_paired,
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
    # run k of A and run k of B share their seed: every paired difference is 0, so is the band
    assert (cohesion["difference"], cohesion["low"], cohesion["high"]) == (0.0, 0.0, 0.0)
    assert (table[table["outcome"] == "bloc"]["difference"] == 0.0).all()
    over_time = pd.read_csv(tmp_path / "out" / "compare_over_time.csv")
    assert (over_time[["difference", "low", "high"]] == 0.0).all().all()
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["bootstrap"].startswith("paired: run k of A and run k of B share their seed")
    assert "95 % percentile bootstrap intervals, paired" in " ".join(result.stdout.split())


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


def test_bootstrap_counts_resample_whole_runs():
    counts = bootstrap_counts(5, 300, np.random.default_rng(0))
    assert counts.shape == (300, 5)
    assert (counts.sum(axis=1) == 5).all()
    assert set(np.unique(counts)) <= {0, 1, 2, 3, 4, 5}


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
    # narrow paired intervals are printed with enough decimals to show their width
    horizon = pd.read_csv(out / "compare.csv").set_index("name")
    line = next(line for line in result.stdout.splitlines() if " CRP " in line)
    low, high = line.split("[")[1].rstrip(" ]").split(", ")
    assert horizon.loc["CRP", "low"] < horizon.loc["CRP", "high"] and low != high
    assert float(low) == pytest.approx(horizon.loc["CRP", "low"], abs=10.0 ** -(len(low) - 3))
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


def test_paired_runs_give_the_interval_of_the_paired_differences():
    # b is a + 0.5 run by run: every paired difference is 0.5, so the paired interval is
    # [0.5, 0.5]; resampling a and b apart mixes the spread of the runs (sd 1.29) into it
    a = np.array([0.0, 1.0, 2.0, 3.0])
    paired = bootstrap_difference(a, a + 0.5, 2000, np.random.default_rng(0), paired=True)
    assert paired == (0.5, 0.5, 0.5)
    _, low, high = bootstrap_difference(a, a + 0.5, 2000, np.random.default_rng(0))
    assert high - low > 1.5
    with pytest.raises(ValueError, match="equal run counts"):
        bootstrap_difference(a, a[:3], 100, np.random.default_rng(0), paired=True)


def _with_pair_values(ensemble, values):
    """The ensemble with alignment A000-A001 set to ``values`` ``(runs, steps)``, all else 0."""
    alignment = np.zeros_like(ensemble.history.alignment)
    alignment[:, :, 0, 1] = alignment[:, :, 1, 0] = values
    return replace(ensemble, history=replace(ensemble.history, alignment=alignment))


def test_differences_over_time_pair_run_k_of_b_with_run_k_of_a():
    # three runs, two steps, hand-made alignments of one pair
    one = compile_scenario(random_scenario(4, issues=2, steps=1, seed=1, noise=0.05))
    template = run_ensemble(one, 3, seed=5)
    a = _with_pair_values(template, [[0.0, 0.0], [0.0, 0.3], [0.0, 0.6]])
    # step 1: B - A run by run is 0.1, 0.1, 0.1 (then 0, 0, 0.3 in the second B)
    b = _with_pair_values(template, [[0.0, 0.1], [0.0, 0.4], [0.0, 0.7]])
    b_uneven = _with_pair_values(template, [[0.0, 0.0], [0.0, 0.3], [0.0, 0.9]])
    assert runs_are_paired(a, b)
    for second, expected in ((b, (0.1, 0.1, 0.1)), (b_uneven, (0.1, 0.0, 0.3))):
        table = compare_over_time(a, second, resamples=4000, seed=0)
        row = table[(table["name"] == "A000-A001") & (table["step"] == 1)].iloc[0]
        # mean of three paired differences drawn with replacement from (0, 0, 0.3): 0 with
        # probability 8/27, 0.3 with 1/27 > 2.5 %, so the 95 % interval is [0, 0.3]
        assert (row["difference"], row["low"], row["high"]) == pytest.approx(expected, abs=1e-12)
        start = table[(table["name"] == "A000-A001") & (table["step"] == 0)].iloc[0]
        assert (start["difference"], start["low"], start["high"]) == (0.0, 0.0, 0.0)
    # the horizon table pairs the runs the same way
    horizon = compare_ensembles(a, b, resamples=400, seed=0)
    assert horizon["outcome"].tolist() == ["cohesion"]
    cohesion = horizon.iloc[0]  # first_three: (0.1 + 0 + 0) / 3 higher in every run
    assert (cohesion["difference"], cohesion["low"], cohesion["high"]) == pytest.approx(
        (0.1 / 3, 0.1 / 3, 0.1 / 3), abs=1e-12
    )


def test_ensembles_of_other_seeds_are_resampled_apart():
    one = compile_scenario(random_scenario(4, issues=2, steps=1, seed=1, noise=0.05))
    a, b = run_ensemble(one, 3, seed=5), run_ensemble(one, 3, seed=6)
    assert not runs_are_paired(a, b)
    a = _with_pair_values(a, [[0.0, 0.0], [0.0, 0.3], [0.0, 0.6]])
    b = _with_pair_values(b, [[0.0, 0.1], [0.0, 0.4], [0.0, 0.7]])
    table = compare_over_time(a, b, resamples=4000, seed=0)
    row = table[(table["name"] == "A000-A001") & (table["step"] == 1)].iloc[0]
    assert row["difference"] == pytest.approx(0.1)
    assert row["low"] < -0.1 and row["high"] > 0.3


def _compare(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "alignsim"), "compare", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_a_shorter_b_is_compared_with_a_at_the_same_date(tmp_path):
    # B is A cut at step 4: same seeds, so both are identical up to there and B - A is 0;
    # comparing A's last step (2002-01) with B's (2001-01) would not be
    data = random_scenario_dict(4, issues=1, steps=8, seed=3, noise=0.05)
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    data["time"]["steps"] = 4
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    out = tmp_path / "out"
    done = _compare(tmp_path / "a.yaml", tmp_path / "b.yaml", "--runs", 20, "--out", out)
    assert done.returncode == 0, done.stderr
    assert " ".join(done.stdout.split()).startswith(
        "B - A at 2001-01-01 (step 4), where the shorter scenario ends; random_4 runs on to "
        "2002-01-01, compared only up to 2001-01-01: A = random_4, B = random_4, 20 runs each"
    )
    table = pd.read_csv(out / "compare.csv")
    assert (table[["difference", "low", "high"]] == 0.0).all().all()
    assert pd.read_csv(out / "compare_over_time.csv")["step"].max() == 4
    summary = json.loads((out / "summary.json").read_text())
    assert summary["horizon"] == {"step": 4, "date": "2001-01-01"}


def test_scenarios_on_other_calendars_are_refused(tmp_path):
    data = random_scenario_dict(4, issues=1, steps=8, seed=3, noise=0.05)
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    data["time"]["start"] = "2005-01"
    (tmp_path / "late.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    done = _compare(tmp_path / "a.yaml", tmp_path / "late.yaml", "--out", tmp_path / "out")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip() == (
        f"{tmp_path / 'a.yaml'} starts 2000-01-01 in quarters and {tmp_path / 'late.yaml'} "
        "2005-01-01 in quarters; compare needs the same start and step so that step k is the "
        "same date in both"
    )
    assert not (tmp_path / "out").exists()
