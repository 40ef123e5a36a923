"""Reading a results folder back: the same tables, or one line per problem."""

import json

import numpy as np
import pytest

from alignsim.results import Results
from alignsim.results.saved import ResultsDirError, find_scenario


def test_a_written_folder_reads_back_with_the_same_values_and_dates(tiny, tmp_path):
    folder = tiny.to_dir(tmp_path / "out", plot=False)
    loaded = Results.from_dir(folder)
    np.testing.assert_allclose(loaded.alignment["value"], tiny.alignment["value"])
    assert list(loaded.alignment["date"]) == list(tiny.alignment["date"])
    assert list(loaded.events["id"]) == list(tiny.events["id"])
    assert loaded.meta["seed"] == 3 and loaded.meta["title"] == "Tiny"


def test_problems_name_each_file(tiny, tmp_path):
    folder = tiny.to_dir(tmp_path / "out", plot=False)
    (folder / "groups.csv").unlink()
    text = (folder / "system.csv").read_text().replace("balance_index", "balance")
    (folder / "system.csv").write_text(text)
    lines = (folder / "alignment.csv").read_text().splitlines()
    lines[2] = lines[2].replace("2020-01-01", "January")
    (folder / "alignment.csv").write_text("\n".join(lines) + "\n")
    (folder / "summary.json").write_text("{not json")
    with pytest.raises(ResultsDirError) as caught:
        Results.from_dir(folder)
    problems = caught.value.problems
    assert len(problems) == 4
    assert any(p.startswith(f"{folder / 'summary.json'}: not valid JSON") for p in problems)
    assert f"{folder / 'groups.csv'}: file not found" in problems[2]
    assert f"{folder / 'system.csv'}: missing column(s) balance_index" in problems
    assert f"{folder / 'alignment.csv'}: line 3, column 'date': 'January'" in problems[1]


def test_a_missing_folder_is_one_problem(tmp_path):
    with pytest.raises(ResultsDirError) as caught:
        Results.from_dir(tmp_path / "absent")
    assert caught.value.problems == [f"{tmp_path / 'absent'}: not a folder"]


def test_scenario_is_found_by_the_bundled_name_or_not_at_all(tmp_path):
    scenario, note = find_scenario(tmp_path, {"scenario": "casa_2019"})
    assert scenario.name == "casa_2019" and "bundled" in note
    scenario, note = find_scenario(tmp_path, {"scenario": "no_such_scenario_here"})
    assert scenario is None and "--scenario" in note
    scenario, note = find_scenario(tmp_path, {})
    assert scenario is None


def test_scenario_json_in_the_folder_is_used(tmp_path):
    from alignsim.scenario import load_scenario

    original = load_scenario("casa_2019")
    (tmp_path / "scenario.json").write_text(json.dumps(original.model_dump(mode="json")))
    scenario, note = find_scenario(tmp_path, {"scenario": "other"})
    assert scenario.name == "casa_2019" and "scenario.json" in note


def test_capability_history_is_read_when_present(tiny, tmp_path):
    folder = tiny.to_dir(tmp_path / "out", plot=False)
    tiny.actors.assign(date=tiny.actors["date"].dt.strftime("%Y-%m-%d")).to_csv(
        folder / "actors.csv", index=False
    )
    loaded = Results.from_dir(folder)
    assert list(loaded.actors["capability"][:3]) == [4.0, 1.0, 2.0]
