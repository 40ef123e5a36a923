"""The calibration recovers the parameters of data simulated from the model it fits."""

import numpy as np
import pytest

from alignsim.forecast.calibrate import fit
from alignsim.forecast.synthetic import simulate_frame

ACTORS = [f"S{k:02d}" for k in range(20)]  # 190 dyads


@pytest.mark.parametrize(
    ("rate", "permanent", "transitory"), [(0.3, 0.03, 0.08), (0.6, 0.015, 0.12)]
)
def test_recovers_known_parameters_within_their_standard_errors(rate, permanent, transitory):
    frame = simulate_frame(ACTORS, range(1991, 2015), rate, permanent, transitory, 0.04, seed=5)
    result = fit(frame, (1991, 2014), seed=0)
    truth = {"rate": rate, "permanent": permanent, "transitory": transitory}
    for name, value in truth.items():
        estimate, se = result.values[name], result.se[name]
        assert abs(estimate - value) < 3 * se, (name, estimate, se, value)
        assert abs(estimate - value) < 0.3 * value, (name, estimate, value)
    assert result.converged
    assert result.warnings == []


def test_years_outside_the_fit_period_are_not_read():
    frame = simulate_frame(ACTORS[:5], range(1991, 2020), 0.3, 0.03, 0.08, 0.04, seed=1)
    changed = frame.copy()
    changed.loc[changed["year"] > 2010, "alignment"] = 0.9
    first, second = fit(frame, (1991, 2010)), fit(changed, (1991, 2010))
    assert first.values == second.values
    assert first.years == (1991, 2010)


def test_short_noisy_data_are_flagged_as_poorly_identified():
    frame = simulate_frame(ACTORS[:3], range(2000, 2006), 0.3, 0.03, 0.08, 0.2, seed=2)
    result = fit(frame, (2000, 2005), seed=0)
    assert result.warnings
    assert any("identified" in w or "edge" in w or "flat" in w for w in result.warnings)


def test_fit_is_reproducible_with_its_seed():
    frame = simulate_frame(ACTORS[:5], range(1991, 2011), 0.3, 0.03, 0.08, 0.04, seed=3)
    assert fit(frame, (1991, 2010), seed=7).values == fit(frame, (1991, 2010), seed=7).values
    assert np.isfinite(fit(frame, (1991, 2010), seed=7).loglik)


def test_the_scenario_specification_holds_what_is_not_free():
    import pytest

    from alignsim.forecast.specs import DRIFT, NOISE, RATE, for_scenario
    from alignsim.scenario import load_scenario
    from alignsim.scenario.schema import scenario_model
    from alignsim.simulation.compiled import compile_scenario

    # preset v1: no drifting baseline, so drift is held at 0 (the frame has no drift either);
    # casa_2019's own mechanisms (its calibrated values, with a drift) are replaced
    data = load_scenario("casa_2019").model_dump(exclude_none=True, mode="json")
    data["mechanisms"] = {"preset": "v1", "adjustment": {"noise": 0.05}}
    compiled = compile_scenario(scenario_model().model_validate(data))
    spec = for_scenario(compiled, [RATE])
    assert spec.free == [RATE]
    assert spec.fixed[NOISE] == 0.05
    with pytest.raises(ValueError, match="not reached by the linear likelihood"):
        for_scenario(compiled, ["mechanisms.signed_affinity.weight"])
    frame = simulate_frame(ACTORS[:5], range(1991, 2011), 0.3, 0.0, 0.08, 0.03, seed=3)
    result = fit(frame, (1991, 2010), spec=spec)
    assert set(result.se) == {RATE}
    assert result.values[NOISE] == 0.05 and result.values[DRIFT] == 0.0


def test_an_overlay_writes_plain_values_when_the_fit_has_no_uncertainty(tmp_path):
    import yaml

    from alignsim.forecast.overlay import overlay_text

    frame = simulate_frame(ACTORS[:3], range(2000, 2006), 0.3, 0.03, 0.08, 0.2, seed=2)
    result = fit(frame, (2000, 2005), seed=0)
    values = {"rate": {"mean": 0.5, "sd": 0.0}, "transitory": {"mean": 0.1, "sd": 0.02}}
    text = overlay_text(tmp_path / "base.yaml", tmp_path, values, result, "test data",
                        ("base", "Base"))  # fmt: skip
    tree = yaml.safe_load(text)
    assert tree["rate"] == 0.5
    assert tree["transitory"] == {"normal": {"mean": 0.1, "sd": 0.02}}
    assert tree["name"] == "base_calibrated" and tree["extends"] == "base.yaml"
    assert text.startswith("# Calibrated by `alignsim calibrate` on the observed alignment index")


def test_an_overlay_holds_an_estimate_at_the_edge_of_its_range_fixed(tmp_path):
    """Eight states: the permanent share is fitted at its lower bound 0.0001 (s.e. 0.028),
    but the draws of the normal approximation in logit coordinates have mean 0.28 and median
    0.5 (the upper bound): a normal(0.0001, their sd 0.25) truncated at 0 would draw a mean
    near 0.2. The overlay holds an estimate within one sd of an end of its range fixed and
    says why; the rate (0.196, sd 0.039, range 0.005-0.995) keeps its normal."""
    import yaml

    from alignsim.forecast.calibrate import samples
    from alignsim.forecast.overlay import overlay_text, value_table

    frame = simulate_frame(ACTORS[:8], range(1991, 2011), 0.3, 0.03, 0.08, 0.04, seed=5)
    result = fit(frame, (1991, 2010), seed=0)
    low = result.spec.bounds["permanent"][0]
    assert result.values["permanent"] == pytest.approx(low)
    drawn = np.array([d["permanent"] for d in samples(result, 400, 0)])
    assert drawn.mean() > 0.2 and np.median(drawn) == pytest.approx(0.5)
    table = value_table(result)
    assert table["permanent"] == {"mean": result.values["permanent"], "sd": 0.0, "edge": 1.0}
    assert table["rate"]["sd"] > 0 and not table["rate"]["edge"]
    text = overlay_text(tmp_path / "base.yaml", tmp_path, table, result, "test data")
    tree = yaml.safe_load(text)
    assert tree["permanent"] == round(low, 6)
    assert set(tree["rate"]) == {"normal"}
    assert "# permanent: within one sd of an end of its search range, so held at" in text
