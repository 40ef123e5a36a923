"""Coalition threat: states balance against, or bandwagon with, coalitions that threaten them."""

from __future__ import annotations

import numpy as np

from alignsim.dynamics._arrays import zero_diagonal
from alignsim.dynamics.registry import Parameter, register


def coalition_threat_matrix(alignment: np.ndarray, capability: np.ndarray) -> np.ndarray:
    """Threat to i from l, as a member of a coalition hostile to i, in [0, 1].

    ``Theta_il = min(1, h_il + sum_j h_ij a_jl) c_l / sum c`` with ``h = max(0, -A)`` and
    ``a = max(0, A)``: l threatens i when it is hostile to i, or aligned with an actor
    hostile to i, weighted by l's share of capability (Waltz 1979; Walt 1987). The sum
    over j is a matrix product. A state is never a threat to itself (A is symmetric).

    Args:
        alignment: ``(..., n, n)`` symmetric in [-1, 1].
        capability: ``(..., n)`` positive.

    Returns:
        ``(..., n, n)`` rows: threatened actor, columns: threatening actor.
    """
    a = zero_diagonal(alignment)
    hostile, friendly = np.maximum(0.0, -a), np.maximum(0.0, a)
    share = capability / capability.sum(-1, keepdims=True)
    weight = np.minimum(1.0, hostile + hostile @ friendly)
    return zero_diagonal(weight * share[..., None, :])


@register(
    "coalition_threat",
    kind="term",
    reference=(
        "Walt 1987 (balance of threat; balancing and bandwagoning); Waltz 1979 (aggregate power)"
    ),
    parameters=(
        Parameter("weight", 0.6, 0.0, None, "weight in the drivers"),
        Parameter(
            "bandwagoning",
            0.0,
            0.0,
            1.0,
            "share of the response that joins the threatening coalition instead of balancing",
            per_actor=True,
        ),
    ),
    inputs=("alignment", "capability"),
)
def coalition_threat(
    alignment: np.ndarray, capability: np.ndarray, bandwagoning: np.ndarray | float = 0.0
) -> np.ndarray:
    """Pull toward states threatened by the same coalitions, or toward the threat, in [0, 1].

    A state's threat counts its partners' capabilities (Walt 1987; Waltz 1979): with
    ``Theta`` from :func:`coalition_threat_matrix`, states threatened by the same coalition
    members draw together, ``S_kl = sum_m sqrt(Theta_km Theta_lm)`` (a matrix product of
    ``sqrt(Theta)`` with its transpose; at most 1 by Cauchy-Schwarz), which is balancing;
    a bandwagoning state instead moves toward those that threaten it, ``sqrt(Theta_kl)``.
    Actor k's doctrine parameter ``b_k`` mixes the two:
    ``C_kl = (1 - b_k) S_kl + b_k sqrt(Theta_kl)``. When two states ally, the coalition
    each heads grows, so states hostile to it are drawn together.

    Args:
        alignment: ``(..., n, n)`` symmetric in [-1, 1].
        capability: ``(..., n)`` positive.
        bandwagoning: ``b``, a number or ``(n,)`` per actor, in [0, 1].

    Returns:
        ``(..., n, n)`` row k: k's pull toward each l; zero diagonal.
    """
    root = np.sqrt(coalition_threat_matrix(alignment, capability))
    shared = root @ np.swapaxes(root, -1, -2)
    b = np.asarray(bandwagoning, dtype=shared.dtype)[..., None]  # float32 runs stay float32
    if not b.any():  # pure balancing (the default): (1 - 0) S + 0 sqrt(Theta) is S exactly
        return zero_diagonal(shared)
    return zero_diagonal((1.0 - b) * shared + b * root)
