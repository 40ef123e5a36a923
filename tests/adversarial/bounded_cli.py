"""The ``alignsim`` command run as a user runs it, inside the bounds hostile input must keep.

Each command runs in a child process with resource limits set before it starts: 5 s of CPU
time (the kernel stops it with SIGXCPU past that) and 1 GiB of address space (an allocation
past that fails). CPU time, not wall time, is bounded so that the tests hold on a loaded
machine; a wall-clock timeout still catches a process that blocks without using CPU (a FIFO
opened for reading, for instance).
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

ALIGNSIM = Path(sys.executable).parent / "alignsim"
#: CPU seconds and bytes of address space a command may use on any input
CPU_SECONDS = 5
MEMORY_BYTES = 1024**3
#: most problem lines printed (alignsim.scenario.limits.MAX_SHOWN plus the count line)
MAX_LINES = 41
#: wall-clock guard: far above CPU_SECONDS, so only a blocked process reaches it
WALL_SECONDS = 90


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def alignsim(*args: str | Path, cwd: Path | None = None, wall: float = WALL_SECONDS):
    """Run the console script under the limits; the completed process (never raises)."""
    return subprocess.run(
        [str(ALIGNSIM), *map(str, args)],
        capture_output=True,
        text=True,
        errors="replace",
        cwd=cwd,
        timeout=wall,
        preexec_fn=_limits,
        env={**os.environ, "COLUMNS": "100"},
    )


def check_bounded(result: subprocess.CompletedProcess[str], statuses=(0, 2)) -> list[str]:
    """Assert the command ended by itself within the bounds, with no traceback; its problems.

    Returns:
        The lines written on standard error.
    """
    output = result.stdout + result.stderr
    assert result.returncode != -signal.SIGXCPU, f"more than {CPU_SECONDS} s of CPU: {output}"
    assert "MemoryError" not in output, f"more than 1 GiB: {output[-2000:]}"
    assert "Traceback" not in output, output[-3000:]
    assert result.returncode in statuses, (result.returncode, output[-3000:])
    lines = result.stderr.splitlines()
    assert len(lines) <= MAX_LINES, f"{len(lines)} lines on standard error"
    return lines


def refused(*args: str | Path, cwd: Path | None = None, wall: float = WALL_SECONDS) -> list[str]:
    """Run a command that must be refused (exit 2) within the bounds; its problem lines."""
    lines = check_bounded(alignsim(*args, cwd=cwd, wall=wall), statuses=(2,))
    assert lines, "refused without saying why"
    return lines
