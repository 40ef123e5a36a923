"""Reading an observed-index CSV file (``year, a, b, alignment, low, high``) with its problems.

Every problem is one line ``FILE:LINE field: message`` (line 1 is the header). Empty cells
are missing values (NaN), never zero. Pairs are stored with ``a < b``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from alignsim.forecast.frames import OBSERVED_COLUMNS

#: largest file read (bounded memory); at most this many problems are listed
MAX_BYTES = 200_000_000
MAX_PROBLEMS = 20


class ObservedError(ValueError):
    """Problems of an observed file, one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _numbers(text: pd.Series) -> pd.Series:
    return pd.to_numeric(text.replace("", np.nan), errors="coerce")


def _problems(path: Path, raw: pd.DataFrame) -> list[str]:
    found: list[str] = []

    lines: list[int] = []

    def report(mask: pd.Series, field: str, message: str) -> None:
        for row in np.flatnonzero(mask.to_numpy()):
            found.append(f"{path}:{row + 2} {field}: {message}")
            lines.append(row + 2)

    year = _numbers(raw["year"])
    report(year.isna() | (year != year.round()), "year", "needs a whole year, e.g. 2011")
    for field in ("a", "b"):
        report(raw[field].str.strip() == "", field, "needs a state code")
    report((raw["a"] == raw["b"]) & (raw["a"] != ""), "b", "a pair needs two different states")
    for field in ("alignment", "low", "high"):
        value = _numbers(raw[field])
        report(
            value.isna() & (raw[field] != ""),
            field,
            f"not a number: {field} is read as a number or left empty",
        )
    value, low, high = (_numbers(raw[f]) for f in ("alignment", "low", "high"))
    report(value.abs() > 1, "alignment", "outside [-1, 1]")
    report((low > value) | (value > high), "low", "needs low <= alignment <= high")
    report(
        value.notna() & (low.isna() | high.isna()), "low", "an observed value needs its interval"
    )
    keys = pd.DataFrame(
        {"year": raw["year"], "a": raw[["a", "b"]].min(axis=1), "b": raw[["a", "b"]].max(axis=1)}
    )
    report(keys.duplicated(), "year", "the same pair and year appears twice")
    order = sorted(range(len(found)), key=lambda k: lines[k])
    return [found[k] for k in order]


def read_observed(path: str | Path) -> pd.DataFrame:
    """The observed frame in ``path``.

    Raises:
        ObservedError: With one line per problem (at most :data:`MAX_PROBLEMS`).
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ObservedError([f"{path}: larger than {MAX_BYTES // 1_000_000} MB"])
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True)
    except FileNotFoundError:
        raise ObservedError([f"{path}: no such file"]) from None
    except IsADirectoryError:
        raise ObservedError([f"{path}: is a folder, not a CSV file"]) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable"
        raise ObservedError([f"{path}: not a readable CSV file ({first})"]) from None
    missing = [c for c in OBSERVED_COLUMNS if c not in raw.columns]
    if missing:
        raise ObservedError([f"{path}:1 header: missing column(s) {', '.join(missing)}"])
    raw = raw[list(OBSERVED_COLUMNS)].apply(lambda c: c.str.strip())
    problems = _problems(path, raw)
    if problems:
        extra = len(problems) - MAX_PROBLEMS
        tail = [f"{path}: ... and {extra} more problem(s)"] if extra > 0 else []
        raise ObservedError(problems[:MAX_PROBLEMS] + tail)
    if raw.empty:
        raise ObservedError([f"{path}: no rows"])
    a, b = raw[["a", "b"]].min(axis=1), raw[["a", "b"]].max(axis=1)
    return pd.DataFrame(
        {
            "year": _numbers(raw["year"]).astype(int),
            "a": a,
            "b": b,
            **{f: _numbers(raw[f]).astype(float) for f in ("alignment", "low", "high")},
        }
    ).sort_values(["a", "b", "year"], ignore_index=True)
