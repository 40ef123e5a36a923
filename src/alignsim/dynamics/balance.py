"""Structural balance: the friend of my friend is my friend, the enemy of my enemy too."""

from __future__ import annotations

import numpy as np

from alignsim.dynamics._arrays import others_capability, safe_divide, zero_diagonal
from alignsim.dynamics.registry import Parameter, register


@register(
    "structural_balance",
    kind="term",
    reference=(
        "Heider 1946; Antal, Krapivsky & Redner 2005; Marvel, Kleinberg, Kleinberg & Strogatz 2011"
    ),
    parameters=(Parameter("weight", 0.2, 0.0, None, "weight in the desired alignment"),),
    inputs=("alignment", "capability"),
)
def structural_balance(alignment: np.ndarray, capability: np.ndarray) -> np.ndarray:
    """Capability-weighted mean of the two-step paths between i and j, in [-1, 1].

    ``B_ij = sum_{m != i,j} c_m A_im A_mj / sum_{m != i,j} c_m``: the pull toward balanced
    triads of Heider (1946), as in the continuous model ``dA/dt = A^2`` of Marvel,
    Kleinberg, Kleinberg & Strogatz (2011) and the triad dynamics of Antal, Krapivsky &
    Redner (2005), with third parties weighted by capability.

    Args:
        alignment: ``(..., n, n)`` symmetric, zero diagonal, in [-1, 1].
        capability: ``(..., n)`` positive capabilities.

    Returns:
        ``(..., n, n)`` symmetric balance pressure with a zero diagonal (0 when n < 3).
    """
    a = zero_diagonal(alignment)
    paths = (a * capability[..., None, :]) @ a
    return zero_diagonal(safe_divide(paths, others_capability(capability)))
