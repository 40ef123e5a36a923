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


@register(
    "bounded_balance",
    kind="term",
    reference="Heider 1946; Marvel, Kleinberg, Kleinberg & Strogatz 2011; Kułakowski et al. 2005",
    parameters=(Parameter("weight", 0.4, 0.0, None, "weight in the drivers"),),
    inputs=("alignment", "capability"),
)
def bounded_balance(alignment: np.ndarray, capability: np.ndarray) -> np.ndarray:
    """Structural balance that fades as a tie nears +/-1, in [-1, 1].

    ``(1 - A_ij^2) B_ij`` with ``B`` from :func:`structural_balance`: the triad pull of
    Heider (1946) acts fully on weak ties and not at all on saturated ones, the bounded
    form of the continuous balance dynamics (Kułakowski, Gawroński & Gronek 2005 bound
    ``dA/dt = A^2`` of Marvel et al. 2011 by ``(1 - A^2)``), so it cannot drive every tie
    to an extreme.

    Args:
        alignment: ``(..., n, n)`` symmetric, zero diagonal, in [-1, 1].
        capability: ``(..., n)`` positive.

    Returns:
        ``(..., n, n)`` symmetric, zero diagonal.
    """
    return (1.0 - alignment**2) * structural_balance(alignment, capability)
