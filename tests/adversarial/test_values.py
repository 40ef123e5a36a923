"""Values that validate must also run: dates the calendar and the plots can represent, and
magnitudes that keep the numerics finite. Values past the limits are refused up front."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pandas as pd
import pytest
from bounded_cli import alignsim, check_bounded, refused
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from alignsim.cli import main
from alignsim.scenario.limits import MAX_MAGNITUDE, MAX_YEAR, MIN_YEAR

VALID = Path(__file__).parents[1] / "scenario" / "data" / "valid.yaml"


@pytest.fixture
def no_events(tmp_path: Path) -> Path:
    """The valid scenario without its dated events (so any start date is possible)."""
    shutil.copy(VALID, tmp_path / "valid.yaml")
    file = tmp_path / "edge.yaml"
    file.write_text("extends: valid.yaml\nname: edge\nremove:\n  events: [drills, talks]\n")
    return file


@pytest.mark.parametrize(
    "settings_",
    [
        ["time.start=9999-12"],
        ["time.start=0001-01"],
        [f"time.start={MIN_YEAR - 1}-12"],
        [f"time.start={MAX_YEAR}-01", "time.unit=year", "time.steps=1"],
        ["time.start=2000-01", "time.unit=year", "time.steps=10000"],
        ["events[0].at=9999-01"],
        ["actors.PAK.capability=1e308"],
        ["actors.PAK.capability=1e10"],
        ["relations[0].economic_tie=1e300"],
        ["mechanisms.structural_balance.weight=1e300"],
        ["issues[0].scale=[-1e300, 1e300]"],
        ["actors.PAK.capability_growth=1.0", "time.unit=year", "time.steps=100"],
        ["actors.PAK.capability_growth=-0.5", "time.unit=year", "time.steps=100"],
    ],
)
def test_values_past_the_limits_are_refused_before_the_run(tmp_path, settings_):
    args = [arg for setting in settings_ for arg in ("--set", setting)]
    lines = refused("run", VALID, *args, "--out", tmp_path / "out")
    assert lines[0].startswith(("--set", str(VALID))), lines
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "settings_",
    [
        [f"time.start={MIN_YEAR}-01", "time.unit=month", "time.steps=12"],
        [f"time.start={MAX_YEAR - 2}-01", "time.unit=year", "time.steps=2"],
        [f"time.start={MIN_YEAR}-01", "time.unit=year", "time.steps={MAX_YEAR - MIN_YEAR}"],
    ],
)
def test_runs_at_the_edges_of_the_calendar_run_and_plot(tmp_path, no_events, settings_):
    args = [arg for setting in settings_ for arg in ("--set", setting)]
    args = [a.replace("{MAX_YEAR - MIN_YEAR}", str(MAX_YEAR - MIN_YEAR)) for a in args]
    check_bounded(alignsim("run", no_events, *args, "--out", tmp_path / "o"), statuses=(0,))
    assert (tmp_path / "o" / "trajectories.png").stat().st_size > 0
    runs = alignsim("run", no_events, *args, "--runs", "8", "--out", tmp_path / "e")
    check_bounded(runs, statuses=(0,))


#: numeric fields of the valid scenario with the range the schema allows
MAGNITUDES = {
    "actors.PAK.capability": (5e-324, MAX_MAGNITUDE),
    "actors.RUS.capability": (5e-324, MAX_MAGNITUDE),
    "relations[0].economic_tie": (0.0, MAX_MAGNITUDE),
    "mechanisms.interest_affinity.weight": (0.0, MAX_MAGNITUDE),
    "mechanisms.structural_balance.weight": (0.0, MAX_MAGNITUDE),
    "mechanisms.economic_ties.weight": (0.0, MAX_MAGNITUDE),
    "mechanisms.common_threat.weight": (0.0, MAX_MAGNITUDE),
    "mechanisms.historical_anchor.weight": (0.0, MAX_MAGNITUDE),
    "issues[1].scale": (-MAX_MAGNITUDE, MAX_MAGNITUDE),
}


def _value(bounds: tuple[float, float]) -> st.SearchStrategy[float]:
    low, high = bounds
    extremes = st.sampled_from([low, high, max(low, 1e-300), min(high, 1.0)])
    inside = st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)
    return st.one_of(extremes, inside)


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    chosen=st.fixed_dictionaries({path: _value(b) for path, b in MAGNITUDES.items()}),
    positions=st.booleans(),
)
def test_any_magnitude_that_validates_runs_to_finite_results(tmp_path_factory, chosen, positions):
    out = tmp_path_factory.mktemp("run") / "out"
    args = []
    for path, value in chosen.items():
        if path.endswith("scale"):
            low, high = sorted((value, -value)) if value else (-1.0, 1.0)
            value = f"[{low!r}, {high!r}]" if low < high else "[-1.0, 1.0]"
            args += ["--set", f"actors.PAK.interests.delay.position={low!r}"]
            args += ["--set", f"actors.RUS.interests.delay.position={high!r}"]
        args += ["--set", f"{path}={value!r}" if not isinstance(value, str) else f"{path}={value}"]
    if positions:
        args += ["--set", "mechanisms.expected_utility.enabled=true"]
    result = CliRunner().invoke(main, ["run", str(VALID), *args, "--no-plot", "--out", str(out)])
    assert result.exit_code in (0, 2), (result.output, result.exception)
    event(f"exit {result.exit_code}")
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 0:
        for name in ("alignment.csv", "positions.csv", "groups.csv"):
            table = pd.read_csv(out / name)
            values = table.select_dtypes("number").to_numpy().ravel()
            assert all(math.isfinite(v) for v in values if v == v), name
