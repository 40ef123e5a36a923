"""Worker processes that never outlive the command that started them.

A worker started by the default pool runs :func:`watch_parent` first: a daemon thread that
waits on the reading end of a pipe whose writing end only the command holds. When the
command ends in any way — even SIGKILL, which gives it no chance to clean up, and even
while it is a zombie its parent has not reaped — the kernel closes that end, the thread
reads end-of-file and ends the worker at once (``os._exit``). The thread also checks every
:data:`POLL_SECONDS` that the command's process and the worker's parent (the fork server)
are still there, and on Linux the kernel sends the worker SIGTERM when its parent ends.
When the command itself is interrupted, :func:`stop_workers` terminates the workers
instead of letting them finish the chunks they hold.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from typing import Any

#: how often a worker checks that the command is alive, in seconds
POLL_SECONDS = 0.5
#: exit status of a worker whose command is gone
ORPHANED = 3


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):  # gone, or the pid was reused by another
        return False
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            stat = handle.read()
        return stat[stat.rindex(")") + 2 :].split()[0] != "Z"
    except (OSError, ValueError, IndexError):
        return True  # no /proc: existing is enough


def _watch(command: int, parent: int, pipe: Any) -> None:
    while True:
        try:
            if pipe is not None and pipe.poll(POLL_SECONDS):
                pipe.recv()  # the command never writes: only end-of-file gets here
        except (EOFError, OSError):
            os._exit(ORPHANED)
        if pipe is None:
            time.sleep(POLL_SECONDS)
        if not _alive(command) or os.getppid() != parent:
            os._exit(ORPHANED)


def _die_with_parent() -> None:
    """Ask Linux to send SIGTERM to this process when its parent ends (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def watch_parent(command: int, pipe: Any = None) -> None:
    """Worker initializer: end this worker as soon as process ``command`` is gone.

    Args:
        command: Process id of the command that started the pool.
        pipe: Reading end of a pipe whose writing end only ``command`` holds.
    """
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the command's to handle
    args = (command, os.getppid(), pipe)
    threading.Thread(target=_watch, args=args, daemon=True).start()


def stop_workers(pool: Any, grace: float = 1.0) -> None:
    """Terminate the worker processes of a ``ProcessPoolExecutor`` now (SIGTERM, then
    SIGKILL after ``grace`` seconds), dropping the tasks not yet started."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(grace)
