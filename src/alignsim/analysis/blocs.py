"""Blocs over time: the landscape partition of the alignment matrix at each step."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from alignsim.games.landscape import solve

#: above this many actors blocs are not computed by default (exact landscapes double per actor)
AUTO_LIMIT = 16


def blocs_at(
    alignment: np.ndarray, capability: np.ndarray, names: Sequence[str], coalitions: int = 2
) -> dict[str, object]:
    """The landscape global minimum of one alignment matrix, with capabilities as sizes.

    Alignment is the propensity of Axelrod & Bennett (1993): pairs with positive alignment
    want to be in one coalition, negative ones apart.

    Returns:
        ``sides`` (e.g. ``"CHN+PAK+RUS | IND+USA"``), ``energy``, ``unique`` (no other
        configuration ties the global minimum) and ``method``.
    """
    result = solve(capability, alignment, names=list(names), coalitions=coalitions)
    return {
        "sides": result.sides(0),
        "energy": result.global_energy,
        "unique": bool(result.is_global.sum() == 1),
        "method": result.method,
    }


def blocs_over_time(
    alignment: np.ndarray,
    capability: np.ndarray,
    names: Sequence[str],
    dates: Sequence[object],
    coalitions: int = 2,
) -> pd.DataFrame:
    """:func:`blocs_at` for every step of a history.

    Args:
        alignment: ``(steps, n, n)`` alignment history.
        capability: ``(steps, n)`` capability history.
        names: Actor ids.
        dates: Date of each step.
        coalitions: Largest number of coalitions (Florian & Galam 2000 for more than 2).

    Returns:
        One row per step: step, date, sides, energy, unique, method.
    """
    rows = [
        {"step": t, "date": dates[t], **blocs_at(alignment[t], capability[t], names, coalitions)}
        for t in range(alignment.shape[0])
    ]
    return pd.DataFrame(rows, columns=["step", "date", "sides", "energy", "unique", "method"])
