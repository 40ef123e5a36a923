"""World blocs figure: bloc numbers follow the blocs, the script draws it from a scenario."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from alignsim.plot.world import membership, world_blocs_figure
from alignsim.scenario.synthetic import random_scenario_dict

ROOT = Path(__file__).resolve().parents[2]


def test_bloc_numbers_follow_the_blocs_from_step_to_step():
    table = pd.DataFrame(
        {
            "sides": ["A+B+C | D", "D | A+B+C", "A+B | C+D", "A+B+C+D"],
            "date": pd.date_range("2019-01-01", periods=4, freq="QS"),
        }
    )
    grid = membership(table, ["A", "B", "C", "D"])
    # the big bloc keeps number 0 whichever side it is printed on; C+D (shares D with
    # bloc 1) keeps 1; all four together are bloc 0's heirs
    assert grid.tolist() == [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 1, 0], [1, 1, 1, 0]]
    capability = np.ones((4, 4))
    table["gap"] = 0.0
    figure = world_blocs_figure(table, ["A", "B", "C", "D"], capability, "four")
    top = figure.axes[0]
    assert "optimality gap at most 0.00%" in top.get_title(loc="left")


def test_script_draws_world_blocs_of_a_scenario(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(random_scenario_dict(30, steps=4, seed=2), sort_keys=False))
    out = tmp_path / "figs" / "blocs.png"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "world_blocs.py"), str(path), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:4] == b"\x89PNG"
    table = pd.read_csv(out.with_suffix(".csv"))
    assert table["step"].tolist() == [0, 1, 2, 3, 4]
    assert "30 actors, 5 steps" in done.stdout


def test_bands_figure_draws_only_groups_when_pairs_are_too_many():
    from alignsim.plot import bands_figure
    from alignsim.plot.bands import MAX_PAIR_LINES

    dates = pd.date_range("2019-01-01", periods=3, freq="QS")
    rows = [
        {
            "step": s,
            "date": d,
            "kind": kind,
            "name": name,
            "q05": -0.1,
            "q25": 0.0,
            "q50": 0.1,
            "q75": 0.2,
            "q95": 0.3,
        }
        for kind, name in [("pair", f"A-P{i:02d}") for i in range(MAX_PAIR_LINES + 1)]
        + [("group", "G")]
        for s, d in enumerate(dates)
    ]
    events = pd.DataFrame(columns=["id", "label", "step", "date"])
    figure = bands_figure(pd.DataFrame(rows), events, "world")
    assert [ax.get_ylabel() for ax in figure.axes] == ["group cohesion"]
    assert "pair bands are in bands.csv" in figure.axes[0].get_title(loc="left")
