"""Sensitivity: an inert parameter gets zero indices, the only active one gets them all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from alignsim.ensemble.sensitivity import (
    Parameter,
    SensitivityError,
    analyse,
    parse_output,
    parse_parameter,
    uncertain_parameters,
)
from alignsim.scenario.loader import read_tree
from alignsim.scenario.synthetic import random_scenario_dict


def scenario_tree(tmp_path: Path, relation_alignment=0.4):
    # no economic ties anywhere: the economic_ties weight cannot change anything
    data = random_scenario_dict(3, issues=2, steps=4, seed=3, noise=0.0)
    for relation in data["relations"]:
        relation["economic_tie"] = 0.0
    data["relations"][0]["alignment"] = relation_alignment
    path = tmp_path / "three.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path, read_tree(path)


def sensitivity(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``alignsim sensitivity ARGS`` as a user runs it."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "alignsim"), "sensitivity", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "120"},
    )


PARAMETERS = [
    parse_parameter("mechanisms.economic_ties.weight=0:1"),
    parse_parameter("mechanisms.adjustment.rate=0.05:0.9"),
]


def test_sobol_inert_parameter_is_zero_and_active_one_explains_the_variance(tmp_path):
    _, tree = scenario_tree(tmp_path)
    table = analyse(tree, PARAMETERS, parse_output("alignment:A000-A001"), "sobol", 32)
    inert, active = table.iloc[0], table.iloc[1]
    assert inert["parameter"] == "mechanisms.economic_ties.weight"
    assert inert["S1"] == 0.0 and inert["ST"] == 0.0
    assert active["ST"] > 0.9
    assert abs(active["S1"] - 1.0) <= active["S1_conf"] + 0.1


def test_morris_inert_parameter_has_no_effect(tmp_path):
    _, tree = scenario_tree(tmp_path)
    table = analyse(tree, PARAMETERS, parse_output("cohesion:first_three"), "morris", 6)
    assert list(table.columns) == ["parameter", "mu", "mu_star", "mu_star_conf", "sigma"]
    assert table.loc[0, "mu_star"] == 0.0 and table.loc[0, "sigma"] == 0.0
    assert table.loc[1, "mu_star"] > 0.0


def test_uncertain_inputs_become_parameters_over_their_support(tmp_path):
    _, tree = scenario_tree(tmp_path, {"normal": {"mean": 0.8, "sd": 0.1}})
    tree["mechanisms"]["adjustment"]["rate"] = {"triangular": [0.1, 0.2, 0.6]}
    tree["mechanisms"]["preset"] = "v1"  # the reasoning below is about v1's target
    found = uncertain_parameters(tree)
    assert [(p.name, p.low, p.high) for p in found] == [
        ("relations.A000-A001.alignment", pytest.approx(0.5), 1.0),
        ("mechanisms.adjustment.rate", 0.1, 0.6),
    ]
    own = analyse(tree, found, parse_output("alignment:A000-A001"), "morris", 4)
    other = analyse(tree, found, parse_output("alignment:A001-A002"), "morris", 4)
    # a friendlier start leaves the pair friendlier (mu > 0, every effect of one sign);
    # its target is lower than its start, so a faster rate ends it lower (mu < 0)
    assert own["mu"].iloc[0] > 0 and own["mu"].iloc[0] == pytest.approx(own["mu_star"].iloc[0])
    assert own["mu"].iloc[1] < 0 and -own["mu"].iloc[1] == pytest.approx(own["mu_star"].iloc[1])
    # the pair's own starting alignment matters far more to it than to another pair
    assert own["mu_star"].iloc[0] > 10 * other["mu_star"].iloc[0] > 0


def test_bad_specifications_are_refused(tmp_path):
    _, tree = scenario_tree(tmp_path)
    for bad in ("x", "x=1", "x=a:b", "x=1:0"):
        with pytest.raises(SensitivityError):
            parse_parameter(bad)
    with pytest.raises(SensitivityError):
        parse_output("balance")
    with pytest.raises(SensitivityError, match="power of 2"):
        analyse(tree, PARAMETERS, parse_output("cohesion:first_three"), "sobol", 12)
    with pytest.raises(SensitivityError, match="no group"):
        analyse(tree, PARAMETERS, parse_output("cohesion:nope"), "morris", 2)
    assert Parameter("a", 0, 1).setting is None


def test_command_writes_indices_and_plot(tmp_path):
    path, _ = scenario_tree(tmp_path)
    result = sensitivity(
        path,
        "--method",
        "morris",
        "--output",
        "alignment:A000-A001",
        "--param",
        "mechanisms.adjustment.rate=0.05:0.9",
        "--samples",
        "4",
        "--out",
        tmp_path / "s",
    )
    assert result.returncode == 0, result.stderr
    printed = " ".join(result.stdout.split())
    assert "estimation error" not in printed  # Morris effects are not shares
    assert "in units of the outcome per whole range of the parameter" in printed
    table = pd.read_csv(tmp_path / "s" / "indices.csv")
    assert table["parameter"].tolist() == ["mechanisms.adjustment.rate"]
    assert (tmp_path / "s" / "indices.png").stat().st_size > 1000
    bad = sensitivity(
        path,
        "--output",
        "cohesion:first_three",
        "--param",
        "mechanisms.adjustment.rate=0:3",
        "--out",
        tmp_path / "t",
    )
    assert bad.returncode == 2
    assert bad.stderr == "--param mechanisms.adjustment.rate: 3.0 is above 1\n"


def test_bloc_outcome_is_one_when_the_run_ends_in_that_configuration():
    from alignsim.dynamics.step import State
    from alignsim.ensemble.sensitivity import configuration_key, outcome_of
    from alignsim.scenario.synthetic import random_scenario
    from alignsim.simulation.compiled import compile_scenario

    compiled = compile_scenario(random_scenario(4, steps=2, seed=1))
    camps = np.array([[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]], float)
    crossed = np.array([[0, -1, 1, -1], [-1, 0, -1, 1], [1, -1, 0, -1], [-1, 1, -1, 0]], float)
    alignment = np.stack([np.stack([np.zeros((4, 4)), a]) for a in (camps, crossed, camps)])
    empty = np.zeros((3, 2, 4, 0))
    history = State(
        alignment,
        np.ones((3, 2, 4)),
        empty,
        empty,
        alignment,
        empty,
        alignment,
        empty,
        *[alignment] * 2,
    )
    output = parse_output("bloc:A003+A002 | A001+A000")
    assert configuration_key("A000+A001|A002+A003") == configuration_key(output.name)
    assert outcome_of(history, compiled, output).tolist() == [1.0, 0.0, 1.0]
    with pytest.raises(SensitivityError, match="every actor"):
        outcome_of(history, compiled, parse_output("bloc:A000+A001|A002"))


def test_seed_zero_fixes_the_bootstrap_and_leaves_the_global_generator_alone(tmp_path):
    _, tree = scenario_tree(tmp_path)
    output = parse_output("alignment:A000-A001")
    np.random.seed(1)
    before = np.random.get_state()[1].copy()
    first = analyse(tree, PARAMETERS, output, "sobol", 8, seed=0)
    assert np.array_equal(np.random.get_state()[1], before)  # global state untouched
    np.random.seed(2)
    second = analyse(tree, PARAMETERS, output, "sobol", 8, seed=0)
    assert first["ST_conf"].iloc[1] > 0  # a real bootstrap interval, compared exactly
    pd.testing.assert_frame_equal(first, second)
    other = analyse(tree, PARAMETERS, output, "sobol", 8, seed=1)
    assert not other.equals(first)


def test_command_with_seed_zero_writes_the_same_indices_for_any_workers(tmp_path):
    path, _ = scenario_tree(tmp_path)
    common = [
        str(Path(sys.executable).parent / "alignsim"),
        "sensitivity",
        str(path),
        "--output",
        "alignment:A000-A001",
        "--param",
        "mechanisms.adjustment.rate=0.05:0.9",
        "--param",
        "mechanisms.economic_ties.weight=0:1",
        "--samples",
        "16",
        "--seed",
        "0",
    ]
    texts = []
    # two processes: an unseeded global generator would make their intervals differ
    for name, workers in (("a", "1"), ("b", "2")):
        done = subprocess.run(
            [*common, "--workers", workers, "--out", str(tmp_path / name)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        texts.append((tmp_path / name / "indices.csv").read_bytes())
        # estimated indices may fall below 0: the table says how to read them
        printed = " ".join(done.stdout.split())
        assert "S1 (first order) and ST (total) are shares of the outcome's variance" in printed
        assert "an S1 below 0 or above ST is estimation error" in printed
    assert texts[0] == texts[1]
    assert b"ST_conf" in texts[0]


def test_morris_effects_are_per_whole_range_of_the_parameter(tmp_path):
    # at step 0 the outcome is the parameter itself: moving it across its whole range
    # (-0.2 to 0.2) changes the outcome by 0.4, so every elementary effect is 0.4
    _, tree = scenario_tree(tmp_path)
    parameters = [parse_parameter("relations[0].alignment=-0.2:0.2")]
    output = parse_output("alignment:A000-A001")
    table = analyse(tree, parameters, output, "morris", 4, steps=0)
    row = table.iloc[0]
    assert (row["mu"], row["mu_star"], row["sigma"]) == pytest.approx((0.4, 0.4, 0.0), abs=1e-12)


def test_sobol_indices_of_an_outcome_that_never_varies_are_missing_not_zero(tmp_path):
    # at step 0 the adjustment rate cannot move anything: the outcome has no variance, so
    # its shares are 0/0 (SALib reports 0, which reads as "no influence")
    path, tree = scenario_tree(tmp_path)
    rate = [parse_parameter("mechanisms.adjustment.rate=0.1:0.3")]
    output = parse_output("alignment:A000-A001")
    sobol = analyse(tree, rate, output, "sobol", 8, steps=0)
    assert sobol[["S1", "S1_conf", "ST", "ST_conf"]].isna().all().all()
    morris = analyse(tree, rate, output, "morris", 4, steps=0)  # effects are 0: truly none
    assert (morris[["mu", "mu_star", "sigma"]] == 0.0).all().all()
    done = sensitivity(
        path,
        "--output",
        "alignment:A000-A001",
        "--param",
        "mechanisms.adjustment.rate=0.1:0.3",
        "--samples",
        "8",
        "--steps",
        "0",
        "--out",
        tmp_path / "s",
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s" / "indices.csv").read_text().splitlines()[1] == (
        "mechanisms.adjustment.rate,,,,"
    )
    printed = " ".join(done.stdout.split())
    assert "mechanisms.adjustment.rate - - - -" in printed
    assert "the Sobol' indices are undefined (empty in indices.csv, not 0)" in printed
