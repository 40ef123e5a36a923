"""Consent: a tie warms only as far as both sides want; hostility needs only one."""

from __future__ import annotations

import numpy as np

from alignsim.dynamics.registry import register


@register(
    "mutual_consent", kind="consent", reference="Jackson & Wolinsky 1996 (pairwise stability)"
)
def mutual_consent(desired: np.ndarray) -> np.ndarray:
    """Target alignment ``tau_ij = min(desired_ij, desired_ji)``.

    Friendship needs both sides' consent while either side can sour a relation, as links
    in the pairwise-stable networks of Jackson & Wolinsky (1996) form by mutual consent and
    break unilaterally.

    Args:
        desired: ``(..., n, n)`` each row actor's desired alignment with each column actor.

    Returns:
        ``(..., n, n)`` symmetric target.
    """
    return np.minimum(desired, np.swapaxes(desired, -1, -2))


def desired_alignment(terms: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Each actor's weighted sum of the pairwise terms, clipped to [-1, 1].

    Args:
        terms: ``(..., t, n, n)`` term values, one slice per term mechanism.
        weights: ``(..., n, t)`` each actor's weight on each term (its doctrine).

    Returns:
        ``(..., n, n)`` where row i is actor i's desired alignment.
    """
    return np.clip(np.einsum("...it,...tij->...ij", weights, terms), -1.0, 1.0)
