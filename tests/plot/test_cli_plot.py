"""``alignsim plot`` as a user runs it: one figure per kind, bad input as one line per problem.

Commands run in a subprocess through the installed console script.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

COMMAND = [str(Path(sys.executable).parent / "alignsim"), "plot"]
PNG = b"\x89PNG\r\n\x1a\n"


def plot(*args) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, *map(str, args)], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    from alignsim import simulate

    folder = tmp_path_factory.mktemp("plot") / "casa"
    simulate("casa_2019", steps=12, seed=0).to_dir(folder, plot=False)
    return folder


@pytest.mark.parametrize("kind", ["heatmap", "network", "profiles", "positions", "blocs"])
def test_each_kind_writes_a_png_beside_the_results(run_dir, kind):
    result = plot(run_dir, "--kind", kind)
    assert result.returncode == 0, result.stderr
    written = run_dir / f"{kind}.png"
    assert written.read_bytes()[:8] == PNG
    assert result.stdout.strip() == f"wrote {written}"


def test_at_and_output_file_and_format(run_dir, tmp_path):
    out = tmp_path / "map.svg"
    result = plot(run_dir, "--kind", "landscape", "--at", "2015-02", "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert text.lstrip().startswith("<?xml") and "2015-01-01" in text


def test_trajectories_by_default(run_dir, tmp_path):
    out = tmp_path / "t.png"
    assert plot(run_dir, "-o", out).returncode == 0
    assert out.read_bytes()[:8] == PNG


def test_bad_input_is_one_line_per_problem_and_status_2(run_dir, tmp_path):
    result = plot(run_dir, "--kind", "trajectories", "--at", "2019", "-o", tmp_path / "x.gif")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"-o: {tmp_path / 'x.gif'}: unknown format '.gif'; use .png, .svg, .pdf",
        "--at: not used by --kind trajectories (it draws the whole run)",
    ]
    assert not (tmp_path / "x.gif").exists()


def test_dates_outside_the_run_and_bad_dates(run_dir):
    result = plot(run_dir, "--kind", "heatmap", "--at", "2030-01")
    assert result.returncode == 2
    assert result.stderr.strip() == "--at: 2030-01-01 is outside the run (2014-01-01 to 2017-01-01)"
    result = plot(run_dir, "--kind", "heatmap", "--at", "2016-13")
    assert result.returncode == 2
    assert result.stderr.strip() == "--at: '2016-13' is not a valid date"


def test_a_folder_that_is_not_a_results_folder(tmp_path):
    (tmp_path / "alignment.csv").write_text("step,date\n0,2014-01-01\n")
    result = plot(tmp_path, "--kind", "heatmap")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert f"{tmp_path / 'alignment.csv'}: missing column(s) actor_a, actor_b, value" in lines
    assert f"{tmp_path / 'summary.json'}: file not found" in lines[0]
    assert not list(tmp_path.glob("*.png"))


def test_a_bad_scenario_file_is_reported_with_its_line(run_dir, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ntitle: y\ntime: {start: 2014-01, steps: 0}\nactors: []\n")
    result = plot(run_dir, "--kind", "network", "--scenario", bad)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert all(line.startswith(str(bad)) for line in result.stderr.splitlines())
    assert any("time.steps" in line for line in result.stderr.splitlines())


@pytest.fixture(scope="module")
def ensemble_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plot_ensemble") / "casa"
    command = [str(Path(sys.executable).parent / "alignsim"), "run", "casa_2019"]
    options = ["--runs", "20", "--steps", "6", "--seed", "1", "--no-plot", "--out", str(folder)]
    finished = subprocess.run([*command, *options], capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    return folder


def test_an_ensemble_folder_draws_its_bloc_probabilities_beside_it(ensemble_dir):
    result = plot(ensemble_dir, "--kind", "blocs")
    assert result.returncode == 0, result.stderr
    written = ensemble_dir / "blocs.png"
    assert written.read_bytes()[:8] == PNG
    assert result.stdout.strip() == f"wrote {written}" and result.stderr == ""


def test_an_ensemble_folder_draws_bands_with_its_events_and_provenance(ensemble_dir, tmp_path):
    out = tmp_path / "bands.svg"
    result = plot(ensemble_dir, "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    with (ensemble_dir / "events.csv").open(newline="") as handle:
        labels = [row["label"] for row in csv.DictReader(handle)]
    assert labels and all(label in text for label in labels)
    assert "20 runs, seed 1" in text


def test_other_kinds_of_an_ensemble_folder_are_one_line_each(ensemble_dir):
    result = plot(ensemble_dir, "--kind", "heatmap", "--at", "2014")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "--kind heatmap: not available for an ensemble folder (kinds: trajectories, blocs)",
        "--at: not used for an ensemble folder (figures span the runs)",
    ]
    assert not (ensemble_dir / "heatmap.png").exists()


def test_a_comparison_folder_points_to_the_report(tmp_path):
    (tmp_path / "compare.csv").write_text("outcome,name,a,b,difference,low,high\n")
    result = plot(tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"{tmp_path}: a comparison folder (compare.csv) has no figure kinds; "
        f"'alignsim report {tmp_path}' shows its differences"
    )
