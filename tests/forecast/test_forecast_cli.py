"""``alignsim calibrate`` and ``alignsim hindcast`` as a user runs them (subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from alignsim.forecast.synthetic import simulate_frame

ALIGNSIM = Path(sys.executable).parent / "alignsim"
ACTORS = ["PAK", "CHN", "RUS", "IND", "USA"]  # casa_2019's actors


def alignsim(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ALIGNSIM), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "120"},
    )


def clean_failure(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    return result.stderr


@pytest.fixture
def observed(tmp_path: Path) -> Path:
    path = tmp_path / "observed.csv"
    simulate_frame(ACTORS, range(1991, 2020), 0.3, 0.03, 0.08, 0.04, seed=1).to_csv(
        path, index=False
    )
    return path


def test_calibrate_writes_an_overlay_that_extends_the_scenario(tmp_path, observed):
    out = tmp_path / "cal"
    done = alignsim("calibrate", "casa_2019", "--observed", observed, "--fit", "1991:2010",
                    "--out", out)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        ".alignsim.json", "calibration.json", "fit.png", "overlay.yaml", "residuals.csv",
    ]  # fmt: skip
    record = json.loads((out / "calibration.json").read_text())
    assert record["fit_years"] == [1991, 2010]
    assert len(record["pairs"]) == 10
    assert 0 < record["estimates"]["mechanisms.adjustment.rate"] < 1
    # the default preset (v2) has a drifting baseline: drift is fitted, nothing is held
    assert record["held_fixed"] == {}
    assert 0 < record["estimates"]["mechanisms.error_correction.drift"] < 0.2
    assert len(record["draws"]) == 200
    residuals = pd.read_csv(out / "residuals.csv")
    assert residuals["year"].between(1991, 2010).all() and len(residuals) == 200
    checked = alignsim("validate", out / "overlay.yaml")
    assert checked.returncode == 0, checked.stderr
    # seeded: a second calibration gives the same overlay
    again = alignsim("calibrate", "casa_2019", "--observed", observed, "--fit", "1991:2010",
                     "--out", tmp_path / "cal2")  # fmt: skip
    assert again.returncode == 0
    overlay = (out / "overlay.yaml").read_text()
    assert overlay == (tmp_path / "cal2" / "overlay.yaml").read_text()
    assert "mechanisms" in overlay and "normal" in overlay


def test_hindcast_forecasts_ignore_changes_after_the_origin(tmp_path, observed):
    args = ["hindcast", "casa_2019", "--origins", "2010", "--horizons", "1:3", "--runs", "20",
            "--seed", "5"]  # fmt: skip
    first = alignsim(*args, "--observed", observed, "--out", tmp_path / "one")
    assert first.returncode == 0, first.stderr
    frame = pd.read_csv(observed)
    later = frame["year"] > 2010
    frame.loc[later, "alignment"] = np.clip(0.5 - frame.loc[later, "alignment"], -1, 1)
    frame.loc[later, "low"] = frame.loc[later, "alignment"] - 0.3
    frame.loc[later, "high"] = frame.loc[later, "alignment"] + 0.3
    changed = tmp_path / "changed.csv"
    frame.to_csv(changed, index=False)
    second = alignsim(*args, "--observed", changed, "--out", tmp_path / "two")
    assert second.returncode == 0, second.stderr
    forecasts = (tmp_path / "one" / "forecasts.csv").read_bytes()
    assert forecasts == (tmp_path / "two" / "forecasts.csv").read_bytes()
    table = pd.read_csv(tmp_path / "one" / "forecasts.csv")
    assert set(table["forecaster"]) == {
        "persistence", "persistence_measured", "ar1", "trend", "core", "alignsim",
        "alignsim_calibrated", "persistence_direct",
    }  # fmt: skip
    one = pd.read_csv(tmp_path / "one" / "scores.csv")
    two = pd.read_csv(tmp_path / "two" / "scores.csv")
    assert not np.allclose(one["crps"], two["crps"])  # the scores did see the change
    skill = pd.read_csv(tmp_path / "one" / "skill.csv")
    assert set(skill["horizon"]) == {1, 2, 3}
    assert set(skill["reference"]) == {"persistence", "persistence_measured", "persistence_direct"}
    record = json.loads((tmp_path / "one" / "hindcast.json").read_text())
    assert record["calibrations"]["2010"]["fit_years"] == [1991, 2010]
    assert set(record["calibrations"]["2010"]["values"]) == {
        "mechanisms.adjustment.rate", "mechanisms.adjustment.noise",
        "mechanisms.error_correction.drift",
    }  # fmt: skip
    assert (tmp_path / "one" / "skill.png").stat().st_size > 10_000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fit", "2010:1991"], "--fit: '2010:1991' is not FIRST:LAST"),
        (["--fit", "2030:2040"], "--fit: fewer than two observed years in 2030:2040"),
        (["--fit", "1995:1995"], "--fit: '1995:1995' needs at least two years"),
        (["--fit", "1991:2010", "--actors", "USA,XXX"], "--actors: no observations of XXX"),
    ],
)
def test_calibrate_bad_input_is_one_line_and_exit_2(tmp_path, observed, args, message):
    err = clean_failure(alignsim("calibrate", "casa_2019", "--observed", observed, *args,
                                 "--out", tmp_path / "x"))  # fmt: skip
    assert err.strip().startswith(message), err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists()


def test_a_malformed_observed_file_is_reported_by_line_and_field(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "year,a,b,alignment,low,high\n"
        "2001,USA,CHN,0.2,0.1,0.3\n"
        "20x1,USA,CHN,0.2,0.1,0.3\n"
        "2002,USA,USA,0.2,0.1,0.3\n"
        "2003,USA,CHN,1.5,0.1,2\n"
        "2004,USA,CHN,abc,0.1,0.3\n"
        "2001,CHN,USA,0.2,0.1,0.3\n"
    )
    err = clean_failure(alignsim("hindcast", "--actors", "USA,CHN", "--origins", "2003",
                                 "--observed", bad, "--out", tmp_path / "x"))  # fmt: skip
    assert err.splitlines() == [
        f"{bad}:3 year: needs a whole year, e.g. 2011",
        f"{bad}:4 b: a pair needs two different states",
        f"{bad}:5 alignment: outside [-1, 1]",
        f"{bad}:6 alignment: not a number: alignment is read as a number or left empty",
        f"{bad}:7 year: the same pair and year appears twice",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--origins", "2011"], "hindcast needs SCENARIO or --actors"),
        (["--actors", "USA,CHN", "--origins", "20x1"], "--origins: '20x1' is not a list"),
        (["--actors", "USA,CHN", "--origins", "2011", "--horizons", "0:3"], "--horizons"),
        (["--actors", "USA", "--origins", "2011"], "--actors: 'USA' names fewer than two"),
        (["--actors", "USA,CHN", "--origins", "1992"], "--origins: 1992 leaves fewer than"),
        (["--actors", "USA,CHN", "--origins", "2030"], "--origins: no pair is observed in 2030"),
    ],
)
def test_hindcast_bad_input_is_one_line_and_exit_2(tmp_path, observed, args, message):
    err = clean_failure(alignsim("hindcast", *args, "--observed", observed,
                                 "--out", tmp_path / "x"))  # fmt: skip
    assert err.strip().startswith(message), err
    assert not (tmp_path / "x").exists()


def test_a_missing_observed_file_is_one_line(tmp_path):
    missing = tmp_path / "none.csv"
    err = clean_failure(alignsim("hindcast", "--actors", "USA,CHN", "--origins", "2011",
                                 "--observed", missing, "--out", tmp_path / "x"))  # fmt: skip
    assert err.strip() == f"{tmp_path / 'none.csv'}: no such file"


def test_calibrate_outside_the_packaged_index_is_one_line(tmp_path):
    err = clean_failure(alignsim("calibrate", "casa_2019", "--fit", "2030:2040",
                                 "--out", tmp_path / "x"))  # fmt: skip
    assert err.strip() == "--fit: 2030-2040 is outside the packaged index (1991-2023)"


def test_calibrate_on_the_packaged_index_refits_it_up_to_the_fit_period(tmp_path):
    out = tmp_path / "cal"
    done = alignsim("calibrate", "casa_2019", "--fit", "1995:2010", "--out", out)
    assert done.returncode == 0, done.stderr
    record = json.loads((out / "calibration.json").read_text())
    assert record["fit_years"] == [1995, 2010]
    assert "refitted on the indicators of the years up to 2010" in record["data"]
    assert len(record["pairs"]) == 10
    residuals = pd.read_csv(out / "residuals.csv")
    assert residuals["year"].max() == 2010
