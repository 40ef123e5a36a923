"""Parsing the command line's year ranges and lists: ``1991:2010``, ``2011,2013``, ``1:8``."""

from __future__ import annotations


def parse_span(text: str, name: str) -> tuple[int, int]:
    """``FIRST:LAST`` (inclusive) as two integers, FIRST <= LAST.

    Raises:
        ValueError: With a one-line message naming the option.
    """
    parts = text.split(":")
    try:
        first, last = (int(p) for p in parts) if len(parts) == 2 else (None, None)
    except ValueError:
        first = last = None
    if first is None or last is None or first > last:
        raise ValueError(f"{name}: {text!r} is not FIRST:LAST with FIRST <= LAST, e.g. 1991:2010")
    return first, last


def parse_list(text: str, name: str) -> list[int]:
    """``A,B,C`` or ``FIRST:LAST`` as a sorted list of distinct integers.

    Raises:
        ValueError: With a one-line message naming the option.
    """
    if ":" in text:
        first, last = parse_span(text, name)
        return list(range(first, last + 1))
    try:
        values = sorted({int(p) for p in text.split(",")})
    except ValueError:
        raise ValueError(
            f"{name}: {text!r} is not a list of whole numbers, e.g. 2011,2013"
        ) from None
    return values
