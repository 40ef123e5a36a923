"""Benchmark: exact landscape enumeration (Axelrod & Bennett 1993) against a plain loop.

Run with ``.venv/bin/python benchmarks/landscape.py``. For n = 16, 20 and 24 actors and two
coalitions (random sizes and propensities, fixed seed) it times
:func:`alignsim.games.landscape.solve` with ``method="exact"`` (every one of the
``2**(n-1)`` configurations: all switch energy changes, steepest move, basins by pointer
jumping, minima) and a plain per-configuration Python loop doing only the first part (the
energy change of every single switch and the steepest one, no basins). The plain loop is
timed on a subset of configurations and EXTRAPOLATED to all of them; the ratio is therefore
conservative (the loop does less work). Goals: n = 20 under 1 s, n = 24 under 20 s, on one
core (BLAS threads are pinned to 1 below).
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import time  # noqa: E402

import numpy as np  # noqa: E402

from alignsim.games.landscape import solve  # noqa: E402

SEED = 20240601
SIZES = (16, 20, 24)
GOALS = {20: 1.0, 24: 20.0}
LOOP_SAMPLE = 3000
FULL_LOOP_UP_TO = 16


def random_landscape(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Random positive sizes and a symmetric propensity matrix on the 1..5 scale."""
    sizes = rng.uniform(0.5, 3.0, n)
    upper = np.triu(rng.uniform(1.0, 5.0, (n, n)), 1)
    return sizes, upper + upper.T + 3.0 * np.eye(n)


def plain_loop(sizes: list[float], p: list[list[float]], codes: range) -> list[int]:
    """Per configuration: every switch's energy change and the steepest one, in pure Python."""
    n = len(sizes)
    best_moves = []
    for code in codes:
        labels = [0] + [(code >> (k - 1)) & 1 for k in range(1, n)]
        best, best_actor = 0.0, -1
        for k in range(n):
            change = 0.0
            for j in range(n):
                if j != k:
                    weight = sizes[k] * sizes[j] * p[k][j]
                    # moving k: pairs that were together become apart and vice versa
                    change += 2.0 * weight if labels[j] == labels[k] else -2.0 * weight
            if change < best:
                best, best_actor = change, k
        best_moves.append(best_actor)
    return best_moves


def main() -> None:
    rng = np.random.default_rng(SEED)
    print(f"Exact two-coalition landscape enumeration, one core (seed {SEED})")
    header = (
        f"{'n':>3} {'configurations':>15} {'vectorised s':>13} {'minima':>7} "
        f"{'plain loop s':>13} {'how':>13} {'ratio':>8}  goal"
    )
    print(header)
    print("-" * len(header))
    for n in SIZES:
        sizes, raw = random_landscape(n, rng)
        total = 1 << (n - 1)
        start = time.perf_counter()
        result = solve(sizes, raw, offset=3.0, method="exact")
        vectorised = time.perf_counter() - start
        p = (raw - 3.0).tolist()
        sample = total if n <= FULL_LOOP_UP_TO else min(LOOP_SAMPLE, total)
        start = time.perf_counter()
        plain_loop(sizes.tolist(), p, range(sample))
        plain = (time.perf_counter() - start) / sample * total
        goal = GOALS.get(n)
        verdict = (
            "" if goal is None else (f"< {goal:g} s " + ("met" if vectorised < goal else "MISSED"))
        )
        print(
            f"{n:>3} {total:>15,} {vectorised:>13.3f} {result.n_minima:>7} "
            f"{plain:>13.1f} {'measured' if sample == total else 'extrapolated':>13} "
            f"{plain / vectorised:>8.0f}  {verdict}"
        )
    print(
        f"(plain loop run on every configuration up to n = {FULL_LOOP_UP_TO}; beyond, timed on "
        f"the first {LOOP_SAMPLE} configurations and scaled)"
    )


if __name__ == "__main__":
    main()
