"""Ensemble outputs on disk, written atomically: bands, horizon values, blocs, summary, figure."""

from __future__ import annotations

import json
import os
from typing import Any

import pandas as pd

from alignsim.ensemble.montecarlo import Ensemble
from alignsim.ensemble.summaries import (
    bands_table,
    bloc_configurations,
    bloc_probabilities,
    horizon_table,
    quantile_columns,
)
from alignsim.results import events_table
from alignsim.storage import staged_folder, write_csv


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
        "group_cohesion_at_horizon": quantiles("group"),
        "alignment_at_horizon": quantiles("pair"),
    }
    if blocs is not None:
        summary["bloc_probabilities"] = {
            r.configuration: round(float(r.probability), 6) for r in blocs.itertuples()
        }
    return summary


def write_ensemble(
    ensemble: Ensemble,
    folder: str | os.PathLike[str],
    force: bool = False,
    plot: bool = True,
    blocs: bool = True,
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
        blocs: Solve the landscape of every run at the horizon (``blocs.csv``).

    Returns:
        The summary written to ``summary.json``.
    """
    bands = bands_table(ensemble)
    table = bloc_probabilities(bloc_configurations(ensemble)) if blocs else None
    summary = ensemble_summary(ensemble, bands, table)
    # dated events only: conditional ones fire at different steps in different runs
    events = events_table(ensemble.compiled, ensemble.steps)[["id", "label", "step", "date"]]
    with staged_folder(folder, force) as staging:
        write_csv(bands, staging / "bands.csv")
        write_csv(horizon_table(ensemble), staging / "horizon.csv")
        if table is not None:
            write_csv(table, staging / "blocs.csv")
        write_csv(events, staging / "events.csv")
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
                f"{meta.get('title') or meta['scenario']} — {ensemble.runs} runs, "
                f"seed {ensemble.seed} (median, 50 % and 90 % bands)"
            )
            figure = bands_figure(bands, events, title)
            figure.savefig(staging / "trajectories.png", dpi=120, metadata={"Software": None})
            plt.close(figure)
    return summary
