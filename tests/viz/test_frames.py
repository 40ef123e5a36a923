"""The page's live figures: drawn once, updated in place, cached per step."""

from __future__ import annotations

import numpy as np
import pytest

from alignsim.scenario import load_scenario
from alignsim.viz.app import initial_values
from alignsim.viz.frames import LiveFigures, mds_layout
from alignsim.viz.model import InteractiveModel, model_params


def test_mds_layout_places_allies_close_and_adversaries_apart():
    alignment = np.array([[0, 0.9, -0.8], [0.9, 0, -0.7], [-0.8, -0.7, 0]])
    xy = mds_layout(alignment)
    distance = np.linalg.norm(xy[:, None] - xy[None, :], axis=-1)
    assert distance[0, 1] < distance[0, 2] and distance[0, 1] < distance[1, 2]
    assert np.abs(xy).max() == pytest.approx(1.0)


def test_mds_layout_keeps_the_previous_orientation():
    rng = np.random.default_rng(0)
    a = rng.uniform(-1, 1, (5, 5))
    a = (a + a.T) / 2
    np.fill_diagonal(a, 0)
    first = mds_layout(a)
    mirrored = mds_layout(a, previous=first * [-1, 1])  # asked to follow a reflection
    assert np.allclose(mirrored, first * [-1, 1], atol=1e-9)
    assert np.allclose(mds_layout(a, previous=first), first, atol=1e-9)


def test_live_figures_change_with_the_run_and_are_cached_per_step():
    scenario = load_scenario("casa_2019")
    model = InteractiveModel(**initial_values(model_params(scenario)))
    live = LiveFigures(model)
    start = live.images_of(model)
    assert all(image.startswith(b"\x89PNG") for image in start)
    assert live.images_of(model) is start  # same step: nothing redrawn
    model.step()
    after = live.images_of(model)
    assert all(a != b for a, b in zip(start, after, strict=True))


def test_unticking_an_event_dated_at_the_start_restores_the_starting_state():
    from alignsim.simulation.compiled import compile_scenario
    from alignsim.viz.model import without_events

    data = load_scenario("casa_2019").model_dump(mode="json")
    data["events"].append(
        {
            "id": "at_start",
            "label": "at the start",
            "at": "2014-01",
            "effects": [{"alignment": ["PAK", "RUS"], "set": 0.9}],
        }
    )
    from alignsim.scenario.schema import scenario_model

    compiled = compile_scenario(scenario_model().model_validate(data))
    pak, rus = compiled.actors.index("PAK"), compiled.actors.index("RUS")
    assert compiled.initial.alignment[pak, rus] == 0.9  # applied before the first step
    left_out = without_events(compiled, {"at_start"})
    assert left_out.initial.alignment[pak, rus] == 0.0  # casa_2019's own value
    kept = without_events(compiled, {"ukraine_sanctions_2014"})
    assert kept.initial.alignment[pak, rus] == 0.9
