"""Benchmark: the batched ensemble engine against Mesa's ``batch_run`` on the same model.

Run with ``.venv/bin/python benchmarks/ensemble.py``. It runs casa_2019 for 40 quarterly
steps: 1,000 runs with :func:`alignsim.ensemble.run_batch` (all runs advanced together
through the shared ``advance``), and 50 runs of the same seeds with ``mesa.batch_run`` on
:class:`alignsim.simulation.model.AlignmentModel` (given a DataCollector, as ``batch_run`` requires,
that records CRP cohesion each step), both on one core (BLAS threads pinned to 1, one
process). It checks that the two give the same CRP cohesion at step 40 for the shared runs
and prints runs per second side by side. Goals: 1,000 runs under 5 s; at least 20 times
the runs per second of ``batch_run``. For information it also times 1,000 runs with
uncertain inputs (structural-balance weight and adjustment rate drawn per run), which are
drawn, validated and compiled per run before being batched.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import time  # noqa: E402

import mesa  # noqa: E402
import numpy as np  # noqa: E402

from alignsim.analysis import cohesion  # noqa: E402
from alignsim.ensemble import run_batch, run_seeds  # noqa: E402
from alignsim.ensemble.montecarlo import run_ensemble  # noqa: E402
from alignsim.scenario import load_scenario  # noqa: E402
from alignsim.simulation.compiled import compile_scenario  # noqa: E402
from alignsim.simulation.model import AlignmentModel  # noqa: E402

SEED = 2019
STEPS = 40
BATCH_RUNS = 1000
MESA_RUNS = 50
GOAL_SECONDS = 5.0
GOAL_RATIO = 20.0
UNCERTAIN = (
    "mechanisms.structural_balance.weight={uniform: [0.1, 0.4]}",
    "mechanisms.adjustment.rate={triangular: [0.1, 0.2, 0.3]}",
)


class CollectingModel(AlignmentModel):
    """The Mesa model with a DataCollector of CRP cohesion, as ``batch_run`` expects."""

    def __init__(self, scenario, rng=None):
        super().__init__(scenario, rng=rng)
        members = self.compiled.groups["CRP"]
        self.datacollector = mesa.DataCollector(
            model_reporters={"CRP": lambda m: float(cohesion(m.state.alignment, members))}
        )
        self.datacollector.collect(self)

    def step(self) -> None:
        super().step()
        self.datacollector.collect(self)


def main() -> None:
    compiled = compile_scenario(load_scenario("casa_2019"))
    seeds = run_seeds(SEED, BATCH_RUNS)
    crp = compiled.groups["CRP"]

    run_batch(compiled, seeds[:10], STEPS)  # warm-up (imports, caches)
    start = time.perf_counter()
    history = run_batch(compiled, seeds, STEPS)
    batched_seconds = time.perf_counter() - start
    batched_crp = cohesion(history.alignment[:, -1], crp)

    start = time.perf_counter()
    rows = mesa.batch_run(
        CollectingModel,
        {"scenario": compiled},
        number_processes=1,
        rng=seeds[:MESA_RUNS],
        max_steps=STEPS,
        data_collection_period=-1,
        display_progress=False,
    )
    mesa_seconds = time.perf_counter() - start
    mesa_crp = np.array([row["CRP"] for row in sorted(rows, key=lambda r: r["RunId"])])
    same = len(rows) == MESA_RUNS and all(row["Step"] == STEPS for row in rows)
    same = same and np.array_equal(mesa_crp, batched_crp[:MESA_RUNS])

    start = time.perf_counter()
    run_ensemble("casa_2019", BATCH_RUNS, seed=SEED, steps=STEPS, settings=UNCERTAIN)
    uncertain_seconds = time.perf_counter() - start

    batched_rate = BATCH_RUNS / batched_seconds
    mesa_rate = MESA_RUNS / mesa_seconds
    ratio = batched_rate / mesa_rate
    print(f"casa_2019, {STEPS} quarterly steps, {len(compiled.actors)} actors, one core")
    print(f"{'':28}{'runs':>8}{'seconds':>10}{'runs/s':>10}")
    print(
        f"{'batched engine (run_batch)':28}{BATCH_RUNS:>8}{batched_seconds:>10.3f}"
        f"{batched_rate:>10.1f}"
    )
    print(
        f"{'run_ensemble, uncertain':28}{BATCH_RUNS:>8}{uncertain_seconds:>10.3f}"
        f"{BATCH_RUNS / uncertain_seconds:>10.1f}"
    )
    print(f"{'mesa.batch_run':28}{MESA_RUNS:>8}{mesa_seconds:>10.3f}{mesa_rate:>10.1f}")
    print(
        f"throughput ratio: {ratio:.1f}x (goal >= {GOAL_RATIO:g}x: "
        f"{'met' if ratio >= GOAL_RATIO else 'NOT met'})"
    )
    print(
        f"1,000 runs in {batched_seconds:.2f} s (goal < {GOAL_SECONDS:g} s: "
        f"{'met' if batched_seconds < GOAL_SECONDS else 'NOT met'})"
    )
    print(f"CRP cohesion at step {STEPS} identical for the {MESA_RUNS} shared runs: {same}")


if __name__ == "__main__":
    main()
