"""Counted nouns for messages, tables and figure titles: "1 run", "2 runs"."""

from __future__ import annotations

from typing import Any

#: plurals that are not the singular plus "s"
IRREGULAR = {"entry": "entries", "this": "these", "is": "are", "analysis": "analyses"}


def plural(count: Any, noun: str) -> str:
    """``noun`` as it goes with ``count`` (the singular only for exactly 1)."""
    try:
        one = float(count) == 1
    except (TypeError, ValueError):
        one = False
    return noun if one else IRREGULAR.get(noun, noun + "s")


def counted(count: Any, noun: str) -> str:
    """``"1 run"``, ``"3 runs"``, ``"? runs"``: a count and its noun, in agreement."""
    return f"{count} {plural(count, noun)}"
