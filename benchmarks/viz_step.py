"""Benchmark: the interactive page's redraw per step, before and after live figures.

Run with ``.venv/bin/python benchmarks/viz_step.py``. For casa_2019 it steps one
:class:`~alignsim.viz.model.InteractiveModel` and, at every step, renders the page's three
figures both ways, in alternation: as before (the report figures built afresh from
``model.results()`` and saved as PNG at 80 dpi) and as now
(:class:`alignsim.viz.frames.LiveFigures`: built once, then only the moving artists are
redrawn over a saved background and encoded with light compression). It prints the median
seconds per step of each and their ratio. Goal: under 0.3 s per step for the page's
figures. With ``--browser`` it also serves the page, drives Debian's headless Chromium
(Playwright, no download) and times ten clicks on *Step* until the trajectories image has
changed (server, websocket and browser together).
"""

from __future__ import annotations

import io
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from alignsim.plot import heatmap_figure, network_figure, trajectories_figure
from alignsim.plot.network import sides_to_blocs
from alignsim.scenario import load_scenario
from alignsim.viz.app import initial_values
from alignsim.viz.frames import LiveFigures
from alignsim.viz.model import InteractiveModel, model_params

GOAL = 0.3
STEPS = 20


def before(model: InteractiveModel) -> None:
    """The three figures as the page drew them before live figures."""
    results = model.results()
    state = model.history[-1]
    figures = [
        trajectories_figure(results),
        heatmap_figure(results),
        network_figure(
            results,
            capability=dict(zip(model.compiled.actors, state.capability.tolist(), strict=True)),
            blocs=sides_to_blocs(model.current_blocs()["sides"]),
        ),
    ]
    for figure in figures:
        figure.savefig(io.BytesIO(), format="png", dpi=80)
        plt.close(figure)


def server_side() -> None:
    scenario = load_scenario("casa_2019")
    model = InteractiveModel(**initial_values(model_params(scenario)))
    live = LiveFigures(model)
    old, new = [], []
    for _ in range(STEPS):
        model.step()
        start = time.perf_counter()
        before(model)
        old.append(time.perf_counter() - start)
        start = time.perf_counter()
        live.images_of(model)
        new.append(time.perf_counter() - start)
    a, b = statistics.median(old), statistics.median(new)
    print(f"casa_2019, {STEPS} steps, median seconds per step for the three figures:")
    print(f"  before (figures afresh): {a:.3f}   now (live figures): {b:.3f}   ratio {a / b:.1f}x")
    print(f"  goal under {GOAL} s per step: {'met' if b < GOAL else 'NOT met'}")


def in_browser() -> None:
    sys.path.insert(0, "tests/viz")
    from playwright.sync_api import sync_playwright
    from test_viz_browser import CHROMIUM, FLAGS, figures, serve

    with serve() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        page.wait_for_selector("text=Blocs on 2014-01", timeout=60_000)
        while len(figures(page)) < 3:
            time.sleep(0.1)
        times = []
        for _ in range(10):
            shown = figures(page)[0]
            start = time.perf_counter()
            page.get_by_role("button", name="Step").click()
            while figures(page)[0] == shown:
                time.sleep(0.01)
            times.append(time.perf_counter() - start)
        browser.close()
    print(
        f"  in Chromium: click on Step to new figures, median {statistics.median(times):.3f} s "
        f"(max {max(times):.3f} s) over 10 steps"
    )


if __name__ == "__main__":
    server_side()
    if "--browser" in sys.argv:
        in_browser()
