"""Child of ``benchmarks/_against.py``: an earlier commit's batched engine, timed on request.

Run with ``PYTHONPATH`` set to that commit's ``src`` alone (``_against.OldEngine`` does):
``python _old_engine.py SCENARIO RUNS STEPS SEED HORIZON.npy``. It loads the scenario with
that commit's loader, answers one JSON line (number of states, where ``alignsim`` was
imported from), then for each ``run`` line on its input runs ``run_batch`` (that engine
keeps every step) on ``RUNS`` runs seeded ``SeedSequence(SEED).spawn(RUNS)`` and answers its
own CPU and wall seconds. The first run's alignments at the horizon are saved to ``HORIZON.npy``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np


def main() -> int:
    scenario, runs, steps, seed, horizon = sys.argv[1:6]
    runs, steps = int(runs), int(steps)
    import alignsim
    from alignsim.ensemble.engine import run_batch, run_seeds
    from alignsim.scenario import load_scenario

    try:  # the first session's layout, then today's
        from alignsim.compiled import compile_scenario
    except ImportError:
        from alignsim.simulation.compiled import compile_scenario

    compiled = compile_scenario(load_scenario(scenario))
    seeds = run_seeds(int(seed), runs)
    source = Path(alignsim.__file__).resolve().parents[2]
    hello = {"actors": len(compiled.actors), "source": str(source)}
    print(json.dumps(hello), flush=True)
    saved = False
    for line in sys.stdin:
        if line.strip() != "run":
            continue
        cpu, wall = time.process_time(), time.perf_counter()
        history = run_batch(compiled, seeds, steps)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if not saved:
            np.save(horizon, history.alignment[:, -1])
            saved = True
        del history
        print(json.dumps({"cpu": cpu, "wall": wall}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
