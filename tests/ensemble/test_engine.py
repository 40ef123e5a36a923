"""The batched engine reproduces the Mesa model run by run, exactly."""

import numpy as np
import pytest

from alignsim.dynamics.step import FIELDS
from alignsim.ensemble import run_batch, run_seeds
from alignsim.scenario import load_scenario
from alignsim.scenario.schema import scenario_model
from alignsim.scenario.synthetic import random_scenario_dict
from alignsim.simulation.compiled import compile_scenario
from alignsim.simulation.model import AlignmentModel


def with_every_kind_of_event(noise: float):
    data = random_scenario_dict(4, issues=2, threats=1, steps=6, seed=11, noise=noise)
    a, b, c = "A000", "A001", "A002"
    data["events"] = [
        {
            "id": "first",
            "label": "first",
            "step": 2,
            "effects": [
                {"alignment": [a, b], "shift": 0.3},
                {"position": [c, "issue0"], "set": 0.9},
                {"salience": [a, "issue1"], "shift": 0.2},
                {"capability": b, "set": 2.5},
            ],
        },
        {
            "id": "second",
            "label": "second",
            "step": 4,
            "effects": [
                {"alignment": [b, c], "set": -0.7},
                {"economic_tie": [a, c], "shift": 1.0},
                {"exposure": [c, "threat0"], "set": 1.0},
            ],
        },
    ]
    return compile_scenario(scenario_model().model_validate(data))


def assert_same_as_mesa(compiled, seeds, batch):
    for r, seed in enumerate(seeds):
        single = AlignmentModel(compiled, rng=seed).run().stacked_history()
        for name in FIELDS:
            assert np.array_equal(getattr(single, name), getattr(batch, name)[r]), name


@pytest.mark.parametrize("noise", [0.0, 0.05])
def test_batch_equals_mesa_with_events(noise):
    compiled = with_every_kind_of_event(noise)
    seeds = run_seeds(7, 5)
    batch = run_batch(compiled, seeds)
    assert batch.alignment.shape == (5, 7, 4, 4)
    assert_same_as_mesa(compiled, seeds, batch)
    # the set at step 4 holds in every run
    assert np.all(batch.alignment[:, 4, 1, 2] == -0.7)
    spread = np.ptp(batch.alignment[:, -1], axis=0).max()
    assert (spread > 0) == (noise > 0)


def test_batch_equals_mesa_on_casa_2019_with_integer_seeds():
    compiled = compile_scenario(load_scenario("casa_2019"))
    seeds = [0, 1, 12345]
    batch = run_batch(compiled, seeds, steps=12)
    assert batch.alignment.shape[1] == 13
    for r, seed in enumerate(seeds):
        single = AlignmentModel(compiled, rng=seed).run(12).stacked_history()
        assert np.array_equal(single.alignment, batch.alignment[r])
        assert np.array_equal(single.positions, batch.positions[r])


def test_runs_do_not_depend_on_the_batch_they_are_in():
    compiled = with_every_kind_of_event(0.05)
    seeds = run_seeds(3, 6)
    whole = run_batch(compiled, seeds)
    parts = [run_batch(compiled, seeds[:2]), run_batch(compiled, seeds[2:])]
    assert np.array_equal(whole.alignment, np.concatenate([p.alignment for p in parts]))
    assert not np.array_equal(whole.alignment[0], whole.alignment[1])


def test_batched_noise_equals_symmetric_normal_per_generator():
    from alignsim.dynamics.adjustment import symmetric_normal

    seeds = run_seeds(4, 3)
    batched = symmetric_normal([np.random.default_rng(s) for s in seeds], 5)
    for r, seed in enumerate(seeds):
        assert np.array_equal(batched[r], symmetric_normal(np.random.default_rng(seed), 5))
    assert np.array_equal(batched, np.swapaxes(batched, -1, -2))
    assert np.all(np.diagonal(batched, axis1=-2, axis2=-1) == 0)


def test_varied_runs_share_batches_and_still_equal_mesa():
    from alignsim.ensemble.engine import run_varied, same_dynamics

    def compiled_with(rate, noise, weight, balance=None):
        data = random_scenario_dict(4, issues=2, threats=1, steps=5, seed=11, noise=noise)
        data["mechanisms"]["adjustment"]["rate"] = rate
        data["mechanisms"]["economic_ties"] = {"weight": weight}
        if balance is not None:  # a parameter other than weight: a batch of its own
            data["mechanisms"]["issue_influence"] = {"rate": balance}
        data["relations"][0]["alignment"] = weight - 0.5
        return compile_scenario(scenario_model().model_validate(data))

    compileds = [
        compiled_with(0.2, 0.05, 0.1),
        compiled_with(0.4, 0.0, 0.6),  # no noise: this run draws nothing
        compiled_with(0.3, 0.02, 0.3, balance=0.2),
        compiled_with(0.25, 0.08, 0.9),
    ]
    assert same_dynamics(compileds[0], compileds[1])
    assert not same_dynamics(compileds[0], compileds[2])
    seeds = run_seeds(5, 4)
    histories = run_varied(compileds, seeds, 5)
    for r, (compiled, seed) in enumerate(zip(compileds, seeds, strict=True)):
        single = AlignmentModel(compiled, rng=seed).run().stacked_history()
        for name in FIELDS:
            assert np.array_equal(getattr(single, name), getattr(histories, name)[r]), (r, name)


def with_every_v2_option(actors: int = 5):
    """A v2 scenario with blame, growth, doctrines (bandwagoning), a rivalry and an event."""
    data = random_scenario_dict(actors, issues=3, threats=2, steps=12, seed=21, noise=0.05)
    assert "preset" not in data["mechanisms"]  # the default preset, v2
    data["threats"][0]["blamed"] = ["A001"]
    data["threats"][1]["blamed"] = ["A000"]
    data["threats"][1]["blamed_by"] = ["A003"]
    data["actors"][2]["capability_growth"] = 0.08
    data["actors"][3]["doctrine"] = {"bandwagoning": 0.7, "signed_affinity": 0.5}
    data["relations"][0]["rivalry"] = True
    data["mechanisms"]["rivalry"] = {"enabled": True, "hazard": 0.05}
    data["events"] = [
        {
            "id": "shock",
            "label": "shock",
            "step": 3,
            "permanent": 0.8,
            "effects": [
                {"alignment": ["A002", "A004"], "shift": 0.5},
                {"position": ["A001", "issue0"], "set": -0.9},
            ],
        }
    ]
    return compile_scenario(scenario_model().model_validate(data))


def test_batch_equals_mesa_under_v2_with_blame_growth_doctrines_and_rivalry():
    compiled = with_every_v2_option()
    assert compiled.rules.preset == "v2" and compiled.rules.regime.name == "rivalry"
    seeds = run_seeds(9, 4)
    batch = run_batch(compiled, seeds)
    assert_same_as_mesa(compiled, seeds, batch)
    # the event's lasting share moved the pair's baseline by 0.8 x 0.5
    jump = batch.baseline[:, 3, 2, 4] - batch.baseline[:, 2, 2, 4]
    assert np.allclose(jump, 0.4, atol=0.05)
