"""Counterfactual files (``extends``, ``remove``) and command-line overrides (``--set``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignsim.scenario import ScenarioError, load_scenario, scenario_hash

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _in_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)


def problems_of(path: str | Path, settings: tuple[str, ...] = ()) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path, settings)
    return [str(p) for p in caught.value.problems]


def test_child_overrides_a_scalar_and_keeps_the_rest() -> None:
    parent, child = load_scenario("valid.yaml"), load_scenario("child.yaml")
    assert (parent.time.steps, child.time.steps) == (8, 6)
    assert child.time.start == parent.time.start
    assert child.time.unit == parent.time.unit
    assert child.name == "small_child"
    assert child.title == parent.title


def test_child_merges_an_actor_interest_by_id() -> None:
    parent, child = load_scenario("valid.yaml"), load_scenario("child.yaml")
    assert [a.id for a in child.actors] == [a.id for a in parent.actors]
    russia, parent_russia = child.actors[1], parent.actors[1]
    assert russia.interests["energy"].position == -0.3
    assert russia.interests["energy"].salience == 0.8  # not given in the child: inherited
    assert russia.interests["delay"] == parent_russia.interests["delay"]
    assert (russia.name, russia.capability) == ("Russia", 0.04)
    assert child.actors[0] == parent.actors[0]


def test_child_merges_a_relation_by_unordered_pair() -> None:
    child = load_scenario("child.yaml")
    assert len(child.relations) == 2
    pak_ind = child.relations[0]
    assert pak_ind.pair == ["IND", "PAK"]
    assert pak_ind.alignment == -0.2
    assert pak_ind.economic_tie == 0.1  # inherited


def test_child_adds_one_event_and_removes_another() -> None:
    child = load_scenario("child.yaml")
    assert [e.id for e in child.events] == ["drills", "sanctions"]
    assert child.events[1].effects[0].shift == -0.2


def test_removing_a_group_and_a_relation(tmp_path: Path) -> None:
    (tmp_path / "trim.yaml").write_text(
        f"extends: {DATA / 'valid.yaml'}\nname: trim\n"
        "remove:\n  groups: [CRP]\n  relations: [[CHN, PAK]]\n"
    )
    trimmed = load_scenario(tmp_path / "trim.yaml")
    assert trimmed.groups == {}
    assert [r.pair for r in trimmed.relations] == [["PAK", "IND"]]


def test_problem_inside_the_parent_names_the_parent_file() -> None:
    assert problems_of("child_of_bad.yaml") == [
        "salience_above_one.yaml:38 actors[2].interests.energy.salience: 1.7 is above 1"
    ]


def test_parent_file_is_named_by_its_path_from_the_working_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(DATA.parent)
    assert problems_of("data/child_of_bad.yaml") == [
        "data/salience_above_one.yaml:38 actors[2].interests.energy.salience: 1.7 is above 1"
    ]


def test_problem_in_the_child_names_the_child_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "child.yaml").write_text(
        f"extends: {DATA / 'valid.yaml'}\n"
        "name: bad_child\n"
        "actors:\n"
        "  - id: RUS\n"
        "    interests:\n"
        "      energy:\n"
        "        salience: 1.2\n"
    )
    assert problems_of(tmp_path / "child.yaml") == [
        f"{tmp_path / 'child.yaml'}:7 actors[1].interests.energy.salience: 1.2 is above 1"
    ]


def test_child_adding_an_event_outside_the_parent_run(tmp_path: Path) -> None:
    (tmp_path / "late.yaml").write_text(
        f"extends: {DATA / 'valid.yaml'}\n"
        "name: late\n"
        "events:\n"
        "  - id: late\n"
        "    label: Too late\n"
        "    step: 9\n"
        "    effects: [{capability: PAK, shift: 0.1}]\n"
    )
    assert problems_of(tmp_path / "late.yaml") == [
        f"{tmp_path / 'late.yaml'}:6 events[2].step: step 9 is after the last step (8)"
    ]


def test_remove_without_extends_is_a_problem(tmp_path: Path) -> None:
    text = (DATA / "valid.yaml").read_text() + "remove:\n  events: [talks]\n"
    (tmp_path / "remove.yaml").write_text(text)
    assert problems_of(tmp_path / "remove.yaml") == [
        f"{tmp_path / 'remove.yaml'}:3 remove: needs 'extends'"
    ]


def test_remove_from_an_unknown_section(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        f"extends: {DATA / 'valid.yaml'}\nname: r\nremove:\n  event: [talks]\n"
    )
    assert problems_of(tmp_path / "r.yaml") == [
        f"{tmp_path / 'r.yaml'}:4 remove.event: cannot remove from here; did you mean 'events'?"
    ]


def test_a_file_extending_itself_is_circular(tmp_path: Path) -> None:
    (tmp_path / "self.yaml").write_text("name: self\nextends: self.yaml\n")
    assert problems_of(tmp_path / "self.yaml") == [
        f"{tmp_path / 'self.yaml'}:2 extends: circular extends: self.yaml -> self.yaml"
    ]


def test_chains_of_extends_are_followed(tmp_path: Path) -> None:
    (tmp_path / "grandchild.yaml").write_text(
        f"extends: {DATA / 'child.yaml'}\nname: grandchild\ntime: {{unit: year}}\n"
    )
    grandchild = load_scenario(tmp_path / "grandchild.yaml")
    assert (grandchild.time.unit, grandchild.time.steps) == ("year", 6)
    assert [e.id for e in grandchild.events] == ["drills", "sanctions"]


def test_set_overrides_a_mechanism_parameter_and_keeps_its_siblings() -> None:
    scenario = load_scenario("valid.yaml", ["mechanisms.adjustment.noise=0"])
    assert scenario.mechanisms.adjustment.noise == 0
    assert scenario.mechanisms.adjustment.rate == 0.2


def test_set_overrides_an_actor_by_id() -> None:
    plain = load_scenario("valid.yaml")
    scenario = load_scenario("valid.yaml", ["actors.PAK.capability=2"])
    assert scenario.actors[0].capability == 2.0
    assert scenario.actors[1:] == plain.actors[1:]
    assert scenario_hash(scenario) != scenario_hash(plain)
    assert scenario_hash(load_scenario("valid.yaml", ["actors.PAK.capability=2"])) == (
        scenario_hash(scenario)
    )


def test_set_applies_after_extends() -> None:
    scenario = load_scenario("child.yaml", ["actors.RUS.interests.energy.position=0.1"])
    assert scenario.actors[1].interests["energy"].position == 0.1
    assert scenario.actors[1].interests["energy"].salience == 0.8


def test_set_reads_an_exponent_without_a_dot_as_a_number() -> None:
    scenario = load_scenario("valid.yaml", ["mechanisms.adjustment.noise=1e-3"])
    assert scenario.mechanisms.adjustment.noise == 0.001


def test_set_adds_a_mechanism_section_that_was_not_in_the_file() -> None:
    scenario = load_scenario("valid.yaml", ["mechanisms.structural_balance.weight=0.4"])
    assert scenario.mechanisms.structural_balance.weight == 0.4


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        (
            "actors.PAKK.capability=2",
            "--set actors.PAKK.capability: no entry 'PAKK'; did you mean 'PAK'?",
        ),
        (
            "mechanisms.adjustmant.noise=0",
            "--set mechanisms.adjustmant: unknown key; did you mean 'adjustment'?",
        ),
        ("actors.PAK.capability=-1", "--set actors[0].capability: -1 must be above 0"),
        ("mechanisms.adjustment.noise=2", "--set mechanisms.adjustment.noise: 2 is above 1"),
        ("time.steps.count=3", "--set time.steps.count: time.steps is a value"),
        ("actors.PAK=3", "--set actors.PAK: cannot replace a whole entry"),
        ("capability", "--set capability: expected PATH=VALUE"),
    ],
)
def test_bad_set_is_reported_against_set(setting: str, expected: str) -> None:
    assert problems_of("valid.yaml", (setting,)) == [expected]
