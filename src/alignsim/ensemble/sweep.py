"""Parameter sweeps: a grid of ``--set`` values, replicated runs per cell, resumable on disk.

Every cell of the grid (the Cartesian product of the values of each path) runs ``runs``
replicates with the same ensemble seed (common random numbers: replicate ``r`` of every
cell shares its noise, so differences between cells are not blurred by different draws).
Each finished cell is written at once, atomically, as ``cells/cell-NNNNN-HASH.parquet``;
running the same sweep again skips the cells already on disk, so an interrupted sweep
resumes and ends with exactly the results of an uninterrupted one.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from alignsim.ensemble.cells import CellError, damage, read_cell, write_cell
from alignsim.ensemble.executors import ExecutorLike, run_tasks
from alignsim.results.storage import write_text


class SweepError(ValueError):
    """A bad grid, or an output folder that holds a different sweep."""


@dataclass(frozen=True)
class Axis:
    """One swept scenario path and its values (as typed on the command line).

    Attributes:
        path: The ``--set`` path.
        values: Its values, as typed.
        label: Where it was given, for messages (default ``--grid PATH``); a sweep file's
            axis is ``FILE:LINE grid.PATH``. It does not take part in comparisons.
    """

    path: str
    values: tuple[str, ...]
    label: str = field(default="", compare=False)

    @property
    def where(self) -> str:
        """How messages name the axis."""
        return self.label or f"--grid {self.path}"


def parse_grid(specs: list[str] | tuple[str, ...]) -> list[Axis]:
    """``PATH=V1,V2,...`` specifications as axes.

    Raises:
        SweepError: For a malformed specification or a path given twice.
    """
    axes: list[Axis] = []
    for spec in specs:
        path, sep, raw = spec.partition("=")
        values = tuple(v.strip() for v in raw.split(",")) if sep else ()
        if not path or not values or any(v == "" for v in values):
            raise SweepError(f"--grid {spec!r}: expected PATH=VALUE,VALUE,...")
        if any(axis.path == path for axis in axes):
            raise SweepError(f"--grid {path}: given twice")
        axes.append(Axis(path, values))
    return axes


def grid_cells(axes: list[Axis]) -> list[tuple[str, ...]]:
    """Every combination of values, the last axis varying fastest."""
    return list(itertools.product(*(axis.values for axis in axes)))


def cell_settings(axes: list[Axis], cell: tuple[str, ...]) -> list[str]:
    """The ``PATH=VALUE`` settings of a cell."""
    return [f"{axis.path}={value}" for axis, value in zip(axes, cell, strict=True)]


def cell_file(index: int, settings: list[str]) -> str:
    """File name of a cell's results: its index and a hash of its settings."""
    digest = hashlib.sha256("\n".join(settings).encode()).hexdigest()[:10]
    return f"cell-{index:05d}-{digest}.parquet"


def _typed(raw: str) -> Any:
    from alignsim.scenario import ScenarioError
    from alignsim.scenario.merge import parse_value

    try:
        value = parse_value(raw, "")
    except ScenarioError:
        return raw
    return value if isinstance(value, int | float | str | bool) else raw


def run_cell(
    scenario: str,
    settings: list[str],
    runs: int,
    seed: int,
    steps: int | None,
    blocs: bool = True,
) -> pd.DataFrame:
    """One cell: ``runs`` replicates, the horizon values of every run (one executor task).

    With ``blocs``, each run also gets a row of kind ``bloc`` whose name is its landscape
    configuration at the horizon (value 1), so bloc probabilities per cell are counts.
    """
    from alignsim.ensemble.montecarlo import run_ensemble
    from alignsim.ensemble.summaries import bloc_configurations, horizon_table

    ensemble = run_ensemble(scenario, runs, seed=seed, steps=steps, settings=settings)
    table = horizon_table(ensemble)
    if not blocs:
        return table
    configurations = pd.DataFrame(
        {"run": range(runs), "kind": "bloc", "name": bloc_configurations(ensemble), "value": 1.0}
    )
    return pd.concat([table, configurations], ignore_index=True)


def write_atomically(frame: pd.DataFrame, path: Path) -> None:
    """Write a cell's Parquet atomically, with page checksums (see :mod:`.cells`)."""
    write_cell(frame, path)


