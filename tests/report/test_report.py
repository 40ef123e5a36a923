"""The HTML report: self-contained, escaped, and holding the run's numbers and citations."""

from __future__ import annotations

import base64
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from alignsim import load_scenario, simulate
from alignsim.report import build_report, citations
from alignsim.scenario.schema import scenario_model

COMMAND = [str(Path(sys.executable).parent / "alignsim"), "report"]
HOSTILE = "<script>alert('x')</script> & \"quotes\""


class Collector(HTMLParser):
    """Tags, attributes and table cells of a document."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def parse(text: str) -> Collector:
    collector = Collector()
    collector.feed(text)
    return collector


@pytest.fixture(scope="module")
def casa():
    scenario = load_scenario("casa_2019")
    results = simulate(scenario, steps=8, seed=4)
    return scenario, results, build_report(results, scenario, "bundled scenario")


def test_every_image_is_an_embedded_png_and_nothing_is_fetched(casa):
    _, _, text = casa
    document = parse(text)
    images = [attrs for tag, attrs in document.tags if tag == "img"]
    assert len(images) == 6
    for attrs in images:
        prefix, data = attrs["src"].split(",", 1)
        assert prefix == "data:image/png;base64"
        assert base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"
        assert attrs["alt"]
    assert not [tag for tag, _ in document.tags if tag in ("script", "link", "iframe")]


def test_the_run_numbers_and_every_citation_are_in_the_tables(casa):
    scenario, results, text = casa
    cells = parse(text).cells
    summary = results.summary()
    for pair, value in summary["final_alignment"].items():
        at = cells.index(pair)
        assert cells[at + 1] == f"{value:+.3f}"
    crp = summary["group_cohesion"]["CRP"]
    at = cells.index("CRP")
    assert cells[at + 1 : at + 4] == [
        f"{crp['start']:+.3f}",
        f"{crp['end']:+.3f}",
        f"{crp['end'] - crp['start']:+.3f}",
    ]
    cited = [(where, c) for where, c in citations(scenario) if c is not None]
    assert len(cited) > 90
    for where, citation in cited[:: len(cited) // 7]:
        at = cells.index(where)
        assert cells[at + 1 : at + 4] == [citation.source, str(citation.para), citation.note]
    assert f"{len(cited)} cited values" in text
    assert cells[cells.index("seed") : cells.index("seed") + 2] == ["seed", "4"]


def hostile_scenario():
    return scenario_model().model_validate(
        {
            "name": "hostile",
            "title": HOSTILE,
            "description": HOSTILE,
            "sources": [
                {
                    "id": "s1",
                    "title": HOSTILE,
                    "author": "A <b>B</b>",
                    "date": "2020",
                    "url": "javascript:alert(1)",
                },
                {
                    "id": "s2",
                    "title": "fine",
                    "author": "C",
                    "date": "2020",
                    "url": "https://example.org/?a=1&b=<2>",
                },
            ],
            "time": {"start": "2020-01", "unit": "quarter", "steps": 3},
            "issues": [
                {
                    "id": "x",
                    "label": HOSTILE,
                    "citation": {"source": "s1", "para": 1, "note": HOSTILE},
                }
            ],
            "actors": [
                {
                    "id": "AAA",
                    "name": HOSTILE,
                    "capability": 1.0,
                    "interests": {"x": {"position": 0.5, "salience": 0.5}},
                },
                {
                    "id": "BBB",
                    "name": "B",
                    "capability": 2.0,
                    "interests": {"x": {"position": -0.5, "salience": 1.0}},
                },
            ],
            "relations": [{"pair": ["AAA", "BBB"], "alignment": 0.2}],
            "groups": {"both": ["AAA", "BBB"]},
        }
    )


def test_scenario_text_cannot_inject_markup():
    scenario = hostile_scenario()
    text = build_report(simulate(scenario, seed=0), scenario, HOSTILE)
    document = parse(text)
    assert not [tag for tag, _ in document.tags if tag in ("script", "b")]
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quotes&quot;" in text
    links = [attrs["href"] for tag, attrs in document.tags if tag == "a"]
    assert links == ["https://example.org/?a=1&b=<2>"]  # the javascript: url is not a link
    assert "javascript:alert(1)" in document.cells


def test_without_a_scenario_the_report_says_so():
    scenario = hostile_scenario()
    text = build_report(simulate(scenario, seed=0))
    assert "Scenario not available" in text and "Sources and citations" not in text


def run(*args) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, *map(str, args)], capture_output=True, text=True, timeout=120)


def test_command_writes_the_report_into_the_results_folder(tmp_path):
    folder = simulate("casa_2019", steps=4, seed=2).to_dir(tmp_path / "run", plot=False)
    result = run(folder)
    assert result.returncode == 0, result.stderr
    written = folder / "report.html"
    assert result.stdout.strip() == f"wrote {written}"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Sources and citations" in text
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def test_command_reports_bad_input_one_line_each(tmp_path):
    result = run(tmp_path / "absent", "-o", tmp_path / "r.pdf")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'absent'}: not a folder",
        f"-o: {tmp_path / 'r.pdf'}: the report is HTML; use a .html file name",
    ]
    assert "Traceback" not in result.stderr
