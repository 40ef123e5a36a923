"""Presets: v1 reproduces the first session's dynamics bit for bit; new schema fields work."""

import hashlib

import numpy as np
import pytest

from alignsim.ensemble import run_batch, run_seeds
from alignsim.scenario import ScenarioError, load_scenario
from alignsim.scenario.schema import scenario_model
from alignsim.scenario.synthetic import random_scenario_dict
from alignsim.simulation.compiled import compile_scenario
from alignsim.simulation.model import AlignmentModel

# sha256 of the histories computed with the code before presets existed (commit aa61d80)
V1_DIGESTS = {
    "casa_single": "1bcf481d3b2cfddc3f3c5002955bee55ae59d5f3caf892161a1088638b63ea1c",
    "casa_batch": "eef20de4b11e8dfbbf0fdb2c6c11cf5ca4309640b693c7875db30b2fd5aa379f",
    "random_batch": "739c87490a0368b105a4a06bdb0a10b7768b6a4ff64c28788959cd52fcd0e513",
}


def digest(*arrays):
    h = hashlib.sha256()
    for a in arrays:
        h.update(np.ascontiguousarray(np.asarray(a, dtype=float)).tobytes())
    return h.hexdigest()


def with_preset(data, preset):
    data.setdefault("mechanisms", {})["preset"] = preset
    return scenario_model().model_validate(data)


def casa_v1():
    # the first session's casa_2019 had no mechanisms section (no calibrated values)
    data = load_scenario("casa_2019").model_dump(exclude_none=True, mode="json")
    del data["mechanisms"]
    return compile_scenario(with_preset(data, "v1"))


def test_v1_reproduces_the_first_sessions_casa_2019_runs_bit_for_bit():
    casa = casa_v1()
    m = AlignmentModel(casa, rng=2019).run().stacked_history()
    assert (
        digest(m.alignment, m.positions, m.capability, m.salience, m.ties, m.exposure)
        == V1_DIGESTS["casa_single"]
    )
    b = run_batch(casa, run_seeds(11, 16))
    assert digest(b.alignment, b.positions) == V1_DIGESTS["casa_batch"]


def test_v1_reproduces_a_random_scenario_with_scheduled_and_conditional_events():
    data = random_scenario_dict(12, issues=5, threats=2, steps=30, seed=3, noise=0.05)
    data["events"] = [
        {
            "id": "e",
            "label": "e",
            "step": 3,
            "effects": [
                {"alignment": ["A000", "A001"], "shift": 0.4},
                {"position": ["A002", "issue0"], "set": 0.9},
            ],
        },
        {
            "id": "c",
            "label": "c",
            "when": "alignment(A000, A001) > 0.3",
            "effects": [{"alignment": ["A003", "A004"], "set": -0.8}],
        },
    ]
    b = run_batch(compile_scenario(with_preset(data, "v1")), run_seeds(5, 6))
    assert digest(b.alignment, b.positions) == V1_DIGESTS["random_batch"]


def test_v1_ignores_an_events_permanent_share_and_keeps_its_baseline():
    data = random_scenario_dict(3, issues=1, threats=0, steps=4, seed=1, noise=0.0)
    data["events"] = [
        {
            "id": "e",
            "label": "e",
            "step": 1,
            "permanent": 1.0,
            "effects": [{"alignment": ["A000", "A001"], "shift": 0.3}],
        }
    ]
    compiled = compile_scenario(with_preset(data, "v1"))
    history = AlignmentModel(compiled, rng=0).run().stacked_history()
    assert np.array_equal(history.baseline[-1], history.baseline[0])


def test_capability_growth_compounds_per_step_from_an_annual_rate():
    data = random_scenario_dict(2, issues=1, threats=0, steps=8, seed=1, noise=0.0)
    data["actors"][0]["capability_growth"] = 0.1
    data["actors"][1]["capability_growth"] = -0.05
    compiled = compile_scenario(with_preset(data, "v1"))
    history = AlignmentModel(compiled, rng=0).run().stacked_history()
    start = history.capability[0]
    # 8 quarters = 2 years: 1.1 ** 2 = 1.21 and 0.95 ** 2 = 0.9025
    assert history.capability[4] == pytest.approx(start * [1.1, 0.95])
    assert history.capability[8] == pytest.approx(start * [1.21, 0.9025])


def test_blame_compiles_to_who_is_blamed_and_who_blames(tmp_path):
    data = random_scenario_dict(3, issues=1, threats=2, steps=2, seed=1)
    data["threats"][0]["blamed"] = ["A001"]
    data["threats"][0]["blamed_by"] = ["A000"]
    data["threats"][1]["blamed"] = ["A002"]
    rules = compile_scenario(with_preset(data, "v1")).rules
    assert rules.data["blame"].tolist() == [[0, 0], [1, 0], [0, 1]]
    # named blamers for the first source; everyone but the blamed for the second
    assert rules.data["blamer"].tolist() == [[1, 1], [0, 1], [0, 0]]


def test_unknown_blamed_actor_and_unused_settings_are_reported(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "name: bad\ntitle: bad\ntime: {start: 2000, steps: 2}\n"
        "actors:\n  - {id: A, name: A, capability: 1}\n  - {id: B, name: B, capability: 1}\n"
        "threats:\n  - {id: t, label: t, exposure: {A: 0.5}, blamed: [C]}\n"
        "mechanisms:\n  preset: v1\n  error_correction: {drift: 0.1}\n"
    )
    with pytest.raises(ScenarioError) as error:
        load_scenario(path)
    text = "\n".join(str(p) for p in error.value.problems)
    assert "threats[0].blamed[0]" in text and "unknown actor 'C'" in text
    assert "error_correction is not in use (preset v1 does not use it)" in text


def test_permanent_must_be_a_share(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "name: bad\ntitle: bad\ntime: {start: 2000, steps: 2}\n"
        "actors:\n  - {id: A, name: A, capability: 1}\n  - {id: B, name: B, capability: 1}\n"
        "events:\n  - {id: e, label: e, step: 1, permanent: 1.5,"
        " effects: [{alignment: [A, B], shift: 0.1}]}\n"
    )
    with pytest.raises(ScenarioError) as error:
        load_scenario(path)
    assert any("permanent" in str(p) for p in error.value.problems)
