"""The condition language and conditional events in the Mesa model and the batched engine."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

from alignsim import simulate
from alignsim.ensemble import run_batch
from alignsim.scenario.schema import scenario_model
from alignsim.scenario.synthetic import random_scenario_dict
from alignsim.simulation.compiled import compile_scenario
from alignsim.simulation.conditions import ConditionError, evaluate, parse, references
from alignsim.simulation.events import Effect, apply_alignment_sets, apply_inputs
from alignsim.simulation.model import AlignmentModel

ALIGNSIM = str(Path(sys.executable).parent / "alignsim")
VALUES = {
    ("alignment", ("A", "B")): np.array([0.2, -0.4]),
    ("step", ()): 5,
    ("cohesion", ("G",)): np.array([0.7, 0.1]),
}


def value(text):
    return evaluate(parse(text), lambda name, args: VALUES[(name, args)]).tolist()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("alignment(A, B) > 0", [True, False]),
        ("alignment(A,B) <= -0.4", [False, True]),
        ("((alignment(A, B) > 0))", [True, False]),
        ("(((cohesion(G) > 0.5) and (step() > 1)))", [True, False]),
        ("not alignment(A, B) > 0", [False, True]),
        ("cohesion(G) > 0.5 or step() >= 5", [True, True]),
        ("cohesion(G) > 0.5 and step() >= 6", [False, False]),
        ("(alignment(A, B) < 0 or cohesion(G) > 0.6) and step() == 5", [True, True]),
        ("alignment(A, B) > -(0.5)", [True, True]),
        ("1e-1 < cohesion(G)", [True, False]),
    ],
)
def test_conditions_evaluate_for_every_run_of_a_batch(text, expected):
    assert np.broadcast_to(value(text), (2,)).tolist() == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("alignment(A, B) >", "ends too early"),
        ("open(A) > 1", "unknown 'open' at column 1"),
        ("alignment(A) > 0", "alignment() takes 2 argument(s), got 1"),
        ("cohesion(G) > 0.5 )", "unexpected ')' at column 19"),
        ("__import__(os)", "unexpected '__import__' at column 1"),
        ("capability(A); 1", "unexpected '; 1' at column 14"),
        ("alignment(A, 1) > 0", "expected an id at column 14"),
        ("step()", "needs a comparison"),
        ("not capability(A)", "needs a comparison"),
        ("alignment(A, A) > 0", "alignment(A, A) pairs an actor with itself"),
        ("(" * 41 + "step() > 1" + ")" * 41, "nests deeper than 40 levels"),
        ("not " * 41 + "step() > 1", "nests deeper than 40 levels"),
        ("step() > 1 and " * 200 + "step() > 1", "longer than 2000 characters"),
    ],
)
def test_bad_conditions_say_where(text, message):
    with pytest.raises(ConditionError, match=None) as caught:
        parse(text)
    assert message in str(caught.value)


def test_references_name_every_id_with_its_kind():
    found = references(parse("position(PAK, energy) > 0 and exposure(RUS, isis) < cohesion(CRP)"))
    assert found == [
        ("actor", "PAK"),
        ("issue", "energy"),
        ("actor", "RUS"),
        ("threat", "isis"),
        ("group", "CRP"),
    ]


def two_actors(events):
    zero = {
        name: {"weight": 0.0}
        for name in (
            "interest_affinity",
            "structural_balance",
            "common_threat",
            "economic_ties",
            "historical_anchor",
        )
    }
    return scenario_model().model_validate(
        {
            "name": "pair",
            "title": "pair",
            "time": {"start": "2014-01", "unit": "quarter", "steps": 5},
            "actors": [
                {"id": "PAK", "name": "Pakistan", "capability": 1.0},
                {"id": "RUS", "name": "Russia", "capability": 1.0},
            ],
            "relations": [{"pair": ["PAK", "RUS"], "alignment": 0.4}],
            # preset v1: the hand-computed values are of its partial adjustment toward 0
            "mechanisms": {**zero, "preset": "v1", "adjustment": {"rate": 0.5, "noise": 0.0}},
            "events": events,
            "groups": {"PR": ["PAK", "RUS"]},
        }
    )


def test_a_conditional_event_fires_once_when_its_condition_first_holds():
    # target 0, rate 0.5: 0.4 -> 0.2 -> 0.1; at the start of step 3 the alignment (0.1) is
    # below 0.15, so the event sets it to 0.9; later the condition is false and it is spent:
    # step 4: 0.45, step 5: 0.225 (below 0.15 would need step 6)
    scenario = two_actors(
        [
            {
                "id": "rescue",
                "label": "rescue",
                "when": "cohesion(PR) < 0.15",
                "effects": [{"alignment": ["PAK", "RUS"], "set": 0.9}],
            }
        ]
    )
    results = simulate(scenario)
    assert_allclose(results.alignment["value"], [0.4, 0.2, 0.1, 0.9, 0.45, 0.225])
    row = results.events.iloc[0]
    assert (row["id"], row["step"], row["condition"]) == ("rescue", 3, "cohesion(PR) < 0.15")


def test_a_condition_that_never_holds_fires_nothing():
    scenario = two_actors(
        [
            {
                "id": "never",
                "label": "never",
                "when": "step() > 99",
                "effects": [{"alignment": ["PAK", "RUS"], "set": 0.9}],
            }
        ]
    )
    results = simulate(scenario)
    assert_allclose(results.alignment["value"], 0.4 * 0.5 ** np.arange(6))
    assert results.events.empty


def test_masked_effects_change_only_their_runs():
    state = compile_scenario(two_actors([])).initial.stacked(2)
    mask = np.array([True, False])
    changed, shocks = apply_inputs(
        state,
        [
            (Effect("capability", (0,), "set", 5.0), mask),
            (Effect("alignment", (0, 1), "shift", 0.3), mask),
        ],
    )
    assert changed.capability[:, 0].tolist() == [5.0, 1.0]
    assert shocks[:, 0, 1].tolist() == [0.3, 0.0] and shocks[:, 1, 0].tolist() == [0.3, 0.0]
    fixed = apply_alignment_sets(state, [(Effect("alignment", (1, 0), "set", -1.0), ~mask)])
    assert fixed.alignment[:, 0, 1].tolist() == [0.4, -1.0]


def test_engine_and_model_agree_when_conditions_split_the_runs():
    raw = random_scenario_dict(5, steps=12, seed=11, noise=0.2)
    raw["events"] = [
        {
            "id": "jolt",
            "label": "jolt",
            "when": "alignment(A000, A001) > 0.3",
            "effects": [
                {"alignment": ["A000", "A002"], "shift": -0.5},
                {"capability": "A003", "set": 9.0},
            ],
        }
    ]
    compiled = compile_scenario(scenario_model().model_validate(raw))
    seeds = list(range(8))
    batch = run_batch(compiled, seeds)
    fired_steps = set()
    for r, seed in enumerate(seeds):
        model = AlignmentModel(compiled, rng=seed).run()
        history = model.stacked_history()
        assert np.array_equal(batch.alignment[r], history.alignment)
        assert np.array_equal(batch.capability[r], history.capability)
        fired_steps.add(model.fired_at.get("jolt"))
    assert len(fired_steps) > 1  # the condition did split the runs


def write(tmp_path, condition):
    path = tmp_path / "cond.yaml"
    path.write_text(
        "name: c\ntitle: c\ntime: {start: 2014-01, steps: 4}\n"
        "actors:\n  - {id: PAK, name: P, capability: 1}\n  - {id: RUS, name: R, capability: 1}\n"
        f"events:\n  - id: e\n    label: e\n    when: {condition}\n"
        "    effects: [{capability: PAK, set: 2}]\n"
    )
    return path


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        (
            "alignment(PAK RUS) > 0",
            "events[0].when: condition 'alignment(PAK RUS) > 0': "
            "expected ',' at column 15, got 'RUS'",
        ),
        ("alignment(PAK, RUX) > 0", "events[0].when: unknown actor 'RUX'; did you mean 'RUS'?"),
        ("cohesion(CRP) > 0", "events[0].when: unknown group 'CRP'"),
    ],
)
def test_bad_conditions_are_reported_at_their_line(tmp_path, condition, message):
    path = write(tmp_path, condition)
    done = subprocess.run([ALIGNSIM, "validate", str(path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == f"{path}:10 {message}\n"
