"""Capabilities over time: each actor's capability grows at its own rate."""

from __future__ import annotations

import numpy as np

from alignsim.dynamics.registry import register


@register(
    "capability_growth",
    kind="update",
    reference="Organski & Kugler 1980 (power transition: differential growth)",
)
def capability_growth(capability: np.ndarray, factor: np.ndarray) -> np.ndarray:
    """``c <- c * (1 + g)^(years per step)``: differential growth shifts relative power.

    The rates ``g`` are the actors' annual ``capability_growth`` in the scenario (Organski &
    Kugler 1980: uneven growth, not alliances alone, changes the distribution of power);
    ``factor`` is ``(1 + g)^(years per step)`` per actor, computed once when the scenario is
    compiled. Applied under every preset whenever a scenario gives a rate.

    Args:
        capability: ``(..., n)`` positive.
        factor: ``(n,)`` per-step growth factors.

    Returns:
        ``(..., n)`` capabilities one step later.
    """
    return capability * factor
