"""Benchmark: calibration of the five-actor panel and a four-origin hindcast, on one core.

Run with ``.venv/bin/python benchmarks/hindcast.py``. It uses the observed index packaged
with alignsim when there is one, refitted on the years up to each origin (and up to 2010
for the calibration) as the commands do, else a synthetic five-actor panel from
:func:`alignsim.forecast.synthetic.simulate_frame` (it says which).
Goals (issue 12): calibration of the five-actor panel under 10 minutes on one core; a
four-origin hindcast (2011, 2013, 2015, 2017; horizons 1-8) with 200 runs per origin under
5 minutes. It prints each time beside its goal and their ratio (below 1 meets the goal).
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import time  # noqa: E402

from alignsim.forecast.baselines import BASELINES  # noqa: E402
from alignsim.forecast.calibrate import fit  # noqa: E402
from alignsim.forecast.core import calibrated_core  # noqa: E402
from alignsim.forecast.model import model_forecaster  # noqa: E402
from alignsim.forecast.protocol import hindcast  # noqa: E402
from alignsim.forecast.specs import for_scenario  # noqa: E402
from alignsim.forecast.synthetic import simulate_frame  # noqa: E402
from alignsim.scenario import load_scenario  # noqa: E402
from alignsim.scenario.loader import read_tree  # noqa: E402
from alignsim.simulation.compiled import compile_scenario  # noqa: E402

ACTORS = ["CHN", "IND", "PAK", "RUS", "USA"]
ORIGINS = [2011, 2013, 2015, 2017]
HORIZONS = list(range(1, 9))
RUNS = 200
GOAL_CALIBRATION = 600.0
GOAL_HINDCAST = 300.0


def observed_panel():
    """The packaged index of the five actors with its vintages, or a synthetic stand-in."""
    try:
        from alignsim.forecast.vintage import packaged_vintage
        from alignsim.observed import alignment

        frame = alignment(ACTORS, (1991, 2023))[["year", "a", "b", "alignment", "low", "high"]]
        frame = frame.astype({"alignment": float, "low": float, "high": float})
        return frame, packaged_vintage(ACTORS), "packaged observed index, refitted per origin"
    except ImportError:
        frame = simulate_frame(ACTORS, range(1991, 2020), 0.3, 0.03, 0.08, 0.04, seed=1)
        return frame, None, "synthetic five-actor panel (no packaged index in this version)"


def main() -> None:
    frame, vintage, name = observed_panel()
    print(f"data: {name}; one core (BLAS threads pinned to 1)")
    spec = for_scenario(compile_scenario(load_scenario("casa_2019")))
    start = time.perf_counter()
    fitted = frame if vintage is None else vintage(2010)  # as `alignsim calibrate` does
    fit(fitted, (1991, 2010), seed=0, spec=spec)
    calibration = time.perf_counter() - start
    tree = read_tree("casa_2019")
    forecasters = {
        **BASELINES,
        "core": calibrated_core,
        "alignsim": model_forecaster(lambda origin: tree, False),
        "alignsim_calibrated": model_forecaster(lambda origin: tree, True),
    }
    start = time.perf_counter()
    hindcast(frame, ORIGINS, HORIZONS, forecasters, RUNS, seed=0, vintage=vintage)
    whole = time.perf_counter() - start
    print(f"{'task':<46}{'seconds':>9}{'goal':>8}{'ratio':>8}")
    rows = [
        ("calibration, five actors, 1991-2010", calibration, GOAL_CALIBRATION),
        (f"hindcast, 4 origins x {len(forecasters)} forecasters, {RUNS} runs", whole,
         GOAL_HINDCAST),
    ]  # fmt: skip
    for label, seconds, goal in rows:
        print(f"{label:<46}{seconds:>9.2f}{goal:>8.0f}{seconds / goal:>8.3f}")


if __name__ == "__main__":
    main()
