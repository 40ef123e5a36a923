"""Interest affinity: how close two actors' positions are on the issues both care about."""

from __future__ import annotations

import numpy as np

from alignsim.dynamics._arrays import safe_divide, zero_diagonal
from alignsim.dynamics.registry import Parameter, register


@register(
    "interest_affinity",
    kind="term",
    reference="Bueno de Mesquita 1975; Signorino & Ritter 1999 (salience-weighted similarity)",
    parameters=(Parameter("weight", 0.3, 0.0, None, "weight in the desired alignment"),),
    inputs=("positions", "salience"),
)
def interest_affinity(positions: np.ndarray, salience: np.ndarray) -> np.ndarray:
    """Salience-weighted agreement of issue positions, in [-1, 1].

    ``F_ij = sum_k w_ijk (1 - |X_ik - X_jk|) / sum_k w_ijk`` with ``w_ijk = sqrt(S_ik S_jk)``,
    a similarity of interest profiles in the tradition of Bueno de Mesquita (1975) and
    the S-score of Signorino & Ritter (1999). Positions are on [-1, 1], so identical
    positions give +1 and opposite extremes give -1. Pairs that share no salient issue get 0.

    Args:
        positions: Issue positions ``(..., n, k)`` in [-1, 1].
        salience: Issue salience ``(..., n, k)`` in [0, 1].

    Returns:
        ``(..., n, n)`` symmetric affinity with a zero diagonal.
    """
    weight = np.sqrt(salience[..., :, None, :] * salience[..., None, :, :])
    agreement = 1.0 - np.abs(positions[..., :, None, :] - positions[..., None, :, :])
    return zero_diagonal(safe_divide((weight * agreement).sum(-1), weight.sum(-1)))
