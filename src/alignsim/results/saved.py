"""Read the folders written by ``alignsim run`` back: one run, an ensemble, or a comparison.

A single-run folder holds ``alignment.csv``, ``positions.csv``, ``groups.csv``,
``system.csv``, ``events.csv`` and ``summary.json`` (and ``blocs.csv`` when blocs were
computed); :func:`read_run_dir` reads its parts, from which
:meth:`alignsim.results.Results.from_dir` builds a Results object (imports run one way:
``results.run`` uses this module, never the reverse). An ensemble folder
(``alignsim run --runs N``) is recognised by its ``bands.csv`` and read by
:func:`load_ensemble_dir`; a comparison folder (``alignsim compare``) by its
``compare.csv``. The scenario itself is found through :func:`find_scenario`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alignsim.report.words import counted

#: table -> columns it must have; the first four are required files
TABLES = {
    "alignment": ("step", "date", "actor_a", "actor_b", "value"),
    "positions": ("step", "date", "actor", "issue", "position", "salience"),
    "groups": ("step", "date", "group", "cohesion"),
    "system": ("step", "date", "balance_index", "mean_alignment"),
    "events": ("id", "label", "step", "date"),
}
OPTIONAL = {"blocs": ("step", "date", "sides")}
#: columns of the optional capability history ``actors.csv``
ACTORS = ("step", "date", "actor", "capability")
#: summary entries that are results, not run metadata
SUMMARY_ONLY = {"final_alignment", "group_cohesion", "final_blocs", "balance_index"}
#: columns of the tables of an ensemble folder; ``bands`` is required
ENSEMBLE_TABLES = {
    "bands": ("step", "date", "kind", "name", "q05", "q25", "q50", "q75", "q95"),
    "horizon": ("run", "kind", "name", "value"),
    "blocs": ("configuration", "runs", "probability"),
    "events": TABLES["events"],
}
#: summary entries of an ensemble that are results, not provenance
ENSEMBLE_RESULTS = {"group_cohesion_at_horizon", "alignment_at_horizon", "bloc_probabilities"}


class ResultsDirError(ValueError):
    """A results folder that cannot be read; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _read_table(path: Path, columns: tuple[str, ...], problems: list[str]) -> Any:
    import pandas as pd

    try:
        frame = pd.read_csv(path, keep_default_na=True)
    except FileNotFoundError:
        problems.append(f"{path}: file not found (is this a folder written by 'alignsim run'?)")
        return None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        problems.append(f"{path}: not a readable CSV table ({str(error).splitlines()[0]})")
        return None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        problems.append(f"{path}: missing column(s) {', '.join(missing)}")
        return None
    if "date" in frame.columns:
        dates = pd.to_datetime(frame["date"], errors="coerce", format="%Y-%m-%d")
        bad = frame.index[dates.isna() & frame["date"].notna()]
        if len(bad):
            problems.append(
                f"{path}: line {int(bad[0]) + 2}, column 'date': "
                f"{frame['date'].iloc[bad[0]]!r} is not a YYYY-MM-DD date"
            )
            return None
        frame["date"] = dates
    return frame


def folder_kind(folder: str | Path) -> str:
    """``"ensemble"`` (``bands.csv``), ``"compare"`` (``compare.csv``), ``"sweep"``
    (``sweep.json``), ``"sensitivity"`` (``indices.csv``) or ``"run"``."""
    folder = Path(folder)
    if (folder / "bands.csv").is_file():
        return "ensemble"
    if (folder / "alignment.csv").exists():
        return "run"
    for marker, kind in (("compare.csv", "compare"), ("sweep.json", "sweep")):
        if (folder / marker).is_file():
            return kind
    return "sensitivity" if (folder / "indices.csv").is_file() else "run"


def _read_summary(path: Path, problems: list[str]) -> dict[str, Any]:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path}: file not found (is this a folder written by 'alignsim run'?)")
        return {}
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        problems.append(f"{path}: not valid JSON ({error})")
        return {}
    if not isinstance(meta, dict):
        problems.append(f"{path}: expected a JSON object")
        return {}
    return meta


@dataclass
class SavedEnsemble:
    """An ensemble folder read back.

    Attributes:
        folder: Where it was read from.
        bands: step, date, kind (pair | group), name, q05 .. q95.
        events: id, label, step, date (empty when the folder has no ``events.csv``).
        meta: Provenance from ``summary.json`` (scenario, hash, runs, seed, steps, ...).
        horizon: run, kind, name, value at the horizon, or None without ``horizon.csv``.
        blocs: configuration, runs, probability, or None without ``blocs.csv``.
        scenario: ``scenario.json`` as JSON data, or None.
        missing: Optional files the folder lacks (e.g. ``events.csv`` of older folders).
    """

    folder: Path
    bands: Any
    events: Any
    meta: dict[str, Any]
    horizon: Any = None
    blocs: Any = None
    scenario: Any = None
    missing: list[str] = field(default_factory=list)

    @property
    def horizon_step(self) -> int:
        """The last step of the bands."""
        return int(self.bands["step"].max())

    def at_horizon(self, kind: str) -> Any:
        """Rows of ``bands`` of ``kind`` (pair | group) at the last step, in file order."""
        rows = self.bands[(self.bands["step"] == self.horizon_step) & (self.bands["kind"] == kind)]
        return rows.reset_index(drop=True)

    def title(self) -> str:
        """Figure title: scenario title, runs and seed, and what the bands show."""
        meta = self.meta
        name = meta.get("title") or meta.get("scenario") or "ensemble"
        return (
            f"{name} — {counted(meta.get('runs', '?'), 'run')}, seed {meta.get('seed', '?')} "
            "(median, 50 % and 90 % bands)"
        )


