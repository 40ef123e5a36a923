"""World-scale ensembles: 193 states x 40 quarterly steps x 1,000 runs, side by side.

Run: ``python benchmarks/world.py [SCENARIO] [--against COMMIT] [--only 0,1,2,3]`` (a few
minutes; SCENARIO defaults to the bundled ``world_2019`` when it exists, else a random
193-state scenario in three camps; COMMIT defaults to ``aa61d80``, ``none`` skips part 0).
All measured in this one run, on a machine shared with other work (the load is printed):

0. Today's engines against the batched engine of COMMIT (default ``aa61d80``, the last
   commit of the session that filed the world-scale issue: "today's engine" of its
   10x target), taken from the git history and run in a child process with its own
   ``PYTHONPATH``, on one random 193-state scenario file both read (``_against.py``):
   20 runs x 40 steps, every step kept on both sides (that engine's only mode), timed in
   alternation, each side's CPU time in its own process. Sides: COMMIT (rules v1, float64),
   today's reference engine on preset ``v1``, the fast engine on ``v1`` (the like-for-like
   ratio) and on the default ``v2`` (the target's ratio); for information only, the fast
   engine on ``v2`` keeping the horizon alone (what the world ensemble keeps; not the same
   record settings). Both read the same scenario and seeds: the largest difference of
   their alignments at the horizon is printed.

1. Step cost at n = 195, one core, 20 runs x 40 steps (the world ensemble's horizon, so
   a batch's first-step work is spread as in the ensemble), CPU time of this process (wall
   time is printed too but is inflated by the load): the reference engine (the Mesa
   model's path, float64, every mechanism evaluated as written and the terms stacked) on
   the default preset and on ``v1``, the fast engine (float32, fused kernels, 10 runs at a
   time; :mod:`alignsim.ensemble.fast`) and, for the record, the per-run noise draws of
   the same runs alone, timed in alternation; and the bare matrix products a fast step
   needs (the cubic products it actually performs, counted while it runs, replayed
   alone). Goal: fast step within 2x of its bare products.
2. The same ensemble of 50 runs x 40 steps through ``run_ensemble`` with each engine, in
   alternation (events, noise, summaries included): ratio, and the largest difference of any
   alignment at the horizon between the two (float32 tolerance 0.001).
3. The whole ensemble, 1,000 runs, two worker processes, ``--record horizon``, fast engine,
   in a child process whose process tree is sampled every 0.1 s (memory, CPU time). Goals:
   < 60 s, peak memory < 4 GB.
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

from alignsim.dynamics.adjustment import SymmetricNormals  # noqa: E402
from alignsim.ensemble.chunks import FAST_BATCH  # noqa: E402
from alignsim.ensemble.engine import iterate_batch, model_generator, run_seeds  # noqa: E402
from alignsim.ensemble.fast import fast_step  # noqa: E402
from alignsim.ensemble.montecarlo import run_ensemble  # noqa: E402
from alignsim.ensemble.precision import compiled_as  # noqa: E402

RUNS, CHUNK, STEPS, SEED = 1000, 50, 40, 2019
STEP_RUNS = 20  # runs of the step-cost comparison (part 1)


def options() -> tuple[str | None, str, set[str]]:
    """SCENARIO, --against COMMIT and --only PARTS from the command line."""
    words, name, against, only = sys.argv[1:], None, "aa61d80", {"0", "1", "2", "3"}
    while words:
        word = words.pop(0)
        if word in ("--against", "--only") and words:
            value = words.pop(0)
            if word == "--against":
                against = value
            else:
                only = set(value.split(","))
        else:
            name = word
    return name or scenario_name(), against, only


def scenario_name() -> str | None:
    from importlib.resources import files

    bundled = files("alignsim.scenarios") / "world_2019.yaml"
    return "world_2019" if bundled.is_file() else None


def alternate(functions, repeats: int) -> list[tuple[float, float]]:
    """Best CPU time and best wall time of each function, timed in alternation so load hits
    all alike."""
    best = [(float("inf"), float("inf"))] * len(functions)
    for _ in range(repeats):
        for index, function in enumerate(functions):
            cpu, wall = time.process_time(), time.perf_counter()
            function()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            best[index] = (min(best[index][0], cpu), min(best[index][1], wall))
    return best


def step_cost(compiled, first_rules) -> None:
    runs, steps = STEP_RUNS, STEPS
    seeds = run_seeds(SEED, runs)

    def engine_run(scenario, engine):
        def go():
            size = FAST_BATCH if engine == "fast" else runs
            for first in range(0, runs, size):
                for _ in iterate_batch(scenario, seeds[first : first + size], steps, engine=engine):
                    pass

        return go

    def draws():  # the per-run noise of the same runs and steps, alone
        for first in range(0, runs, FAST_BATCH):
            generators = [model_generator(s) for s in seeds[first : first + FAST_BATCH]]
            normals = SymmetricNormals(len(compiled.actors))
            for _ in range(steps):
                normals.draw(generators, np.float32)

    timed = alternate(
        [
            engine_run(compiled, "reference"),
            engine_run(first_rules, "reference"),
            engine_run(compiled, "fast"),
            draws,
        ],
        3,
    )
    (slow, _), (old, _), (quick, _), (noise, _) = timed
    single = compiled_as(compiled, np.float32)
    state = single.initial.stacked(FAST_BATCH)
    products = cubic_products(lambda s: fast_step(s, single.rules, 0.0, 0.0), state)
    bare = bare_products_seconds(products) * runs / FAST_BATCH * steps  # CPU time
    per = 1e3 / (runs * steps)
    print(
        f"1. step cost, n = {len(compiled.actors)}, {runs} runs x {steps} steps, one core "
        "(CPU ms; wall)"
    )
    labels = (
        f"reference engine, {compiled.rules.preset} (float64)",
        "reference engine, v1 preset (float64)",
        f"fast engine, {compiled.rules.preset} (float32)",
        "  of which could be the per-run noise draws",
    )
    for label, (cpu, wall) in zip(labels, timed, strict=True):
        print(f"   {label:46} {cpu * per:7.3f} ms per run-step ({wall * per:.3f} wall)")
    label = f"bare products of a fast step ({len(products)} per step)"
    print(f"   {label:46} {bare * per:7.3f} ms per run-step")
    to_bare = quick / bare
    print(
        f"   fast step / bare products: {to_bare:.2f}x (goal <= 2x: "
        f"{'met' if to_bare <= 2 else 'NOT met'}); noise draws alone / bare products: "
        f"{noise / bare:.2f}x; fast / reference on the same rules: {slow / quick:.1f}x; "
        f"fast / reference on v1: {old / quick:.1f}x"
    )


def same_ensemble(compiled) -> None:
    results = {}

    def run(engine):
        def go():
            results[engine] = run_ensemble(
                compiled, CHUNK, seed=SEED, steps=STEPS, record="horizon", engine=engine
            )

        return go

    (slow_s, _), (fast_s, _) = alternate([run("reference"), run("fast")], 2)
    gap = np.abs(
        results["fast"].history.alignment.astype(float) - results["reference"].history.alignment
    ).max()
    print(f"2. run_ensemble, {CHUNK} runs x {STEPS} steps, one core (CPU time)")
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
    seconds, cpu = found["seconds"], found["cpu"]
    print(
        f"   wall {seconds:.1f} s (goal < 60 s: {'met' if seconds < 60 else 'NOT met'}); CPU "
        f"{cpu:.1f} s over the process tree, i.e. {cpu / 2:.1f} s on 2 idle cores; peak memory "
        f"{found['peak'] / 2**30:.2f} GB (goal < 4 GB: "
        f"{'met' if found['peak'] < 4 * 2**30 else 'NOT met'})"
    )


def child(name: str | None) -> None:
    import psutil

    compiled = world_scenario(name or None)
    me, peak, running, cpu = psutil.Process(), [0], [True], {}

    def sample():
        while running[0]:
            try:
                tree = [me, *me.children(recursive=True)]
                peak[0] = max(peak[0], sum(p.memory_info().rss for p in tree))
                for p in tree[1:]:
                    times = p.cpu_times()
                    cpu[p.pid] = times.user + times.system
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
    own = me.cpu_times()
    total = own.user + own.system + sum(cpu.values())
    print(json.dumps({"seconds": seconds, "peak": peak[0], "cpu": total}))


def main() -> int:
    name, against, only = options()
    compiled = world_scenario(name)
    print(
        f"{compiled.name}: {len(compiled.actors)} states, preset {compiled.rules.preset}; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    if "0" in only and against != "none":
        from _against import compare

        compare(against, runs=20, steps=STEPS, seed=SEED)
    if "1" in only:
        step_cost(compiled, world_scenario(name, preset="v1"))
    if "2" in only:
        same_ensemble(compiled)
    if "3" in only:
        whole(name)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
        sys.exit(0)
    sys.exit(main())
