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
from alignsim.scenario.schema import scenario_model
from alignsim.viz.app import page_for
from alignsim.viz.model import InteractiveModel, model_params, term_names, tuned_rules

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
                {"id": "A", "name": "A", **actor, "doctrine": {"structural_balance": 0.9}},
                {"id": "B", "name": "B", **actor},
            ],
            "relations": [{"pair": ["A", "B"], "alignment": 0.5}],
        }
    )


def test_sliders_set_weights_except_where_a_doctrine_sets_its_own():
    from alignsim.compiled import compile_scenario

    scenario = doctrine_scenario()
    tuned = tuned_rules(
        compile_scenario(scenario), scenario, {"structural_balance": 0.1}, rate=0.5, noise=0.0
    )
    column = term_names().index("structural_balance")
    np.testing.assert_allclose(tuned.rules.weights[:, column], [0.9, 0.1])
    assert tuned.rules.rate == 0.5 and tuned.rules.noise == 0.0
    with pytest.raises(ValueError, match="unknown term"):
        tuned_rules(tuned, scenario, {"gravity": 1.0})
    with pytest.raises(ValueError, match=">= 0"):
        tuned_rules(tuned, scenario, {}, rate=-0.1)


def test_sliders_start_at_the_scenario_values_and_reproduce_simulate(casa):
    params = model_params(casa)
    assert [k for k in params if k.startswith("w_")] == [f"w_{n}" for n in term_names()]
    assert params["noise"]["value"] == pytest.approx(0.02)
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
            page_for(casa, extra=(spy,))

    _, rc = solara.render(Wrapped(), handle_error=False)
    labels = {w.label for w in rc.find(v.Slider).widgets}
    assert {"seed", "adjustment rate", "adjustment noise"} <= labels
    assert {f"weight: {n.replace('_', ' ')}" for n in term_names()} <= labels
    images = rc.find(ipywidgets.Image).widgets
    assert len(images) == 2 and all(w.value[:8] == b"\x89PNG\r\n\x1a\n" for w in images)
    assert len(seen[-1].history) == 1
    rc.find(v.Btn, children=["Step"]).widget.click()
    assert len(seen[-1].history) == 2
    rc.find(v.Slider, label="adjustment noise").widget.v_model = 0.0
    rc.find(v.Slider, label="weight: structural balance").widget.v_model = 0.6
    rc.find(v.Btn, children=["Reset"]).widget.click()
    model = seen[-1]
    assert len(model.history) == 1 and model.compiled.rules.noise == 0.0
    column = term_names().index("structural_balance")
    np.testing.assert_allclose(model.compiled.rules.weights[:, column], 0.6)


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
