"""Long commands show a progress bar on a terminal (run in a pseudo-terminal, as a user sees
them) and stay silent on standard error when it is a pipe."""

from __future__ import annotations

import os
import pty
import re
import subprocess
from pathlib import Path

from test_cli_core import ALIGNSIM, alignsim


def on_terminal(*args: str | Path) -> tuple[int, str]:
    """Run the command with standard error on a pseudo-terminal; its status and that text."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [str(ALIGNSIM), *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the follower side closed: the process ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8", "replace"))
    return process.wait(timeout=300), text


def test_compare_shows_the_runs_of_both_scenarios_on_a_bar(tmp_path: Path) -> None:
    status, text = on_terminal(
        "compare", "casa_2019", "casa_2019_no_us_india", "--runs", "30", "--out", tmp_path / "c"
    )
    assert status == 0, text
    assert "runs of A and B" in text
    assert re.search(r"60/60", text), text


#: a Sobol' analysis of 12 evaluations of 4 steps each
SMALL_SENSITIVITY = (
    "sensitivity",
    "casa_2019",
    "--output",
    "cohesion:CRP",
    "--samples",
    "4",
    "--steps",
    "4",
    "--param",
    "mechanisms.adjustment.rate=0.1:0.3",
)


def test_sensitivity_shows_its_evaluations_on_a_bar(tmp_path: Path) -> None:
    args = SMALL_SENSITIVITY
    status, text = on_terminal(*args, "--out", tmp_path / "s")
    assert status == 0, text
    assert "evaluations" in text
    assert re.search(r"12/12", text), text  # Sobol': 4 x (1 parameter + 2) evaluations
    piped = alignsim(*args, "--out", tmp_path / "p")
    assert piped.returncode == 0 and piped.stderr == ""