def _label(
    frame: pd.DataFrame, index: int, axes: list[Axis], cell: tuple[str, ...]
) -> pd.DataFrame:
    labelled = frame.copy()
    for position, (axis, value) in enumerate(zip(axes, cell, strict=True)):
        labelled.insert(position, axis.path, _typed(value))
    labelled.insert(0, "cell", index)
    return labelled


def base_scenario_hash(scenario: str, settings: list[str] | tuple[str, ...] = ()) -> str:
    """SHA-256 of the validated scenario that every cell starts from (before the grid).

    The scenario is read with the sweep's common ``settings`` but none of the grid's, and
    hashed with :func:`alignsim.scenario.scenario_hash`. Uncertain inputs are validated at
    their central values, so the distributions themselves are hashed in as well. A base that
    is only valid once the grid's values are set is hashed as its merged tree.

    Raises:
        ScenarioError: If the file cannot be read or a setting does not apply.
    """
    from alignsim.scenario import ScenarioError, scenario_hash
    from alignsim.scenario.loader import read_tree, validate_tree
    from alignsim.scenario.uncertain import central_values, distribution_sites

    tree = read_tree(scenario, settings)
    sites = distribution_sites(tree)
    try:
        digest = scenario_hash(validate_tree(central_values(tree) if sites else tree))
    except ScenarioError:
        digest = _canonical_hash(tree)
    if not sites:
        return digest
    return _canonical_hash([digest, [[list(path), node] for path, node, _ in sites]])


