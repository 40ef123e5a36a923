"""Ensemble outputs on disk, written atomically: bands, horizon values, blocs, summary, figure."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alignsim.ensemble.montecarlo import Ensemble
from alignsim.ensemble.summaries import (
    bands_table,
    bloc_configurations,
    bloc_probabilities,
    horizon_table,
    quantile_columns,
    quantiles_method,
)
from alignsim.report.words import counted
from alignsim.results.run import events_table
from alignsim.results.storage import staged_folder, write_csv


def ensemble_summary(
    ensemble: Ensemble, bands: pd.DataFrame, blocs: pd.DataFrame | None
) -> dict[str, Any]:
    """Provenance, group cohesion and pair alignment quantiles at the horizon, bloc shares."""
    last = bands[bands["step"] == bands["step"].max()]
    columns = quantile_columns()

    def quantiles(kind: str) -> dict[str, dict[str, float]]:
        rows = last[last["kind"] == kind]
        return {r["name"]: {c: round(float(r[c]), 6) for c in columns} for _, r in rows.iterrows()}

    summary = {
        **ensemble.meta,
        "final_date": ensemble.compiled.dates[ensemble.steps].isoformat(),
        "quantiles": quantiles_method(ensemble),
        "group_cohesion_at_horizon": quantiles("group"),
        "alignment_at_horizon": quantiles("pair"),
    }
    if blocs is not None:
        summary["bloc_probabilities"] = {
            r.configuration: round(float(r.probability), 6) for r in blocs.itertuples()
        }
        if ensemble.blocs is not None and not ensemble.blocs.exact:
            summary["bloc_probabilities_error"] = round(ensemble.blocs.error / ensemble.runs, 6)
    return summary


def write_runs(ensemble: Ensemble, path: Path) -> None:
    """The kept steps of every run as a compressed ``.npz`` (no pickled objects)."""
    history = ensemble.history
    np.savez_compressed(
        path,
        steps=np.asarray(ensemble.kept or range(ensemble.steps + 1)),
        actors=np.asarray(ensemble.compiled.actors, dtype=str),
        alignment=history.alignment,
        capability=history.capability,
        positions=history.positions,
    )


def write_ensemble(
    ensemble: Ensemble,
    folder: str | os.PathLike[str],
    force: bool = False,
    plot: bool = True,
    blocs: bool = True,
    runs_file: bool = False,
) -> dict[str, Any]:
    """Write bands, horizon, blocs and events tables, ``summary.json``, ``scenario.json``
    and ``trajectories.png``.

    ``events.csv`` (id, label, step, date) lets ``alignsim plot`` and ``alignsim report``
    mark the events on the banded figure drawn from the saved folder.

    Args:
        ensemble: The ensemble.
        folder: Output folder (absent or empty unless ``force``).
        force: Replace a non-empty folder.
        plot: Draw ``trajectories.png`` with quantile bands.
        runs_file: Write ``runs.npz``: the kept steps of every run (``steps``, ``actors``,
            ``alignment`` ``(runs, kept, n, n)``, ``capability``, ``positions``), readable
            with ``numpy.load`` without pickle.
        blocs: Solve the landscape of every run at the horizon (``blocs.csv``), unless the
            ensemble streamed its bloc tally already (then that tally is written).

    Returns:
        The summary written to ``summary.json``.
    """
    bands = bands_table(ensemble)
    table = None
    if ensemble.blocs is not None:
        table = ensemble.blocs.table()
    elif blocs:
        table = bloc_probabilities(bloc_configurations(ensemble))
    summary = ensemble_summary(ensemble, bands, table)
    # dated events only: conditional ones fire at different steps in different runs
    events = events_table(ensemble.compiled, ensemble.steps)[["id", "label", "step", "date"]]
    with staged_folder(folder, force) as staging:
        write_csv(bands, staging / "bands.csv")
        write_csv(horizon_table(ensemble), staging / "horizon.csv")
        if table is not None:
            write_csv(table, staging / "blocs.csv")
        write_csv(events, staging / "events.csv")
        if runs_file:
            write_runs(ensemble, staging / "runs.npz")
        text = json.dumps(summary, indent=2)
        (staging / "summary.json").write_text(text + "\n", encoding="utf-8")
        if ensemble.scenario is not None:
            text = json.dumps(ensemble.scenario, indent=1, ensure_ascii=False)
            (staging / "scenario.json").write_text(text + "\n", encoding="utf-8")
        if plot:
            import matplotlib.pyplot as plt

            from alignsim.plot import bands_figure

            meta = ensemble.meta
            title = (
                f"{meta.get('title') or meta['scenario']} — {counted(ensemble.runs, 'run')}, "
                f"seed {ensemble.seed} (median, 50 % and 90 % bands)"
            )
            figure = bands_figure(bands, events, title)
            figure.savefig(staging / "trajectories.png", dpi=120, metadata={"Software": None})
            plt.close(figure)
    return summary
