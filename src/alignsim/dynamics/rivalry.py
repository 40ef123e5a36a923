"""Rivalry regime: flagged rival pairs stay hostile until the rivalry ends."""

from __future__ import annotations

import numpy as np

from alignsim.dynamics.registry import Parameter, register


@register(
    "rivalry",
    kind="regime",
    reference="Diehl & Goertz 2000 (enduring rivalries); Thompson 2001 (strategic rivalries)",
    parameters=(
        Parameter("ceiling", -0.3, -1.0, 1.0, "highest target alignment of a running rivalry"),
        Parameter(
            "hazard",
            0.01,
            0.0,
            1.0,
            "chance per step that a rivalry ends (0.01 a quarter: about 4% a year)",
        ),
    ),
)
def rivalry(
    target: np.ndarray, running: np.ndarray, ceiling: float, hazard: float
) -> tuple[np.ndarray, np.ndarray]:
    """Cap the target of rival pairs at ``ceiling``, weighted by the rivalry's survival.

    Pairs flagged ``rivalry: true`` are enduring or strategic rivals (Diehl & Goertz 2000;
    Thompson 2001): while the rivalry runs their target is ``min(target, ceiling)``, so
    no driver warms them past the ceiling. Rivalries end with a constant hazard ``h`` per
    step; ``running`` is the probability that the rivalry is still on (1 at the start,
    ``(1 - h)^t`` after t steps), and the target is the expectation over ending,
    ``r min(target, ceiling) + (1 - r) target`` (deterministic: no draw from the run's
    generator). Off by default.

    Args:
        target: ``(..., n, n)`` target alignment.
        running: ``(..., n, n)`` survival probability of each pair's rivalry (0: none).
        ceiling: Highest target of a running rivalry.
        hazard: Termination hazard per step.

    Returns:
        The capped target and the survival one step later.
    """
    capped = running * np.minimum(target, ceiling) + (1.0 - running) * target
    return capped, running * (1.0 - hazard)
