"""Uncertain inputs: distributions drawn per run, checked with file:line problems."""

import numpy as np
import pytest
from scipy import stats

from alignsim.ensemble import run_seeds
from alignsim.ensemble.montecarlo import run_ensemble
from alignsim.scenario import ScenarioError, load_scenario
from alignsim.scenario.uncertain import (
    central_values,
    draw_uncertain,
    has_uncertain,
    uncertain_generator,
)
from alignsim.simulation.compiled import compile_scenario
from alignsim.simulation.model import AlignmentModel

SCENARIO = """\
name: two
title: Two actors with uncertain inputs
time: {start: 2014-01, unit: quarter, steps: 6}
issues:
  - {id: x, label: x, scale: [4, 10]}
actors:
  - id: PAK
    name: Pakistan
    capability: {triangular: [0.5, 1.0, 2.0]}
    interests:
      x: {position: {beta: {a: 2, b: 5}}, salience: {normal: {mean: 0.9, sd: 0.3}}}
  - id: RUS
    name: Russia
    capability: 3.0
    interests:
      x: {position: 9.0, salience: 1.0}
relations:
  - {pair: [PAK, RUS], alignment: {uniform: [0.2, 0.4]}}
mechanisms:
  adjustment: {rate: 0.3, noise: 0.05}
groups:
  PR: [PAK, RUS]
"""


@pytest.fixture
def scenario_file(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text(SCENARIO)
    return path


def test_central_values_are_the_means(scenario_file):
    scenario = load_scenario(scenario_file)
    pak = scenario.actors[0]
    assert pak.capability == pytest.approx((0.5 + 1.0 + 2.0) / 3)
    assert pak.interests["x"].position == pytest.approx(4 + 6 * 2 / 7)  # beta mean, scaled
    assert pak.interests["x"].salience == 0.9
    assert scenario.relations[0].alignment == pytest.approx(0.3)


def test_draws_depend_only_on_the_seed_and_stay_in_range(scenario_file):
    first = load_scenario(scenario_file, rng=7)
    again = load_scenario(scenario_file, rng=7)
    other = load_scenario(scenario_file, rng=8)
    assert first == again
    assert first.relations[0].alignment != other.relations[0].alignment
    for seed in range(40):
        drawn = load_scenario(scenario_file, rng=seed)
        pak = drawn.actors[0]
        assert 0.5 <= pak.capability <= 2.0
        assert 4.0 <= pak.interests["x"].position <= 10.0
        assert 0.0 <= pak.interests["x"].salience <= 1.0
        assert 0.2 <= drawn.relations[0].alignment <= 0.4


def test_truncated_normal_matches_scipy_truncnorm():
    tree = {"relations": [{"pair": ["A", "B"], "alignment": {"normal": {"mean": 0.8, "sd": 0.5}}}]}
    rng = np.random.default_rng(1)
    draws = np.array([draw_uncertain(tree, rng)["relations"][0]["alignment"] for _ in range(4000)])
    reference = stats.truncnorm((-1 - 0.8) / 0.5, (1 - 0.8) / 0.5, loc=0.8, scale=0.5)
    assert draws.min() >= -1 and draws.max() <= 1
    assert abs(draws.mean() - reference.mean()) < 4 * reference.std() / np.sqrt(4000)
    assert stats.kstest(draws, reference.cdf).pvalue > 1e-3


def test_tree_is_not_modified_and_plain_values_pass_through():
    tree = {"mechanisms": {"adjustment": {"rate": {"uniform": [0.1, 0.3]}, "noise": 0.0}}}
    drawn = draw_uncertain(tree, np.random.default_rng(0))
    assert tree["mechanisms"]["adjustment"]["rate"] == {"uniform": [0.1, 0.3]}
    assert 0.1 <= drawn["mechanisms"]["adjustment"]["rate"] <= 0.3
    assert drawn["mechanisms"]["adjustment"]["noise"] == 0.0
    assert has_uncertain(tree) and not has_uncertain(drawn)
    # a group or issue that happens to be called "uniform" is not a distribution
    assert not has_uncertain({"groups": {"uniform": ["A", "B"]}})


def test_bad_parameters_are_reported_with_file_and_line(scenario_file):
    text = SCENARIO.replace("{uniform: [0.2, 0.4]}", "{uniform: [0.4, 0.2]}").replace(
        "{normal: {mean: 0.9, sd: 0.3}}", "{normal: {mean: 1.5, sd: 0.3}}"
    )
    scenario_file.write_text(text)
    with pytest.raises(ScenarioError) as error:
        load_scenario(scenario_file)
    lines = [str(p) for p in error.value.problems]
    assert lines == [
        f"{scenario_file}:11 actors[0].interests.x.salience: normal mean 1.5 is outside "
        "the field's range [0, 1]",
        f"{scenario_file}:18 relations[0].alignment: uniform needs LOW < HIGH, got [0.4, 0.2]",
    ]


def test_settings_may_be_uncertain_and_are_checked(scenario_file):
    scenario = load_scenario(scenario_file, ["mechanisms.adjustment.rate={beta: {a: 1, b: 1}}"])
    assert scenario.mechanisms.adjustment.rate == 0.5
    with pytest.raises(ScenarioError) as error:
        load_scenario(scenario_file, ["mechanisms.adjustment.rate={beta: {a: 0, b: 1}}"])
    assert [str(p) for p in error.value.problems] == [
        "--set mechanisms.adjustment.rate: beta needs a > 0 and b > 0, got a=0, b=1"
    ]


def test_central_values_check_parameters():
    with pytest.raises(ScenarioError):
        central_values({"actors": [{"capability": {"triangular": [1, 3, 2]}}]})


def test_ensemble_runs_draw_their_inputs_from_their_seeds(scenario_file):
    ensemble = run_ensemble(scenario_file, runs=4, seed=5)
    assert ensemble.meta["uncertain_inputs"]
    seeds = run_seeds(5, 4)
    for r, seed in enumerate(seeds):
        own = compile_scenario(load_scenario(scenario_file, rng=seed))
        single = AlignmentModel(own, rng=seed).run().stacked_history()
        assert np.array_equal(single.alignment, ensemble.history.alignment[r])
        assert np.array_equal(single.capability, ensemble.history.capability[r])
    assert len({float(c) for c in ensemble.history.capability[:, 0, 0]}) == 4


def test_input_stream_is_apart_from_the_noise_stream():
    seed = run_seeds(0, 1)[0]
    inputs = uncertain_generator(seed).random(3)
    noise = np.random.default_rng(seed).random(3)
    assert not np.allclose(inputs, noise)
    assert np.array_equal(inputs, uncertain_generator(seed).random(3))


def test_mechanism_weights_without_upper_bound_are_truncated_at_zero_only():
    tree = {"mechanisms": {"structural_balance": {"weight": {"normal": {"mean": 0.1, "sd": 1.0}}}}}
    rng = np.random.default_rng(3)
    draws = [
        draw_uncertain(tree, rng)["mechanisms"]["structural_balance"]["weight"] for _ in range(300)
    ]
    assert min(draws) >= 0.0
    assert max(draws) > 1.0  # no upper bound
    assert not has_uncertain({"mechanisms": {"no_such_mechanism": {"w": {"uniform": [0, 1]}}}})
