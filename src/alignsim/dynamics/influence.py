"""Issue influence: positions drift toward aligned, capable, salient partners."""

from __future__ import annotations

import numpy as np

from alignsim.dynamics._arrays import safe_divide, zero_diagonal
from alignsim.dynamics.registry import Parameter, register


@register(
    "issue_influence",
    kind="positions",
    reference="French 1956; DeGroot 1974; Friedkin & Johnsen 1990 (social influence)",
    parameters=(Parameter("rate", 0.05, 0.0, 1.0, "share of the gap to partners closed per step"),),
    inputs=("positions", "salience", "alignment", "capability"),
)
def issue_influence(
    positions: np.ndarray,
    salience: np.ndarray,
    alignment: np.ndarray,
    capability: np.ndarray,
    rate: float,
) -> np.ndarray:
    """Move each position toward the weighted mean of aligned partners' positions.

    A DeGroot (1974) / Friedkin & Johnsen (1990) averaging step where the weight of j on
    i's issue k is ``max(0, A_ij) c_j S_jk`` and actors hold on to issues they care about:
    ``X_ik += rate (1 - S_ik) sum_j w_ijk (X_jk - X_ik) / sum_j w_ijk``.

    Args:
        positions: ``(..., n, k)`` in [-1, 1].
        salience: ``(..., n, k)`` in [0, 1].
        alignment: ``(..., n, n)`` in [-1, 1].
        capability: ``(..., n)`` positive.
        rate: Influence rate in [0, 1].

    Returns:
        ``(..., n, k)`` new positions (an actor with no aligned partner keeps its position).
    """
    pull = np.maximum(0.0, zero_diagonal(alignment)) * capability[..., None, :]
    total = pull @ salience
    gap = safe_divide(pull @ (salience * positions), total) - positions
    gap = np.where(total > 0, gap, 0.0)
    return positions + rate * (1.0 - salience) * gap


@register(
    "anchored_influence",
    kind="positions",
    reference=(
        "Friedkin & Johnsen 1990 (anchoring to initial positions); "
        "Altafini 2013 (antagonistic interactions)"
    ),
    parameters=(
        Parameter("rate", 0.05, 0.0, 1.0, "share of the gap to the partners' view closed per step"),
        Parameter("anchoring", 0.1, 0.0, 1.0, "share of the gap to the anchor closed per step"),
    ),
    inputs=("positions", "salience", "alignment", "capability", "anchor"),
)
def anchored_influence(
    positions: np.ndarray,
    salience: np.ndarray,
    alignment: np.ndarray,
    capability: np.ndarray,
    anchor: np.ndarray,
    rate: float,
    anchoring: float,
) -> np.ndarray:
    """Positions move toward allies' views and away from adversaries', anchored to their own.

    With weights ``v_ijk = |A_ij| c_j S_jk``, the signed view of i's partners on issue k is
    ``V_ik = sum_j v_ijk sign(A_ij) X_jk / sum_j v_ijk``: allies pull toward their position,
    adversaries toward the opposite of theirs, as in Altafini's (2013) model of antagonistic
    interactions (which keeps ``V`` in [-1, 1]). Actors are stubborn as in Friedkin &
    Johnsen (1990): ``X_ik += rate (1 - S_ik)(V_ik - X_ik) + anchoring (X0_ik - X_ik)``,
    where ``X0`` is the anchor (initial positions moved by position events), so positions
    neither homogenise nor freeze. Both sums are matrix products.

    Args:
        positions: ``(..., n, k)`` in [-1, 1].
        salience: ``(..., n, k)`` in [0, 1].
        alignment: ``(..., n, n)`` in [-1, 1].
        capability: ``(..., n)`` positive.
        anchor: ``(..., n, k)`` anchor positions.
        rate: Influence rate in [0, 1].
        anchoring: Pull back to the anchor per step, in [0, 1].

    Returns:
        ``(..., n, k)`` new positions in [-1, 1].
    """
    signed = zero_diagonal(alignment) * capability[..., None, :]
    return anchored_move(signed, np.abs(signed), positions, salience, anchor, rate, anchoring)


def anchored_move(
    signed: np.ndarray,
    magnitude: np.ndarray,
    positions: np.ndarray,
    salience: np.ndarray,
    anchor: np.ndarray,
    rate: float,
    anchoring: float,
) -> np.ndarray:
    """:func:`anchored_influence` given ``signed = A_ij c_j`` (zero diagonal) and its
    absolute value (the fast engine passes both from its buffers)."""
    total = magnitude @ salience
    view = safe_divide(signed @ (salience * positions), total)
    gap = np.where(total > 0, view - positions, 0.0)
    moved = positions + rate * (1.0 - salience) * gap + anchoring * (anchor - positions)
    return np.clip(moved, -1.0, 1.0)
