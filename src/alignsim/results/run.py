"""Results of a run: tidy tables, a summary and files on disk."""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alignsim.analysis import balance_index, cohesion
from alignsim.dynamics.step import State
from alignsim.simulation.compiled import Compiled


@dataclass
class Results:
    """Trajectories of one run as tidy pandas tables.

    Attributes:
        alignment: step, date, actor_a, actor_b, value (one row per pair per step).
        positions: step, date, actor, issue, position (issue's own scale), salience.
        actors: step, date, actor, name, capability.
        groups: step, date, group, cohesion.
        system: step, date, balance_index, mean_alignment.
        events: id, label, step, date and condition ("" when dated) of every event that
            happened.
        meta: scenario name, title, hash, seed, steps, package version.
        extra: further tables written beside the others, by file stem (``blocs``: the
            landscape partition of the alignment matrix at each step).
        scenario: the validated scenario as JSON data (written as ``scenario.json``), so a
            results folder is self-contained.
    """

    alignment: pd.DataFrame
    positions: pd.DataFrame
    groups: pd.DataFrame
    system: pd.DataFrame
    events: pd.DataFrame
    actors: pd.DataFrame = field(default_factory=pd.DataFrame)
    meta: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)
    scenario: dict[str, Any] | None = None

    @classmethod
    def from_history(
        cls,
        compiled: Compiled,
        history: State,
        meta: dict[str, Any],
        blocs: bool = False,
        fired: dict[str, int] | None = None,
    ) -> Results:
        """Build the tables from stacked arrays with a leading ``(steps + 1)`` axis.

        With ``blocs``, a ``blocs`` table (landscape partition at each step) is added and
        the final blocs enter the summary. ``fired`` gives the step at which each
        conditional event fired (it then appears in the events table with its condition).
        """
        steps = history.alignment.shape[0]
        dates = pd.to_datetime(list(compiled.dates[:steps]))
        actors, issues = compiled.actors, compiled.issues
        n, k = len(actors), len(issues)
        i, j = np.triu_indices(n, k=1)
        step_col = np.repeat(np.arange(steps), len(i))
        alignment = pd.DataFrame(
            {
                "step": step_col,
                "date": dates[step_col],
                "actor_a": np.tile(np.array(actors)[i], steps),
                "actor_b": np.tile(np.array(actors)[j], steps),
                "value": history.alignment[:, i, j].ravel(),
            }
        )
        step_pos = np.repeat(np.arange(steps), n * k)
        positions = pd.DataFrame(
            {
                "step": step_pos,
                "date": dates[step_pos],
                "actor": np.tile(np.repeat(np.array(actors), k), steps),
                "issue": np.tile(np.array(issues), n * steps),
                "position": compiled.to_scale(history.positions).reshape(-1) if k else [],
                "salience": history.salience.reshape(-1),
            }
        )
        group_rows = [
            pd.DataFrame(
                {
                    "step": np.arange(steps),
                    "date": dates,
                    "group": name,
                    "cohesion": cohesion(history.alignment, members),
                }
            )
            for name, members in compiled.groups.items()
        ]
        groups = (
            pd.concat(group_rows, ignore_index=True)
            if group_rows
            else pd.DataFrame(columns=["step", "date", "group", "cohesion"])
        )
        system = pd.DataFrame(
            {
                "step": np.arange(steps),
                "date": dates,
                "balance_index": balance_index(history.alignment),
                "mean_alignment": history.alignment[:, i, j].mean(axis=-1),
            }
        )
        events = events_table(compiled, steps - 1, fired)
        step_actor = np.repeat(np.arange(steps), n)
        actor_table = pd.DataFrame(
            {
                "step": step_actor,
                "date": dates[step_actor],
                "actor": np.tile(np.array(actors), steps),
                "name": np.tile(np.array(compiled.actor_names), steps),
                "capability": history.capability.reshape(-1),
            }
        )
        results = cls(alignment, positions, groups, system, events, actor_table, meta)
        if blocs:
            from alignsim.analysis.blocs import blocs_over_time

            table = blocs_over_time(history.alignment, history.capability, actors, dates)
            results.extra["blocs"] = table
        return results

    @property
    def blocs(self) -> pd.DataFrame | None:
        """step, date, sides, energy, unique: the landscape partition at each step (or None
        when the run did not compute blocs)."""
        return self.extra.get("blocs")

    @classmethod
    def from_dir(cls, folder: str | os.PathLike[str]) -> Results:
        """Results read back from a folder written by :meth:`to_dir`.

        Raises:
            alignsim.results.saved.ResultsDirError: Listing every problem, one per line.
        """
        from alignsim.results.saved import read_run_dir

        parts = read_run_dir(folder)
        results = cls(**parts["tables"], meta=parts["meta"], extra=parts["extra"])
        if parts["actors"] is not None:
            results.actors = parts["actors"]
        if parts["scenario"] is not None:
            results.scenario = parts["scenario"]
        return results

    def final_alignment(self) -> pd.DataFrame:
        """Alignment of every pair at the last step."""
        last = self.alignment["step"].max()
        return self.alignment[self.alignment["step"] == last].reset_index(drop=True)

    def final_cohesion(self) -> dict[str, float]:
        """Cohesion of every group at the last step."""
        last = self.groups[self.groups["step"] == self.groups["step"].max()]
        return {row.group: float(row.cohesion) for row in last.itertuples()}

    def summary(self) -> dict[str, Any]:
        """Final alignments, group cohesion (start and end), balance, seed and provenance."""
        first = self.groups[self.groups["step"] == 0]
        final = self.final_alignment()
        balance = self.system["balance_index"].iloc[-1]
        cohesion = self.final_cohesion()
        return {
            **self.meta,
            "final_date": _iso(self.alignment["date"].max()),
            "final_alignment": {
                f"{r.actor_a}-{r.actor_b}": round(float(r.value), 6) for r in final.itertuples()
            },
            "group_cohesion": {
                row.group: {
                    "start": round(float(row.cohesion), 6),
                    "end": round(cohesion[row.group], 6),
                }
                for row in first.itertuples()
            },
            "balance_index": None if math.isnan(balance) else round(float(balance), 6),
            **self._final_blocs(),
        }

    def _final_blocs(self) -> dict[str, Any]:
        """``final_blocs`` of the summary: the landscape partition at the last step."""
        if self.blocs is None or self.blocs.empty:
            return {}
        last = self.blocs.iloc[-1]
        return {
            "final_blocs": {
                "sides": last["sides"],
                "unique": bool(last["unique"]),
                "energy": round(float(last["energy"]), 9),
            }
        }

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by file stem."""
        return {
            "alignment": self.alignment,
            "positions": self.positions,
            **({"actors": self.actors} if not self.actors.empty else {}),
            "groups": self.groups,
            "system": self.system,
            "events": self.events,
            **self.extra,
        }

    def to_dir(self, path: str | os.PathLike[str], force: bool = False, plot: bool = True) -> Path:
        """Write the tables as CSV, ``summary.json`` and ``trajectories.png`` atomically.

        Files are written into a temporary folder beside ``path`` that is renamed at the
        end, so an interrupted write leaves nothing half-written.

        Args:
            path: Output folder; it must be absent or empty unless ``force``.
            force: Replace a non-empty folder.
            plot: Also draw ``trajectories.png``.

        Returns:
            The output folder.

        Raises:
            FileExistsError: If the folder is not empty and ``force`` is false.
        """
        from alignsim.results.storage import staged_folder, write_csv

        with staged_folder(path, force) as staging:
            for stem, table in self.tables().items():
                write_csv(table, staging / f"{stem}.csv")
            text = json.dumps(self.summary(), indent=2, sort_keys=False)
            (staging / "summary.json").write_text(text + "\n", encoding="utf-8")
            if self.scenario is not None:
                text = json.dumps(self.scenario, indent=1, ensure_ascii=False)
                (staging / "scenario.json").write_text(text + "\n", encoding="utf-8")
            if plot:
                import matplotlib.pyplot as plt

                from alignsim.plot import trajectories_figure

                figure = trajectories_figure(self)
                figure.savefig(staging / "trajectories.png", dpi=120, metadata={"Software": None})
                plt.close(figure)
        return Path(path)


def events_table(
    compiled: Compiled, last_step: int, fired: dict[str, int] | None = None
) -> pd.DataFrame:
    """id, label, step, date and condition ("" when dated) of the events up to ``last_step``.

    ``date`` is the event's own date when it has one (``at``), else the date of its step;
    ``step`` is the step whose state first shows the event (0: it shaped the start).

    Args:
        compiled: The compiled scenario.
        last_step: Last step of the run.
        fired: Step at which each conditional event fired (it is listed with its condition).
    """
    conditional = {e.id: e for e in compiled.conditional}
    happened = [e for evs in compiled.schedule.values() for e in evs if e.step <= last_step]
    happened += [
        replace(conditional[name], step=step)
        for name, step in (fired or {}).items()
        if step <= last_step
    ]
    return pd.DataFrame(
        [
            (e.id, e.label, e.step, pd.Timestamp(e.date or compiled.dates[e.step]), e.when)
            for e in sorted(happened, key=lambda e: e.step)
        ],
        columns=["id", "label", "step", "date", "condition"],
    )


def _iso(value: Any) -> str:
    return value.date().isoformat() if hasattr(value, "date") else str(value)
