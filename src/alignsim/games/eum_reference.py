"""Unvectorised reference implementation of the expected-utility bargaining model.

Plain Python loops written straight from the formulas (Bueno de Mesquita 1994; Scholz,
Calbert & Smith 2011; see :mod:`alignsim.games.eum` for the full references and the two
variants). It exists to check the vectorised code in tests and to time it in
``benchmarks/eum.py``; it recomputes every vote sum from scratch and is O(n^4) per round
for the ``bdm`` risk exponents, so use it for small games only.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from alignsim.games.eum_offers import Octant

Q = 1.0


def _vote(w_k: float, x_k: float, x_a: float, x_b: float, width: float, r_k: float) -> float:
    """Votes voter k casts for position ``x_a`` against ``x_b`` (risk-adjusted distances)."""
    return w_k * ((abs(x_k - x_b) / width) ** r_k - (abs(x_k - x_a) / width) ** r_k)


def grand_vote_total(c, x, s, r, width: float) -> float:
    """``G = sum_k sum_a sum_b |v_k(x_a, x_b)|``, the ``scholz2011`` denominator."""
    n = len(x)
    total = 0.0
    for k in range(n):
        for a in range(n):
            for b in range(n):
                total += abs(_vote(c[k] * s[k], x[k], x[a], x[b], width, r[k]))
    return total


def probability(c, x, s, r, i: int, j: int, width: float, variant: str, grand_total=None):
    """Probability that actor i prevails over actor j (see ``challenge_probabilities``).

    ``grand_total`` may pass a precomputed :func:`grand_vote_total` (``scholz2011``).
    """
    n = len(x)
    if variant == "bdm":
        favour, total = 0.0, 0.0
        for k in range(n):
            v = c[k] * s[k] * (abs(x[k] - x[j]) - abs(x[k] - x[i])) / width
            favour += max(0.0, v)
            total += abs(v)
        return favour / total if total > 0.0 else 0.5
    if x[i] == x[j]:
        return 0.0
    if grand_total is None:
        grand_total = grand_vote_total(c, x, s, r, width)
    if grand_total <= 0.0:
        return 0.0
    favour = 0.0
    for k in range(n):
        favour += max(0.0, _vote(c[k] * s[k], x[k], x[i], x[j], width, r[k]))
    return favour / grand_total


def challenge_eu(p: float, s_target: float, d: float, r: float) -> float:
    """``s_t (P U_s + (1 - P) U_f) + (1 - s_t) U_s - Q U_sq``; 0 when ``d = 0``."""
    if d == 0.0:
        return 0.0
    u_s = 2.0 - 4.0 * (0.5 - 0.5 * d) ** r
    u_f = 2.0 - 4.0 * (0.5 + 0.5 * d) ** r
    u_sq = 2.0 - 4.0 * 0.5**r
    return s_target * (p * u_s + (1.0 - p) * u_f) + (1.0 - s_target) * u_s - Q * u_sq


def _risk(current: float, highest: float, lowest: float) -> float:
    spread = highest - lowest
    if not spread > 1e-12 * max(1.0, abs(highest), abs(lowest)):
        return 1.0
    big_r = min(1.0, max(-1.0, (2.0 * current - highest - lowest) / spread))
    return (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0)


def _danger(c, x, s, i: int, width: float, variant: str) -> float:
    """Sum over j of the expected utility of j challenging i, with all exponents 1."""
    ones = [1.0] * len(x)
    grand = grand_vote_total(c, x, s, ones, width) if variant == "scholz2011" else None
    total = 0.0
    for j in range(len(x)):
        if j != i:
            p = probability(c, x, s, ones, j, i, width, variant, grand)
            total += challenge_eu(p, s[i], abs(x[j] - x[i]) / width, 1.0)
    return total


def risk_exponents(c, x, s, width: float, variant: str) -> list[float]:
    """Risk exponents from security levels, ``bdm`` or ``scholz2011`` (``eum_risk``)."""
    n = len(x)
    if variant == "scholz2011":
        danger = [_danger(c, x, s, i, width, variant) for i in range(n)]
        return [_risk(danger[i], max(danger), min(danger)) for i in range(n)]
    result = []
    for i in range(n):
        levels = []
        for y in sorted(set(x)):
            moved = list(x)
            moved[i] = y
            levels.append(_danger(c, moved, s, i, width, variant))
        result.append(_risk(_danger(c, x, s, i, width, variant), max(levels), min(levels)))
    return result


def octant(a: float, b: float) -> Octant:
    """Octant of a dyad with ``a = E^i(U_ij)`` and ``b = E^i(U_ji)``."""
    if a > 0 and b > 0:
        return Octant.CONFLICT_LOST if b > a else Octant.CONFLICT_WON
    if a < 0 < b:
        if b > -a:
            return Octant.COMPROMISE_GIVE
        if b < -a:
            return Octant.CAPITULATE
    if b < 0 < a:
        if a > -b:
            return Octant.COMPROMISE_GAIN
        if a < -b:
            return Octant.COMPEL
    return Octant.STATUS_QUO


def bargaining_round(c, x, s, scale: tuple[float, float], variant: str):
    """One round: ``(new_x, r, outcome, proposer, octants)`` as plain lists."""
    n = len(x)
    width = scale[1] - scale[0]
    r = risk_exponents(c, x, s, width, variant)
    grand = grand_vote_total(c, x, s, r, width) if variant == "scholz2011" else None
    octants = [[Octant.STATUS_QUO] * n for _ in range(n)]
    new_x, outcome, proposer = list(x), [Octant.STATUS_QUO] * n, [-1] * n
    for i in range(n):
        best: dict[Octant, tuple[float, int, float]] = {}
        for j in range(n):
            if x[i] == x[j]:
                continue
            d = abs(x[i] - x[j]) / width
            p_ij = probability(c, x, s, r, i, j, width, variant, grand)
            p_ji = probability(c, x, s, r, j, i, width, variant, grand)
            a = challenge_eu(p_ij, s[j], d, r[i])
            b = challenge_eu(p_ji, s[i], d, r[i])
            kind = octant(a, b)
            octants[i][j] = kind
            if s[j] <= 0.0:
                continue
            if kind in (Octant.CONFLICT_LOST, Octant.CAPITULATE):
                target, rank = x[j], abs(x[j] - x[i])
            elif kind == Octant.COMPROMISE_GIVE:
                target = x[i] + (x[j] - x[i]) * abs(a / b)
                if variant == "scholz2011":
                    rank = (abs(a) * x[i] + abs(b) * x[j]) / (abs(a) + abs(b))
                else:
                    rank = abs(target - x[i])
            else:
                continue
            if kind not in best or rank < best[kind][0]:
                best[kind] = (rank, j, target)
        for kind in (Octant.CONFLICT_LOST, Octant.COMPROMISE_GIVE, Octant.CAPITULATE):
            if kind in best:
                _, proposer[i], new_x[i] = best[kind]
                outcome[i] = kind
                break
    return new_x, r, outcome, proposer, octants


def weighted_median(c, x, s) -> float:
    """Position winning every pairwise vote; ties to the smallest position."""
    n = len(x)
    best_position, best_margin = None, None
    for j in range(n):
        worst = min(
            sum(c[i] * s[i] * (abs(x[i] - x[k]) - abs(x[i] - x[j])) for i in range(n))
            for k in range(n)
        )
        better = best_margin is None or worst > best_margin
        tie_lower = worst == best_margin and x[j] < best_position
        if better or tie_lower:
            best_position, best_margin = x[j], worst
    return float(best_position)


def weighted_mean(c, x, s) -> float:
    """``sum(c s x) / sum(c s)``."""
    return sum(c[i] * s[i] * x[i] for i in range(len(x))) / sum(c[i] * s[i] for i in range(len(x)))


def forecast(c, x, s, scale: tuple[float, float], rounds: int, variant: str) -> dict[str, NDArray]:
    """Trajectory of positions, medians, means, risk exponents, outcomes and proposers."""
    c, s = [float(v) for v in c], [float(v) for v in s]
    positions, risks, outcomes, proposers = [[float(v) for v in x]], [], [], []
    for _ in range(rounds):
        new_x, r, outcome, proposer, _ = bargaining_round(c, positions[-1], s, scale, variant)
        positions.append([min(scale[1], max(scale[0], v)) for v in new_x])
        risks.append(r)
        outcomes.append([int(o) for o in outcome])
        proposers.append(proposer)
    return {
        "positions": np.array(positions),
        "median": np.array([weighted_median(c, row, s) for row in positions]),
        "mean": np.array([weighted_mean(c, row, s) for row in positions]),
        "risk_exponents": np.array(risks).reshape(rounds, len(x)),
        "outcome": np.array(outcomes, dtype=int).reshape(rounds, len(x)),
        "proposer": np.array(proposers, dtype=int).reshape(rounds, len(x)),
    }
