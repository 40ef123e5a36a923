"""``alignsim sensitivity`` on the bundled scenarios: casa_2019 has nothing to vary and says
what to add; casa_2019_uncertain varies its documented uncertain inputs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from test_cli_core import alignsim, assert_clean_failure

from alignsim import load_scenario
from alignsim.cli.sensitivity import nothing_to_vary

UNCERTAIN = [
    *(f"actors.{a}.capability" for a in ("PAK", "RUS", "CHN", "IND", "USA")),
    *(f"relations.{p}.alignment" for p in ("RUS-USA", "PAK-RUS", "CHN-RUS", "IND-USA", "PAK-USA")),
]


def test_a_scenario_without_uncertain_inputs_says_what_to_add(tmp_path: Path) -> None:
    lines = assert_clean_failure(
        alignsim("sensitivity", "casa_2019", "--output", "cohesion:CRP", "--out", tmp_path / "s")
    )
    assert lines == [nothing_to_vary("casa_2019")]
    assert "--param mechanisms.adjustment.rate=0.1:0.3" in lines[0]
    assert "casa_2019_uncertain" in lines[0] and not (tmp_path / "s").exists()


def test_the_uncertain_scenario_is_casa_2019_on_average() -> None:
    base, uncertain = load_scenario("casa_2019"), load_scenario("casa_2019_uncertain")
    assert [a.capability for a in uncertain.actors] == pytest.approx(
        [a.capability for a in base.actors], rel=1e-3
    )
    alignment = {frozenset(r.pair): r.alignment for r in base.relations}
    for relation in uncertain.relations:
        assert relation.alignment == pytest.approx(alignment[frozenset(relation.pair)], abs=1e-9)


def test_sensitivity_of_the_uncertain_scenario_varies_its_ten_inputs(tmp_path: Path) -> None:
    out = tmp_path / "s"
    result = alignsim(
        "sensitivity",
        "casa_2019_uncertain",
        "--output",
        "cohesion:CRP",
        "--samples",
        "4",
        "--steps",
        "4",
        "--out",
        out,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(pd.read_csv(out / "indices.csv")["parameter"]) == sorted(UNCERTAIN)
