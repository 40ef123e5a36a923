"""A folder written by ``alignsim compare`` read back: differences at the horizon and over
time, and which scenarios were A and B."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alignsim.results.saved import ResultsDirError, _read_summary, _read_table

#: columns of ``compare.csv``
COMPARE = ("outcome", "name", "a", "b", "difference", "low", "high")
#: columns of ``compare_over_time.csv``
OVER_TIME = ("step", "date", "kind", "name", "a", "b", "difference", "low", "high")


@dataclass
class SavedComparison:
    """A comparison folder read back.

    Attributes:
        folder: Where it was read from.
        table: ``compare.csv``: outcome, name, a, b, difference, low, high (B - A).
        over_time: ``compare_over_time.csv`` (None in folders written before it existed).
        meta: ``summary.json`` (empty in folders written before it existed).
    """

    folder: Path
    table: Any
    over_time: Any = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, str] | None:
        """The scenario names of A and B, when ``summary.json`` records them."""
        scenarios = self.meta.get("scenarios") or {}
        named = [(scenarios.get(key) or {}).get("scenario") for key in "AB"]
        compared = self.meta.get("compared") or {}
        named = [n or compared.get(key) for n, key in zip(named, "AB", strict=True)]
        return (str(named[0]), str(named[1])) if all(named) else None


def load_compare_dir(folder: str | Path) -> SavedComparison:
    """The tables and summary of a folder written by ``alignsim compare``.

    Raises:
        ResultsDirError: If ``compare.csv`` is missing or lacks columns, or an optional file
            is present but unreadable.
    """
    folder = Path(folder)
    problems: list[str] = []
    table = _read_table(folder / "compare.csv", COMPARE, problems)
    over_time = None
    if (folder / "compare_over_time.csv").exists():
        over_time = _read_table(folder / "compare_over_time.csv", OVER_TIME, problems)
    meta = _read_summary(folder / "summary.json", []) if (folder / "summary.json").exists() else {}
    if problems:
        raise ResultsDirError(problems)
    return SavedComparison(folder, table, over_time, meta)
