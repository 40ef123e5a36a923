"""Expected-utility forecasts outside the model's domain are flagged, naming issue and reason."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from alignsim.games.eum_domain import domain_warnings, switched_sides

ALIGNSIM = str(Path(sys.executable).parent / "alignsim")


def test_switched_sides_needs_a_quarter_of_the_scale_on_both_sides():
    start = np.array([1.0, -0.6, 0.4, -0.5, 0.0])
    end = np.array([-1.0, 0.5, -0.6, -0.9, 0.9])
    assert switched_sides(start, end, (-1.0, 1.0)).tolist() == [True, True, False, False, False]
    # the same on a 0..10 scale: midpoint 5, a quarter is 2.5
    assert switched_sides(np.array([10.0, 7.4]), np.array([0.0, 0.0]), (0, 10)).tolist() == [
        True,
        False,
    ]


def test_warnings_name_the_issue_the_actors_and_the_reason():
    positions = np.array([[1.0, 0.6, -1.0], [0.6, -1.0, -1.0], [-1.0, -1.0, -1.0]])
    lines = domain_warnings(
        "india_pakistan", ["PAK", "CHN", "IND"], positions, np.array([1.0, 0.5, 1.0]), (-1.0, 1.0)
    )
    assert lines == [
        "india_pakistan: PAK +1.00 -> -1.00 (salience 1.00), CHN +0.60 -> -1.00 (salience "
        "0.50) end on the other side of the scale; outside the expected-utility model's "
        "domain: with 3 actors, all-or-nothing moves cascade from actor to actor "
        "(docs/model.md, Expected-utility forecasts)"
    ]
    collapse = np.array([[-0.9, 0.0, 0.2], [0.2, 0.2, 0.2]])
    lines = domain_warnings("x", ["A", "B", "C"], collapse, np.ones(3), (-1.0, 1.0))
    assert lines[0].startswith("x: every actor ends at +0.20 though they began 1.10 apart;")
    quiet = np.array([[0.2, 0.4, 0.5], [0.3, 0.4, 0.45]])
    assert domain_warnings("x", ["A", "B", "C"], quiet, np.ones(3), (-1.0, 1.0)) == []


def test_analyze_warns_about_pakistan_and_russia_at_the_start_of_casa_2019():
    result = subprocess.run(
        [ALIGNSIM, "analyze", "casa_2019", "--at", "start"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    by_issue = {line.split(":")[1].strip(): line for line in warnings}
    assert "PAK +1.00 -> -1.00 (salience 1.00)" in by_issue["india_pakistan"]
    assert "RUS -1.00 -> +0.90 (salience 0.40)" in by_issue["russia_sanctions"]
    assert all("outside the expected-utility model's domain" in line for line in warnings)
    as_json = subprocess.run(
        [ALIGNSIM, "analyze", "casa_2019", "--at", "start", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    forecasts = {f["issue"]: f for f in json.loads(as_json.stdout)["forecasts"]}
    assert forecasts["india_pakistan"]["warnings"] == [by_issue["india_pakistan"][9:]]
    assert forecasts["counter_militancy"]["warnings"] == []
