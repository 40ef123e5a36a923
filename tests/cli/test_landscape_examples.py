"""The example CSVs of ``alignsim landscape`` hold casa_2019's cited values and give the
answer their README states, run as its help shows."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from test_cli_core import alignsim

from alignsim import load_scenario

EXAMPLES = Path(__file__).parents[2] / "examples" / "landscape"


def test_the_examples_hold_the_scenario_values() -> None:
    scenario = load_scenario("casa_2019")
    with open(EXAMPLES / "sizes.csv", newline="") as handle:
        sizes = {row["name"]: float(row["size"]) for row in csv.DictReader(handle)}
    assert sizes == {a.id: pytest.approx(a.capability) for a in scenario.actors}
    with open(EXAMPLES / "propensity.csv", newline="") as handle:
        rows = list(csv.reader(handle))
    names = rows[0][1:]
    matrix = {(row[0], b): cell for row in rows[1:] for b, cell in zip(names, row[1:], strict=True)}
    for relation in scenario.relations:
        a, b = relation.pair
        assert float(matrix[a, b]) == float(matrix[b, a]) == pytest.approx(relation.alignment)
    assert all(matrix[a, a] == "" for a in names)


def test_the_command_in_the_help_runs_and_finds_the_stated_configuration() -> None:
    help_text = alignsim("landscape", "--help").stdout
    command = re.search(r"alignsim landscape (examples/\S+) (examples/\S+)", help_text)
    assert command, help_text
    root = EXAMPLES.parents[1]
    result = alignsim("landscape", *command.groups(), "--json", cwd=root)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [m["sides"] for m in found["minima"]] == ["CHN+PAK+RUS | IND+USA"]
    assert "CHN+PAK+RUS | IND+USA" in (EXAMPLES / "README.md").read_text()


def _example_inputs() -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    with open(EXAMPLES / "sizes.csv", newline="") as handle:
        sizes = {row["name"]: float(row["size"]) for row in csv.DictReader(handle)}
    with open(EXAMPLES / "propensity.csv", newline="") as handle:
        rows = list(csv.reader(handle))
    names = rows[0][1:]
    propensity = {
        (row[0], b): float(cell)
        for row in rows[1:]
        for b, cell in zip(names, row[1:], strict=True)
        if cell
    }
    return sizes, propensity


def test_negative_frustrations_are_right_by_hand_and_explained() -> None:
    # CHN+PAK+RUS | IND+USA: PAK is kept apart from IND (-0.7) and USA (+0.1), so
    # F_PAK = 0.080750264 * -0.7 + 0.13892639 * 0.1 = -0.0426325: hostility outweighs friendship
    sizes, p = _example_inputs()
    sides = {"PAK": "x", "RUS": "x", "CHN": "x", "IND": "y", "USA": "y"}
    by_hand = {i: sum(sizes[j] * p[i, j] for j in sizes if sides[j] != sides[i]) for i in sizes}
    assert by_hand["PAK"] == pytest.approx(-0.0426325, abs=1e-7)
    assert by_hand["RUS"] == pytest.approx(0.00677224, abs=1e-8)  # kept apart from IND (+0.6)
    energy = sum(sizes[i] * by_hand[i] for i in sizes)
    assert energy == pytest.approx(-0.0261875, abs=1e-7)
    result = alignsim("landscape", EXAMPLES / "sizes.csv", EXAMPLES / "propensity.csv", "--json")
    minimum = json.loads(result.stdout)["minima"][0]
    assert minimum["frustration"] == pytest.approx(by_hand, abs=1e-12)
    assert minimum["energy"] == pytest.approx(energy, abs=1e-12)
    printed = alignsim("landscape", EXAMPLES / "sizes.csv", EXAMPLES / "propensity.csv")
    text = " ".join(printed.stdout.split())
    assert "-0.0426325" in text and "0.00677224" in text and "-0.0261875" in text
    assert "0 is where everyone stands together. Negative: the actors i is kept apart from" in text
    assert "hostile than friendly" in " ".join(alignsim("landscape", "--help").stdout.split())


def test_analyze_at_the_start_gives_the_same_landscape_and_explains_it() -> None:
    # casa_2019 starts from the values of the example files: same minimum, same frustrations
    result = alignsim("analyze", "casa_2019", "--at", "start")
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "CHN+PAK+RUS | IND+USA -0.02619 1.000 yes" in text
    assert "PAK -0.04263 RUS +0.006772 CHN -0.05783 IND -0.03049 USA -0.07653" in text
    assert "Sizes are capabilities, propensities the alignments. Frustration F_i" in text
    assert "Negative: the actors i is kept apart from are, weighted by size, more hostile" in text
