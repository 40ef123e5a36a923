"""``--workers auto`` (the default): one process for small jobs, one per core for large ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alignsim.ensemble.command import chosen_workers
from alignsim.ensemble.executors import AUTO, AUTO_BREAK_EVEN, auto_workers

ALIGNSIM = str(Path(sys.executable).parent / "alignsim")


def test_small_jobs_run_in_this_process_and_large_ones_on_every_core():
    assert auto_workers(AUTO_BREAK_EVEN - 1, tasks=100, cores=8) == 1
    assert auto_workers(AUTO_BREAK_EVEN, tasks=100, cores=8) == 8
    assert auto_workers(AUTO_BREAK_EVEN * 10, tasks=3, cores=8) == 3  # no idle processes
    assert auto_workers(AUTO_BREAK_EVEN * 10, tasks=1, cores=8) == 1


def test_a_given_number_of_workers_is_kept_and_auto_counts_the_work():
    assert chosen_workers(3, runs=10, steps=44, actors=5, tasks=1) == 3
    assert chosen_workers(AUTO, runs=200, steps=44, actors=5, tasks=4) == 1  # 220,000
    runs = AUTO_BREAK_EVEN // (44 * 25) + 1
    assert chosen_workers(AUTO, runs=runs, steps=44, actors=5, tasks=400) == auto_workers(
        AUTO_BREAK_EVEN, 400
    )


def test_help_says_auto_is_the_default_and_how_it_chooses():
    for command in ("run", "compare", "sweep", "sensitivity"):
        text = " ".join(
            subprocess.run(
                [ALIGNSIM, command, "--help"], capture_output=True, text=True
            ).stdout.split()
        )
        assert "--workers AUTO|W" in text and "[default: auto]" in text, command
        assert "benchmarks/workers.py" in text, command


def test_a_bad_worker_count_is_refused(tmp_path):
    result = subprocess.run(
        [ALIGNSIM, "run", "casa_2019", "--runs", "2", "--workers", "0", "--out", tmp_path / "o"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "'--workers': 0 is below 1" in result.stderr
    assert not (tmp_path / "o").exists()
