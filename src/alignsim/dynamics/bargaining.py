"""Expected-utility bargaining as the rule that moves issue positions during a run."""

from __future__ import annotations

import numpy as np

from alignsim.dynamics.registry import Parameter, register
from alignsim.games.eum import step_positions_multi


@register(
    "expected_utility",
    kind="positions",
    reference="Bueno de Mesquita 1994; Scholz, Calbert & Smith 2011",
    parameters=(
        Parameter("rate", 1.0, 0.0, 1.0, "share of each bargaining round's move made per step"),
        Parameter(
            "variant",
            "bdm",
            doc="formulas: bdm (as printed) or scholz2011 (favours the low end of a scale)",
            choices=("bdm", "scholz2011"),
        ),
    ),
    inputs=("positions", "salience", "capability"),
)
def expected_utility(
    positions: np.ndarray,
    salience: np.ndarray,
    capability: np.ndarray,
    rate: float,
    variant: str,
) -> np.ndarray:
    """One round of expected-utility bargaining on every issue (see :mod:`alignsim.games.eum`).

    Actors challenge, compromise or capitulate issue by issue as in Bueno de Mesquita
    (1994), with the formulas of ``variant``: ``bdm`` (the default) as Bueno de Mesquita
    prints them, ``scholz2011`` as Scholz, Calbert & Smith (2011) ran them; the latter's
    compromise rule prefers the low end of a scale, which on a [-1, 1] issue is arbitrary.
    Each step moves positions ``rate`` of the way to the round's outcome.
    Alignments do not enter the round: bargaining is among all actors.

    Args:
        positions: ``(..., n, k)`` in [-1, 1].
        salience: ``(..., n, k)`` in [0, 1].
        capability: ``(..., n)`` positive.
        rate: Share of the round's move made per step.
        variant: ``"bdm"`` or ``"scholz2011"``.

    Returns:
        ``(..., n, k)`` new positions.
    """
    out = np.empty_like(positions)
    for index in np.ndindex(positions.shape[:-2]):
        bargained = step_positions_multi(
            capability[index], positions[index], salience[index], variant
        )
        out[index] = positions[index] + rate * (bargained - positions[index])
    return out
