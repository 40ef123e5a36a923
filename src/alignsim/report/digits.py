"""How many decimals a table of intervals needs so that rounding hides no interval's width."""

from __future__ import annotations

from collections.abc import Iterable


def interval_decimals(
    intervals: Iterable[tuple[float, float]], least: int = 4, most: int = 6
) -> int:
    """The fewest decimals, from ``least`` to ``most``, at which every interval whose ends
    differ is printed with different ends.

    Paired intervals can be very narrow: ``[-0.00192, -0.00183]`` printed with 3 decimals
    reads ``[-0.002, -0.002]``, as if it had no width.

    Args:
        intervals: ``(low, high)`` pairs; equal ends (a degenerate interval) need nothing.
        least: Decimals used when they suffice.
        most: Decimals never exceeded.
    """
    pairs = [(low, high) for low, high in intervals if low != high]
    for decimals in range(least, most):
        if all(f"{low:.{decimals}f}" != f"{high:.{decimals}f}" for low, high in pairs):
            return decimals
    return most
