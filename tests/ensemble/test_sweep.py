"""Sweeps: grid cells, replicates, resumable storage that ends as an uninterrupted run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from alignsim.ensemble.montecarlo import run_ensemble
from alignsim.ensemble.summaries import horizon_table
from alignsim.ensemble.sweep import (
    Axis,
    SweepError,
    base_scenario_hash,
    cell_summaries,
    grid_cells,
    parse_grid,
    run_sweep,
    short_labels,
)
from alignsim.scenario import load_scenario, scenario_hash
from alignsim.scenario.synthetic import random_scenario_dict

GRID = [
    "--grid",
    "mechanisms.structural_balance.weight=0,0.5",
    "--grid",
    "mechanisms.adjustment.rate=0.1,0.3",
]


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "four.yaml"
    data = random_scenario_dict(4, issues=2, steps=4, seed=8, noise=0.05)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def sweep(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "alignsim"), "sweep", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "120"},
    )


def test_resumed_sweep_equals_an_uninterrupted_one(scenario, tmp_path):
    common = [scenario, *GRID, "--runs", "6", "--seed", "2", "--csv"]
    whole = sweep(*common, "--out", tmp_path / "whole")
    assert whole.returncode == 0, whole.stderr
    half = sweep(*common, "--out", tmp_path / "resumed", "--limit", "2")
    assert half.returncode == 0, half.stderr
    assert "4 cells: 0 already done, 2 computed now" in half.stdout
    assert not (tmp_path / "resumed" / "results.parquet").exists()
    cells = sorted((tmp_path / "resumed" / "cells").iterdir())
    assert len(cells) == 2
    stamps = [c.stat().st_mtime_ns for c in cells]
    rest = sweep(*common, "--out", tmp_path / "resumed")
    assert rest.returncode == 0, rest.stderr
    assert "4 cells: 2 already done, 2 computed now" in rest.stdout
    assert [c.stat().st_mtime_ns for c in cells] == stamps  # done cells were not recomputed
    one = pd.read_parquet(tmp_path / "whole" / "results.parquet")
    two = pd.read_parquet(tmp_path / "resumed" / "results.parquet")
    pd.testing.assert_frame_equal(one, two)
    assert (tmp_path / "whole" / "results.csv").read_text() == (
        tmp_path / "resumed" / "results.csv"
    ).read_text()
    assert len(one) == 4 * 6 * (6 + 1 + 1)  # cells x runs x (6 pairs + 1 group + 1 bloc)
    blocs = one[one["kind"] == "bloc"]
    assert (blocs["value"] == 1.0).all() and len(blocs) == 4 * 6
    assert blocs["name"].str.contains(" | |A000\\+A001\\+A002\\+A003", regex=True).all()
    assert "most likely blocs" in whole.stdout
    assert list(one.columns[:3]) == ["cell", GRID[1].split("=")[0], GRID[3].split("=")[0]]


def test_a_cell_holds_the_runs_of_its_settings(scenario, tmp_path):
    grid = parse_grid(["mechanisms.adjustment.rate=0.1,0.3"])
    results, progress = run_sweep(str(scenario), grid, runs=5, out=tmp_path / "s", seed=4)
    assert progress.complete and progress.computed == 2
    cell = results[(results["cell"] == 1) & (results["kind"] != "bloc")]
    assert set(cell["mechanisms.adjustment.rate"]) == {0.3}
    alone = horizon_table(
        run_ensemble(scenario, 5, seed=4, settings=["mechanisms.adjustment.rate=0.3"])
    )
    assert np.array_equal(cell["value"].to_numpy(), alone["value"].to_numpy())
    other = results[(results["cell"] == 0) & (results["kind"] != "bloc")]
    assert not np.array_equal(other["value"].to_numpy(), cell["value"].to_numpy())


def test_a_folder_of_another_sweep_is_refused(scenario, tmp_path):
    grid = parse_grid(["mechanisms.adjustment.rate=0.1"])
    run_sweep(str(scenario), grid, runs=2, out=tmp_path / "s")
    with pytest.raises(SweepError, match="different sweep"):
        run_sweep(str(scenario), grid, runs=3, out=tmp_path / "s")


def test_grid_parsing_and_order():
    axes = parse_grid(["a.b=1,2", "c=x,y,z"])
    assert axes == [Axis("a.b", ("1", "2")), Axis("c", ("x", "y", "z"))]
    assert grid_cells(axes)[:4] == [("1", "x"), ("1", "y"), ("1", "z"), ("2", "x")]
    for bad in (["a"], ["a="], ["a=1,,2"], ["a=1", "a=2"]):
        with pytest.raises(SweepError):
            parse_grid(bad)


def test_bad_sweeps_fail_cleanly(scenario, tmp_path):
    bad = sweep(
        scenario,
        "--grid",
        "mechanisms.adjustment.rate=0.1,7,fast",
        "--grid",
        "actors.A009.capability=1",
        "--set",
        "mechanisms.adjustment.noise=0",
        "--out",
        tmp_path / "b",
    )
    assert bad.returncode == 2
    assert bad.stderr.splitlines() == [
        "--grid mechanisms.adjustment.rate: 7 is above 1",
        "--grid mechanisms.adjustment.rate: expected a number, got 'fast'",
        "--grid actors.A009.capability: no entry 'A009'; did you mean 'A003'?",
    ]
    assert not (tmp_path / "b").exists()
    wrong_set = sweep(
        scenario, "--grid", GRID[3], "--set", "mechanisms.adjustment.noise=x", "--out", tmp_path
    )
    assert wrong_set.returncode == 2
    assert wrong_set.stderr == "--set mechanisms.adjustment.noise: expected a number, got 'x'\n"


def test_a_folder_made_before_the_scenario_changed_is_refused(scenario, tmp_path):
    grid = parse_grid(["mechanisms.adjustment.rate=0.1,0.3"])
    out = tmp_path / "s"
    run_sweep(str(scenario), grid, runs=2, out=out, limit=1)
    manifest = json.loads((out / "sweep.json").read_text())
    assert manifest["scenario_hash"] == scenario_hash(load_scenario(scenario))
    _, progress = run_sweep(str(scenario), grid, runs=2, out=out)  # unchanged: resumes
    assert (progress.found, progress.computed) == (1, 1)
    data = yaml.safe_load(scenario.read_text())
    data["mechanisms"]["adjustment"]["noise"] = 0.2
    scenario.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(SweepError, match="another version"):
        run_sweep(str(scenario), grid, runs=2, out=out)
    refused = sweep(scenario, "--grid", GRID[3], "--runs", "2", "--out", out)
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1
    assert "use another --out or remove the folder" in refused.stderr


def test_uncertain_inputs_are_part_of_the_base_scenario_hash(scenario):
    data = yaml.safe_load(scenario.read_text())
    data["relations"][0]["alignment"] = {"normal": {"mean": 0.2, "sd": 0.1}}
    scenario.write_text(yaml.safe_dump(data, sort_keys=False))
    first = base_scenario_hash(str(scenario))
    data["relations"][0]["alignment"] = {"normal": {"mean": 0.2, "sd": 0.3}}
    scenario.write_text(yaml.safe_dump(data, sort_keys=False))
    assert base_scenario_hash(str(scenario)) != first  # same central value, other spread
    assert base_scenario_hash(str(scenario), ["mechanisms.adjustment.noise=0.3"]) != first


def test_short_labels_tell_paths_apart():
    paths = ["mechanisms.economic_ties.weight", "mechanisms.adjustment.rate", "a.b.x.rate"]
    assert short_labels(paths) == ["economic_ties.weight", "adjustment.rate", "x.rate"]
    assert short_labels(["a.x.w", "b.x.w", "c"]) == ["a.x.w", "b.x.w", "c"]


def test_the_summary_tables_show_every_name_in_full(tmp_path):
    data = random_scenario_dict(4, issues=2, steps=3, seed=8, noise=0.05)
    data["groups"] = {"a_rather_long_group_name": ["A000", "A001"], "rest": ["A002", "A003"]}
    path = tmp_path / "four.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    axes = [
        "mechanisms.structural_balance.weight=0,0.5",
        "mechanisms.economic_ties.weight=0.25",
        "mechanisms.adjustment.rate=0.3",
        "actors.A000.capability=0.5",
    ]
    grid = [text for axis in axes for text in ("--grid", axis)]
    done = sweep(path, *grid, "--runs", "3", "--out", tmp_path / "s")
    assert done.returncode == 0, done.stderr
    results = pd.read_parquet(tmp_path / "s" / "results.parquet")
    lines = done.stdout.splitlines()
    assert "…" not in done.stdout and max(map(len, lines)) <= 120
    joined = " ".join(done.stdout.split())
    assert "median group cohesion at the horizon (2000-10-01, step 3)" in joined
    assert "most likely blocs at the horizon (2000-10-01, step 3; landscape minimum)" in joined
    # every file is named with its folder, the figures as the results
    figure = tmp_path / "s" / "sweep_structural_balance.weight.png"
    assert f"wrote {tmp_path / 's' / 'results.parquet'}" in lines
    assert f"wrote {figure}, {figure.with_name('sweep_economic_ties.weight.png')}, " in " ".join(
        done.stdout.split()
    )
    assert figure.is_file()
    at = lines.index(next(line for line in lines if "structural_balance" in line))
    assert lines[at].split() == ["structural_balance", "economic_ties", "adjustment", "A000"]
    assert lines[at + 1].split() == [
        "cell",
        ".weight",
        ".weight",
        ".rate",
        ".capability",
        "group",
        "median",
    ]
    medians, blocs = cell_summaries(results, [a.split("=")[0] for a in axes])
    rows = [line.split() for line in lines]
    for cell, weight in ((0, "0.0"), (1, "0.5")):
        first = rows.index(
            [
                str(cell),
                weight,
                "0.25",
                "0.3",
                "0.5",
                "a_rather_long_group_name",
                f"{medians.loc[cell, 'a_rather_long_group_name']:+.3f}",
            ]
        )
        assert rows[first + 1] == ["rest", f"{medians.loc[cell, 'rest']:+.3f}"]
        share = f"{blocs.loc[cell, 'share']:.2f}"
        assert [str(cell), weight, "0.25", "0.3", "0.5", blocs.loc[cell, "blocs"], share] in [
            line.split(maxsplit=5)[:5] + line.split(maxsplit=5)[5].rsplit(maxsplit=1)
            for line in lines
            if line.startswith(f" {cell} ")
        ]
    assert blocs["share"].between(1 / 3, 1).all()
