"""The interactive page: slider rules, the page rendered headless, and the served app."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import ipyvuetify as v
import ipywidgets
import numpy as np
import pytest
import solara
from solara.components.applayout import AppLayout

from alignsim import load_scenario, simulate
from alignsim.analysis.blocs import blocs_at
from alignsim.cli.viz import port_is_free
from alignsim.scenario.schema import scenario_model
from alignsim.simulation.compiled import compile_scenario
from alignsim.viz.app import AlignsimPage
from alignsim.viz.model import (
    InteractiveModel,
    bloc_text,
    model_params,
    term_names,
    tuned_rules,
    without_events,
)

COMMAND = [str(Path(sys.executable).parent / "alignsim"), "viz"]


@pytest.fixture(scope="module")
def casa():
    return load_scenario("casa_2019")


def doctrine_scenario():
    actor = {"capability": 1.0, "interests": {}}
    return scenario_model().model_validate(
        {
            "name": "doctrines",
            "title": "Doctrines",
            "time": {"start": "2020-01", "steps": 2},
            "actors": [
                {"id": "A", "name": "A", **actor, "doctrine": {"bounded_balance": 0.9}},
                {"id": "B", "name": "B", **actor},
            ],
            "relations": [{"pair": ["A", "B"], "alignment": 0.5}],
        }
    )


def test_sliders_set_weights_except_where_a_doctrine_sets_its_own():
    scenario = doctrine_scenario()
    tuned = tuned_rules(
        compile_scenario(scenario), scenario, {"bounded_balance": 0.1}, rate=0.5, noise=0.0
    )
    column = term_names().index("bounded_balance")
    np.testing.assert_allclose(tuned.rules.weights[:, column], [0.9, 0.1])
    assert tuned.rules.rate == 0.5 and tuned.rules.noise == 0.0
    with pytest.raises(ValueError, match="unknown term"):
        tuned_rules(tuned, scenario, {"gravity": 1.0})
    with pytest.raises(ValueError, match=">= 0"):
        tuned_rules(tuned, scenario, {}, rate=-0.1)


def test_sliders_start_at_the_scenario_values_and_reproduce_simulate(casa):
    params = model_params(casa)
    assert [k for k in params if k.startswith("w_")] == [f"w_{n}" for n in term_names()]
    # casa_2019's calibrated noise (0.014735 when written), not the registered default 0.02
    assert params["noise"]["value"] == casa.mechanisms.adjustment.noise != 0.02
    start = {k: p["value"] if isinstance(p, dict) else p for k, p in params.items()}
    model = InteractiveModel(**{**start, "run_seed": 3}).run(6)
    expected = simulate(casa, steps=6, seed=3, blocs=False)
    np.testing.assert_allclose(
        model.results().alignment["value"], expected.alignment["value"], atol=0
    )
    assert model.running
    model.run(casa.time.steps - 6)
    assert not model.running


def test_page_renders_sliders_and_steps_and_resets_with_new_values(casa):
    seen = []

    def spy(model):
        seen.append(model)
        return solara.Text(f"steps {len(model.history) - 1}")

    @solara.component
    def Wrapped():
        with AppLayout():
            AlignsimPage(casa, extra=(spy,))

    _, rc = solara.render(Wrapped(), handle_error=False)
    labels = {w.label for w in rc.find(v.Slider).widgets}
    assert {"seed", "adjustment rate", "adjustment noise"} <= labels
    assert {f"weight: {n.replace('_', ' ')}" for n in term_names()} <= labels
    images = rc.find(ipywidgets.Image).widgets
    assert len(images) == 3 and all(w.value[:8] == b"\x89PNG\r\n\x1a\n" for w in images)
    assert len(seen[-1].history) == 1
    rc.find(v.Btn, children=["Step"]).widget.click()
    assert len(seen[-1].history) == 2
    rc.find(v.Slider, label="adjustment noise").widget.v_model = 0.0
    rc.find(v.Slider, label="weight: bounded balance").widget.v_model = 0.6
    rc.find(v.Btn, children=["Reset"]).widget.click()
    model = seen[-1]
    assert len(model.history) == 1 and model.compiled.rules.noise == 0.0
    column = term_names().index("bounded_balance")
    np.testing.assert_allclose(model.compiled.rules.weights[:, column], 0.6)


def page_text(rc) -> str:
    return " ".join(w.unsafe_innerHTML for w in rc.find(solara.widgets.HTML).widgets)


def test_page_shows_the_current_blocs_and_leaves_out_unticked_events(casa):
    seen = []

    def spy(model):
        seen.append(model)
        return solara.Text("")

    @solara.component
    def Wrapped():
        with AppLayout():
            AlignsimPage(casa, extra=(spy,))

    _, rc = solara.render(Wrapped(), handle_error=False)
    compiled = compile_scenario(casa)
    start = blocs_at(compiled.initial.alignment, compiled.initial.capability, compiled.actors)
    assert "Blocs on 2014-01</b> (landscape, Axelrod &amp; Bennett 1993): " in page_text(rc)
    assert bloc_text(start) in page_text(rc)
    rc.find(v.Btn, children=["Step"]).widget.click()
    state = seen[-1].history[-1]
    now = bloc_text(blocs_at(state.alignment, state.capability, compiled.actors))
    assert "Blocs on 2014-04" in page_text(rc) and now in page_text(rc)
    boxes = {w.label: w for w in rc.find(v.Checkbox).widgets}
    label = "2016-06: US-India defence partnership (India named a Major Defence Partner)"
    assert all(boxes[f"{event.at:%Y-%m}: {event.label}"].v_model for event in casa.events)
    boxes[label].v_model = False
    rc.find(v.Btn, children=["Reset"]).widget.click()
    assert seen[-1].left_out == {"us_india_defence_partnership"}
    assert "events left out: <b>us_india_defence_partnership</b>" in page_text(rc)


def test_an_unticked_event_runs_as_a_scenario_without_it(casa):
    params = model_params(casa)
    boxes = {k: p["label"] for k, p in params.items() if k.startswith("event_")}
    assert list(boxes) == [f"event_{e.id}" for e in casa.events]
    assert boxes["event_ukraine_sanctions_2014"] == "2014-03: US sanctions on Russia over Ukraine"
    start = {k: p["value"] if isinstance(p, dict) else p for k, p in params.items()}
    off = InteractiveModel(**{**start, "run_seed": 5, "event_us_india_defence_partnership": False})
    kept = [e for e in casa.events if e.id != "us_india_defence_partnership"]
    expected = simulate(casa.model_copy(update={"events": kept}), seed=5, blocs=False)
    with_it = simulate(casa, seed=5, blocs=False)
    got = off.run().results().alignment["value"]
    np.testing.assert_allclose(got, expected.alignment["value"], atol=0)
    assert not np.allclose(got, with_it.alignment["value"])


def conditional_scenario():
    actor = {"capability": 1.0, "interests": {}}
    return scenario_model().model_validate(
        {
            "name": "jolt",
            "title": "Jolt",
            "time": {"start": "2020-01", "steps": 5},
            "actors": [{"id": "A", "name": "A", **actor}, {"id": "B", "name": "B", **actor}],
            "relations": [{"pair": ["A", "B"], "alignment": 0.1}],
            "events": [
                {
                    "id": "jolt",
                    "label": "Jolt",
                    "when": "step() >= 2",
                    "effects": [{"alignment": ["A", "B"], "shift": 0.5}],
                },
                {
                    "id": "dip",
                    "label": "Dip",
                    "step": 3,
                    "effects": [{"alignment": ["A", "B"], "shift": -0.2}],
                },
            ],
        }
    )


def test_unticked_conditional_and_stepped_events_are_left_out():
    scenario = conditional_scenario()
    labels = [p["label"] for k, p in model_params(scenario).items() if k.startswith("event_")]
    assert labels == ["when step() >= 2: Jolt", "step 3: Dip"]
    compiled = compile_scenario(scenario)
    assert [e.id for e in without_events(compiled, {"jolt"}).conditional] == []
    assert without_events(compiled, {"dip"}).schedule == {}
    with pytest.raises(ValueError, match="unknown event"):
        without_events(compiled, {"nope"})
    for left_out in ("jolt", "dip"):
        model = InteractiveModel(source=scenario, **{f"event_{left_out}": False}).run()
        kept = [e for e in scenario.events if e.id != left_out]
        expected = simulate(scenario.model_copy(update={"events": kept}), blocs=False)
        np.testing.assert_allclose(
            model.results().alignment["value"], expected.alignment["value"], atol=0
        )
    full = InteractiveModel(source=scenario).run().results().alignment["value"]
    assert not np.allclose(full, expected.alignment["value"])


def test_bloc_text_names_the_sides_and_whether_the_split_is_unique():
    assert bloc_text({"sides": "A+B | C", "unique": True}) == "A+B | C (unique)"
    assert bloc_text({"sides": "A+B+C", "unique": False}) == "A+B+C (tied)"


def test_command_rejects_a_bad_scenario_with_status_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\n")
    result = subprocess.run([*COMMAND, bad], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert all(line.startswith(str(bad)) for line in result.stderr.splitlines())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_command_refuses_a_port_in_use_in_one_line_before_serving(host):
    with socket.socket() as taken:
        taken.bind((host, 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert not port_is_free(port)
        result = subprocess.run(
            [*COMMAND, "casa_2019", "--port", str(port)], capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 2
    assert result.stderr == f"port {port} on 127.0.0.1 is in use\n"
    assert port_is_free(port)  # free again once closed


def test_command_serves_the_page_on_localhost():
    port = free_port()
    server = subprocess.Popen(
        [*COMMAND, "casa_2019", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ},
    )
    try:
        deadline, page = time.monotonic() + 60, None
        while time.monotonic() < deadline and page is None:
            time.sleep(0.5)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as reply:
                    page = (reply.status, reply.read().decode("utf-8", "replace"))
            except OSError:
                assert server.poll() is None, "the server stopped"
        assert page is not None and page[0] == 200
        assert "solara" in page[1].lower()
    finally:
        server.terminate()
        server.wait(timeout=20)
