"""One pass reports schema problems and the reference problems of the entries that passed."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignsim.scenario import ScenarioError, load_scenario

HEAD = """name: mixed
title: Mixed problems
time: {start: 2014-01, unit: quarter, steps: 4}
issues:
  - {id: energy, label: Energy}
"""


def problems_of(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "mixed.yaml"
    path.write_text(HEAD + body)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return [str(p).removeprefix(f"{path}:") for p in caught.value.problems]


def test_schema_and_reference_problems_come_together(tmp_path):
    found = problems_of(
        tmp_path,
        """actors:
  - {id: PAK, name: P, capability: 1, interests: {energy: {position: 0, salience: 1.7}}}
  - {id: RUS, name: R, capability: 1}
  - {id: CHN, name: C, capability: 1}
relations:
  - {pair: [RUS, CHX], alignment: 0.2}
  - {pair: [PAK, CHN], alignment: 0.1}
groups:
  G: [RUS, IND]
""",
    )
    assert found == [
        "7 actors[0].interests.energy.salience: 1.7 is above 1",
        "11 relations[0].pair[1]: unknown actor 'CHX'; did you mean 'CHN'?",
        "14 groups.G[1]: unknown actor 'IND'",
    ]  # PAK's own entry is at fault, so relations[1] naming PAK is not reported


def test_a_bad_id_suspends_judging_references_of_its_kind(tmp_path):
    found = problems_of(
        tmp_path,
        """actors:
  - {id: P K, name: P, capability: 1}
  - {id: RUS, name: R, capability: 1}
  - {id: CHN, name: C, capability: 1}
relations:
  - {pair: [RUS, PAK], alignment: 0.2}
""",
    )
    assert len(found) == 1 and found[0].startswith("7 actors[0].id: 'P K' is not an identifier")


def test_a_problem_outside_any_entry_leaves_references_unjudged(tmp_path):
    path = tmp_path / "mixed.yaml"
    path.write_text(
        HEAD.replace("steps: 4", "steps: 0")
        + "actors:\n  - {id: A, name: A, capability: 1}\n  - {id: B, name: B, capability: 1}\n"
        "relations:\n  - {pair: [A, Z]}\n"
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert [p.field for p in caught.value.problems] == ["time.steps"]
