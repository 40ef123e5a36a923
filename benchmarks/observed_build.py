"""Benchmark: building the observed panel from data-raw/ against the 2-minute goal.

Run with ``.venv/bin/python benchmarks/observed_build.py`` from a clone (needs the
observed-build extra). It times each stage of :func:`alignsim.observed.build.build` on one
core (BLAS threads pinned to 1), both wall-clock and process CPU time (CPU time is what the
build costs; wall time also counts waiting for a loaded machine), then writing the frames into
a temporary folder, and prints each total as a ratio of the goal (120 s).
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from alignsim.observed import build  # noqa: E402

GOAL = 120.0


def timed(label: str, function, *args):  # type: ignore[no-untyped-def]
    """Run ``function(*args)``, print its wall and CPU seconds, return (result, wall, cpu)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<28} wall {wall:6.1f} s   cpu {cpu:6.1f} s")
    return result, wall, cpu


def main() -> None:
    raw = build.RAW_DIR
    countries, w1, c1 = timed("countries", build.country_table, raw)
    actors = dict(zip(countries["ccode"], countries["actor"], strict=True))
    states, w2, c2 = timed("state-year", build.state_year, raw, actors, build.STATE_LAST)
    dyads, w3, c3 = timed("dyad-year", build.dyad_year, raw, countries, states)
    frames = {"countries": countries, "state_year": states, "dyad_year": dyads}
    with tempfile.TemporaryDirectory() as folder:
        _, w4, c4 = timed("write (Parquet, CSV)", build.write, frames, Path(folder))
    wall, cpu = w1 + w2 + w3 + w4, c1 + c2 + c3 + c4
    print(f"{'total':<28} wall {wall:6.1f} s   cpu {cpu:6.1f} s")
    print(f"build / goal ({GOAL:.0f} s): wall {wall / GOAL:.2f}, cpu {cpu / GOAL:.2f}")
    print(f"dyad-year rows {len(dyads):,}, state-year rows {len(states):,}")


if __name__ == "__main__":
    main()
