"""The served page in a real browser: Debian's headless Chromium, driven by Playwright.

`.ci/run` (through scripts/test.sh) installs the `chromium` package; Playwright only drives
it (no browser download). The page must load offline: solara's front-end comes from the
solara-assets package.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from alignsim.scenario import load_scenario
from alignsim.viz.model import model_params, term_names

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(scenario: str = "casa_2019") -> Iterator[str]:
    """Serve ``alignsim viz SCENARIO`` on a free port; yields its URL once it answers."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "alignsim"), "viz", scenario, "--port", str(port)]
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ}
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5):
                    break
            except OSError:
                assert server.poll() is None, "the server stopped"
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture
def served_page():
    with serve() as url:
        yield url


def figures(page) -> list[str]:
    """Sources of the figure images shown in the page's main area."""
    return [img.get_attribute("src") or "" for img in page.query_selector_all("main img")]


def test_chromium_shows_the_plots_blocs_and_event_boxes_and_steps_the_model(served_page):
    assert Path(CHROMIUM).exists(), "install Debian's chromium (scripts/test.sh does)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(served_page)
            page.wait_for_selector("text=weight: bounded balance", timeout=60_000)
            page.wait_for_selector("text=Blocs on 2014-01", timeout=30_000)
            assert (
                page.title()
                == "alignsim — Central and South Asia, 2014-2025 (Pakistan-Russia rapprochement)"
            )
            assert page.get_by_text("Page 0").count() == 0  # no tab bar of Mesa's pages
            for button in ("Reset", "Step"):  # the controls are rendered
                assert page.get_by_role("button", name=button).count() == 1, button
            casa = load_scenario("casa_2019")
            controls = [v for v in model_params(casa).values() if isinstance(v, dict)]
            for control in controls:  # one slider per setting, one box per event
                assert page.get_by_text(control["label"], exact=True).count() == 1, control
            assert page.get_by_role("slider").count() >= len(term_names(casa)) + 3
            assert page.get_by_role("checkbox").count() >= len(casa.events)
            label = "2014-03: US sanctions on Russia over Ukraine"
            box = page.get_by_label(label)
            assert box.is_checked()
            deadline = time.monotonic() + 30
            while len(figures(page)) < 3 and time.monotonic() < deadline:
                time.sleep(0.5)
            first = figures(page)
            assert len(first) == 3 and all(src.startswith("blob:") for src in first)
            page.get_by_role("button", name="Step").click()
            page.wait_for_selector("text=Time: 1.0", timeout=30_000)
            page.wait_for_selector("text=Blocs on 2014-04", timeout=30_000)
            deadline = time.monotonic() + 30
            while figures(page) == first and time.monotonic() < deadline:
                time.sleep(0.5)
            assert figures(page) != first  # the plots were redrawn after the step
            page.get_by_text(label).click()  # as a user does: the input is drawn over
            assert not box.is_checked()
            page.get_by_role("button", name="Reset").click()
            page.wait_for_selector("text=events left out: ukraine_sanctions_2014", timeout=30_000)
            assert errors == []
        finally:
            browser.close()


def test_without_a_browser_the_page_is_only_the_loading_shell(served_page):
    """What the README says: fetched without JavaScript, the page is solara's loading
    spinner; the controls and figures are drawn by the browser over a websocket."""
    with urllib.request.urlopen(served_page, timeout=30) as response:
        text = response.read().decode("utf-8")
    assert '<div id="app"' in text and '"loader": "solara"' in text
    first_slider = f"weight: {term_names(load_scenario('casa_2019'))[0].replace('_', ' ')}"
    assert first_slider not in text and "Blocs on" not in text
