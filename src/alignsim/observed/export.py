"""The table ``alignsim observed --out`` writes: dyad-years of chosen actors, every indicator."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def observed_table(actors: Iterable[str], years: tuple[int, int]) -> Any:
    """Dyad-years among ``actors`` within ``years`` (inclusive): year, a, b, indicators.

    Raises:
        ObservedError: an unknown actor id or a year outside the panel.
    """
    from alignsim.observed.load import panel

    return panel(list(actors), years, level="dyad")
