"""Vectorised formulas of the expected-utility (EU) bargaining model.

Pure numpy functions behind :mod:`alignsim.games.eum`: weighted median and mean, the
probability that one actor prevails over another, basic and expected utilities, and the
risk exponents derived from security levels. Every formula names its source:

* Bueno de Mesquita, B. (1994). "Political forecasting: an expected utility method".
  In Stokman, F. (ed.), *European Community Decision Making*, ch. 4. Yale University Press.
* Bueno de Mesquita, B. (1985). "The War Trap Revisited: a revised expected utility
  model". *American Political Science Review* 79(1), 156-177 (risk exponents).
* Scholz, J. B., Calbert, G. J. & Smith, G. A. (2011). "Unravelling Bueno De Mesquita's
  group decision model". *Journal of Theoretical Politics* 23(4), 510-531.
  Equation numbers below ("S-eq. n") follow that paper.

Notation: ``x`` positions, ``c`` capabilities, ``s`` saliences in [0, 1], ``w = c * s`` the
vote weights, ``R = hi - lo`` the width of the issue scale, ``d_ij = |x_i - x_j| / R``,
``r`` risk exponents. Arrays indexed ``[i, j]`` describe "i challenges j".
"""

from __future__ import annotations

from typing import Literal, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

Variant = Literal["bdm", "scholz2011"]
VARIANTS: tuple[str, ...] = ("bdm", "scholz2011")

STATUS_QUO_PROBABILITY = 1.0
"""Q, the probability that the status quo persists when no challenge is made (S-eq. 7).

Scholz et al. (2011, p. 527) chose Q = 1 for the EC case because Bueno de Mesquita (1994)
gives no value; with Q = 1 the "better / worse without a challenge" utilities drop out.
"""

_CHUNK_ELEMENTS = 2_000_000  # bound on temporary (block, n, n) tensors


class ExpectedUtilities(NamedTuple):
    """Expected utilities of challenges, both seen through the eyes of actor ``i``.

    Attributes:
        challenge: ``[i, j]`` = i's expected utility of challenging j, E^i(U_ij).
        counter: ``[i, j]`` = i's estimate of j's expected utility of challenging i,
            E^i(U_ji), computed with i's own risk exponent (Bueno de Mesquita 1994;
            Scholz et al. 2011, §6).
    """

    challenge: NDArray[np.float64]
    counter: NDArray[np.float64]


def check_variant(variant: str) -> str:
    """Return ``variant`` if it names a model variant, else raise ``ValueError``."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown EU model variant {variant!r}; choose one of {VARIANTS}")
    return variant


def scale_width(scale: tuple[float, float]) -> float:
    """Width ``R = hi - lo`` of an issue scale given as ``(lo, hi)`` with ``lo < hi``."""
    lo, hi = (float(v) for v in scale)
    if not (np.isfinite(lo) and np.isfinite(hi) and hi > lo):
        raise ValueError(f"scale must be (lo, hi) with finite lo < hi, got {scale!r}")
    return hi - lo


def vote_weights(capability: ArrayLike, salience: ArrayLike) -> NDArray[np.float64]:
    """Weight ``c_i * s_i`` of each actor's votes (Bueno de Mesquita 1994, p. 80)."""
    return np.asarray(capability, dtype=float) * np.asarray(salience, dtype=float)


def weighted_mean(position: ArrayLike, capability: ArrayLike, salience: ArrayLike) -> float:
    """Capability-and-salience weighted mean ``sum(c s x) / sum(c s)``.

    The "mean voter" forecast reported next to the median by Scholz et al. (2011, Table 2).

    Raises:
        ValueError: if every weight ``c * s`` is zero.
    """
    x = np.asarray(position, dtype=float)
    w = vote_weights(capability, salience)
    total = float(w.sum())
    if total <= 0.0:
        raise ValueError("weighted mean needs at least one actor with c * s > 0")
    return float((w * x).sum() / total)


