"""Audit (second): ``alignsim calibrate`` on the packaged data reads nothing after its fit period.

Both methods are checked as a user runs them: the Kalman fit and the simulated-moments fit with
``--observed-drivers`` (whose yearly driver events read the raw panel). Every numeric value of
both raw panels after the last fit year is changed and the shipped index is replaced in every
year (as in ``test_audit_leakage``): the estimates must be exactly the same. The control: the
same change in the last fit year itself changes them.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from test_audit_leakage import _after

from alignsim.cli import main
from alignsim.forecast import vintage
from alignsim.observed import index, load

LAST = 2000
COMMANDS = {
    "kalman": ["calibrate", "casa_2019_uncalibrated", "--fit", f"1991:{LAST}"],
    "smm": ["calibrate", "casa_2019_uncalibrated", "--fit", f"1991:{LAST}", "--method", "smm",
            "--observed-drivers", "--runs", "6", "--starts", "1"],
}  # fmt: skip


def _estimates(tmp_path, name: str, year_test) -> dict[str, dict[str, float]]:
    """Each command's estimates, with the data after ``year_test`` changed (None: as shipped)."""
    frames = {level: load._frame(level) for level in load.LEVELS}
    shipped = index._shipped()
    if year_test is not None:
        frames, shipped = _after(frames, shipped, year_test)
    out = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(load, "_frame", lambda level: frames[level])
        patch.setattr(index, "_shipped", lambda: shipped)
        vintage._vintage_table.cache_clear()
        try:
            for method, argv in COMMANDS.items():
                folder = tmp_path / f"{name}_{method}"
                result = CliRunner().invoke(main, [*argv, "--out", str(folder)])
                assert result.exit_code == 0, result.output
                record = json.loads((folder / "calibration.json").read_text())
                out[method] = record["estimates"]
        finally:
            vintage._vintage_table.cache_clear()
    return out


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> dict[str, dict[str, float]]:
    return _estimates(tmp_path_factory.mktemp("shipped"), "shipped", None)


def test_changing_everything_after_the_fit_period_changes_no_estimate(tmp_path, shipped):
    assert _estimates(tmp_path, "after", lambda years: years > LAST) == shipped


def test_the_same_change_in_the_last_fit_year_changes_both_fits(tmp_path, shipped):
    changed = _estimates(tmp_path, "at", lambda years: years == LAST)
    for method in COMMANDS:
        assert changed[method] != shipped[method], method
