"""Benchmark: the simulated-moments calibration of the five-actor panel, on one core.

Run with ``.venv/bin/python benchmarks/smm_calibration.py``. It fits casa_2019's driver
weights and the permanent share of event shocks (what ``alignsim calibrate casa_2019
--method smm`` frees by default), then the same plus the adjustment rate, noise and drift,
on the packaged observed index of CHN, IND, PAK, RUS and USA refitted on the years up to
2010 (as the command does), 1991-2010, with the command's defaults (50 simulated runs, 2
starts). Goal (issue 12): calibration of the five-actor panel under 10 minutes on one core.
It prints each fit's CPU and wall time beside the goal and the ratio of CPU time to it
(below 1 meets the goal), measured side by side in one run.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import time  # noqa: E402

from alignsim.forecast.paths import default_free, simulated_spec  # noqa: E402
from alignsim.forecast.simulator import fit_scenario  # noqa: E402
from alignsim.forecast.specs import DRIFT, NOISE, RATE  # noqa: E402
from alignsim.forecast.vintage import packaged_vintage  # noqa: E402
from alignsim.scenario import load_scenario  # noqa: E402
from alignsim.scenario.loader import read_tree  # noqa: E402
from alignsim.simulation.compiled import compile_scenario  # noqa: E402

ACTORS = ["CHN", "IND", "PAK", "RUS", "USA"]
YEARS = (1991, 2010)
GOAL = 600.0


def main() -> None:
    frame = packaged_vintage(ACTORS)(YEARS[1])
    scenario, tree = load_scenario("casa_2019"), read_tree("casa_2019")
    drivers = default_free(compile_scenario(scenario))
    print(f"data: packaged observed index, refitted up to {YEARS[1]}; fit {YEARS[0]}-{YEARS[1]};"
          " one core (BLAS threads pinned to 1)")  # fmt: skip
    print(f"{'fit':<52}{'CPU s':>8}{'wall s':>8}{'goal':>6}{'ratio':>7}")
    linear = [RATE, NOISE, DRIFT, *drivers]
    for label, free in [
        (f"smm, {len(drivers)} parameters (weights, kappa)", drivers),
        (f"smm, {len(linear)} parameters (+ rate, noise, drift)", linear),
    ]:
        spec = simulated_spec(free, scenario)
        cpu, wall = time.process_time(), time.perf_counter()
        result = fit_scenario(tree, spec, frame, YEARS, runs=50, seed=0, starts=2)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(f"{label:<52}{cpu:>8.1f}{wall:>8.1f}{GOAL:>6.0f}{cpu / GOAL:>7.3f}"
              f"   objective {result.objective:.4g}")  # fmt: skip


if __name__ == "__main__":
    main()