def _canonical_hash(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _check_manifest(out: Path, manifest: dict[str, Any]) -> None:
    path = out / "sweep.json"
    if path.exists():
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise SweepError(
                f"{path}: damaged or unreadable ({error}); use another --out"
            ) from None
        if not isinstance(stored, dict):
            raise SweepError(f"{path}: damaged (not a JSON mapping); use another --out")
        if stored.get("scenario_hash", manifest["scenario_hash"]) != manifest["scenario_hash"]:
            raise SweepError(
                f"{out} holds a sweep of another version of {manifest['scenario']} (the "
                "scenario changed since); use another --out or remove the folder"
            )
        if stored != manifest:
            raise SweepError(
                f"{out} holds a different sweep (see {path}); use another --out or remove it"
            )
        return
    from alignsim.results.ownership import protected_reason

    if (reason := protected_reason(out)) is not None:
        raise SweepError(f"{out}: {reason}; name a new folder for the sweep")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SweepError(
            f"{out}: holds files that are not a sweep (no sweep.json); name a new folder"
        )
    out.mkdir(parents=True, exist_ok=True)
    write_text(path, json.dumps(manifest, indent=2) + "\n")


@dataclass
class SweepProgress:
    """How far a sweep got: cells in the grid, found on disk, computed now."""

    cells: int
    found: int
    computed: int

    @property
    def complete(self) -> bool:
        """Whether every cell is on disk."""
        return self.found + self.computed == self.cells


def run_sweep(
    scenario: str,
    grid: list[Axis],
    runs: int,
    out: str | os.PathLike[str],
    seed: int = 0,
    steps: int | None = None,
    settings: list[str] | tuple[str, ...] = (),
    workers: int = 1,
    executor: ExecutorLike = None,
    limit: int | None = None,
    on_cell: Callable[[int], None] | None = None,
    blocs: bool = True,
    on_damaged: Callable[[str], None] | None = None,
) -> tuple[pd.DataFrame | None, SweepProgress]:
    """Run (or resume) a sweep and gather its tidy results.

    Args:
        scenario: Path or bundled name of the scenario.
        grid: The axes of :func:`parse_grid`.
        runs: Replicates per cell.
        out: Folder of the sweep (``sweep.json``, ``cells/``).
        seed: Ensemble seed shared by every cell.
        steps: Steps per run (default: the scenario's calendar).
        settings: ``PATH=VALUE`` settings applied to every cell before the grid's.
        workers: Worker processes (cells are the tasks).
        executor: As :func:`alignsim.ensemble.executors.run_tasks`.
        limit: Compute at most this many new cells now (the rest on a later call).
        on_cell: Called with the number of cells finished in this call.
        blocs: Add each run's landscape configuration at the horizon (kind ``bloc``).
        on_damaged: Called with a one-line reason for each cell file found damaged (it is
            deleted and computed again).

    Returns:
        The results (cell, one column per path, run, kind, name, value; kind is ``pair``,
        ``group`` or ``bloc``) once every cell is done, else ``None``; and the progress counts.

    Raises:
        SweepError: If ``out`` holds a sweep with other settings, or of the scenario before
            it changed (``sweep.json`` keeps the hash of :func:`base_scenario_hash`).
        ScenarioError: If the scenario cannot be read.
    """
    out = Path(out)
    cells = grid_cells(grid)
    manifest = {
        "scenario": str(scenario),
        "scenario_hash": base_scenario_hash(str(scenario), settings),
        "grid": {axis.path: list(axis.values) for axis in grid},
        "settings": list(settings),
        "runs": runs,
        "seed": seed,
        "steps": steps,
        "blocs": blocs,
    }
    _check_manifest(out, manifest)
    folder = out / "cells"
    folder.mkdir(exist_ok=True)
    names = [cell_file(i, [*settings, *cell_settings(grid, c)]) for i, c in enumerate(cells)]
    for name in names:  # a damaged cell is computed again, never trusted
        path = folder / name
        if (path.exists() or path.is_symlink()) and (reason := damage(path)) is not None:
            if path.is_symlink() or not path.is_file():
                raise SweepError(f"{reason}; remove it to compute the cell again")
            if on_damaged:
                on_damaged(reason)
            path.unlink()
    pending = [i for i, name in enumerate(names) if not (folder / name).exists()]
    found = len(cells) - len(pending)
    todo = pending if limit is None else pending[:limit]
    tasks = [
        (str(scenario), [*settings, *cell_settings(grid, cells[i])], runs, seed, steps, blocs)
        for i in todo
    ]
    finished = [0]

    def store(position: int, frame: pd.DataFrame) -> None:
        index = todo[position]
        write_atomically(_label(frame, index, grid, cells[index]), folder / names[index])
        finished[0] += 1
        if on_cell:
            on_cell(finished[0])

    run_tasks(run_cell, tasks, workers, executor, store)
    progress = SweepProgress(len(cells), found, len(todo))
    if not progress.complete:
        return None, progress
    try:
        frames = [read_cell(folder / name) for name in names]
    except CellError as error:
        raise SweepError(f"{error}; run the sweep again to compute it anew") from None
    results = pd.concat(frames, ignore_index=True)
    return results, progress


def short_labels(paths: list[str]) -> list[str]:
    """The shortest dotted endings (two parts at least) that still tell ``paths`` apart.

    ``mechanisms.structural_balance.weight`` and ``mechanisms.economic_ties.weight`` become
    ``structural_balance.weight`` and ``economic_ties.weight``.
    """
    parts = [path.split(".") for path in paths]
    size = 2
    while True:
        labels = [".".join(p[-size:]) for p in parts]
        if len(set(labels)) == len(labels) or all(size >= len(p) for p in parts):
            return labels
        size += 1


def cell_summaries(results: pd.DataFrame, paths: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per cell: the median cohesion of each group, and the most likely bloc configuration.

    Args:
        results: The tidy results of :func:`run_sweep`.
        paths: The swept paths, in grid order.

    Returns:
        ``(medians, blocs)``: both indexed by cell with one column per path; ``medians`` has
        a column per group, ``blocs`` the columns ``blocs`` (the configuration most runs end
        in; ties go to the first in text order) and ``share`` (its share of the runs).
        Either is empty when the results hold no such rows.
    """
    cells = results[["cell", *paths]].drop_duplicates().set_index("cell")
    groups = results[results["kind"] == "group"]
    medians = groups.groupby(["cell", "name"])["value"].median().unstack("name")
    medians.columns.name = None
    blocs = results[results["kind"] == "bloc"]
    top = pd.DataFrame(columns=["blocs", "share"])
    if not blocs.empty:
        runs = blocs.groupby("cell")["run"].nunique()
        counts = blocs.groupby(["cell", "name"]).size().rename("count").reset_index()
        counts = counts.sort_values(["cell", "count", "name"], ascending=[True, False, True])
        first = counts.drop_duplicates("cell").set_index("cell")
        top = pd.DataFrame({"blocs": first["name"], "share": first["count"] / runs})
    return cells.join(medians, how="inner"), cells.join(top, how="inner")
