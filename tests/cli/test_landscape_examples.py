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
