"""One task of an ensemble: a chunk of runs, summarised step by step as it goes.

A worker receives the scenario once (see :func:`alignsim.ensemble.executors.stream_tasks`)
and, per task, only the ensemble seed and the chunk's run range; it sends back the chunk's
series in compact form (:class:`~alignsim.ensemble.streaming.SeriesChunk`), its bloc tally,
and the per-run states at the steps the :class:`Record` keeps. Nothing it returns grows with
the number of steps unless the record asks for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from alignsim.dynamics.step import FIELDS, State
from alignsim.ensemble.streaming import BlocTally, SeriesChunk

#: beyond this many pairs, pair bands are kept only for pairs inside the scenario's groups
PAIR_LIMIT = 325  # 26 actors


class RecordError(ValueError):
    """A ``--record`` value that cannot be read."""


@dataclass(frozen=True)
class Record:
    """Which steps of each run are kept: every ``every``-th step (and the horizon), or only
    the horizon (``every=None``). Summaries always see every step."""

    every: int | None = 1

    def steps(self, horizon: int) -> tuple[int, ...]:
        """The kept steps, always ending with the horizon."""
        if self.every is None:
            return (horizon,)
        kept = list(range(0, horizon + 1, self.every))
        return tuple(kept if kept[-1] == horizon else [*kept, horizon])

    @property
    def label(self) -> str:
        """``all``, ``every:K`` or ``horizon``."""
        return (
            "horizon" if self.every is None else "all" if self.every == 1 else f"every:{self.every}"
        )


#: memory the per-run history may take before ``auto`` keeps only the horizon
AUTO_RECORD_BYTES = 1 << 30


def parse_record(text: str, runs: int = 1, steps: int = 0, state_bytes: int = 0) -> Record:
    """``all``, ``every:K`` (``K`` >= 1), ``horizon``, or ``auto``: ``all`` when
    ``runs x (steps + 1) x state_bytes`` is at most :data:`AUTO_RECORD_BYTES`, else ``horizon``.

    Raises:
        RecordError: In one line, for anything else.
    """
    text = text.strip().lower()
    if text == "auto":
        every_step = runs * (steps + 1) * state_bytes <= AUTO_RECORD_BYTES
        return Record(1 if every_step else None)
    if text in ("all", "horizon"):
        return Record(1 if text == "all" else None)
    match = re.fullmatch(r"every:(\d+)", text)
    if match and int(match.group(1)) >= 1:
        return Record(int(match.group(1)))
    raise RecordError(f"--record: expected all, every:K (K >= 1), horizon or auto, got {text!r}")


def state_bytes(state: State) -> int:
    """Bytes of one run's state (what one kept step costs)."""
    return sum(np.asarray(getattr(state, f)).nbytes for f in FIELDS)


@dataclass(frozen=True)
class SeriesPlan:
    """The series summarised in bands: pair alignments and group cohesions.

    Attributes:
        names: ``"A-B"`` for pairs, the group name for groups.
        kinds: ``"pair"`` or ``"group"`` per series.
        rows: First actor of each pair series.
        cols: Second actor of each pair series.
        groups: Member indices of each group series.
    """

    names: tuple[str, ...]
    kinds: tuple[str, ...]
    rows: np.ndarray
    cols: np.ndarray
    groups: tuple[tuple[int, ...], ...]

    def values(self, alignment: np.ndarray) -> np.ndarray:
        """Every series for alignments ``(..., n, n)``: ``(..., series)``."""
        from alignsim.analysis import cohesion

        pairs = alignment[..., self.rows, self.cols]
        groups = [cohesion(alignment, members)[..., None] for members in self.groups]
        return np.concatenate([pairs, *groups], axis=-1)


def series_plan(compiled: Any) -> SeriesPlan:
    """Every pair (or, beyond :data:`PAIR_LIMIT` pairs, the pairs inside groups) and every
    group of the scenario, pairs in actor order."""
    actors = compiled.actors
    rows, cols = np.triu_indices(len(actors), k=1)
    if len(rows) > PAIR_LIMIT:
        members = {i for group in compiled.groups.values() for i in group}
        keep = [p for p, (a, b) in enumerate(zip(rows, cols, strict=True)) if {a, b} <= members]
        rows, cols = rows[keep], cols[keep]
    names = [f"{actors[a]}-{actors[b]}" for a, b in zip(rows, cols, strict=True)]
    return SeriesPlan(
        names=(*names, *compiled.groups),
        kinds=("pair",) * len(names) + ("group",) * len(compiled.groups),
        rows=rows,
        cols=cols,
        groups=tuple(tuple(m) for m in compiled.groups.values()),
    )