def _open(folder: str | Path) -> tuple[Path, list[str], dict[str, Any]]:
    """The folder as a Path, an empty problem list and its ``summary.json`` (problems noted).

    Raises:
        ResultsDirError: If ``folder`` is not a folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ResultsDirError([f"{folder}: not a folder"])
    problems: list[str] = []
    return folder, problems, _read_summary(folder / "summary.json", problems)


def load_ensemble_dir(folder: str | Path) -> SavedEnsemble:
    """An ensemble folder written by ``alignsim run --runs N``.

    Raises:
        ResultsDirError: Listing every problem, one per line, each naming its file.
    """
    import pandas as pd

    folder, problems, meta = _open(folder)
    tables: dict[str, Any] = {}
    missing = []
    for name, columns in ENSEMBLE_TABLES.items():
        path = folder / f"{name}.csv"
        if name != "bands" and not path.exists():
            missing.append(path.name)
            continue
        tables[name] = _read_table(path, columns, problems)
    bands = tables["bands"]
    if bands is not None and bands.empty:
        problems.append(f"{folder / 'bands.csv'}: no rows")
    scenario = None
    if (folder / "scenario.json").exists():
        try:
            scenario = json.loads((folder / "scenario.json").read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            problems.append(f"{folder / 'scenario.json'}: not valid JSON ({error})")
    if problems:
        raise ResultsDirError(problems)
    events = tables.get("events")
    if events is None:
        events = pd.DataFrame(columns=list(TABLES["events"]))
    return SavedEnsemble(
        folder=folder,
        bands=bands,
        events=events,
        meta={k: v for k, v in meta.items() if k not in ENSEMBLE_RESULTS},
        horizon=tables.get("horizon"),
        blocs=tables.get("blocs"),
        scenario=scenario,
        missing=missing,
    )


def read_run_dir(folder: str | Path) -> dict[str, Any]:
    """The parts of a Results object (tables, meta, extra, actors, scenario) from a folder
    written by ``Results.to_dir``; :meth:`alignsim.results.Results.from_dir` assembles them.

    Raises:
        ResultsDirError: Listing every problem, one per line, each naming its file.
    """
    folder, problems, meta = _open(folder)
    tables = {
        name: _read_table(folder / f"{name}.csv", cols, problems) for name, cols in TABLES.items()
    }
    extra = {}
    for name, cols in OPTIONAL.items():
        if (folder / f"{name}.csv").exists():
            table = _read_table(folder / f"{name}.csv", cols, problems)
            if table is not None:
                extra[name] = table
    actors = None
    if (folder / "actors.csv").exists():
        actors = _read_table(folder / "actors.csv", ACTORS, problems)
    if tables["alignment"] is not None and tables["alignment"].empty:
        problems.append(f"{folder / 'alignment.csv'}: no rows")
    if problems:
        raise ResultsDirError(problems)
    for name in ("alignment", "positions", "groups", "system"):
        tables[name] = tables[name].sort_values("step", kind="stable").reset_index(drop=True)
    scenario = None
    if (folder / "scenario.json").exists():
        try:
            scenario = json.loads((folder / "scenario.json").read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ResultsDirError(
                [f"{folder / 'scenario.json'}: not valid JSON ({error})"]
            ) from None
    meta = {k: v for k, v in meta.items() if k not in SUMMARY_ONLY}
    return {"tables": tables, "meta": meta, "extra": extra, "actors": actors, "scenario": scenario}


def find_scenario(folder: str | Path, meta: dict[str, Any], given: str | None = None) -> Any:
    """The scenario of a results folder (or None) and a note on where it came from.

    Order: the file ``given`` (e.g. ``--scenario``), then ``scenario.json`` in the folder,
    then the bundled scenario of the name in ``summary.json`` when its hash matches.

    Returns:
        ``(scenario or None, note)``; the note says where it came from or why none was found.

    Raises:
        ScenarioError: If the given file is not a valid scenario.
    """
    from alignsim.scenario import load_scenario, scenario_hash

    if given:
        return load_scenario(given), f"scenario from {given}"
    saved = Path(folder) / "scenario.json"
    if saved.exists():
        from alignsim.scenario.schema import scenario_model

        scenario = scenario_model().model_validate(json.loads(saved.read_text(encoding="utf-8")))
        return scenario, f"scenario from {saved}"
    name = meta.get("scenario")
    if not name:
        return None, "summary.json names no scenario"
    from alignsim.scenario import ScenarioError

    try:
        scenario = load_scenario(str(name))
    except (ScenarioError, OSError):
        return None, f"scenario {name!r} is not a bundled scenario (give --scenario FILE)"
    if meta.get("scenario_hash") and scenario_hash(scenario) != meta["scenario_hash"]:
        return scenario, (
            f"warning: bundled scenario {name!r} is used, but its hash differs from the run's "
            "(the file or the package changed since; give --scenario FILE to choose)"
        )
    return scenario, f"bundled scenario {name!r} (hash matches the run)"


def capabilities(scenario: Any) -> dict[str, float]:
    """Actor -> capability at the start of a scenario."""
    return {actor.id: float(actor.capability) for actor in scenario.actors}


def issue_scales(scenario: Any) -> dict[str, tuple[float, float]]:
    """Issue -> (low, high) of its scale."""
    return {issue.id: tuple(map(float, issue.scale)) for issue in scenario.issues}
