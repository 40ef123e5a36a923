"""Benchmark: 10 rounds of expected-utility bargaining, vectorised vs the loop reference.

Run: ``.venv/bin/python benchmarks/eum.py``

Random actors (fixed seed) on a 0-100 scale; both model variants. The vectorised
implementation (``alignsim.games.eum``) is timed at n = 10, 25 and 100 (best of several
repeats); the plain-loop reference (``alignsim.games.eum_reference``) at n = 10, and at
n = 25 when a timed first round predicts the full run under 60 s, otherwise the 10-round
time is extrapolated from that first round. Goals: n = 25 under 1 s, n = 100 under 30 s.
"""

from __future__ import annotations

import time

import numpy as np

from alignsim.games import eum
from alignsim.games import eum_reference as ref

SEED = 20240611
ROUNDS = 10
SCALE = (0.0, 100.0)
REFERENCE_BUDGET_S = 60.0
GOALS_S = {25: 1.0, 100: 30.0}


def random_actors(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Capability, position and salience of n random actors from a seeded generator."""
    rng = np.random.default_rng(np.random.SeedSequence(SEED, spawn_key=(n,)))
    return rng.uniform(0.05, 1.0, n), rng.uniform(*SCALE, n), rng.uniform(0.05, 1.0, n)


def time_vectorised(n: int, variant: str, repeats: int) -> tuple[float, eum.EUMResult]:
    """Best wall time of ``repeats`` runs of ``ROUNDS`` rounds."""
    c, x, s = random_actors(n)
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = eum.forecast(c, x, s, scale=SCALE, rounds=ROUNDS, variant=variant)
        best = min(best, time.perf_counter() - start)
    return best, result


def time_reference(n: int, variant: str) -> tuple[float, str, dict | None]:
    """Reference time for ``ROUNDS`` rounds: measured, or extrapolated from round 1."""
    c, x, s = random_actors(n)
    start = time.perf_counter()
    ref.forecast(c, x, s, SCALE, 1, variant)
    first_round = time.perf_counter() - start
    if first_round * ROUNDS > REFERENCE_BUDGET_S:
        return first_round * ROUNDS, f"extrapolated: 10 x round 1 ({first_round:.1f} s)", None
    start = time.perf_counter()
    result = ref.forecast(c, x, s, SCALE, ROUNDS, variant)
    return time.perf_counter() - start, "measured", result


def main() -> None:
    print(f"EU bargaining model, {ROUNDS} rounds, random actors (seed {SEED}), scale {SCALE}")
    header = (
        f"{'variant':<11} {'n':>4} {'vectorised s':>13} {'reference s':>12} {'speed-up':>9}  note"
    )
    print(header)
    print("-" * len(header))
    for variant in eum.VARIANTS:
        for n in (10, 25, 100):
            vec_s, fast = time_vectorised(n, variant, repeats=5 if n < 100 else 3)
            ref_text, ratio_text, note = "-", "-", ""
            if n <= 25:
                ref_s, how, slow = time_reference(n, variant)
                ref_text, ratio_text, note = f"{ref_s:.3f}", f"{ref_s / vec_s:.0f}x", how
                if slow is not None:
                    gap = np.abs(fast.positions - slow["positions"]).max()
                    note += f"; max |position difference| {gap:.1e}"
            if n in GOALS_S:
                verdict = "met" if vec_s < GOALS_S[n] else "MISSED"
                note = f"goal < {GOALS_S[n]:g} s {verdict}" + (f"; {note}" if note else "")
            print(f"{variant:<11} {n:>4} {vec_s:>13.4f} {ref_text:>12} {ratio_text:>9}  {note}")


if __name__ == "__main__":
    main()
