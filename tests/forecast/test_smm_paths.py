"""Free parameters of a simulated fit named by their --set paths, doctrines included."""

import numpy as np
import pytest

from alignsim.forecast.paths import current_value, set_path, simulated_spec
from alignsim.scenario.schema import scenario_model
from alignsim.scenario.synthetic import stylized_tree
from alignsim.simulation.compiled import compile_scenario

BANDWAGON = "actors.S1.doctrine.bandwagoning"
BALANCE = "actors.S2.doctrine.bounded_balance"


def test_doctrine_paths_read_set_and_compile():
    tree = stylized_tree({("S0", "S1"): 0.2}, 3, bounded_balance={"weight": 0.3})
    scenario = scenario_model().model_validate(tree)
    assert current_value(BANDWAGON, scenario) == 0.0  # the coalition_threat default
    assert current_value(BALANCE, scenario) == 0.3  # the mechanism's weight, no doctrine yet
    spec = simulated_spec([BANDWAGON, BALANCE], scenario)
    assert spec.bounds[BANDWAGON] == (0.001, 0.999) and BANDWAGON in spec.shares
    assert spec.bounds[BALANCE] == (0.001, 3.0) and BALANCE not in spec.shares
    assert spec.default == {BANDWAGON: 0.001, BALANCE: 0.3}  # 0 moved inside the range
    set_path(tree, BANDWAGON, 0.7)
    set_path(tree, BALANCE, 1.5)
    compiled = compile_scenario(scenario_model().model_validate(tree))
    rules = compiled.rules
    coalition = [m.name for m in rules.terms].index("coalition_threat")
    balance = [m.name for m in rules.terms].index("bounded_balance")
    assert np.array_equal(rules.term_params[coalition]["bandwagoning"], [0.0, 0.7, 0.0])
    assert np.array_equal(rules.weights[:, balance], [0.3, 0.3, 1.5])


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("actors.XX.doctrine.bandwagoning", "no actor 'XX'"),
        ("mechanisms.adjustment.speed", "not a numeric mechanism parameter"),
        ("mechanisms.anchored_influence.enabled", "not a numeric mechanism parameter"),
        ("rate", "not a numeric mechanism parameter"),
    ],
)
def test_paths_that_name_no_numeric_parameter(path, message):
    scenario = scenario_model().model_validate(stylized_tree({("S0", "S1"): 0.2}, 3))
    with pytest.raises(ValueError, match=message):
        simulated_spec([path], scenario)
