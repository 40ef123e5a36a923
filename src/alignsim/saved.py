"""Read the results folder written by ``alignsim run`` back into a Results object.

The folder holds ``alignment.csv``, ``positions.csv``, ``groups.csv``, ``system.csv``,
``events.csv`` and ``summary.json`` (and ``blocs.csv`` when blocs were computed). The
scenario itself is found through :func:`find_scenario`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


def load_results_dir(folder: str | Path) -> Any:
    """Results (tables and meta) from a folder written by ``Results.to_dir``.

    Raises:
        ResultsDirError: Listing every problem, one per line, each naming its file.
    """
    from alignsim.results import Results

    folder = Path(folder)
    if not folder.is_dir():
        raise ResultsDirError([f"{folder}: not a folder"])
    problems: list[str] = []
    meta: dict[str, Any] = {}
    summary = folder / "summary.json"
    try:
        meta = json.loads(summary.read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            problems.append(f"{summary}: expected a JSON object")
            meta = {}
    except FileNotFoundError:
        problems.append(f"{summary}: file not found (is this a folder written by 'alignsim run'?)")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        problems.append(f"{summary}: not valid JSON ({error})")
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
    meta = {k: v for k, v in meta.items() if k not in SUMMARY_ONLY}
    results = Results(**tables, meta=meta, extra=extra)
    if actors is not None:
        results.actors = actors
    if (folder / "scenario.json").exists():
        try:
            results.scenario = json.loads((folder / "scenario.json").read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ResultsDirError(
                [f"{folder / 'scenario.json'}: not valid JSON ({error})"]
            ) from None
    return results


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
