"""World-scale ensembles: 193 states x 40 quarterly steps x 1,000 runs, side by side.

Run: ``python benchmarks/world.py [SCENARIO]`` (a few minutes; SCENARIO defaults to the
bundled ``world_2019`` when it exists, else a random 193-state scenario in three camps). All
measured in this one run, on a machine shared with other work (the load is printed):

1. Step cost at n = 193, one core, one chunk of 50 runs: the reference engine (today's path,
   float64, every mechanism evaluated as written: kept as ``engine="reference"``) against
   the fast engine (``engine="fast"``: float32, see :mod:`alignsim.ensemble.fast`), timed in
   alternation; and the bare matrix products a fast step needs (the cubic products it
   actually performs, counted while it runs, replayed alone): the step's ratio to them.
   Goals: fast >= 10x reference; fast step within 2x of its bare products.
2. The same ensemble of 50 runs x 40 steps through ``run_ensemble`` with each engine, in
   alternation (events, noise, summaries included): ratio, and the largest difference of any
   alignment at the horizon between the two (float32 tolerance 0.001).
3. The whole ensemble, 1,000 runs, two worker processes, ``--record horizon``, fast engine,
   in a child process whose process tree's memory is sampled every 0.1 s. Goals: < 60 s,
   peak memory < 4 GB.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from _world import bare_products_seconds, cubic_products, world_scenario  # noqa: E402

from alignsim.ensemble.engine import iterate_batch, run_seeds  # noqa: E402
from alignsim.ensemble.fast import fast_step  # noqa: E402
from alignsim.ensemble.montecarlo import run_ensemble  # noqa: E402
from alignsim.ensemble.precision import compiled_as  # noqa: E402

RUNS, CHUNK, STEPS, SEED = 1000, 50, 40, 2019


def scenario_name() -> str | None:
    if len(sys.argv) > 1 and not sys.argv[1].startswith("--"):
        return sys.argv[1]
    from importlib.resources import files

    bundled = files("alignsim.scenarios") / "world_2019.yaml"
    return "world_2019" if bundled.is_file() else None


def alternate(functions, repeats: int) -> list[float]:
    """Best wall time of each function, timed in alternation so load hits all alike."""
    best = [float("inf")] * len(functions)
    for _ in range(repeats):
        for index, function in enumerate(functions):
            start = time.perf_counter()
            function()
            best[index] = min(best[index], time.perf_counter() - start)
    return best


def step_cost(compiled) -> None:
    seeds = run_seeds(SEED, CHUNK)
    steps = 3

    def reference():
        for _ in iterate_batch(compiled, seeds, steps, engine="reference"):
            pass

    def fast():
        for _ in iterate_batch(compiled, seeds, steps, engine="fast"):
            pass

    slow_s, fast_s = alternate([reference, fast], 3)
    single = compiled_as(compiled, np.float32)
    state = single.initial.stacked(CHUNK)
    products = cubic_products(lambda s: fast_step(s, single.rules, 0.0, 0.0), state)
    bare = bare_products_seconds(products)
    per = 1e3 / (CHUNK * steps)
    print(f"1. step cost, n = {len(compiled.actors)}, {CHUNK} runs per chunk, one core")
    print(f"   reference engine (float64)  {slow_s * per:8.2f} ms per run-step")
    print(f"   fast engine (float32)       {fast_s * per:8.2f} ms per run-step")
    print(
        f"   bare products of a step     {bare * 1e3 / CHUNK:8.2f} ms per run-step "
        f"({len(products)} batched products {products[0][0] if products else ''})"
    )
    print(
        f"   fast / reference: {slow_s / fast_s:.1f}x (goal >= 10x: "
        f"{'met' if slow_s / fast_s >= 10 else 'NOT met'}); fast step / bare products: "
        f"{fast_s / steps / bare:.1f}x (goal <= 2x: "
        f"{'met' if fast_s / steps / bare <= 2 else 'NOT met'})"
    )


def same_ensemble(compiled) -> None:
    results = {}

    def run(engine):
        def go():
            results[engine] = run_ensemble(
                compiled, CHUNK, seed=SEED, steps=STEPS, record="horizon", engine=engine
            )

        return go

    slow_s, fast_s = alternate([run("reference"), run("fast")], 2)
    gap = np.abs(
        results["fast"].history.alignment.astype(float) - results["reference"].history.alignment
    ).max()
    print(f"2. run_ensemble, {CHUNK} runs x {STEPS} steps, one core")
    print(
        f"   reference {slow_s:.2f} s, fast {fast_s:.2f} s: {slow_s / fast_s:.1f}x; "
        f"largest alignment difference at the horizon {gap:.2e} (tolerance 1e-3)"
    )


def whole(name: str | None) -> None:
    done = subprocess.run(
        [sys.executable, __file__, "--child", name or ""],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"3. {RUNS} runs x {STEPS} steps, 2 worker processes, --record horizon, fast engine")
    print(
        f"   {found['seconds']:.1f} s (goal < 60 s: {'met' if found['seconds'] < 60 else 'NOT met'}"
        f"); peak memory of the process tree {found['peak'] / 2**30:.2f} GB (goal < 4 GB: "
        f"{'met' if found['peak'] < 4 * 2**30 else 'NOT met'})"
    )


def child(name: str | None) -> None:
    import psutil

    compiled = world_scenario(name or None)
    me, peak, running = psutil.Process(), [0], [True]

    def sample():
        while running[0]:
            try:
                tree = [me, *me.children(recursive=True)]
                peak[0] = max(peak[0], sum(p.memory_info().rss for p in tree))
            except psutil.Error:
                pass
            time.sleep(0.1)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    start = time.perf_counter()
    run_ensemble(compiled, RUNS, seed=SEED, steps=STEPS, workers=2, record="horizon", engine="fast")
    seconds = time.perf_counter() - start
    running[0] = False
    thread.join()
    print(json.dumps({"seconds": seconds, "peak": peak[0]}))


def main() -> int:
    name = scenario_name()
    compiled = world_scenario(name)
    print(
        f"{compiled.name}: {len(compiled.actors)} states, preset {compiled.rules.preset}; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    step_cost(compiled)
    same_ensemble(compiled)
    whole(name)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
        sys.exit(0)
    sys.exit(main())
