"""``alignsim report`` fits each kind of result folder (sweep, sensitivity) or refuses it in one
line; ``alignsim sweep`` draws a figure per swept setting."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_cli_core import alignsim, assert_clean_failure
from test_progress import SMALL_SENSITIVITY

from alignsim.plot import outcome_by_value

RATE = "mechanisms.adjustment.rate"
THREAT = "mechanisms.common_threat.weight"


def test_outcome_by_value_pools_runs_over_the_other_settings() -> None:
    results = pd.DataFrame(
        {
            "cell": [0, 0, 1, 1, 2, 2, 3, 3],
            RATE: [0.1, 0.1, 0.1, 0.1, 0.3, 0.3, 0.3, 0.3],
            THREAT: [0.0, 0.0, 0.4, 0.4, 0.0, 0.0, 0.4, 0.4],
            "run": [0, 1] * 4,
            "kind": "group",
            "name": "G",
            "value": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
        }
    )
    table = outcome_by_value(results, RATE)
    assert table["setting"].tolist() == [0.1, 0.3]
    assert table["runs"].tolist() == [4, 4]
    assert table["q50"].tolist() == pytest.approx([0.25, 0.65])
    assert table["q05"].tolist() == pytest.approx(
        [np.quantile([0.1, 0.2, 0.3, 0.4], 0.05), np.quantile([0.5, 0.6, 0.7, 0.8], 0.05)]
    )


def test_sweep_draws_a_figure_per_setting_and_its_report_fits_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "sweep"
    grid = ["--grid", f"{RATE}=0.1,0.3", "--grid", f"{THREAT}=0,0.4"]
    result = alignsim("sweep", "casa_2019", *grid, "--runs", "3", "--steps", "4", "--out", out)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.glob("*.png")) == [
        "sweep_adjustment.rate.png",
        "sweep_common_threat.weight.png",
    ]
    result = alignsim("report", out)
    assert result.returncode == 0, result.stderr
    text = (out / "report.html").read_text()
    assert "<h1>Sweep of casa_2019</h1>" in text
    assert text.count('alt="Group cohesion against ') == 2
    assert "4 cells x 3 runs" in text
    assert "summary.json" not in text and "file not found" not in result.stderr


def test_an_unfinished_sweep_is_refused_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "sweep"
    grid = ["--grid", f"{RATE}=0.1,0.3"]
    alignsim(
        "sweep", "casa_2019", *grid, "--runs", "2", "--steps", "2", "--limit", "1", "--out", out
    )
    lines = assert_clean_failure(alignsim("report", out))
    assert lines == [
        f"{out / 'results.parquet'}: not found: the sweep is not finished (1 cell done); run "
        "the same alignsim sweep command again to finish it, then report"
    ]


def test_a_sensitivity_report_shows_its_set_up_and_indices(tmp_path: Path) -> None:
    out = tmp_path / "sens"
    result = alignsim(*SMALL_SENSITIVITY, "--out", out)
    assert result.returncode == 0, result.stderr
    assert alignsim("report", out).returncode == 0
    text = (out / "report.html").read_text()
    assert "<h1>Sensitivity of cohesion:CRP in casa_2019</h1>" in text
    indices = pd.read_csv(out / "indices.csv")
    shown = re.findall(r'<td class="num">([-0-9.]+)</td>', text)
    assert shown[-4:] == [f"{v:.3f}" for v in indices.iloc[0, 1:]]
    assert f"<td>{RATE}</td><td>0.1</td><td>0.3</td><td>uniformly</td>" in text
    assert "an S1 below 0 or above ST is estimation error" in text


def test_a_folder_alignsim_did_not_write_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    lines = assert_clean_failure(alignsim("report", tmp_path))
    assert lines == [
        f"{tmp_path}: not a folder written by alignsim (none of summary.json, bands.csv, "
        "compare.csv, sweep.json, indices.csv)"
    ]


def test_plot_points_sweep_and_sensitivity_folders_to_the_report(tmp_path: Path) -> None:
    (tmp_path / "sweep.json").write_text("{}")
    lines = assert_clean_failure(alignsim("plot", tmp_path))
    assert lines == [
        f"{tmp_path}: a sweep folder (sweep.json) has no figure kinds; "
        f"'alignsim report {tmp_path}' shows its results"
    ]
