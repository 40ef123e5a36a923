"""Benchmark: when do worker processes pay off? One worker against two, side by side.

Run with ``.venv/bin/python benchmarks/workers.py``. For ensembles of casa_2019 (5 actors,
44 quarterly steps) of growing size, it times ``run_ensemble`` with ``workers=1`` and
``workers=2`` in alternation (best of ``REPEATS``), checks that both give the same states,
and prints both times and their ratio. The work of a run grows as ``steps x actors^2``; the
break-even, in runs x steps x actors^2, is where two workers become faster than one. That
number is :data:`alignsim.ensemble.executors.AUTO_BREAK_EVEN`, which ``--workers auto`` (the
default) uses. On a shared machine the numbers are noisy: read the ratio, measured in one run.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import time  # noqa: E402

import numpy as np  # noqa: E402

from alignsim.ensemble.executors import AUTO_BREAK_EVEN, auto_workers  # noqa: E402
from alignsim.ensemble.montecarlo import prepare_source, run_ensemble  # noqa: E402

SIZES = (200, 800, 3200, 12800)
REPEATS = 2


def timed(source, runs: int, workers: int) -> tuple[float, np.ndarray]:
    start = time.perf_counter()
    ensemble = run_ensemble(source, runs, seed=1, workers=workers, record="horizon")
    return time.perf_counter() - start, ensemble.history.alignment[:, -1]


def main() -> None:
    source = prepare_source("casa_2019")
    compiled = source.reference
    steps, actors = compiled.steps, len(compiled.actors)
    print(
        f"casa_2019: {actors} actors, {steps} steps; {os.cpu_count()} cores; break-even "
        f"used by --workers auto: {AUTO_BREAK_EVEN:,} runs x steps x actors^2"
    )
    print(
        f"{'runs':>7} {'work':>12} {'1 worker s':>11} {'2 workers s':>12} {'1/2 ratio':>10}"
        f" {'auto picks':>10}"
    )
    for runs in SIZES:
        one, two = [], []
        for _ in range(REPEATS):
            seconds, first = timed(source, runs, 1)
            one.append(seconds)
            seconds, second = timed(source, runs, 2)
            two.append(seconds)
            assert np.array_equal(first, second), "workers changed the results"
        work = runs * steps * actors**2
        print(
            f"{runs:>7} {work:>12,} {min(one):>11.2f} {min(two):>12.2f} "
            f"{min(one) / min(two):>10.2f} {auto_workers(work, runs):>10}"
        )


if __name__ == "__main__":
    main()
