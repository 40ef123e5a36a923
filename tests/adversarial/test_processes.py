"""Interrupted and killed commands: SIGINT and SIGTERM stop the workers at once and leave no
partial output; after SIGKILL of the command its workers notice and exit within seconds."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from bounded_cli import ALIGNSIM, check_bounded

#: seconds within which no process of the command may be left
GONE_WITHIN = 5.0


def live_group(pgid: int) -> list[int]:
    """Processes of group ``pgid`` that are not zombies (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _terminal_signals() -> None:
    """Give the command Ctrl-C's default action, as a command typed at a terminal has, even
    when the test run itself was started with SIGINT ignored (a background job of a
    non-interactive shell, e.g. ``nohup .ci/run &``): an ignored SIGINT is inherited through
    exec, and the command would rightly keep running."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(*args: str, cwd: Path) -> subprocess.Popen[str]:
    """The command in a process group of its own, once its worker processes are running."""
    process = subprocess.Popen(
        [str(ALIGNSIM), *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_terminal_signals,
    )
    deadline = time.monotonic() + 120
    while len(live_group(process.pid)) < 4:  # the command, fork server, two workers
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the workers never started"
        time.sleep(0.2)
    time.sleep(1.0)  # the workers are computing
    return process


@contextlib.contextmanager
def killed_on_failure(process: subprocess.Popen[str]) -> Iterator[None]:
    """A command that outlives a failed wait is killed with its workers, so a failing test
    leaves no process computing behind it."""
    try:
        yield
    except BaseException:
        if live_group(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
        raise


def assert_all_gone(pgid: int) -> None:
    deadline = time.monotonic() + GONE_WITHIN
    while live_group(pgid):
        if time.monotonic() > deadline:
            left = live_group(pgid)
            os.killpg(pgid, signal.SIGKILL)
            pytest.fail(f"{len(left)} processes still alive {GONE_WITHIN} s after the signal")
        time.sleep(0.1)


COMMANDS = {
    "run": ("run", "casa_2019", "--runs", "200000", "--workers", "2", "--out", "out"),
    "sweep": (
        "sweep",
        "casa_2019",
        "--grid",
        "mechanisms.adjustment.rate=0.1,0.2,0.3,0.4",
        "--runs",
        "20000",
        "--workers",
        "2",
        "--out",
        "out",
    ),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_stopped_command_stops_its_workers_and_writes_nothing(tmp_path, command, signum, status):
    process = start(*COMMANDS[command], cwd=tmp_path)
    process.send_signal(signum)
    with killed_on_failure(process):
        stdout, stderr = process.communicate(timeout=60)
    assert_all_gone(process.pid)
    result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    check_bounded(result, statuses=(status,))
    assert stderr.strip().endswith(("terminated", "interrupted")), stderr
    left = sorted(p.name for p in tmp_path.rglob("*"))
    if command == "run":
        assert left == []  # no result folder and no staged one
    else:  # a sweep keeps its finished cells (that is how it resumes), never a partial one
        assert not [name for name in left if name.startswith(".")], left


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_workers_of_a_killed_command_exit_within_seconds(tmp_path, command):
    process = start(*COMMANDS[command], cwd=tmp_path)
    process.kill()
    with killed_on_failure(process):
        process.communicate(timeout=60)
    assert_all_gone(process.pid)
