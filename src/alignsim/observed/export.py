"""The table ``alignsim observed --out`` writes: the index and every indicator per dyad-year."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: columns of the index placed first, after year, a, b
INDEX_COLUMNS = ["alignment", "low", "high"]


def observed_table(actors: Iterable[str], years: tuple[int, int]) -> Any:
    """Dyad-years among ``actors`` within ``years`` (inclusive): year, a, b, alignment, low,
    high (the observed index and its 90 % interval), then every panel indicator.

    Raises:
        ObservedError: an unknown actor id or a year outside the panel.
    """
    from alignsim.observed.index import alignment
    from alignsim.observed.load import panel

    chosen = list(actors)
    dyads = panel(chosen, years, level="dyad")
    index = alignment(chosen, years)[["year", "a", "b", *INDEX_COLUMNS]]
    table = index.merge(dyads, on=["year", "a", "b"], how="right")
    front = ["year", "a", "b", *INDEX_COLUMNS]
    return table[front + [c for c in table.columns if c not in front]]
