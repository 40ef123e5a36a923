"""Historical anchor: relations remember where they started."""

from __future__ import annotations

import numpy as np

from alignsim.dynamics.registry import Parameter, register


@register(
    "historical_anchor",
    kind="term",
    reference="Friedkin & Johnsen 1990 (anchoring to initial opinions); Diehl & Goertz 2000",
    parameters=(Parameter("weight", 0.2, 0.0, None, "weight in the desired alignment"),),
    inputs=("baseline",),
)
def historical_anchor(baseline: np.ndarray) -> np.ndarray:
    """The pair's initial alignment, pulling relations back toward their history.

    In the opinion dynamics of Friedkin & Johnsen (1990) actors stay partly attached to
    their initial opinions; here a relation stays partly attached to its alignment at the
    start of the run, so enduring rivalries (Diehl & Goertz 2000, *War and Peace in
    International Rivalry*) and old friendships do not dissolve on their own.

    Args:
        baseline: ``(..., n, n)`` alignment at the start of the run.

    Returns:
        The baseline itself, ``(..., n, n)``.
    """
    return baseline