def weighted_median(position: ArrayLike, capability: ArrayLike, salience: ArrayLike) -> float:
    """Pairwise-vote (Condorcet) median of the actors' positions.

    Bueno de Mesquita (1994, p. 80) and Scholz et al. (2011, §3.2, Appendix step 3) pit
    every held position ``x_j`` against every other ``x_k``; actor ``i`` casts
    ``v_i^{jk} = c_i s_i (|x_i - x_k| - |x_i - x_j|) / R`` votes for ``x_j``. The median is the
    position that no other defeats. Since ``sum_i v_i^{jk} = (L_k - L_j) / R`` with
    ``L_j = sum_i c_i s_i |x_i - x_j|``, the position with the smallest ``L_j`` wins every
    contest (Black's median voter); exact ties go to the smallest position.

    Returns:
        The winning position (one of the inputs).
    """
    x = np.asarray(position, dtype=float)
    w = vote_weights(capability, salience)
    loss = (w[:, None] * np.abs(x[:, None] - x[None, :])).sum(axis=0)
    best = loss == loss.min()
    return float(x[best].min())


def distance_ratio(position: ArrayLike, scale: tuple[float, float]) -> NDArray[np.float64]:
    """Normalised distances ``d_ij = |x_i - x_j| / R`` (Scholz et al. 2011, S-eq. 14)."""
    x = np.asarray(position, dtype=float)
    return np.abs(x[:, None] - x[None, :]) / scale_width(scale)


