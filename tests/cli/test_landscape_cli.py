"""``alignsim landscape`` run as users run it: the installed console script, in a subprocess.

Inputs are the illustrative files in tests/data/landscape (see its README.md). On the
1..5 scale with offset 3, sizes PAK 1, RUS 3, CHN 4, IND 3, USA 5 and propensities
p = raw - 3: PAK-RUS 1, PAK-CHN 2, PAK-IND -2, PAK-USA 0, RUS-CHN 1, RUS-IND 1,
RUS-USA -2, CHN-IND -1, CHN-USA 0, IND-USA 1. Weights w = s_i s_j p_ij:
PR 3, PC 8, PI -6, PU 0, RC 12, RI 9, RU -30, CI -12, CU 0, IU 15.

* CHN+PAK+RUS | IND+USA splits PI, PU, RI, RU, CI, CU: 2*(-6+0+9-30-12+0) = -78.
  Frustrations F_i = sum_j s_j p_ij d_ij: PAK 3*(-2)+5*0 = -6, RUS 3*1+5*(-2) = -7,
  CHN 3*(-1)+5*0 = -3, IND 1*(-2)+3*1+4*(-1) = -3, USA 1*0+3*(-2)+4*0 = -6.
* CHN+PAK+USA | IND+RUS splits PI, PR, CI, CR, UI, UR: 2*(-6+3-12+12+15-30) = -36.
  Frustrations: PAK 3*(-2)+3*1 = -3, RUS 1+4-10 = -5, CHN -3+3 = 0, IND -2-4+5 = -1,
  USA 3-6 = -3. Each actor's switch raises its own frustration (PAK -3 -> 8,
  RUS -5 -> 3, CHN 0 -> 2, IND -1 -> 3, USA -3 -> 0), so it is stable.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from alignsim.games.landscape import solve

DATA = Path(__file__).resolve().parents[1] / "data" / "landscape"


def alignsim_script() -> str:
    script = Path(sys.executable).parent / "alignsim"
    if script.exists():
        return str(script)
    found = shutil.which("alignsim")
    assert found, "the alignsim console script is not installed"
    return found


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [alignsim_script(), "landscape", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def data(name: str) -> str:
    return str(DATA / name)


def table_rows(text: str) -> list[list[str]]:
    """Stripped cells of every body row of the rich tables in ``text``."""
    return [
        [cell.strip() for cell in line.split("│")[1:-1]]
        for line in text.splitlines()
        if line.startswith("│")
    ]


def test_prints_stable_configurations_and_frustrations():
    done = run(data("sizes.csv"), data("propensity.csv"), "--offset", "3")
    assert done.returncode == 0, done.stderr
    assert "exact enumeration of 16 configurations, 2 stable" in done.stdout
    rows = table_rows(done.stdout)
    assert rows == [
        ["1", "CHN+PAK+RUS | IND+USA", "-78", "0.8750", "yes"],
        ["2", "CHN+PAK+USA | IND+RUS", "-36", "0.1250", ""],
        ["PAK", "-6", "-3"],
        ["RUS", "-7", "-5"],
        ["CHN", "-3", "0"],
        ["IND", "-3", "-1"],
        ["USA", "-6", "-3"],
    ]


def test_json_output_hand_computed():
    done = run(data("sizes.csv"), data("propensity.csv"), "--offset", "3", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["method"] == "exact"
    assert result["n_configurations"] == 16
    assert [m["sides"] for m in result["minima"]] == [
        "CHN+PAK+RUS | IND+USA",
        "CHN+PAK+USA | IND+RUS",
    ]
    assert [m["energy"] for m in result["minima"]] == [-78.0, -36.0]
    assert [m["is_global"] for m in result["minima"]] == [True, False]
    assert result["minima"][0]["frustration"] == {
        "PAK": -6.0,
        "RUS": -7.0,
        "CHN": -3.0,
        "IND": -3.0,
        "USA": -6.0,
    }
    assert result["minima"][1]["frustration"] == {
        "PAK": -3.0,
        "RUS": -5.0,
        "CHN": 0.0,
        "IND": -1.0,
        "USA": -3.0,
    }
    # basins match the library on the same numbers (16 configurations, shares of 16)
    raw = np.array(
        [[3, 4, 5, 1, 3], [4, 3, 4, 4, 1], [5, 4, 3, 2, 3], [1, 4, 2, 3, 4], [3, 1, 3, 4, 3]]
    )
    library = solve([1, 3, 4, 3, 5], raw, names=result["names"], offset=3)
    assert [m["basin_share"] for m in result["minima"]] == library.basin_share.tolist()
    assert sum(m["basin_share"] for m in result["minima"]) == 1.0


def test_matrix_order_does_not_matter():
    plain = run(data("sizes.csv"), data("propensity.csv"), "--offset", "3", "--json")
    reordered = run(data("sizes.csv"), data("propensity_reordered.csv"), "--offset", "3", "--json")
    assert reordered.returncode == 0, reordered.stderr
    assert json.loads(reordered.stdout)["minima"] == json.loads(plain.stdout)["minima"]


def test_three_coalitions_and_heuristic_options():
    three = run(
        data("sizes.csv"), data("propensity.csv"), "--offset", "3", "--coalitions", "3", "--json"
    )
    assert three.returncode == 0, three.stderr
    # S(5,1) + S(5,2) + S(5,3) = 1 + 15 + 25 configurations
    assert json.loads(three.stdout)["n_configurations"] == 41
    heuristic = run(
        data("sizes.csv"),
        data("propensity.csv"),
        "--offset",
        "3",
        "--method",
        "heuristic",
        "--starts",
        "400",
        "--seed",
        "4",
    )
    assert heuristic.returncode == 0, heuristic.stderr
    assert "HEURISTIC search, 400 random starts (seed 4) found 2 distinct" in heuristic.stdout


@pytest.mark.parametrize(
    ("sizes", "matrix", "expected"),
    [
        (
            "sizes_bad.csv",
            "propensity.csv",
            [
                "{d}/sizes_bad.csv: line 2 (PAK), column 'size': 'one' is not a number",
                "{d}/sizes_bad.csv: line 3 (RUS), column 'size': must be > 0, got -3",
                "{d}/sizes_bad.csv: line 5, column 'name': duplicate name 'CHN' (first on line 4)",
            ],
        ),
        (
            "sizes.csv",
            "propensity_asymmetric.csv",
            [
                "{d}/propensity_asymmetric.csv: not symmetric: row 'RUS', column 'IND' is 4 "
                "but row 'IND', column 'RUS' is 2"
            ],
        ),
        (
            "sizes.csv",
            "propensity_not_square.csv",
            ["{d}/propensity_not_square.csv: matrix is not square: 5 columns but 4 rows"],
        ),
        (
            "sizes.csv",
            "propensity_non_numeric.csv",
            [
                "{d}/propensity_non_numeric.csv: line 3 (row 'RUS'), column 'CHN': "
                "'high' is not a number",
                "{d}/propensity_non_numeric.csv: line 4 (row 'CHN'), column 'RUS': "
                "'high' is not a number",
            ],
        ),
        (
            "sizes.csv",
            "propensity_names.csv",
            [
                "{d}/propensity_names.csv: actor 'USA' of {d}/sizes.csv is missing",
                "{d}/propensity_names.csv: actor 'GBR' is not in {d}/sizes.csv",
            ],
        ),
        ("missing.csv", "propensity.csv", ["{d}/missing.csv: file not found"]),
    ],
)
def test_bad_input_one_line_per_problem_and_status_2(sizes, matrix, expected):
    done = run(data(sizes), data(matrix), "--offset", "3")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [line.format(d=DATA) for line in expected]
