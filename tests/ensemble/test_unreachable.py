"""An unreachable Dask scheduler is one line naming its address, exit 2, for every command."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from alignsim.ensemble.executors import CONNECT_TIMEOUT, ExecutorError, connect, connect_timeout
from alignsim.scenario.synthetic import random_scenario_dict

ALIGNSIM = Path(sys.executable).parent / "alignsim"


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_connect_timeout_is_ten_seconds_unless_dask_is_told_otherwise(monkeypatch):
    monkeypatch.delenv("DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT", raising=False)
    assert connect_timeout() == CONNECT_TIMEOUT == "10s"
    monkeypatch.setenv("DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT", "1s")
    assert connect_timeout() == "1s"
    with pytest.raises(ExecutorError, match="expected dask://HOST:PORT"):
        connect("tcp://127.0.0.1:1")
    with pytest.raises(
        ExecutorError, match=r"expected dask://HOST:PORT, got 'dask://127\.0\.0\.1'"
    ):
        connect("dask://127.0.0.1")
    with pytest.raises(ExecutorError, match="port 99999 is not between 1 and 65535"):
        connect("dask://127.0.0.1:99999")


def test_every_command_reports_an_unreachable_scheduler_in_one_line(tmp_path):
    path = tmp_path / "three.yaml"
    path.write_text(yaml.safe_dump(random_scenario_dict(3, steps=3, seed=2), sort_keys=False))
    address = f"dask://127.0.0.1:{unused_port()}"
    commands = {
        "run": ["run", path, "--runs", "5"],
        "sweep": ["sweep", path, "--grid", "mechanisms.adjustment.rate=0.1,0.2", "--runs", "2"],
        "compare": ["compare", path, path, "--runs", "5"],
        "sensitivity": [
            "sensitivity",
            path,
            "--output",
            "alignment:A000-A001",
            "--param",
            "mechanisms.adjustment.rate=0.1:0.5",
            "--samples",
            "4",
        ],
    }
    for name, args in commands.items():
        out = tmp_path / name
        done = subprocess.run(
            [str(ALIGNSIM), *map(str, args), "--executor", address, "--out", str(out)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"},
        )
        assert done.returncode == 2, (name, done.stderr)
        assert done.stderr == f"--executor {address}: no Dask scheduler answered within 1s\n"
        assert not out.exists()
