"""The simulated-moments fit recovers a driver weight and the permanent share of event
shocks from data simulated by alignsim itself (4 states, 16 years, quarterly steps)."""

import numpy as np
import pytest

from alignsim.forecast.calibrate import fit_panel
from alignsim.forecast.paths import simulated_spec
from alignsim.forecast.simulator import Simulator, fit_tree
from alignsim.forecast.smm import fit_smm
from alignsim.forecast.synthetic import model_frame
from alignsim.scenario.schema import scenario_model
from alignsim.scenario.synthetic import stylized_tree

WEIGHT, KAPPA = "mechanisms.signed_affinity.weight", "mechanisms.error_correction.permanent"
TRUE = {WEIGHT: 0.6, KAPPA: 0.5}
YEARS = range(2000, 2016)
ISSUES = {
    "S0": {"x": -0.4, "y": 0.2},
    "S1": {"x": 0.3, "y": -0.3},
    "S2": {"x": 0.5, "y": 0.4},
    "S3": {"x": -0.2, "y": -0.5},
}
RELATIONS = {("S0", "S1"): 0.1, ("S0", "S2"): -0.2, ("S0", "S3"): 0.3,
             ("S1", "S2"): 0.0, ("S1", "S3"): -0.1, ("S2", "S3"): 0.2}  # fmt: skip
# position moves change the signed affinity (identifies its weight); alignment shocks
# identify their lasting share
MOVES = [("2003-01", {"position": ["S0", "x"], "shift": 0.8}),
         ("2006-01", {"position": ["S2", "y"], "shift": -0.8}),
         ("2009-01", {"position": ["S3", "x"], "shift": -0.6}),
         ("2004-01", {"alignment": ["S0", "S1"], "shift": 0.4}),
         ("2007-01", {"alignment": ["S2", "S3"], "shift": -0.4}),
         ("2010-01", {"alignment": ["S1", "S3"], "shift": 0.4}),
         ("2005-01", {"alignment": ["S0", "S2"], "shift": -0.4})]  # fmt: skip
EVENTS = [{"id": f"e{k}", "label": f"e{k}", "at": at, "effects": [effect]}
          for k, (at, effect) in enumerate(MOVES)]  # fmt: skip


def tree(weight: float, kappa: float) -> dict:
    return stylized_tree(RELATIONS, 4, 60, 0.02, EVENTS, ISSUES,
                         signed_affinity={"weight": weight},
                         error_correction={"permanent": kappa})  # fmt: skip


@pytest.fixture(scope="module")
def result():
    frame = model_frame(tree(TRUE[WEIGHT], TRUE[KAPPA]), YEARS, 0.01, seed=104)
    data = fit_panel(frame, (2000, 2015))
    start = tree(0.3, 0.2)  # the fit starts far from the truth
    spec = simulated_spec([WEIGHT, KAPPA], scenario_model().model_validate(start))
    simulator = Simulator(fit_tree(start, data), [WEIGHT, KAPPA], data, runs=40, seed=1)
    return fit_smm(simulator, spec, seed=0, starts=1), simulator


def test_recovers_known_values_within_their_standard_errors(result):
    fit, _ = result
    for name, truth in TRUE.items():
        assert fit.se[name] < 0.2 * truth  # informative
        assert abs(fit.values[name] - truth) < 2.5 * fit.se[name]
        assert abs(fit.spec.default[name] - truth) > 4 * fit.se[name]  # not where it started
    assert not [w for w in fit.warnings if "identified" in w or "flat" in w]


def test_moments_were_informative(result):
    fit, simulator = result
    assert "pressure signed_affinity" in fit.names
    assert sum(name.startswith("event ") for name in fit.names) == 4
    assert np.all(np.isfinite(fit.observed[fit.weights > 0]))
    # common random numbers: the same parameters give the same simulated panels
    values = {WEIGHT: 0.5, KAPPA: 0.4}
    assert np.array_equal(simulator.panels(values), simulator.panels(values))


def test_a_parameter_without_any_effect_is_held_and_reported():
    frame = model_frame(tree(0.6, 0.5), YEARS, 0.01, seed=3)
    data = fit_panel(frame, (2000, 2015))
    quiet = tree(0.3, 0.2)
    quiet["events"] = [e for e in quiet["events"] if "alignment" not in e["effects"][0]]
    spec = simulated_spec([WEIGHT, KAPPA], scenario_model().model_validate(quiet))
    fit = fit_smm(Simulator(fit_tree(quiet, data), [WEIGHT, KAPPA], data, 10, 1), spec, 0, 1)
    assert fit.spec.free == [WEIGHT]
    assert fit.values[KAPPA] == pytest.approx(0.2)
    assert any(
        w.startswith(f"{KAPPA}: the moments do not respond to it at all") for w in fit.warnings
    )