def pairwise_support(disutility: NDArray[np.float64]) -> NDArray[np.float64]:
    """Support for ``a`` over ``b`` summed over voters: ``S[a, b] = sum_k max(0, D[k,b] - D[k,a])``.

    Args:
        disutility: ``D[k, a]``, voter k's weighted disutility of position of actor a.

    Returns:
        ``(n, n)`` array; computed in blocks so memory stays bounded.
    """
    by_position = np.ascontiguousarray(disutility.T)  # [a, k]
    n = by_position.shape[0]
    support = np.empty((n, n))
    block = max(1, _CHUNK_ELEMENTS // max(1, n * by_position.shape[1]))
    for start in range(0, n, block):
        rows = by_position[start : start + block]
        gain = by_position[None, :, :] - rows[:, None, :]  # [a, b, k] = D[k,b] - D[k,a]
        support[start : start + block] = np.maximum(gain, 0.0).sum(axis=-1)
    return support


def challenge_probabilities(
    capability: ArrayLike,
    position: ArrayLike,
    salience: ArrayLike,
    risk_exponent: ArrayLike | None = None,
    *,
    scale: tuple[float, float],
    variant: Variant = "scholz2011",
) -> NDArray[np.float64]:
    """Probability ``P[i, j]`` that i prevails when i challenges j.

    ``bdm`` (Bueno de Mesquita 1994, p. 80; printed as S-eq. 30-31): the share of the votes
    cast in the contest of ``x_i`` against ``x_j`` that favour ``x_i``,
    ``P_ij = sum_k max(0, v_k) / sum_k |v_k|`` with ``v_k = c_k s_k (|x_k - x_j| - |x_k - x_i|)``,
    so ``P_ij + P_ji = 1`` (0.5 each when nobody's vote discriminates).

    ``scholz2011``: the computation behind Scholz et al.'s published trajectories (their
    Table 2), as reconstructed by the public replication of McKibben (later Masad,
    "bdm-scholz-expected-utility-model"). Votes use each voter's risk exponent,
    ``v_k = c_k s_k ((|x_k - x_j| / R)^{r_k} - (|x_k - x_i| / R)^{r_k})``, and the favourable
    votes are divided by the absolute votes summed over *all* ordered pairs of actors,
    ``G = sum_k sum_a sum_b |v_k^{ab}|``, not by the pair's own total. Probabilities are then
    small and the salience terms of the expected utility dominate; with the pair-wise
    denominator instead, the EC case collapses onto 7 years within two rounds.
    ``P`` is 0 when ``x_i = x_j`` or ``G = 0``.

    Args:
        capability, position, salience: ``(n,)`` actor attributes.
        risk_exponent: ``(n,)`` risk exponents ``r_k``; ones when omitted (``bdm`` ignores it).
        scale: the issue scale ``(lo, hi)``.
        variant: ``"bdm"`` or ``"scholz2011"``.
    """
    check_variant(variant)
    w = vote_weights(capability, salience)
    d = distance_ratio(position, scale)  # d[k, a]
    if variant == "bdm":
        support = pairwise_support(w[:, None] * d)
        total = support + support.T
        return np.where(total > 0.0, support / np.where(total > 0.0, total, 1.0), 0.5)
    r = np.ones_like(w) if risk_exponent is None else np.asarray(risk_exponent, dtype=float)
    support = pairwise_support(w[:, None] * d ** r[:, None])
    grand_total = 2.0 * float(support.sum())
    if grand_total <= 0.0:
        return np.zeros_like(support)
    return support / grand_total


def success_utility(d: ArrayLike, r: ArrayLike) -> NDArray[np.float64]:
    """``U_s = 2 - 4 (0.5 - 0.5 d)^r``, utility of winning a challenge (S-eq. 15)."""
    return 2.0 - 4.0 * (0.5 - 0.5 * np.asarray(d, dtype=float)) ** r


def failure_utility(d: ArrayLike, r: ArrayLike) -> NDArray[np.float64]:
    """``U_f = 2 - 4 (0.5 + 0.5 d)^r``, utility of losing a challenge (S-eq. 16)."""
    return 2.0 - 4.0 * (0.5 + 0.5 * np.asarray(d, dtype=float)) ** r


def status_quo_utility(r: ArrayLike) -> NDArray[np.float64]:
    """``U_sq = 2 - 4 (0.5)^r``, utility of the status quo (S-eq. 24)."""
    return 2.0 - 4.0 * 0.5 ** np.asarray(r, dtype=float)


def challenge_utility(
    prob: ArrayLike, target_salience: ArrayLike, d: ArrayLike, r: ArrayLike
) -> NDArray[np.float64]:
    """Expected utility of a challenge (Bueno de Mesquita 1994, pp. 81-83; S-eq. 5-7).

    ``EU = s_t (P U_s + (1 - P) U_f) + (1 - s_t) U_s - Q U_sq`` with ``Q = 1``: the target
    resists with probability equal to its salience ``s_t``; unresisted, the challenger wins.
    Exactly 0 when the two positions coincide (``d = 0``).
    """
    d = np.asarray(d, dtype=float)
    s_t = np.asarray(target_salience, dtype=float)
    p = np.asarray(prob, dtype=float)
    u_s = success_utility(d, r)
    u_f = failure_utility(d, r)
    value = (
        s_t * (p * u_s + (1.0 - p) * u_f)
        + (1.0 - s_t) * u_s
        - STATUS_QUO_PROBABILITY * status_quo_utility(r)
    )
    return np.where(d > 0.0, value, 0.0)


def expected_utilities(
    capability: ArrayLike,
    position: ArrayLike,
    salience: ArrayLike,
    risk_exponent: ArrayLike,
    *,
    scale: tuple[float, float],
    variant: Variant = "scholz2011",
) -> ExpectedUtilities:
    """Both expected utilities of every dyad, as actor ``i`` perceives them.

    ``challenge[i, j] = EU(P_ij, s_j, d_ij, r_i)`` and ``counter[i, j] = EU(P_ji, s_i, d_ij, r_i)``
    (see :func:`challenge_utility`); the pair ``(challenge, counter)`` places the dyad in one
    of the octants of Bueno de Mesquita (1994, fig. 4.2; Scholz et al. 2011, fig. 6).
    """
    s = np.asarray(salience, dtype=float)
    r = np.asarray(risk_exponent, dtype=float)
    p = challenge_probabilities(capability, position, salience, r, scale=scale, variant=variant)
    d = distance_ratio(position, scale)
    challenge = challenge_utility(p, s[None, :], d, r[:, None])
    counter = challenge_utility(p.T, s[:, None], d, r[:, None])
    return ExpectedUtilities(challenge, counter)


def risk_from_security(
    current: NDArray[np.float64], highest: NDArray[np.float64], lowest: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Risk exponent from security levels (Bueno de Mesquita 1985; S-eq. 32-34).

    ``R_i = (2 D_i - D_max - D_min) / (D_max - D_min)`` in [-1, 1], where ``D`` is the sum of
    the expected utilities others would gain by challenging i; then
    ``r_i = (1 - R_i / 3) / (1 + R_i / 3)`` in [0.5, 2]. Where ``D_max - D_min`` is (nearly)
    zero the security levels carry no information and ``r_i = 1``.
    """
    spread = highest - lowest
    tolerance = 1e-12 * np.maximum(1.0, np.maximum(np.abs(highest), np.abs(lowest)))
    informative = spread > tolerance
    big_r = np.where(
        informative, (2.0 * current - highest - lowest) / np.where(informative, spread, 1.0), 0.0
    )
    big_r = np.clip(big_r, -1.0, 1.0)
    return (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0)
