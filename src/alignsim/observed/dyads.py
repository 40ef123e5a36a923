"""Helpers of the dyad-year frame: the skeleton of pairs and attaching a source to it.

A dyad is non-directed with ``a < b`` (actor ids in alphabetical order). A source is attached
from a *directed* table (year, c1, c2, values): symmetric values appear in both orientations,
directed flows once per direction, and each flow becomes ``x_a_to_b`` and ``x_b_to_a``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

KEY = ["year", "ccode_a", "ccode_b"]


def skeleton(members: pd.DataFrame, actors: dict[int, str], last_year: int) -> pd.DataFrame:
    """Every pair of system members present in a year: year, a, b, ccode_a, ccode_b."""
    parts = []
    for year, group in members[members["year"] <= last_year].groupby("year"):
        ids = sorted((actors[c], c) for c in group["ccode"])
        names = np.array([i for i, _ in ids])
        codes = np.array([c for _, c in ids], dtype=np.int64)
        first, second = np.triu_indices(len(ids), k=1)
        parts.append(
            pd.DataFrame(
                {
                    "year": year,
                    "a": names[first],
                    "b": names[second],
                    "ccode_a": codes[first],
                    "ccode_b": codes[second],
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def symmetric(table: pd.DataFrame) -> pd.DataFrame:
    """A table of (year, c1, c2, values) with each row also given in the other orientation."""
    swapped = table.rename(columns={"c1": "c2", "c2": "c1"})
    both = pd.concat([table, swapped], ignore_index=True)
    return both.drop_duplicates(subset=["year", "c1", "c2"], keep="first")


def attach(
    frame: pd.DataFrame,
    table: pd.DataFrame,
    last: int,
    absent_is_zero: bool,
    first: int | None = None,
) -> pd.DataFrame:
    """Join a directed table (year, c1, c2, columns...) onto the frame by (year, a, b).

    Args:
        frame: the dyad-year frame.
        table: one row per directed pair-year; symmetric sources hold both orientations.
        last: the source's last year: later years are NaN.
        absent_is_zero: whether a pair missing from the table within coverage means zero
            (event data: no alliance, no dispute, no recorded transfer) rather than unknown.
        first: the source's first year (earlier years NaN), when after the panel's start.
    """
    columns = [c for c in table.columns if c not in ("year", "c1", "c2")]
    keyed = table.rename(columns={"c1": "ccode_a", "c2": "ccode_b"})
    out = frame.merge(keyed, on=KEY, how="left")
    return _cover(out, columns, last, absent_is_zero, first)


def attach_flow(
    frame: pd.DataFrame,
    table: pd.DataFrame,
    name: str,
    last: int,
    absent_is_zero: bool,
) -> pd.DataFrame:
    """Join a directed flow (year, c1 = sender, c2 = receiver, value) as two columns."""
    forward = table.rename(columns={"c1": "ccode_a", "c2": "ccode_b", "value": f"{name}_a_to_b"})
    backward = table.rename(columns={"c1": "ccode_b", "c2": "ccode_a", "value": f"{name}_b_to_a"})
    out = frame.merge(forward, on=KEY, how="left").merge(backward, on=KEY, how="left")
    return _cover(out, [f"{name}_a_to_b", f"{name}_b_to_a"], last, absent_is_zero, None)


def _cover(
    frame: pd.DataFrame, columns: list[str], last: int, absent_is_zero: bool, first: int | None
) -> pd.DataFrame:
    inside = frame["year"] <= last
    if first is not None:
        inside &= frame["year"] >= first
    if absent_is_zero:
        frame.loc[inside, columns] = frame.loc[inside, columns].fillna(0.0)
    frame.loc[~inside, columns] = np.nan
    return frame
