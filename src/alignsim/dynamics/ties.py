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
