"""Observed alignment over simulated trajectories: matching, the figure, plot and report CLIs.

Matching and the CLI use the real shipped index; the CLI runs as a user runs it (subprocess).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import alignsim.plot as figures
from alignsim.observed.index import alignment
from alignsim.observed.overlay import observed_points, panel_ids, split_pair

ALIGNSIM = str(Path(sys.executable).parent / "alignsim")


def run(*args) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ALIGNSIM, *map(str, args)], capture_output=True, text=True, timeout=300)


def test_points_match_the_index_whatever_the_pair_order_and_id_kind():
    pairs = [("RUS", "PAK"), ("pk", "CHN"), ("PAK", "ATLANTIS")]
    points = observed_points(pairs, "2014-03-01", "2016-12-31", names={"pk": "Pakistan"})
    index = alignment(["PAK", "RUS", "CHN"], (2014, 2016))
    rus_pak = points[(points["actor_a"] == "RUS") & (points["actor_b"] == "PAK")]
    expected = index[(index["a"] == "PAK") & (index["b"] == "RUS")]
    assert list(rus_pak["year"]) == [2014, 2015, 2016]
    np.testing.assert_array_equal(rus_pak["alignment"], expected["alignment"])
    assert list(rus_pak["date"]) == list(pd.to_datetime(["2014-07-01", "2015-07-01", "2016-07-01"]))
    assert len(points[points["actor_a"] == "pk"]) == 3  # matched by name
    assert "ATLANTIS" not in set(points["actor_b"])
    assert panel_ids(["USA", "Atlantis"]) == {"USA": "USA"}


def test_run_outside_the_index_years_has_no_points():
    assert observed_points([("USA", "RUS")], "1950-01-01", "1960-01-01").empty


def test_trajectories_figure_draws_each_observed_point_with_its_interval(tiny):
    results = tiny
    points = pd.DataFrame(
        {
            "actor_a": ["A", "A", "B"],
            "actor_b": ["B", "B", "C"],
            "date": pd.to_datetime(["2020-02-01", "2020-05-01", "2020-03-01"]),
            "alignment": [0.55, 0.62, -0.2],
            "low": [0.4, 0.5, -0.5],
            "high": [0.7, 0.7, 0.1],
        }
    )
    figure = figures.trajectories_figure(results, observed=points)
    top = figure.axes[0]
    drawn = [c for c in top.containers if c.__class__.__name__ == "ErrorbarContainer"]
    values = sorted(v for c in drawn for v in c.lines[0].get_ydata())
    assert values == [-0.2, 0.55, 0.62]
    assert "observed index, 90 % interval" in [t.get_text() for t in top.get_legend().texts]
    assert "observed alignment" in top.get_title(loc="left")
    plain = figures.trajectories_figure(results)
    assert not [c for c in plain.axes[0].containers if "Errorbar" in c.__class__.__name__]


@pytest.fixture(scope="module")
def casa_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("observed") / "casa"
    result = run("run", "casa_2019", "--seed", "1", "--out", folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_plot_observed_as_a_user_runs_it(casa_run, tmp_path):
    out = tmp_path / "t.png"
    result = run("plot", casa_run, "--observed", "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "100 yearly points for 10 of 10 pairs, 2014-2023" in result.stderr
    assert "DATA-LICENSES.md" in result.stderr


def test_plot_observed_refuses_other_kinds(casa_run):
    result = run("plot", casa_run, "--observed", "--kind", "heatmap")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "--observed: only with --kind trajectories of a run or ensemble folder"
    ]


def test_pair_names_split_back_into_ids_even_with_hyphens():
    assert split_pair("PAK-RUS", ["PAK", "RUS"]) == ("PAK", "RUS")
    assert split_pair("US-EU-CN", ["US-EU", "CN", "US", "EU-CN"]) == ("US", "EU-CN")
    assert split_pair("X-Y", []) == ("X", "Y")


def test_bands_figure_draws_observed_points_of_each_banded_pair():
    dates = pd.to_datetime(["2020-01-01", "2020-12-01"])
    bands = pd.DataFrame(
        [
            (step, dates[step], "pair", name, -0.1, 0.0, 0.1, 0.2, 0.3)
            for name in ("A-B", "B-C")
            for step in range(2)
        ],
        columns=["step", "date", "kind", "name", "q05", "q25", "q50", "q75", "q95"],
    )
    points = pd.DataFrame(
        {
            "actor_a": ["B", "A"],
            "actor_b": ["C", "B"],
            "date": pd.to_datetime(["2020-07-01", "2020-07-01"]),
            "alignment": [-0.7, 0.4],
            "low": [-0.8, 0.3],
            "high": [-0.6, 0.5],
        }
    )
    events = pd.DataFrame(columns=["id", "label", "step", "date"])
    figure = figures.bands_figure(bands, events, "t", observed=points)
    drawn = [c for c in figure.axes[0].containers if "Errorbar" in c.__class__.__name__]
    assert sorted(v for c in drawn for v in c.lines[0].get_ydata()) == [-0.7, 0.4]
    labels = [t.get_text() for t in figure.axes[0].get_legend().texts]
    assert labels == ["A-B", "B-C", "observed index, 90 % interval"]


def test_ensemble_plot_and_report_observed(tmp_path):
    folder = tmp_path / "ensemble"
    result = run("run", "casa_2019", "--runs", "8", "--seed", "0", "--out", folder)
    assert result.returncode == 0, result.stderr
    plotted = run("plot", folder, "--observed", "-o", tmp_path / "bands.png")
    assert plotted.returncode == 0, plotted.stderr
    assert "100 yearly points for 10 of 10 pairs" in plotted.stderr
    reported = run("report", folder, "--observed", "-o", tmp_path / "r.html")
    assert reported.returncode == 0, reported.stderr
    html = (tmp_path / "r.html").read_text()
    assert "<h2>Observed data</h2>" in html and "DATA-LICENSES.md" in html
    assert "Dots with bars: the observed alignment index" in html


def test_report_observed_draws_points_and_cites_the_sources(casa_run, tmp_path):
    out = tmp_path / "report.html"
    result = run("report", casa_run, "--observed", "-o", out)
    assert result.returncode == 0, result.stderr
    html = out.read_text()
    assert "<h2>Observed data</h2>" in html
    assert "Dots with bars: the observed alignment index" in html
    assert "Bailey, Strezhnev &amp; Voeten 2017" in html and "DATA-LICENSES.md" in html
    assert "<td>PAK–IND</td>" in html
    plain = run("report", casa_run, "-o", tmp_path / "plain.html")
    assert plain.returncode == 0, plain.stderr
    assert "Observed data" not in (tmp_path / "plain.html").read_text()
