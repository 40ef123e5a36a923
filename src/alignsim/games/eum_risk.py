"""Risk exponents of the expected-utility bargaining model, from security levels.

An actor's security level is the sum of the expected utilities the others would gain by
challenging it; comparing it with a best and a worst case gives the risk exponent through
:func:`alignsim.games.eum_core.risk_from_security` (Bueno de Mesquita 1985, 1994; Scholz,
Calbert & Smith 2011, §5). The two variants differ in what the comparison ranges over:

* ``bdm``: Bueno de Mesquita (1985, pp. 160-161; 1994, p. 85) compares i's security at its
  chosen position with the most and the least secure positions *i itself* could have taken.
  The candidate positions are the distinct positions currently held by the actors
  (alignsim's reading; the sources do not list them).
* ``scholz2011``: Scholz et al. (2011, S-eq. 34) compare i's security with the highest and
  lowest security level found among *all actors*.

Both evaluate the expected utilities with every risk exponent set to 1 (Scholz et al.
2011, p. 524: first pass with ``r_i = 1``, then re-estimate with the new exponents).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from alignsim.games.eum_core import (
    _CHUNK_ELEMENTS,
    Variant,
    challenge_probabilities,
    challenge_utility,
    check_variant,
    distance_ratio,
    risk_from_security,
    scale_width,
    vote_weights,
)


def security_levels(
    capability: ArrayLike,
    position: ArrayLike,
    salience: ArrayLike,
    *,
    scale: tuple[float, float],
    variant: Variant = "scholz2011",
) -> NDArray[np.float64]:
    """Danger ``D_i = sum_{j != i} EU(j challenges i)`` at the current positions, with r = 1.

    Higher values mean the others expect more from challenging i (i is less secure).
    """
    s = np.asarray(salience, dtype=float)
    p = challenge_probabilities(capability, position, salience, scale=scale, variant=variant)
    d = distance_ratio(position, scale)
    return challenge_utility(p.T, s[:, None], d, 1.0).sum(axis=1)


def _alternative_security_levels(
    capability: ArrayLike, position: ArrayLike, salience: ArrayLike, scale: tuple[float, float]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Danger ``D_i(y)`` of each actor i if it alone moved to each held position ``y`` (bdm).

    With i at ``y``, the contest "j challenges i" is decided by the pair-wise vote share of
    :func:`challenge_probabilities` (``bdm``). Voter i now sits at ``y``: it gives j nothing
    and gives i ``w_i |y - x_j|``. The sums over all voters are formed once and i's own
    term is swapped, which keeps the cost at O(n^2 m) instead of O(n^3 m).

    Returns:
        ``(levels, candidates)``: levels ``[i, y]`` and the candidate positions ``(m,)``.
    """
    x = np.asarray(position, dtype=float)
    s = np.asarray(salience, dtype=float)
    w = vote_weights(capability, salience)
    width = scale_width(scale)
    candidates = np.unique(x)
    to_y = np.abs(x[:, None] - candidates[None, :]) / width  # [k, y]
    to_x = np.abs(x[:, None] - x[None, :]) / width  # [k, j]
    margin = to_y[:, :, None] - to_x[:, None, :]  # [k, y, j]: > 0 when k prefers x_j
    for_j = (w[:, None, None] * np.maximum(margin, 0.0)).sum(axis=0)  # [y, j]
    for_y = (w[:, None, None] * np.maximum(-margin, 0.0)).sum(axis=0)
    y_to_j = np.abs(candidates[:, None] - x[None, :]) / width  # [y, j]
    n, m = x.size, candidates.size
    levels = np.empty((n, m))
    block = max(1, _CHUNK_ELEMENTS // max(1, m * n))
    for start in range(0, n, block):
        rows = np.arange(start, min(n, start + block))
        own = margin[rows]  # [i, y, j]
        wi = w[rows, None, None]
        votes_j = for_j[None] - wi * np.maximum(own, 0.0)
        votes_y = for_y[None] - wi * np.maximum(-own, 0.0) + wi * y_to_j[None]
        total = votes_j + votes_y
        prob_j = np.where(total > 0.0, votes_j / np.where(total > 0.0, total, 1.0), 0.5)
        utility = challenge_utility(prob_j, s[rows, None, None], y_to_j[None], 1.0)
        utility[np.arange(rows.size), :, rows] = 0.0  # i does not challenge itself
        levels[rows] = utility.sum(axis=2)
    return levels, candidates


def risk_exponents(
    capability: ArrayLike,
    position: ArrayLike,
    salience: ArrayLike,
    *,
    scale: tuple[float, float],
    variant: Variant = "scholz2011",
) -> NDArray[np.float64]:
    """Risk exponents ``r_i`` in [0.5, 2] from security levels (see the module docstring).

    Args:
        capability, position, salience: ``(n,)`` actor attributes.
        scale: the issue scale ``(lo, hi)``.
        variant: ``"bdm"`` (range over i's own alternative positions) or ``"scholz2011"``
            (range over all actors' security levels).

    Returns:
        ``(n,)`` risk exponents; 1 where the security levels do not discriminate.
    """
    check_variant(variant)
    if variant == "scholz2011":
        danger = security_levels(capability, position, salience, scale=scale, variant=variant)
        return risk_from_security(
            danger, np.full_like(danger, danger.max()), np.full_like(danger, danger.min())
        )
    levels, candidates = _alternative_security_levels(capability, position, salience, scale)
    here = np.searchsorted(candidates, np.asarray(position, dtype=float))
    current = levels[np.arange(levels.shape[0]), here]
    return risk_from_security(current, levels.max(axis=1), levels.min(axis=1))
