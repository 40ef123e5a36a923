"""The Mesa model and simulate(): hand-computed runs and properties."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from alignsim import simulate
from alignsim.dynamics.step import advance
from alignsim.scenario.schema import scenario_model
from alignsim.scenario.synthetic import random_scenario, random_scenario_dict
from alignsim.simulation.compiled import compile_scenario
from alignsim.simulation.model import AlignmentModel

# the hand-computed runs below are of preset v1 (its anchor term and partial adjustment)
ONLY_ANCHOR = {
    "preset": "v1",
    "interest_affinity": {"weight": 0.0},
    "structural_balance": {"weight": 0.0},
    "common_threat": {"weight": 0.0},
    "economic_ties": {"weight": 0.0},
    "historical_anchor": {"weight": 0.0},
}


def two_actor_scenario(mechanisms, events=(), doctrine=None):
    return scenario_model().model_validate(
        {
            "name": "pair",
            "title": "Two actors",
            "time": {"start": "2014-01", "unit": "quarter", "steps": 4},
            "issues": [{"id": "x", "label": "x", "scale": [4, 10]}],
            "actors": [
                {
                    "id": "PAK",
                    "name": "Pakistan",
                    "capability": 1.0,
                    "interests": {"x": {"position": 7.0, "salience": 0.5}},
                    **({"doctrine": doctrine} if doctrine else {}),
                },
                {
                    "id": "RUS",
                    "name": "Russia",
                    "capability": 3.0,
                    "interests": {"x": {"position": 10.0, "salience": 1.0}},
                },
            ],
            "relations": [{"pair": ["PAK", "RUS"], "alignment": 0.4}],
            "mechanisms": mechanisms,
            "events": list(events),
            "groups": {"PR": ["PAK", "RUS"]},
        }
    )


def test_events_shift_and_set_at_their_steps():
    # all term weights 0 -> target 0; rate 0.5, no noise:
    # step1: 0.4 - 0.5*0.4 = 0.2
    # step2: 0.2 - 0.1 + shift 0.2 (event 2014-06 falls in step 2, dated 2014-07-01) = 0.3
    # step3: set to 0.9 (event `step: 3`) ; step4: 0.9 - 0.45 = 0.45
    scenario = two_actor_scenario(
        {**ONLY_ANCHOR, "adjustment": {"rate": 0.5, "noise": 0.0}},
        events=[
            {
                "id": "up",
                "label": "up",
                "at": "2014-06",
                "effects": [{"alignment": ["PAK", "RUS"], "shift": 0.2}],
            },
            {
                "id": "fix",
                "label": "fix",
                "step": 3,
                "effects": [{"alignment": ["RUS", "PAK"], "set": 0.9}],
            },
        ],
    )
    results = simulate(scenario, seed=3)
    assert_allclose(results.alignment["value"], [0.4, 0.2, 0.3, 0.9, 0.45])
    assert results.alignment["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2014-01-01",
        "2014-04-01",
        "2014-07-01",
        "2014-10-01",
        "2015-01-01",
    ]
    assert results.events.set_index("id")["step"].to_dict() == {"up": 2, "fix": 3}
    assert_allclose(results.groups["cohesion"], [0.4, 0.2, 0.3, 0.9, 0.45])


def test_an_event_dated_at_the_start_shapes_step_0_and_keeps_its_own_date():
    # rate 0.5, only the anchor (weight 0 -> target 0): the start event (2014-01) sets 0.8
    # before the first step, so step 0 records 0.8 and step 1 is 0.8 - 0.4 = 0.4; the
    # 2014-06 event is applied in the step dated 2014-07 but listed at its own date
    scenario = two_actor_scenario(
        {**ONLY_ANCHOR, "adjustment": {"rate": 0.5, "noise": 0.0}},
        events=[
            {"id": name, "label": name, "at": at, "effects": [{"alignment": ["PAK", "RUS"], **e}]}
            for name, at, e in [
                ("start", "2014-01", {"set": 0.8}),
                ("june", "2014-06", {"shift": 0.2}),
            ]
        ],
    )
    results = simulate(scenario, seed=0)
    assert_allclose(results.alignment["value"], [0.8, 0.4, 0.4, 0.2, 0.1])
    table = results.events.set_index("id")
    assert table["step"].to_dict() == {"start": 0, "june": 2}
    assert table["date"].dt.strftime("%Y-%m-%d").to_dict() == {
        "start": "2014-01-01",
        "june": "2014-06-01",
    }


def test_doctrine_and_consent():
    # only the anchor term: PAK weighs it 1 (doctrine), RUS 0.5 (scenario weight);
    # desired PAK = 0.4, RUS = 0.2 -> consent min = 0.2; rate 1 -> A1 = 0.2
    mechanisms = {
        **ONLY_ANCHOR,
        "historical_anchor": {"weight": 0.5},
        "adjustment": {"rate": 1.0, "noise": 0.0},
    }
    results = simulate(two_actor_scenario(mechanisms, doctrine={"historical_anchor": 1.0}), steps=1)
    assert results.alignment["value"].tolist() == pytest.approx([0.4, 0.2])


def test_positions_are_reported_on_the_issues_scale():
    # influence rate 0.5: PAK (salience 0.5) moves 0.5*0.5 of the gap toward RUS:
    # normalised -> 7 is 0.0, 10 is 1.0; new = 0 + 0.25*1 = 0.25 -> 7.75 on the 4..10 scale
    mechanisms = {
        **ONLY_ANCHOR,
        "historical_anchor": {"weight": 1.0},
        "adjustment": {"rate": 0.0, "noise": 0.0},
        "issue_influence": {"rate": 0.5},
    }
    results = simulate(two_actor_scenario(mechanisms), steps=1)
    pak = results.positions[(results.positions["actor"] == "PAK")]
    assert pak["position"].tolist() == pytest.approx([7.0, 7.75])


@pytest.mark.parametrize(
    "mechanisms",
    [
        {"preset": "v1", "issue_influence": {"enabled": False}},
        {"anchored_influence": {"enabled": False}},
    ],
)
def test_influence_can_be_switched_off(mechanisms):
    results = simulate(two_actor_scenario(mechanisms))
    assert results.positions.groupby("actor")["position"].nunique().max() == 1


def test_model_is_a_thin_orchestrator_over_advance():
    scenario = random_scenario(6, steps=5, seed=2, noise=0.0)
    compiled = compile_scenario(scenario)
    state = compiled.initial
    for _ in range(5):
        state = advance(state, compiled.rules)
    model = AlignmentModel(compiled, rng=0).run()
    assert_allclose(model.state.alignment, state.alignment)
    assert_allclose(model.state.positions, state.positions)
    assert len(model.agents) == 6
    agent = model.agent("A001")
    assert agent.alignments["A000"] == pytest.approx(state.alignment[1, 0])
    assert agent.capability == pytest.approx(compiled.initial.capability[1])


def test_same_seed_same_numbers_and_noise_matters():
    scenario = random_scenario(5, steps=8, seed=1, noise=0.05)
    a = simulate(scenario, seed=7).alignment["value"].to_numpy()
    b = simulate(scenario, seed=7).alignment["value"].to_numpy()
    c = simulate(scenario, seed=8).alignment["value"].to_numpy()
    assert np.array_equal(a, b)
    assert not np.allclose(a, c)


def test_zero_noise_is_deterministic_whatever_the_seed():
    scenario = random_scenario(5, steps=8, seed=1, noise=0.0)
    a = simulate(scenario, seed=1).alignment["value"].to_numpy()
    b = simulate(scenario, seed=99).alignment["value"].to_numpy()
    assert np.array_equal(a, b)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 7), noise=st.sampled_from([0.0, 0.3]))
def test_alignment_stays_symmetric_and_in_range(seed, n, noise):
    model = AlignmentModel(random_scenario(n, steps=6, seed=seed, noise=noise), rng=seed).run()
    history = model.stacked_history().alignment
    assert np.all(np.abs(history) <= 1.0)
    assert_allclose(history, np.swapaxes(history, -1, -2))
    assert_allclose(np.diagonal(history, axis1=-2, axis2=-1), 0.0)
    positions = model.stacked_history().positions
    assert np.all(np.abs(positions) <= 1.0 + 1e-12)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(3, 6), data=st.data())
def test_relabelling_actors_permutes_the_results(seed, n, data):
    raw = random_scenario_dict(n, steps=5, seed=seed, noise=0.0)
    order = data.draw(st.permutations(range(n)))
    shuffled = dict(raw, actors=[raw["actors"][i] for i in order])
    first = AlignmentModel(scenario_model().model_validate(raw)).run().state
    second = AlignmentModel(scenario_model().model_validate(shuffled)).run().state
    perm = np.array(order)
    assert_allclose(second.alignment, first.alignment[np.ix_(perm, perm)], atol=1e-12)
    assert_allclose(second.positions, first.positions[perm], atol=1e-12)


def test_results_tables_are_tidy():
    results = simulate(random_scenario(4, issues=2, steps=3, seed=0), seed=0)
    assert list(results.alignment.columns) == ["step", "date", "actor_a", "actor_b", "value"]
    assert len(results.alignment) == 4 * 6  # 4 steps (0..3) x 6 pairs
    assert list(results.positions.columns) == [
        "step",
        "date",
        "actor",
        "issue",
        "position",
        "salience",
    ]
    assert len(results.positions) == 4 * 4 * 2
    assert set(results.groups["group"]) == {"first_three"}
    summary = results.summary()
    assert summary["seed"] == 0 and len(summary["scenario_hash"]) == 64
    assert set(summary["final_alignment"]) == {
        f"A00{i}-A00{j}" for i in range(4) for j in range(i + 1, 4)
    }


def test_settings_for_two_positions_rules_are_a_conflict_not_a_silent_drop():
    from alignsim.scenario.loader import validate_tree

    raw = random_scenario_dict(3, steps=2)
    raw["mechanisms"]["expected_utility"] = {"rate": 0.5}
    assert compile_scenario(scenario_model().model_validate(raw)).rules.positions.name == (
        "expected_utility"
    )
    raw["mechanisms"]["issue_influence"] = {"rate": 0.1}
    with pytest.raises(Exception, match="only one positions rule"):
        validate_tree(raw)
    raw["mechanisms"]["issue_influence"] = {"rate": 0.1, "enabled": False}
    assert compile_scenario(scenario_model().model_validate(raw)).rules.positions.name == (
        "expected_utility"
    )
