"""Economic ties: interdependence pulls states together."""

from __future__ import annotations

import numpy as np

from alignsim.dynamics._arrays import safe_divide, zero_diagonal
from alignsim.dynamics.registry import Parameter, register


@register(
    "economic_ties",
    kind="term",
    reference="Keohane & Nye 1977; Oneal & Russett 1997 (commercial liberalism)",
    parameters=(Parameter("weight", 0.1, 0.0, None, "weight in the desired alignment"),),
    inputs=("ties",),
)
def economic_ties(ties: np.ndarray) -> np.ndarray:
    """Economic interdependence relative to the strongest tie, in [0, 1].

    ``G_ij = E_ij / max E``, after the interdependence arguments of Keohane & Nye (1977)
    and the trade-peace findings of Oneal & Russett (1997). No ties at all give 0.

    Args:
        ties: ``(..., n, n)`` non-negative, symmetric.

    Returns:
        ``(..., n, n)`` with a zero diagonal.
    """
    e = zero_diagonal(ties)
    return safe_divide(e, e.max(axis=(-2, -1), keepdims=True))


@register(
    "relative_ties",
    kind="term",
    reference=(
        "Tinbergen 1962 (gravity); Keohane & Nye 1977 and Hirschman 1945 (asymmetric dependence)"
    ),
    parameters=(
        Parameter("weight", 0.1, 0.0, None, "weight in the drivers"),
        Parameter(
            "asymmetry",
            0.5,
            0.0,
            None,
            "friction per unit of difference between the two sides' dependence",
        ),
    ),
    inputs=("ties", "capability"),
)
def relative_ties(ties: np.ndarray, capability: np.ndarray, asymmetry: float) -> np.ndarray:
    """Economic ties against what the pair's size predicts, less asymmetric dependence.

    A gravity expectation (Tinbergen 1962) ``G_ij = beta c_i c_j`` with ``beta`` such that
    expected and given ties have the same total; the tie's signed surplus
    ``(E_ij - G_ij) / (E_ij + G_ij + 2 mean(E))`` is 0 for a pair trading as much as its size
    predicts, positive above and negative below (the mean tie smooths pairs with tiny sizes).
    Dependence ``d_ij = E_ij / sum_l E_il`` is the share of i's ties that go to j; a lopsided
    pair (Hirschman 1945; Keohane & Nye 1977) loses ``asymmetry |d_ij - d_ji|``. No ties at
    all give 0. Capability stands in for economic size (a scenario has no GDP).

    Args:
        ties: ``(..., n, n)`` non-negative, symmetric.
        capability: ``(..., n)`` positive.
        asymmetry: Friction per unit of dependence difference.

    Returns:
        ``(..., n, n)`` symmetric, zero diagonal, in [-1, 1].
    """
    e = zero_diagonal(ties)
    size = zero_diagonal(capability[..., :, None] * capability[..., None, :])
    beta = safe_divide(e.sum((-2, -1)), size.sum((-2, -1)))[..., None, None]
    expected = beta * size
    n = e.shape[-1]
    mean = e.sum((-2, -1), keepdims=True) / max(n * (n - 1), 1)
    surplus = safe_divide(e - expected, e + expected + 2.0 * mean)
    dependence = safe_divide(e, e.sum(-1, keepdims=True))
    lopsided = np.abs(dependence - np.swapaxes(dependence, -1, -2))
    return zero_diagonal(np.clip(surplus - asymmetry * lopsided, -1.0, 1.0))
