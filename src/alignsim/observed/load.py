"""Loading the shipped observed panel (pandas and pyarrow only; no raw files, no R).

(The module is not called ``panel`` so that ``alignsim.observed.panel`` stays the function.)
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

LEVELS = {"dyad": "dyad_year.parquet", "state": "state_year.parquet"}


class ObservedError(ValueError):
    """A request the panel cannot answer (unknown actor, year outside coverage, bad level)."""


@cache
def _frame(level: str) -> Any:
    import pandas as pd

    path = resources.files("alignsim.observed") / "data" / LEVELS[level]
    with resources.as_file(path) as file:
        return pd.read_parquet(file)


def coverage(level: str = "dyad") -> tuple[int, int]:
    """First and last year of the panel at ``level``."""
    years = _frame(_check_level(level))["year"]
    return int(years.min()), int(years.max())


def _check_level(level: str) -> str:
    if level not in LEVELS:
        raise ObservedError(f"level must be 'dyad' or 'state', not {level!r}")
    return level


def _year_set(years: int | tuple[int, int] | Iterable[int], level: str) -> list[int]:
    if isinstance(years, int):
        wanted = [years]
    elif isinstance(years, tuple) and len(years) == 2:
        wanted = list(range(int(years[0]), int(years[1]) + 1))
    else:
        wanted = [int(y) for y in years]
    first, last = coverage(level)
    outside = sorted(y for y in wanted if not first <= y <= last)
    if not wanted:
        raise ObservedError("no year given")
    if outside:
        span = str(outside[0]) if len(outside) == 1 else f"{outside[0]}-{outside[-1]}"
        raise ObservedError(f"years outside the panel's coverage {first}-{last}: {span}")
    return wanted


def _actor_set(actors: Iterable[str]) -> list[str]:
    from alignsim.observed.codes import countries

    wanted = [str(a).strip().upper() for a in actors]
    known = set(countries()["actor"])
    unknown = [a for a in wanted if a not in known]
    if unknown:
        raise ObservedError(f"unknown actor codes: {', '.join(unknown)} (ISO3 ids, e.g. USA, RUS)")
    return wanted


def panel(
    actors: Iterable[str] | None = None,
    years: int | tuple[int, int] | Iterable[int] | None = None,
    level: str = "dyad",
) -> Any:
    """The observed panel as a tidy DataFrame (a copy; columns in docs/observed-data.md).

    Args:
        actors: ISO3-style actor ids (``USA``, ``RUS``, ...); dyads are kept when both of their
            states are listed. ``None`` keeps every state.
        years: one year, an inclusive ``(first, last)`` tuple, or any iterable of years;
            ``None`` keeps every year.
        level: ``"dyad"`` (dyad-year, non-directed, ``a < b``) or ``"state"`` (state-year).

    Raises:
        ObservedError: an unknown actor id, a year outside the panel, or an unknown level.
    """
    frame = _frame(_check_level(level))
    keep = None
    if actors is not None:
        chosen = _actor_set(actors)
        if level == "dyad":
            keep = frame["a"].isin(chosen) & frame["b"].isin(chosen)
        else:
            keep = frame["actor"].isin(chosen)
    if years is not None:
        in_years = frame["year"].isin(_year_set(years, level))
        keep = in_years if keep is None else keep & in_years
    out = frame if keep is None else frame[keep]
    return out.reset_index(drop=True).copy()
