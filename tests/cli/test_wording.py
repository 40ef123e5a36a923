"""Wording a new user reads: counts agree with their nouns, long titles are wrapped, and the
HTML report highlights only what needs attention."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest
from matplotlib.text import Text
from test_cli_core import alignsim

matplotlib.use("Agg")

from alignsim.plot import trajectories_figure
from alignsim.report.words import counted
from alignsim.results import Results


@pytest.mark.parametrize(
    ("count", "noun", "text"),
    [
        (1, "run", "1 run"),
        (2, "run", "2 runs"),
        (0, "step", "0 steps"),
        (1.0, "cell", "1.0 cell"),
        ("?", "run", "? runs"),
        (3, "entry", "3 entries"),
        (1, "quarter", "1 quarter"),
    ],
)
def test_counted(count: object, noun: str, text: str) -> None:
    assert counted(count, noun) == text


def test_one_run_of_one_step_is_said_in_the_singular(tmp_path: Path) -> None:
    result = alignsim("run", "casa_2019", "--runs", "1", "--steps", "1", "--out", tmp_path / "e")
    assert result.returncode == 0, result.stderr
    assert "(casa_2019, 1 run, seed 0, 1 step to 2014-04-01)" in " ".join(result.stdout.split())
    alignsim("report", tmp_path / "e")
    text = (tmp_path / "e" / "report.html").read_text()
    assert "Quantiles over 1 run at the last step" in text
    assert "1 runs" not in text and "1 steps" not in text


def test_a_long_scenario_title_is_wrapped_inside_the_figure(tmp_path: Path) -> None:
    results = Results.from_dir(_run(tmp_path))
    results.meta["title"] = "Draft extracted from " + "a-very-long-article-file-name-" * 4 + ".txt"
    figure = trajectories_figure(results)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    width = figure.bbox.width
    titles = [t for t in figure.findobj(Text) if "a-very-long-article" in t.get_text()]
    assert titles
    for title in titles:
        box = title.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= width, (box, width)


def test_the_report_highlights_no_note_when_the_scenario_is_in_the_folder(tmp_path: Path) -> None:
    folder = _run(tmp_path)
    result = alignsim("report", folder)
    assert result.returncode == 0, result.stderr
    text = (folder / "report.html").read_text()
    assert 'class="note"' not in text
    assert f"Sources and citations below: scenario from {folder / 'scenario.json'}." in text


def _run(tmp_path: Path) -> Path:
    out = tmp_path / "run"
    result = alignsim("run", "casa_2019", "--steps", "4", "--no-plot", "--out", out)
    assert result.returncode == 0, result.stderr
    return out
