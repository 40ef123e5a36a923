"""Today's engines against the batched engine of an earlier commit, on one world scenario.

Used by ``benchmarks/world.py --against COMMIT``. The earlier commit's ``src`` is taken from
this repository's history (``git archive``, into a temporary folder removed afterwards) and
run in a child process whose ``PYTHONPATH`` is that folder alone; the child
(``_old_engine.py``) and this process time their sides in alternation, each in its own CPU
time. Both read the same scenario file, written here: the random 193-state scenario in
three camps of :func:`_world.world_scenario`, with the camps written into the relations so
that the file (and not a patched compiled form) carries them. It has no ``preset`` key, so
the earlier commit (which had only the first rules) reads it, and today's code reads it
under ``v2`` (the default) or, with ``mechanisms.preset=v1``, under the first rules.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent


def common_scenario(path: Path, actors: int = 193, steps: int = 40, seed: int = 2019) -> None:
    """Write a random ``actors``-state scenario in three camps (friendly inside, cool across)
    as a file both the earlier and today's scenario formats accept (JSON is YAML)."""
    from alignsim.scenario.synthetic import random_scenario_dict

    raw = random_scenario_dict(actors, issues=6, threats=2, steps=steps, seed=seed, noise=0.02)
    rng = np.random.default_rng(seed)
    camp = rng.integers(0, 3, actors)
    index = {actor["id"]: i for i, actor in enumerate(raw["actors"])}
    for relation in raw["relations"]:
        i, j = (index[a] for a in relation["pair"])
        level = 0.4 if camp[i] == camp[j] else -0.25
        relation["alignment"] = round(float(np.clip(level + rng.normal(0, 0.2), -1, 1)), 4)
    path.write_text(json.dumps(raw))


def extract_source(commit: str, folder: Path) -> Path:
    """``src`` of ``commit`` from this repository's history, unpacked into ``folder``."""
    root = HERE.parent
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", commit, "src"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


class OldEngine:
    """The child process running ``commit``'s batched engine on request."""

    def __init__(self, source: Path, scenario: Path, runs: int, steps: int, seed: int, out: Path):
        env = {**os.environ, "PYTHONPATH": str(source)}
        for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            env[variable] = "1"
        command = [sys.executable, str(HERE / "_old_engine.py"), str(scenario)]
        command += [str(runs), str(steps), str(seed), str(out)]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
        )
        self.hello = self._answer()

    def _answer(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the earlier engine's process ended without an answer")
        return json.loads(line)

    def run(self) -> tuple[float, float]:
        """Run the batch once in the child: its (CPU, wall) seconds."""
        self.process.stdin.write("run\n")
        self.process.stdin.flush()
        answer = self._answer()
        return answer["cpu"], answer["wall"]

    def close(self) -> None:
        """End the child (it exits when its input closes) and wait for it."""
        self.process.stdin.close()
        self.process.wait(timeout=60)


def compare(commit: str, runs: int, steps: int, seed: int, repeats: int = 3) -> None:
    """Time ``commit``'s engine and today's, side by side, and print the ratios."""
    import tempfile

    from _world import world_scenario

    from alignsim.ensemble.chunks import FAST_BATCH
    from alignsim.ensemble.engine import iterate_batch, run_batch, run_seeds

    with tempfile.TemporaryDirectory(prefix="alignsim-against-") as folder:
        folder = Path(folder)
        scenario = folder / "world_random_193.yaml"
        common_scenario(scenario, steps=steps, seed=seed)
        source = extract_source(commit, folder / "old")
        old = OldEngine(source, scenario, runs, steps, seed, folder / "old_horizon.npy")
        try:
            if not Path(old.hello["source"]).is_relative_to(folder.resolve()):
                raise RuntimeError(f"the child imported alignsim from {old.hello['source']}")
            first_rules = world_scenario(str(scenario), preset="v1")
            default = world_scenario(str(scenario))
            seeds = run_seeds(seed, runs)

            def today(compiled, engine, keep=True):
                def go():
                    size = FAST_BATCH if engine == "fast" else runs
                    for first in range(0, runs, size):
                        batch = seeds[first : first + size]
                        if keep:
                            run_batch(compiled, batch, steps, engine=engine)
                        else:  # the horizon only
                            for _ in iterate_batch(compiled, batch, steps, engine=engine):
                                pass

                return go

            sides = [
                old.run,
                today(first_rules, "reference"),
                today(first_rules, "fast"),
                today(default, "fast"),
                today(default, "fast", keep=False),
            ]
            best = alternate_sides(sides, repeats)
            check = np.load(folder / "old_horizon.npy")
        finally:
            old.close()
        same_reference = run_batch(first_rules, seeds, steps).alignment[:, -1]
        same_fast = run_batch(first_rules, seeds[:FAST_BATCH], steps, engine="fast")
        date = subprocess.run(
            ["git", "-C", str(HERE.parent), "log", "-1", "--format=%cs", commit],
            capture_output=True,
            text=True,
        ).stdout.strip()
        report(commit, date, old.hello, runs, steps, best, check, same_reference, same_fast)


def alternate_sides(sides, repeats: int) -> list[tuple[float, float]]:
    """Best (CPU, wall) of each side, timed in alternation; a side returning a pair timed
    itself (in its own process), the others are timed here."""
    import time

    best = [(float("inf"), float("inf"))] * len(sides)
    for _ in range(repeats):
        for index, side in enumerate(sides):
            cpu, wall = time.process_time(), time.perf_counter()
            answer = side()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            if answer is not None:
                cpu, wall = answer
            best[index] = (min(best[index][0], cpu), min(best[index][1], wall))
    return best


def report(commit, date, hello, runs, steps, best, old_horizon, reference, fast) -> None:
    """Print the side-by-side table, the ratios and the check that both read one scenario."""
    per = 1e3 / (runs * steps)
    labels = (
        f"{commit} batched engine (rules v1, float64)",
        "today: reference engine, preset v1 (float64)",
        "today: fast engine, preset v1 (float32)",
        "today: fast engine, preset v2 default (float32)",
        "  the same, keeping the horizon only (info)",
    )
    print(
        f"0. against {commit} ({date}): {hello['actors']} states, {runs} runs x {steps}"
        f" steps, every step kept on both sides; one core each (CPU ms; wall)"
    )
    for label, (cpu, wall) in zip(labels, best, strict=True):
        print(f"   {label:48} {cpu * per:7.2f} ms per run-step ({wall * per:.2f} wall)")
    old = best[0][0]
    like, default = old / best[2][0], old / best[3][0]
    print(
        f"   {commit} / fast v1 (same rules): {like:.1f}x; {commit} / fast v2 (today's default"
        f" rules): {default:.1f}x (goal >= 10x: {'met' if default >= 10 else 'NOT met'}); "
        f"{commit} / reference v1: {old / best[1][0]:.1f}x; for information, {commit} (every "
        f"step, its only mode) / fast v2 keeping the horizon only: {old / best[4][0]:.1f}x"
    )
    gap_reference = np.abs(reference - old_horizon).max()
    gap_fast = np.abs(fast.alignment[:, -1] - old_horizon[: len(fast.alignment)]).max()
    print(
        f"   same scenario, same runs: largest alignment difference at step {steps} from "
        f"{commit}: reference v1 {gap_reference:.1e}, fast v1 float32 {gap_fast:.1e}"
    )
