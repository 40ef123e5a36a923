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
