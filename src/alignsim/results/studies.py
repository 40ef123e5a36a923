"""Sweep and sensitivity folders read back (``alignsim sweep``, ``alignsim sensitivity``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alignsim.report.words import counted
from alignsim.results.saved import ResultsDirError, _read_summary, _read_table


@dataclass
class SavedSweep:
    """A finished sweep: ``sweep.json`` (scenario, grid, runs, seed) and its results.

    Attributes:
        folder: Where it was read from.
        manifest: ``sweep.json``.
        results: ``results.parquet``: cell, one column per swept path, run, kind, name, value.
    """

    folder: Path
    manifest: dict[str, Any]
    results: Any

    @property
    def paths(self) -> list[str]:
        """The swept settings, in grid order."""
        return list(self.manifest.get("grid") or {})


@dataclass
class SavedSensitivity:
    """A sensitivity folder: ``indices.csv`` and, when written, ``sensitivity.json``."""

    folder: Path
    indices: Any
    meta: dict[str, Any] = field(default_factory=dict)


def load_sweep_dir(folder: str | Path) -> SavedSweep:
    """A sweep folder whose cells are all done.

    Raises:
        ResultsDirError: If ``sweep.json`` is unreadable or the sweep is not finished.
    """
    import pandas as pd

    folder = Path(folder)
    problems: list[str] = []
    manifest = _read_summary(folder / "sweep.json", problems)
    if problems:
        raise ResultsDirError(problems)
    table = folder / "results.parquet"
    if not table.is_file():
        cells = len(list((folder / "cells").glob("cell-*.parquet")))
        raise ResultsDirError(
            [
                f"{table}: not found: the sweep is not finished ({counted(cells, 'cell')} "
                "done); run the same alignsim sweep command again to finish it, then report"
            ]
        )
    try:
        results = pd.read_parquet(table)
    except (OSError, ValueError) as error:
        raise ResultsDirError([f"{table}: not a readable Parquet table ({error})"]) from None
    missing = [
        p
        for p in ["cell", "run", "kind", "name", "value", *manifest.get("grid", {})]
        if p not in results.columns
    ]
    if missing:
        raise ResultsDirError([f"{table}: missing column(s) {', '.join(missing)}"])
    return SavedSweep(folder, manifest, results)


def load_sensitivity_dir(folder: str | Path) -> SavedSensitivity:
    """A sensitivity folder (``indices.csv``, optionally ``sensitivity.json``).

    Raises:
        ResultsDirError: If ``indices.csv`` is unreadable or has neither Sobol' nor Morris
            columns.
    """
    folder = Path(folder)
    problems: list[str] = []
    indices = _read_table(folder / "indices.csv", ("parameter",), problems)
    if indices is not None and not ({"S1", "ST"} <= set(indices) or "mu_star" in indices):
        problems.append(
            f"{folder / 'indices.csv'}: neither Sobol' (S1, ST) nor Morris (mu_star) columns"
        )
    about = folder / "sensitivity.json"
    meta = _read_summary(about, problems) if about.exists() else {}
    if problems:
        raise ResultsDirError(problems)
    return SavedSensitivity(folder, indices, meta)
