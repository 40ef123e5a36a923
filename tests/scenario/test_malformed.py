"""Malformed scenario files: every problem is one line naming file, line, field and what is wrong.

Each fixture in ``data/`` is ``valid.yaml`` (or a tiny file) with one class of problem.
Files are loaded from inside ``data/`` so the reported file name is the bare name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from alignsim.scenario import ScenarioError, load_scenario

DATA = Path(__file__).parent / "data"

#: fixture -> expected problems as (line, field, key words of the message), in report order.
#: A line of 0 means "no line" (the file as a whole); an empty field means "no field".
MALFORMED: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {
    "syntax_unclosed_bracket": [
        (56, "", ("YAML syntax error", "expected ',' or '}'", "flow mapping", "line 55")),
    ],
    "tab_indentation": [(30, "", ("YAML syntax error", "'\\t'", "spaces, not tabs"))],
    "duplicate_key": [(37, "actors[2].capability", ("duplicate key",))],
    "unknown_top_key": [(56, "mechanism", ("unknown key", "did you mean 'mechanisms'"))],
    "unknown_nested_key": [
        (38, "actors[2].interests.energy.salience", ("required field is missing",)),
        (38, "actors[2].interests.energy.salince", ("unknown key", "did you mean 'salience'")),
    ],
    "wrong_type": [(30, "actors[1].capability", ("expected a number", "'high'"))],
    "salience_above_one": [(38, "actors[2].interests.energy.salience", ("1.7 is above 1",))],
    "negative_capability": [(41, "actors[3].capability", ("-0.07", "must be above 0"))],
    "duplicate_actor_id": [
        (28, "actors[1].id", ("duplicate id 'RUS'",)),
        (39, "actors[3].id", ("duplicate id 'RUS'",)),
    ],
    "unknown_actor_in_relation": [
        (46, "relations[0].pair[1]", ("unknown actor 'USA'", "did you mean 'RUS'")),
    ],
    "unknown_issue_in_interests": [
        (43, "actors[3].interests.energi", ("unknown issue 'energi'", "did you mean 'energy'")),
    ],
    "position_outside_scale": [
        (33, "actors[1].interests.delay.position", ("12 is above the scale [4, 10]",)),
    ],
    "event_outside_run": [
        (60, "events[0].at", ("2030-07-01", "outside the run", "2014-01-01", "2016-01-01")),
    ],
    "event_at_and_step": [(59, "events[0]", ("exactly one of 'at'", "'step'"))],
    "effect_two_targets": [(69, "events[1].effects[0]", ("exactly one target", "got 2"))],
    "effect_set_out_of_range": [
        (63, "events[0].effects[0].set", ("1.5 is above the scale [-1, 1]",)),
    ],
    "group_unknown_actor": [(71, "groups.CRP[3]", ("unknown actor 'AFG'",))],
    "missing_required_field": [(34, "actors[2].name", ("required field is missing",))],
    "unknown_time_unit": [(12, "time.unit", ("'week'", "'month', 'quarter' or 'year'"))],
    "invalid_date": [(11, "time.start", ("'2014-13'", "not a valid date"))],
    "bad_identifier": [(34, "actors[2].id", ("'C HN'", "not an identifier"))],
    "numeric_key": [(72, "groups[1999]", ("key 1999 must be text",))],
    "nonfinite_number": [(48, "relations[0].economic_tie", ("expected a finite number", "inf"))],
    "short_citation_note": [
        (17, "issues[0].citation.note", ("'x' is too short", "at least 3 characters")),
    ],
    "empty": [(0, "", ("the file is empty",))],
    "not_a_mapping": [(2, "", ("must be a mapping",))],
    "python_object_tag": [
        (4, "title", ("unsupported YAML tag", "'!!python/object/apply:os.system'")),
    ],
    "python_object_mapping_tag": [
        (10, "time", ("unsupported YAML tag", "'!!python/object:types.SimpleNamespace'")),
    ],
    "extends_missing": [(2, "extends", ("file not found", "no_such_parent.yaml"))],
    "cycle_a": [
        (3, "extends", ("circular extends", "cycle_a.yaml -> cycle_b.yaml -> cycle_a.yaml")),
    ],
    "remove_unknown_event": [
        (5, "remove.events[0]", ("no inherited entry 'drils'", "did you mean 'drills'")),
    ],
    "several_problems": [
        (12, "time.unit", ("'week'", "is not one of")),
        (38, "actors[2].interests.energy.salience", ("1.7 is above 1",)),
        (41, "actors[3].capability", ("-0.07", "must be above 0")),
        (56, "mechanism", ("unknown key", "did you mean 'mechanisms'")),
    ],
    "several_reference_problems": [
        (46, "relations[0].pair[1]", ("unknown actor 'USA'",)),
        (60, "events[0].at", ("outside the run",)),
        (71, "groups.CRP[3]", ("unknown actor 'AFG'",)),
    ],
}

#: where the problem of a fixture is reported when it is not the fixture itself
REPORTED_IN = {"cycle_a": "cycle_b.yaml"}


def expected_prefix(file: str, line: int, field: str) -> str:
    """The start of a problem line: ``file:line field: `` (parts left out when absent)."""
    where = f"{file}:{line}" if line else file
    return f"{where} {field}: " if field else f"{where}: "


def problem_lines(name: str) -> list[str]:
    """Load ``data/<name>.yaml`` and return its problems as printed, in order."""
    with pytest.raises(ScenarioError) as caught:
        load_scenario(f"{name}.yaml")
    lines = [str(p) for p in caught.value.problems]
    assert str(caught.value).splitlines() == lines
    return lines


@pytest.fixture(autouse=True)
def _in_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)


def test_enough_distinct_malformed_files() -> None:
    assert len(MALFORMED) >= 15
    for name in MALFORMED:
        assert (DATA / f"{name}.yaml").is_file(), name


def test_base_fixture_is_valid() -> None:
    scenario = load_scenario("valid.yaml")
    assert [a.id for a in scenario.actors] == ["PAK", "RUS", "CHN", "IND"]
    assert [i.id for i in scenario.issues] == ["energy", "delay"]
    assert scenario.issues[1].scale == (4.0, 10.0)
    assert [t.id for t in scenario.threats] == ["militancy"]
    assert [e.id for e in scenario.events] == ["drills", "talks"]
    assert scenario.groups == {"CRP": ["CHN", "RUS", "PAK"]}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_file_reports_each_problem_on_one_line(name: str) -> None:
    lines = problem_lines(name)
    expected = MALFORMED[name]
    file = REPORTED_IN.get(name, f"{name}.yaml")
    assert len(lines) == len(expected), lines
    for line, (number, field, words) in zip(lines, expected, strict=True):
        assert line.startswith(expected_prefix(file, number, field)), line
        for word in words:
            assert word in line, (word, line)
        assert "\n" not in line


def test_python_tag_is_refused_not_executed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "evil.yaml").write_text((DATA / "python_object_tag.yaml").read_text())
    with pytest.raises(ScenarioError, match="unsupported YAML tag"):
        load_scenario("evil.yaml")
    assert not (tmp_path / "PWNED").exists()


def test_missing_file_is_a_problem_not_an_exception() -> None:
    assert problem_lines("does_not_exist") == ["does_not_exist.yaml: file not found"]


def test_folder_given_as_scenario(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path}: is a folder, not a scenario file"
    ]


def test_several_documents_are_a_syntax_error(tmp_path: Path) -> None:
    (tmp_path / "two.yaml").write_text("name: a\n---\nname: b\n")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "two.yaml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (2, "")
    assert "another document" in problem.message


def test_problem_in_a_list_item_of_a_scalar_list(tmp_path: Path) -> None:
    text = (DATA / "valid.yaml").read_text().replace("scale: [4, 10]", "scale: [4, ten]")
    (tmp_path / "scale.yaml").write_text(text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "scale.yaml")
    assert [(p.line, p.field) for p in caught.value.problems] == [(20, "issues[1].scale[1]")]
    assert "expected a number, got 'ten'" in caught.value.problems[0].message


def test_scale_must_increase(tmp_path: Path) -> None:
    text = (DATA / "valid.yaml").read_text().replace("scale: [4, 10]", "scale: [10, 4]")
    (tmp_path / "scale.yaml").write_text(text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "scale.yaml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (18, "issues[1]")
    assert "must increase" in problem.message


@pytest.mark.parametrize("text", ["4e-2", "4.0e-2", "0.4E-1", "+4e-2"])
def test_exponent_without_a_dot_is_a_number(tmp_path: Path, text: str) -> None:
    valid = (DATA / "valid.yaml").read_text()
    (tmp_path / "exp.yaml").write_text(valid.replace("capability: 0.04", f"capability: {text}"))
    assert load_scenario(tmp_path / "exp.yaml").actors[1].capability == pytest.approx(0.04)


@pytest.mark.parametrize(("text", "shown"), [(".nan", "nan"), ("-.inf", "-inf")])
def test_non_finite_numbers_are_refused(tmp_path: Path, text: str, shown: str) -> None:
    valid = (DATA / "valid.yaml").read_text()
    (tmp_path / "nan.yaml").write_text(valid.replace("shift: 0.15", f"shift: {text}"))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "nan.yaml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (63, "events[0].effects[0].shift")
    assert problem.message == f"expected a finite number, got {shown}"
