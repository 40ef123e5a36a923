"""Values of --grid and --param are checked one by one and named after their option."""

from __future__ import annotations

import yaml

from alignsim.ensemble.checks import setting_problems
from alignsim.scenario.merge import apply_settings
from alignsim.scenario.synthetic import random_scenario_dict
from alignsim.scenario.yamlio import parse_yaml


def tree_of(data: dict):
    return parse_yaml(yaml.safe_dump(data, sort_keys=False), "s.yaml")


def test_each_bad_value_is_named_after_its_option():
    tree = tree_of(random_scenario_dict(3, steps=3, seed=2))
    path = "mechanisms.adjustment.rate"
    assert setting_problems(tree, f"--grid {path}", path, ["0.1", "0.5"]) == []
    assert setting_problems(tree, "--grid R", path, ["2", "x", "2"]) == [
        "--grid R: 2 is above 1",
        "--grid R: expected a number, got 'x'",
    ]
    assert setting_problems(tree, "--param P", "actors.B.capability", ["1"]) == [
        "--param P: no entry 'B'"
    ]


def test_problems_the_scenario_has_anyway_are_not_blamed_on_the_value():
    tree = apply_settings(tree_of(random_scenario_dict(3, steps=3, seed=2)), ["time.steps=-1"])
    path = "mechanisms.adjustment.rate"
    assert setting_problems(tree, "--grid R", path, ["0.2"]) == []
    assert setting_problems(tree, "--grid R", path, ["-0.2"]) == ["--grid R: -0.2 is below 0"]
