"""When an expected-utility forecast is outside the model's domain, and why.

Bueno de Mesquita's (1994) model forecasts collective decisions among many stakeholders;
its moves are all-or-nothing (a loser of a conflict or a capitulating actor moves all the
way to the other's position, Scholz, Calbert & Smith 2011, §6), and with the status-quo
probability ``Q = 1`` (their choice, see :mod:`alignsim.games.eum_core`) no challenge is
ever worse than none, so every dyad is a conflict, a compromise or a capitulation. With a
handful of actors these moves chain from actor to actor within a few rounds: an actor can
end at the far side of the scale from where it began (Pakistan giving up its own side of
the India-Pakistan dispute), or every actor can end at one extreme. Such results say more
about the model than about the actors, so they are flagged rather than reported silently.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: an actor has "switched sides" when it starts and ends at least this share of the scale
#: width away from the midpoint, on opposite sides
SIDE_MARGIN = 0.25


def switched_sides(
    start: np.ndarray, end: np.ndarray, scale: tuple[float, float], margin: float = SIDE_MARGIN
) -> np.ndarray:
    """Whether each actor ends clearly on the other side of the scale's midpoint."""
    low, high = scale
    middle, reach = (low + high) / 2.0, margin * (high - low)
    before, after = np.asarray(start) - middle, np.asarray(end) - middle
    return (np.abs(before) >= reach) & (np.abs(after) >= reach) & (before * after < 0)


def domain_warnings(
    issue: str,
    names: Sequence[str],
    positions: np.ndarray,
    salience: np.ndarray,
    scale: tuple[float, float],
) -> list[str]:
    """One line per problem of the forecast of ``issue`` (empty when there is none).

    Args:
        issue: The issue's id.
        names: Actor names in the order of the columns.
        positions: ``(rounds + 1, n)`` positions of the forecast (row 0 the input).
        salience: ``(n,)`` saliences.
        scale: The issue scale ``(low, high)``.

    Returns:
        Lines naming the issue, what happened and the reason.
    """
    start, end = positions[0], positions[-1]
    width = scale[1] - scale[0]
    n = len(names)
    reason = (
        f"outside the expected-utility model's domain: with {n} actors, all-or-nothing "
        "moves cascade from actor to actor (docs/model.md, Expected-utility forecasts)"
    )
    lines = []
    flipped = np.flatnonzero(switched_sides(start, end, scale) & (np.asarray(salience) > 0))
    if flipped.size:
        moves = ", ".join(
            f"{names[i]} {start[i]:+.2f} -> {end[i]:+.2f} (salience {salience[i]:.2f})"
            for i in flipped
        )
        lines.append(f"{issue}: {moves} end on the other side of the scale; {reason}")
    spread = float(start.max() - start.min())
    if np.ptp(end) < 1e-9 * width and spread >= 0.5 * width and not flipped.size:
        lines.append(
            f"{issue}: every actor ends at {end[0]:+.2f} though they began {spread:.2f} apart; "
            f"{reason}"
        )
    return lines
