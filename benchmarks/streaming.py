"""Peak memory of an ensemble: streamed summaries against keeping every step of every run.

Run: ``python benchmarks/streaming.py`` (a few minutes). Each configuration runs in a fresh
child process (so peaks do not mix) on one core, one after the other in this one run: a
random 26-actor scenario (325 pairs and a group, 40 quarterly steps), 250 and 1,000 runs,
recorded with ``--record all`` (every step kept, exact bands) and ``--record horizon``
(streamed bands, within 0.0005). It prints the peak resident memory of each child and the
growth from 250 to 1,000 runs. Goal: with ``horizon`` the memory spent beyond the kept
horizon states does not grow with the number of runs; the bands agree within the bound.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

ACTORS, STEPS, SEED = 26, 40, 11
RUNS = (250, 1000)
RECORDS = ("all", "horizon")


def child(runs: int, record: str) -> None:
    """Run one ensemble and print its peak memory, time and a few band values as JSON."""
    import numpy as np

    from alignsim.ensemble.montecarlo import run_ensemble
    from alignsim.ensemble.summaries import bands_table
    from alignsim.scenario.synthetic import random_scenario
    from alignsim.simulation.compiled import compile_scenario

    compiled = compile_scenario(random_scenario(ACTORS, issues=6, steps=STEPS, seed=SEED))
    start = time.perf_counter()
    ensemble = run_ensemble(compiled, runs, seed=SEED, record=record)
    bands = bands_table(ensemble)
    seconds = time.perf_counter() - start
    kept = sum(np.asarray(a).nbytes for a in vars(ensemble.history).values())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    quantiles = bands[["q05", "q25", "q50", "q75", "q95"]].to_numpy()
    print(json.dumps({"peak": peak, "kept": kept, "seconds": seconds, "bands": quantiles.tolist()}))


def main() -> int:
    environment = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    results = {}
    for runs in RUNS:
        for record in RECORDS:
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(runs), record],
                capture_output=True,
                text=True,
                env=environment,
                check=True,
            )
            results[runs, record] = json.loads(done.stdout)
    import numpy as np

    print(f"random scenario: {ACTORS} actors, {STEPS} steps, one core; load: {os.getloadavg()}")
    print(f"{'runs':>6} {'record':>8} {'peak MB':>9} {'kept MB':>9} {'peak-kept MB':>13} {'s':>7}")
    for (runs, record), found in results.items():
        mb = 1 / 2**20
        print(
            f"{runs:>6} {record:>8} {found['peak'] * mb:>9.1f} {found['kept'] * mb:>9.1f} "
            f"{(found['peak'] - found['kept']) * mb:>13.1f} {found['seconds']:>7.2f}"
        )
    for record in RECORDS:
        small, large = (results[r, record] for r in RUNS)
        growth = (large["peak"] - large["kept"]) - (small["peak"] - small["kept"])
        print(
            f"{record}: memory beyond the kept states grows by {growth / 2**20:.1f} MB from "
            f"{RUNS[0]} to {RUNS[1]} runs"
        )
    for runs in RUNS:
        exact = np.array(results[runs, "all"]["bands"])
        streamed = np.array(results[runs, "horizon"]["bands"])
        print(
            f"{runs} runs: largest band difference streamed vs exact "
            f"{np.abs(exact - streamed).max():.6f} (bound 0.0005)"
        )
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(int(sys.argv[2]), sys.argv[3])
        sys.exit(0)
    sys.exit(main())
