"""Signed interest affinity: agreement on issues beyond what chance pairing would give."""

from __future__ import annotations

import numpy as np

from alignsim.dynamics._arrays import safe_divide, zero_diagonal
from alignsim.dynamics.registry import Parameter, register


def issue_spread(positions: np.ndarray, salience: np.ndarray) -> np.ndarray:
    """Expected squared disagreement on each issue between two actors paired at random.

    ``delta_k = sum_{a != b} s_ak s_bk (X_ak - X_bk)^2 / sum_{a != b} s_ak s_bk``, computed
    in O(n k) from weighted moments: the numerator is
    ``2 (sum s)(sum s X^2) - 2 (sum s X)^2`` (the ``a = b`` terms are zero).

    Args:
        positions: ``(..., n, k)`` in [-1, 1].
        salience: ``(..., n, k)`` in [0, 1].

    Returns:
        ``(..., k)``; 0 on an issue fewer than two actors care about.
    """
    total = salience.sum(-2)
    first = (salience * positions).sum(-2)
    second = (salience * positions**2).sum(-2)
    pairs = total**2 - (salience**2).sum(-2)
    return safe_divide(2.0 * (total * second - first**2), pairs)


@register(
    "signed_affinity",
    kind="term",
    reference="Häge 2011 (chance-corrected similarity, Scott's pi); Signorino & Ritter 1999",
    parameters=(Parameter("weight", 0.3, 0.0, None, "weight in the drivers"),),
    inputs=("positions", "salience"),
)
def signed_affinity(positions: np.ndarray, salience: np.ndarray) -> np.ndarray:
    """Chance-corrected agreement of interests, in [-1, 1]: 0 unrelated, < 0 opposed.

    ``F_ij = 1 - D_ij / E_ij`` with the salience-weighted observed disagreement
    ``D_ij = sum_k w_ijk (X_ik - X_jk)^2`` and the disagreement expected by chance
    ``E_ij = sum_k w_ijk delta_k`` (``delta_k``: :func:`issue_spread`), ``w_ijk =
    sqrt(S_ik S_jk)``: a Scott's-pi-style correction of a similarity score as Häge (2011)
    proposes for foreign-policy similarity, on the squared-distance S score of Signorino &
    Ritter (1999). Identical positions give +1, agreement at the level chance pairing
    implies 0, and more disagreement than chance a negative value (clipped at -1). Pairs
    with no shared salient issue, or issues on which everyone agrees, give 0.
    Because ``w_ijk`` factorises, every sum is a matrix product over issues.

    Args:
        positions: ``(..., n, k)`` in [-1, 1].
        salience: ``(..., n, k)`` in [0, 1].

    Returns:
        ``(..., n, n)`` symmetric, zero diagonal.
    """
    root = np.sqrt(salience)
    rx, rx2 = root * positions, root * positions**2
    t = np.swapaxes
    observed = rx2 @ t(root, -1, -2) + root @ t(rx2, -1, -2) - 2.0 * (rx @ t(rx, -1, -2))
    spread = issue_spread(positions, salience)[..., None, :]
    expected = root @ t(root * spread, -1, -2)
    affinity = np.where(expected > 1e-12, 1.0 - safe_divide(observed, expected), 0.0)
    return zero_diagonal(np.clip(affinity, -1.0, 1.0))
