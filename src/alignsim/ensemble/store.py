"""Ensemble outputs on disk, written atomically: bands, horizon values, blocs, summary, figure."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
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


@contextmanager
def staged_folder(path: str | os.PathLike[str], force: bool = False) -> Iterator[Path]:
    """A temporary folder beside ``path`` that replaces ``path`` only if the block succeeds.

    Raises:
        FileExistsError: If ``path`` is a non-empty folder and ``force`` is false.
    """
    out = Path(path)
    if out.exists() and (not out.is_dir() or any(out.iterdir())) and not force:
        raise FileExistsError(f"{out} exists and is not empty (use --force to replace it)")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        yield staging
        if out.exists():
            backup = out.with_name(f".{out.name}.old")
            shutil.rmtree(backup, ignore_errors=True)
            out.rename(backup)
            staging.rename(out)
            shutil.rmtree(backup, ignore_errors=True)
        else:
            staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """A table as CSV with ISO dates and 10 significant digits."""
    frame = frame.copy()
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    frame.to_csv(path, index=False, float_format="%.10g")


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
    """Write ``bands.csv``, ``horizon.csv``, ``blocs.csv``, ``summary.json``, ``trajectories.png``.

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
    with staged_folder(folder, force) as staging:
        write_csv(bands, staging / "bands.csv")
        write_csv(horizon_table(ensemble), staging / "horizon.csv")
        if table is not None:
            write_csv(table, staging / "blocs.csv")
        text = json.dumps(summary, indent=2)
        (staging / "summary.json").write_text(text + "\n", encoding="utf-8")
        if plot:
            import matplotlib.pyplot as plt

            from alignsim.ensemble.figures import bands_figure, events_table

            meta = ensemble.meta
            title = (
                f"{meta.get('title') or meta['scenario']} — {ensemble.runs} runs, "
                f"seed {ensemble.seed} (median, 50 % and 90 % bands)"
            )
            figure = bands_figure(bands, events_table(ensemble.compiled, ensemble.steps), title)
            figure.savefig(staging / "trajectories.png", dpi=120, metadata={"Software": None})
            plt.close(figure)
    return summary
