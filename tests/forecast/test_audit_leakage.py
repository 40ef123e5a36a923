"""Audit: a hindcast from the packaged data reads nothing measured after its origin.

Every number after the origin is changed in the RAW panel (dyad-year and state-year, every
numeric column, missing values filled in), and the shipped index is replaced in EVERY year
(it is smoothed over all years, so even its early values carry later information and a
forecaster may use it only to score). ``alignsim hindcast --actors`` must then write the same
forecasts bit for bit. The control: the same change in the origin's own year does change them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from alignsim.cli import main
from alignsim.forecast import vintage
from alignsim.observed import index, load

ORIGIN = 2013
ACTORS = "USA,RUS,CHN,IND,PAK"
KEEP = {"year", "ccode_a", "ccode_b", "ccode"}


def _changed_rows(frame: pd.DataFrame, rows: np.ndarray, seed: int) -> pd.DataFrame:
    """``frame`` with every numeric value of ``rows`` replaced (NaN filled in too)."""
    out = frame.copy()
    rng = np.random.default_rng(seed)
    for column in out.columns:
        if column in KEEP or out[column].dtype.kind not in "fi":
            continue
        values = out[column].to_numpy(dtype=float, copy=True)
        noise = rng.uniform(0.0, 3.0, rows.sum())
        values[rows] = np.where(np.isnan(values[rows]), noise, 1.5 * np.abs(values[rows]) + noise)
        out[column] = values.astype(out[column].dtype)
    return out


def _changed_index(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    rng = np.random.default_rng(7)
    start = np.arctanh(np.clip(out["alignment"], -0.99, 0.99))
    value = np.tanh(start + rng.normal(0, 0.7, len(out)))
    out["alignment"] = value.astype("float32")
    out["low"] = np.clip(value - 0.3, -1, 1).astype("float32")
    out["high"] = np.clip(value + 0.3, -1, 1).astype("float32")
    return out


def _forecasts(tmp_path, name: str, monkeypatch, change) -> pd.DataFrame:
    """forecasts.csv of a small hindcast, with the panels and index as ``change`` makes them."""
    original_frame, original_index = load._frame, index._shipped
    frames = {level: original_frame(level) for level in load.LEVELS}
    shipped = original_index()
    if change is not None:
        frames, shipped = change(frames, shipped)
    with monkeypatch.context() as patch:
        patch.setattr(load, "_frame", lambda level: frames[level])
        patch.setattr(index, "_shipped", lambda: shipped)
        vintage._vintage_table.cache_clear()
        result = CliRunner().invoke(
            main,
            ["hindcast", "--actors", ACTORS, "--origins", str(ORIGIN), "--horizons", "1:2",
             "--runs", "6", "--out", str(tmp_path / name)],
        )  # fmt: skip
        vintage._vintage_table.cache_clear()
    assert result.exit_code == 0, result.output
    return pd.read_csv(tmp_path / name / "forecasts.csv")


def _after(frames, shipped, year_test):
    changed = {
        level: _changed_rows(frame, year_test(frame["year"].to_numpy()), seed=len(level))
        for level, frame in frames.items()
    }
    return changed, _changed_index(shipped)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> pd.DataFrame:
    with pytest.MonkeyPatch.context() as patch:
        return _forecasts(tmp_path_factory.mktemp("base"), "base", patch, None)


def test_changing_everything_after_the_origin_and_the_shipped_index_changes_no_forecast(
    tmp_path, monkeypatch, baseline
):
    changed = _forecasts(
        tmp_path, "after", monkeypatch, lambda f, s: _after(f, s, lambda y: y > ORIGIN)
    )
    assert set(baseline["forecaster"]) >= {"persistence", "ar1", "core", "alignsim",
                                           "alignsim_calibrated"}  # fmt: skip
    pd.testing.assert_frame_equal(changed, baseline, check_exact=True)


def test_the_same_change_in_the_origin_year_does_change_the_forecasts(
    tmp_path, monkeypatch, baseline
):
    changed = _forecasts(
        tmp_path, "at", monkeypatch, lambda f, s: _after(f, s, lambda y: y == ORIGIN)
    )
    members = [c for c in baseline.columns if c.startswith("m")]
    for name in ("persistence", "alignsim", "alignsim_calibrated"):
        rows = baseline["forecaster"] == name
        assert not np.array_equal(
            changed.loc[rows, members].to_numpy(), baseline.loc[rows, members].to_numpy()
        ), name