@dataclass(frozen=True)
class ChunkPlan:
    """What every task computes besides the runs themselves.

    Attributes:
        steps: Steps per run.
        kept: Steps whose states are kept per run.
        series: The series summarised.
        blocs: Whether to solve each run's landscape at the horizon.
        names: Actor ids (for the bloc text).
        stream: Whether to send the series back for histograms (not needed when every
            step is kept: the bands are then computed exactly from the kept states).
        dtype: ``"float64"``, ``"float32"`` or ``None`` (the engine's own: float64 for the
            reference engine, float32 for the fast one; :mod:`alignsim.ensemble.precision`).
        engine: ``"reference"`` or ``"fast"`` (:mod:`alignsim.ensemble.fast`).
    """

    steps: int
    kept: tuple[int, ...]
    series: SeriesPlan
    blocs: bool
    names: tuple[str, ...]
    stream: bool = True
    dtype: str | None = None
    engine: str = "reference"


@dataclass
class ChunkResult:
    """What a task sends back: series, bloc tally and the kept states ``(runs, kept, ...)``."""

    runs: int
    series: SeriesChunk | None
    blocs: BlocTally | None
    kept: State


def horizon_blocs(
    alignment: np.ndarray, capability: np.ndarray, names: Sequence[str], coalitions: int = 2
) -> tuple[list[str], np.ndarray]:
    """Each run's landscape global minimum: its text (``"A+B | C"``) and labels ``(runs, n)``.

    Sizes are the capabilities, propensities the alignments (landscape theory, Axelrod &
    Bennett 1993; see :func:`alignsim.games.landscape.solve`). Landscapes too large to
    enumerate get the heuristic with :data:`alignsim.analysis.blocs.WORLD_STARTS` random
    starts plus the previous run's minimum as a warm start.
    """
    from alignsim.analysis.blocs import solve_in_turn

    found = list(solve_in_turn(alignment, capability, names, coalitions))
    sides = [result.sides(0) for result in found]
    labels = [result.global_labels for result in found]
    return sides, np.array(labels).reshape(alignment.shape[0], len(names))


def summarise_chunk(states: Any, plan: ChunkPlan) -> ChunkResult:
    """Summarise a chunk's states one step at a time (from ``iterate_batch``)."""
    values, kept, last = [], [], None
    for step, state in enumerate(states):
        if plan.stream:
            values.append(plan.series.values(state.alignment))
        if step in plan.kept:
            kept.append(state)
        last = state
    runs = int(last.alignment.shape[0])
    tally = None
    if plan.blocs:
        sides, labels = horizon_blocs(last.alignment, last.capability, plan.names)
        tally = BlocTally.of(sides, labels)
    history = State.stack(kept, axis=1)
    series = SeriesChunk.of(np.stack(values)) if plan.stream else None
    return ChunkResult(runs, series, tally, history)


def run_chunk(source: Any, plan: ChunkPlan, seed: int, runs: int, start: int, stop: int) -> Any:
    """Runs ``start .. stop - 1`` of an ensemble of ``runs`` runs (one executor task).

    The fast engine advances them :data:`FAST_BATCH` at a time (arrays that stay in cache),
    the reference engine all together; each run's numbers are the same either way.
    """
    from alignsim.ensemble.engine import iterate_batch, iterate_varied, run_seeds

    seeds = run_seeds(seed, runs)[start:stop]
    size = FAST_BATCH if plan.engine == "fast" else len(seeds)
    parts = []
    for first in range(0, len(seeds), size):
        batch = seeds[first : first + size]
        if not hasattr(source, "compiled_for"):  # a fixed source: one compiled for every run
            states = iterate_batch(
                source.compiled, batch, plan.steps, dtype=plan.dtype, engine=plan.engine
            )
        else:
            compileds = [source.compiled_for(s) for s in batch]
            states = iterate_varied(compileds, batch, plan.steps, plan.dtype, plan.engine)
        parts.append(summarise_chunk(states, plan))
    return join_chunks(parts)


#: runs the fast engine advances together inside a task
FAST_BATCH = 10


def join_chunks(parts: list[ChunkResult]) -> ChunkResult:
    """Consecutive runs' results as one (series, kept states and bloc tallies joined)."""
    if len(parts) == 1:
        return parts[0]
    series = None
    if parts[0].series is not None:
        series = SeriesChunk(
            np.concatenate([p.series.bins for p in parts], axis=1),
            np.min([p.series.low for p in parts], axis=0),
            np.max([p.series.high for p in parts], axis=0),
        )
    tally = None
    for part in parts:
        tally = BlocTally.joined(tally, part.blocs)
    kept = State(*(np.concatenate([getattr(p.kept, f) for p in parts]) for f in FIELDS))
    return ChunkResult(sum(p.runs for p in parts), series, tally, kept)
