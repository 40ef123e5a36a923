"""casa_2019 under the v2 dynamics: the properties issue 11 asks for (100 runs).

The scenario as shipped carries calibrated values (docs/validation.md); the CRP fact holds
only under the registered defaults and is checked there.
"""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from alignsim.ensemble import run_batch, run_seeds
from alignsim.scenario import load_scenario
from alignsim.simulation.compiled import compile_scenario

RUNS = 100


@pytest.fixture(scope="module")
def casa():
    compiled = compile_scenario(load_scenario("casa_2019"))
    return compiled, run_batch(compiled, run_seeds(2019, RUNS)).alignment


def pairs(compiled, alignment):
    upper = np.triu_indices(len(compiled.actors), 1)
    names = [f"{compiled.actors[i]}-{compiled.actors[j]}" for i, j in zip(*upper, strict=True)]
    return names, alignment[..., upper[0], upper[1]]


def test_india_pakistan_is_the_most_hostile_pair_every_year_in_90_percent_of_runs(casa):
    compiled, alignment = casa
    names, values = pairs(compiled, alignment)
    india_pakistan = names.index("PAK-IND")
    yearly = [t for t, d in enumerate(compiled.dates) if d.month == 1]
    shares = [np.mean(values[:, t].argmin(-1) == india_pakistan) for t in yearly]
    assert compiled.dates[yearly[-1]].year == 2025 and min(shares) >= 0.9


def test_the_spread_across_pairs_does_not_collapse(casa):
    compiled, alignment = casa
    _, values = pairs(compiled, alignment)
    ratio = values[:, -1].std(-1) / values[:, 0].std(-1)
    assert np.all(ratio >= 0.5)


def test_without_the_us_india_partnership_crp_is_less_cohesive_under_the_default_dynamics(
    tmp_path,
):
    # casa_2019 as shipped carries the calibrated rate (0.002 a quarter), under which the
    # drivers barely act and this fact does not hold (docs/validation.md): it is checked on
    # the article's scenario and its counterfactual with the registered defaults
    import yaml

    root = Path(__file__).resolve().parents[2]
    uncalibrated = root / "scenarios" / "casa_2019_uncalibrated.yaml"
    defaults = yaml.safe_load(uncalibrated.read_text())["mechanisms"]
    counterfactual = tmp_path / "no_us_india_uncalibrated.yaml"
    counterfactual.write_text(yaml.safe_dump({
        "extends": str(root / "scenarios" / "casa_2019_no_us_india.yaml"),
        "name": "casa_2019_no_us_india_uncalibrated",
        "mechanisms": defaults,
    }))  # fmt: skip
    out = tmp_path / "compare"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "alignsim",
            "compare",
            str(uncalibrated),
            str(counterfactual),
            "--runs",
            str(RUNS),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
        cwd=root,
    )
    import pandas as pd

    table = pd.read_csv(out / "compare.csv")
    row = table[(table["outcome"] == "cohesion") & (table["name"] == "CRP")].iloc[0]
    # B - A with B the counterfactual: the partnership draws China, Russia and Pakistan together
    assert row["high"] < 0 and row["difference"] < -0.02
    assert json.loads((out / "summary.json").read_text())["scenarios"]["A"]["runs"] == RUNS


def test_with_what_happened_after_the_article_rivalries_deepen_from_2019_to_2023():
    compiled = compile_scenario(load_scenario("casa_2019_observed_events"))
    alignment = run_batch(compiled, run_seeds(7, RUNS)).alignment
    step = {(d.year, d.month): t for t, d in enumerate(compiled.dates)}
    actor = {a: i for i, a in enumerate(compiled.actors)}
    for first, second in (("RUS", "USA"), ("CHN", "USA"), ("CHN", "IND")):
        i, j = actor[first], actor[second]
        change = alignment[:, step[2023, 1], i, j] - alignment[:, step[2019, 1], i, j]
        assert np.mean(change < 0) >= 0.95, (first, second)
