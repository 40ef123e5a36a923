"""Blocs of a 193-state alignment matrix at every step: time per step and optimality gap.

Run: ``python benchmarks/world_blocs.py [SCENARIO]`` (about a minute). It simulates one run of
the scenario (default: a random 193-actor scenario with three camps of states, 40 quarterly
steps) and finds the landscape blocs (Axelrod & Bennett 1993) at every step with
:func:`alignsim.analysis.blocs.blocs_over_time` (64 random starts plus the previous step's
minimum), on one core. Side by side in this run, at every 8th step, the solver's former
default (2,000 random starts, no warm start) is timed on the same matrix. Each row states the
optimality gap (energy above the Delorme-Poljak eigenvalue lower bound as a share of the
landscape's total absolute weight ``sum |s_i s_j p_ij|``: an upper bound on the true gap)
and, where the minimum is far from 0, the same gap relative to the bound. Goal: under 1 s
per step at n = 193.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from alignsim.analysis.blocs import WORLD_STARTS, blocs_over_time, relative_gap  # noqa: E402
from alignsim.ensemble.engine import run_batch  # noqa: E402
from alignsim.games.landscape import solve  # noqa: E402
from alignsim.simulation.compiled import compile_scenario  # noqa: E402

GOAL_SECONDS = 1.0


def world_like(actors: int = 193, steps: int = 40, seed: int = 2019):
    """A random compiled scenario whose states start in three camps (friendly inside, cool
    across)."""
    from dataclasses import replace

    from alignsim.scenario.synthetic import random_scenario

    compiled = compile_scenario(
        random_scenario(actors, issues=6, threats=2, steps=steps, seed=seed)
    )
    rng = np.random.default_rng(seed)
    camp = rng.integers(0, 3, actors)
    noise = np.triu(rng.normal(0, 0.2, (actors, actors)), 1)
    start = np.where(camp[:, None] == camp[None, :], 0.4, -0.25) + noise + noise.T
    np.fill_diagonal(start, 0.0)
    start = np.clip(start, -1, 1)
    initial = replace(compiled.initial, alignment=start, baseline=start.copy())
    return replace(compiled, initial=initial)


def main() -> int:
    if len(sys.argv) > 1:
        from alignsim.scenario import load_scenario

        compiled = compile_scenario(load_scenario(sys.argv[1]))
    else:
        compiled = world_like()
    history = run_batch(compiled, [1])
    alignment, capability = history.alignment[0], history.capability[0]
    n, steps = len(compiled.actors), alignment.shape[0]
    start = time.perf_counter()
    table = blocs_over_time(alignment, capability, compiled.actors, compiled.dates[:steps])
    seconds = (time.perf_counter() - start) / steps
    print(f"{compiled.name}: {n} actors, {steps} steps, one core; load {os.getloadavg()[0]:.1f}")
    print(
        f"{'step':>4} {'blocs':>6} {'energy':>10} {'gap':>7} | {'2000 starts s':>13} {'energy':>10}"
    )
    slower = []
    for row in table.itertuples():
        other = ""
        if row.step % 8 == 0:
            begin = time.perf_counter()
            plain = solve(capability[row.step], alignment[row.step], names=compiled.actors)
            slower.append(time.perf_counter() - begin)
            other = (
                f"{slower[-1]:>13.2f} {plain.global_energy:>10.5f} (gap {relative_gap(plain):.3f})"
            )
        sizes = sorted((len(side.split("+")) for side in row.sides.split(" | ")), reverse=True)
        camps = "/".join(map(str, sizes))
        versus_bound = (row.energy - row.lower_bound) / abs(row.lower_bound)
        print(
            f"{row.step:>4} {camps:>6} {row.energy:>12.5g} {row.gap:>8.5f} "
            f"{versus_bound:>11.3f} | {other}"
        )
    print(
        f"blocs_over_time ({WORLD_STARTS} starts + warm start): {seconds:.3f} s per step "
        f"(goal < {GOAL_SECONDS:g} s: {'met' if seconds < GOAL_SECONDS else 'NOT met'}); "
        f"2000 cold starts: {np.mean(slower):.2f} s per step ({np.mean(slower) / seconds:.1f}x); "
        f"largest stated gap {table['gap'].max():.5f}, median {table['gap'].median():.5f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
