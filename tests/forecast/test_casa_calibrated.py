"""casa_2019 holds exactly the calibration its script writes; a scenario's own run is scored."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from alignsim.forecast.adopt import rebuilt, splice
from alignsim.forecast.scenario_check import check_scenarios
from alignsim.forecast.specs import scenario_values
from alignsim.scenario import load_scenario
from alignsim.scenario.loader import BUNDLED
from alignsim.scenario.schema import scenario_model
from alignsim.simulation.compiled import compile_scenario


def test_casa_2019_holds_exactly_the_fit_its_build_script_writes(tmp_path):
    bundled = BUNDLED / "casa_2019.yaml"
    assert rebuilt(bundled, tmp_path).splitlines() == bundled.read_text().splitlines()
    record = json.loads((tmp_path / "calibration" / "calibration.json").read_text())
    assert record["fit_years"] == [1991, 2013] and len(record["pairs"]) == 190
    values, _ = scenario_values(compile_scenario(load_scenario("casa_2019")))
    for path, estimate in record["estimates"].items():
        assert values[path] == round(estimate, 6)
    ids = {s.id for s in load_scenario("casa_2019").sources}
    assert {"observed_index_2013", "calibration_1991_2013"} <= ids


def test_the_uncalibrated_variant_restores_the_registered_defaults():
    calibrated, plain = load_scenario("casa_2019"), load_scenario("casa_2019_uncalibrated")
    assert calibrated.relations == plain.relations and calibrated.events == plain.events
    bare = calibrated.model_dump(exclude_none=True, mode="json")
    del bare["mechanisms"]
    defaults, _ = scenario_values(compile_scenario(scenario_model().model_validate(bare)))
    assert scenario_values(compile_scenario(plain))[0] == defaults
    assert scenario_values(compile_scenario(calibrated))[0] != defaults


def test_the_splice_replaces_only_the_marked_lines_and_refuses_a_file_without_markers():
    text = "a: 1\n  # >>> calibration sources\nold\n  # <<< calibration sources\n"
    text += "# >>> calibrated dynamics\nold\n# <<< calibrated dynamics\nb: 2\n"
    done = splice(text, {"sources": ["  - s"], "mechanisms": ["m: 1"]})
    assert done.splitlines() == [
        "a: 1", "  # >>> calibration sources", "  - s", "  # <<< calibration sources",
        "# >>> calibrated dynamics", "m: 1", "# <<< calibrated dynamics", "b: 2",
    ]  # fmt: skip
    with pytest.raises(ValueError, match="missing"):
        splice("a: 1\n", {"sources": [], "mechanisms": []})


def two_states(start: str, steps: int, alignment: float) -> dict:
    """A scenario tree of two equal states AAA and BBB without noise, quarterly steps."""
    return {
        "version": 1,
        "name": "pair",
        "title": "two states",
        "time": {"start": start, "unit": "quarter", "steps": steps},
        "actors": [
            {"id": "AAA", "name": "A", "capability": 1.0},
            {"id": "BBB", "name": "B", "capability": 1.0},
        ],
        "relations": [{"pair": ["AAA", "BBB"], "alignment": alignment}],
        "mechanisms": {"adjustment": {"noise": 0.0}},
    }


def test_a_scenario_is_scored_at_january_of_each_year_against_the_index(tmp_path):
    scenario = two_states("2010-01", 8, 0.3)
    from alignsim.scenario.loader import validate_tree

    loaded = validate_tree(scenario)
    years = range(2000, 2013)
    observed = pd.DataFrame(
        {
            "year": list(years),
            "a": "AAA",
            "b": "BBB",
            "alignment": [0.1 + 0.01 * k for k in range(len(years))],
        }
    ).assign(low=lambda f: f["alignment"] - 0.05, high=lambda f: f["alignment"] + 0.05)
    scores = check_scenarios({"pair": loaded}, observed, observed, 2010, runs=4)
    own = scores[scores["forecaster"] == "pair"]
    assert own[["horizon", "year"]].values.tolist() == [[1, 2011], [2, 2012]]
    assert (own["start"] == 0.3).all()
    # no noise and nothing to move it: the pair stays at 0.3, above the index (0.21, 0.22)
    np.testing.assert_allclose(own["median_error"], [0.3 - 0.21, 0.3 - 0.22], atol=1e-6)
    # the index rose from 2010 (0.20) and the scenario stayed: direction wrong (sign 0 vs +)
    assert own["direction_right"].tolist() == [0.0, 0.0]
    assert set(scores["forecaster"]) == {"pair", "persistence"}
