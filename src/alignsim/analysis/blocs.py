"""Blocs over time: the landscape partition of the alignment matrix at each step."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

from alignsim.games.landscape import solve

#: above this many actors blocs are not computed by default (exact landscapes double per actor)
AUTO_LIMIT = 16
#: random starts of the heuristic search per step for landscapes too large to enumerate
WORLD_STARTS = 64
COLUMNS = ["step", "date", "sides", "energy", "unique", "method", "lower_bound", "gap"]


def relative_gap(result: Any) -> float:
    """Optimality gap as a share of the landscape's scale: ``(E - bound) / sum |w_ij|``.

    ``w_ij = s_i s_j p_ij`` over ordered pairs, so every configuration's energy lies within
    ``+/- sum |w_ij|``. 0 for an exact solution; for the heuristic an upper bound on how far
    the configuration found can be from the global minimum. (Relative to ``|bound|`` instead,
    the gap is undefined when the minimum is near 0, as when every state is friendly.)
    """
    sizes, propensity = result.sizes, result.propensity
    scale = float(np.abs(sizes[:, None] * sizes[None, :] * propensity).sum())
    return float(result.optimality_gap / scale) if scale > 0 else 0.0


def _blocs_row(result: Any) -> dict[str, object]:
    return {
        "sides": result.sides(0),
        "energy": result.global_energy,
        "unique": bool(result.is_global.sum() == 1),
        "method": result.method,
        "lower_bound": result.energy_lower_bound,
        "gap": relative_gap(result),
    }


def blocs_at(
    alignment: np.ndarray,
    capability: np.ndarray,
    names: Sequence[str],
    coalitions: int = 2,
    starts: int = 2000,
) -> dict[str, object]:
    """The landscape global minimum of one alignment matrix, with capabilities as sizes.

    Alignment is the propensity of Axelrod & Bennett (1993): pairs with positive alignment
    want to be in one coalition, negative ones apart. Exact when the landscape can be
    enumerated, else the seeded heuristic with ``starts`` random starts.

    Returns:
        ``sides`` (e.g. ``"CHN+PAK+RUS | IND+USA"``), ``energy``, ``unique`` (no other
        configuration ties the global minimum), ``method``, ``lower_bound`` and ``gap``
        (see :func:`relative_gap`).
    """
    return _blocs_row(
        solve(capability, alignment, names=list(names), coalitions=coalitions, starts=starts)
    )


def blocs_over_time(
    alignment: np.ndarray,
    capability: np.ndarray,
    names: Sequence[str],
    dates: Sequence[object],
    coalitions: int = 2,
    starts: int = WORLD_STARTS,
) -> pd.DataFrame:
    """:func:`blocs_at` for every step of a history.

    For landscapes too large to enumerate (e.g. every UN member), each step's heuristic
    search also starts from the previous step's minimum, so a stable bloc structure is
    followed from step to step, and the row states the optimality gap reached.

    Args:
        alignment: ``(steps, n, n)`` alignment history.
        capability: ``(steps, n)`` capability history.
        names: Actor ids.
        dates: Date of each step.
        coalitions: Largest number of coalitions (Florian & Galam 2000 for more than 2).
        starts: Random starts of the heuristic per step.

    Returns:
        One row per step: step, date, sides, energy, unique, method, lower_bound, gap.
    """
    found = solve_in_turn(alignment, capability, names, coalitions, starts)
    rows = [{"step": t, "date": dates[t], **_blocs_row(r)} for t, r in enumerate(found)]
    return pd.DataFrame(rows, columns=COLUMNS)


def solve_in_turn(
    alignment: np.ndarray,
    capability: np.ndarray,
    names: Sequence[str],
    coalitions: int = 2,
    starts: int = WORLD_STARTS,
) -> Iterator[Any]:
    """The landscape (Axelrod & Bennett 1993) of each slice along axis 0, solved in turn.

    A landscape too large to enumerate gets the heuristic search, which also starts from the
    previous slice's minimum (a warm start), so a stable structure is followed from one step,
    or one run, to the next.

    Args:
        alignment: ``(slices, n, n)`` propensities.
        capability: ``(slices, n)`` sizes.
        names: Actor ids.
        coalitions: Largest number of coalitions.
        starts: Random starts of the heuristic per slice.

    Yields:
        Each slice's :func:`alignsim.games.landscape.solve` result.
    """
    warm = None
    for index in range(alignment.shape[0]):
        result = solve(
            capability[index],
            alignment[index],
            names=list(names),
            coalitions=coalitions,
            starts=starts,
            warm=warm,
        )
        warm = result.labels[:1] if result.method == "heuristic" else None
        yield result
