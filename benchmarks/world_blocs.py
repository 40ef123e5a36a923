"""Blocs of a 193-state alignment matrix at every step: time per step and optimality gap.

Run: ``python benchmarks/world_blocs.py [SCENARIO]`` (a few minutes). It simulates one run
of the scenario (default: the bundled ``world_2019``, 195 states, 40 quarterly steps) and
finds the landscape blocs (Axelrod & Bennett 1993) at every step with
:func:`alignsim.analysis.blocs.blocs_over_time` (64 random starts plus the previous step's
minimum), on one core, timing CPU and wall. Side by side in this run, at every 8th step, the
solver's former default (2,000 random starts, no warm start) is timed on the same matrix.
Each row states the optimality gap (energy above the Delorme-Poljak eigenvalue lower bound
as a share of the landscape's total absolute weight ``sum |s_i s_j p_ij|``: an upper bound
on the true gap) and the same gap relative to the bound. Goal: under 1 s per step at
n = 193.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from alignsim.analysis.blocs import WORLD_STARTS, blocs_over_time, relative_gap  # noqa: E402
from alignsim.ensemble.engine import run_batch  # noqa: E402
from alignsim.games.landscape import solve  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from _world import world_scenario  # noqa: E402

GOAL_SECONDS = 1.0


def main() -> int:
    compiled = world_scenario(sys.argv[1] if len(sys.argv) > 1 else "world_2019")
    history = run_batch(compiled, [1])
    alignment, capability = history.alignment[0], history.capability[0]
    n, steps = len(compiled.actors), alignment.shape[0]
    start, cpu = time.perf_counter(), time.process_time()
    table = blocs_over_time(alignment, capability, compiled.actors, compiled.dates[:steps])
    seconds = (time.perf_counter() - start) / steps
    cpu = (time.process_time() - cpu) / steps
    print(f"{compiled.name}: {n} actors, {steps} steps, one core; load {os.getloadavg()[0]:.1f}")
    print(
        f"{'step':>4} {'blocs':>6} {'energy':>12} {'gap':>8} {'gap/|bound|':>11} | "
        f"{'2000 starts CPU s':>17} {'energy':>12}"
    )
    slower = []
    for row in table.itertuples():
        other = ""
        if row.step % 8 == 0:
            begin = time.process_time()
            plain = solve(capability[row.step], alignment[row.step], names=compiled.actors)
            slower.append(time.process_time() - begin)
            other = (
                f"{slower[-1]:>17.2f} {plain.global_energy:>12.5g} (gap {relative_gap(plain):.5f})"
            )
        sizes = sorted((len(side.split("+")) for side in row.sides.split(" | ")), reverse=True)
        camps = "/".join(map(str, sizes))
        versus_bound = (row.energy - row.lower_bound) / abs(row.lower_bound)
        print(
            f"{row.step:>4} {camps:>6} {row.energy:>12.5g} {row.gap:>8.5f} "
            f"{versus_bound:>11.3f} | {other}"
        )
    print(
        f"blocs_over_time ({WORLD_STARTS} starts + warm start): {cpu:.3f} s CPU per step, "
        f"{seconds:.3f} s wall (goal < {GOAL_SECONDS:g} s: "
        f"{'met' if seconds < GOAL_SECONDS else 'NOT met'}); 2000 cold starts: "
        f"{np.mean(slower):.2f} s CPU per step ({np.mean(slower) / cpu:.1f}x); "
        f"largest stated gap {table['gap'].max():.5f}, median {table['gap'].median():.5f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
