"""The HTML reports of runs, ensembles and comparisons: self-contained, escaped, complete."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from alignsim import load_scenario, simulate
from alignsim.report import (
    build_compare_report,
    build_ensemble_report,
    build_report,
    citations,
)
from alignsim.results.comparison import SavedComparison
from alignsim.results.saved import find_scenario, load_ensemble_dir
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
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == [".alignsim.json"]
    assert "report.html" in json.loads((folder / ".alignsim.json").read_text())["files"]


def test_command_reports_bad_input_one_line_each(tmp_path):
    result = run(tmp_path / "absent", "-o", tmp_path / "r.pdf")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'absent'}: not a folder",
        f"-o: {tmp_path / 'r.pdf'}: the report is HTML; use a .html file name",
    ]
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def ensemble_dir(tmp_path_factory):
    from alignsim.ensemble.montecarlo import run_ensemble
    from alignsim.ensemble.store import write_ensemble

    folder = tmp_path_factory.mktemp("report_ensemble") / "casa"
    write_ensemble(run_ensemble("casa_2019", 20, seed=5, steps=6), folder, plot=False)
    return folder


@pytest.fixture(scope="module")
def ensemble_report(ensemble_dir):
    saved = load_ensemble_dir(ensemble_dir)
    scenario, note = find_scenario(ensemble_dir, saved.meta)
    return saved, scenario, build_ensemble_report(saved, scenario, note)


def test_provenance_quantiles_and_bloc_shares_are_in_the_tables(ensemble_report):
    saved, _, text = ensemble_report
    cells = parse(text).cells
    for key, value in [("runs", "20"), ("ensemble seed", "5"), ("steps", "6")]:
        assert cells[cells.index(key) + 1] == value
    hash_cell = cells[cells.index("scenario hash (SHA-256)") + 1]
    assert hash_cell == saved.meta["scenario_hash"] and len(hash_cell) == 64
    assert cells[cells.index("alignsim version") + 1] == saved.meta["alignsim_version"]
    for row in saved.at_horizon("group").itertuples():
        at = cells.index(row.name)
        assert cells[at + 1 : at + 6] == [
            f"{getattr(row, q):+.3f}" for q in ("q05", "q25", "q50", "q75", "q95")
        ]
    first = saved.blocs.iloc[0]
    at = cells.index(first["configuration"])
    assert cells[at + 1 : at + 3] == [str(first["runs"]), f"{first['probability']:.1%}"]
    assert "--runs 20 --seed 5 --steps 6" in text


def test_figures_are_embedded_and_sources_are_listed(ensemble_report):
    _, scenario, text = ensemble_report
    document = parse(text)
    images = [attrs for tag, attrs in document.tags if tag == "img"]
    assert len(images) == 2
    for attrs in images:
        prefix, data = attrs["src"].split(",", 1)
        assert prefix == "data:image/png;base64"
        assert base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Sources and citations" in text
    assert scenario.sources[0].title in document.cells
    assert "scenario.json" in text  # the folder carries its own scenario


def test_ensemble_text_cannot_inject_markup(ensemble_report):
    from dataclasses import replace

    saved, _, _ = ensemble_report
    saved = replace(
        saved,
        meta={**saved.meta, "title": HOSTILE, "scenario": HOSTILE},
        blocs=saved.blocs.assign(configuration=HOSTILE),
    )
    text = build_ensemble_report(saved, None, HOSTILE)
    document = parse(text)
    assert not [tag for tag, _ in document.tags if tag in ("script", "b")]
    assert HOSTILE in document.cells and "<script>" not in text
    assert "Scenario not available" in text


COMPARE = pd.DataFrame(
    [
        ("cohesion", "CRP", 0.48, 0.40, -0.08, -0.12, -0.04),
        ("bloc", HOSTILE, 0.5, 0.6, 0.1, -0.1, 0.3),
    ],
    columns=["outcome", "name", "a", "b", "difference", "low", "high"],
)


def test_compare_report_lists_each_difference_and_whether_zero_is_excluded():
    text = build_compare_report(SavedComparison(Path("out"), COMPARE))
    cells = parse(text).cells
    at = cells.index("CRP")
    assert cells[at + 1 : at + 6] == ["0.480", "0.400", "-0.0800", "-0.1200 to -0.0400", "yes"]
    at = cells.index(HOSTILE)
    assert cells[at + 1 : at + 6] == ["50.0%", "60.0%", "+10.0%", "-10.0% to +30.0%", "no"]
    assert "<script>" not in text and text.count("<img ") == 1
    # a folder without summary.json was written before runs were paired: it says so
    assert "resampling independent: the runs of A and of B were resampled separately" in text
    paired = {"bootstrap": "paired: run k of A and run k of B share their seed"}
    text = build_compare_report(SavedComparison(Path("out"), COMPARE, meta=paired))
    assert "resampling paired: run k of A and run k of B share their seed." in text


def test_commands_report_ensemble_and_comparison_folders(ensemble_dir, tmp_path):
    result = run(ensemble_dir, "-o", tmp_path / "ensemble.html")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {tmp_path / 'ensemble.html'}"
    assert "alignsim ensemble report" in (tmp_path / "ensemble.html").read_text()
    compared = tmp_path / "compared"
    compared.mkdir()
    COMPARE.to_csv(compared / "compare.csv", index=False)
    result = run(compared)
    assert result.returncode == 0, result.stderr
    assert "-0.1200 to -0.0400" in (compared / "report.html").read_text()
    result = run(compared, "--scenario", "casa_2019")
    assert result.returncode == 2
    assert result.stderr.strip() == "--scenario: not used for a comparison folder"
