"""Octants of the expected-utility plane and the offers actors accept.

Bueno de Mesquita (1994, pp. 86-89, fig. 4.2) places each dyad, as actor i perceives it, in
the plane spanned by ``a = E^i(U_ij)`` (i's expected utility of challenging j) and
``b = E^i(U_ji)`` (i's estimate of j's expected utility of challenging i). Scholz, Calbert &
Smith (2011, §6, fig. 6) spell out the octants and the moves they imply for i:

* conflict, both expect to gain: ``a > 0, b > 0``. If ``b > a`` i expects to lose and moves
  to ``x_j``; otherwise i expects to win and stays.
* compromise, j has the upper hand: ``a < 0 < b`` and ``b > |a|``. i moves part of the way,
  to ``x_i + (x_j - x_i) |a / b|`` (S-eq. 36).
* capitulation: ``a < 0 < b`` and ``b < |a|``. i gives in and moves to ``x_j``.
* the mirror images (i has the upper hand, j should move) and the status quo
  (``a <= 0, b <= 0``) leave i where it is.

Acceptance (S-§6.2; Bueno de Mesquita 1994, p. 89): an actor prefers losing a conflict to
compromising and compromising to capitulating, and within a kind takes the proposal that
moves it least. The ``scholz2011`` variant instead takes, among compromises, the proposal
whose EU-weighted midpoint ``(|a| x_i + |b| x_j) / (|a| + |b|)`` is lowest on the scale: this
is the rule of the computation behind Scholz et al.'s Table 2 (as reconstructed by the
McKibben/Masad replication; rounds 6-8 of that table depend on it). It is direction
dependent (it favours the low end of the scale), so prefer ``bdm`` where the orientation
of an issue scale is arbitrary. Remaining ties go to the lower actor index.

alignsim convention (not in the sources): an actor with zero salience makes no credible
proposals, so it never moves anybody.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from alignsim.games.eum_core import Variant, check_variant


class Octant(IntEnum):
    """Classification of dyad (i, j) as seen by i; also the kind of offer i accepted."""

    STATUS_QUO = 0
    """Nobody expects to gain (or the positions coincide): nothing happens."""
    CONFLICT_LOST = 1
    """Both expect to gain, j more: i loses the conflict and moves to ``x_j``."""
    CONFLICT_WON = 2
    """Both expect to gain, i at least as much: j should move to ``x_i``."""
    COMPROMISE_GIVE = 3
    """j has the upper hand: i moves part of the way towards ``x_j``."""
    CAPITULATE = 4
    """i's expected loss exceeds j's gain: i moves to ``x_j``."""
    COMPROMISE_GAIN = 5
    """i has the upper hand: j should move part of the way towards ``x_i``."""
    COMPEL = 6
    """j's expected loss exceeds i's gain: j should move to ``x_i``."""


class AcceptedOffers(NamedTuple):
    """Outcome of one round of offers.

    Attributes:
        position: ``(n,)`` positions after the round.
        outcome: ``(n,)`` octant code of the accepted offer (``STATUS_QUO`` if none).
        proposer: ``(n,)`` index of the actor whose offer was accepted, -1 if none.
        octant: ``(n, n)`` classification of every dyad as seen by the row actor.
    """

    position: NDArray[np.float64]
    outcome: NDArray[np.int8]
    proposer: NDArray[np.intp]
    octant: NDArray[np.int8]


def classify_octants(
    challenge: NDArray[np.float64], counter: NDArray[np.float64], position: NDArray[np.float64]
) -> NDArray[np.int8]:
    """Octant code ``[i, j]`` of each dyad from ``a = challenge[i, j]``, ``b = counter[i, j]``."""
    a, b = challenge, counter
    distinct = position[:, None] != position[None, :]
    conditions = [
        (a > 0) & (b > 0) & (b > a),
        (a > 0) & (b > 0),
        (a < 0) & (b > 0) & (b > -a),
        (a < 0) & (b > 0) & (b < -a),
        (a > 0) & (b < 0) & (a > -b),
        (a > 0) & (b < 0) & (a < -b),
    ]
    codes = [
        Octant.CONFLICT_LOST,
        Octant.CONFLICT_WON,
        Octant.COMPROMISE_GIVE,
        Octant.CAPITULATE,
        Octant.COMPROMISE_GAIN,
        Octant.COMPEL,
    ]
    octant = np.select(conditions, [int(c) for c in codes], default=int(Octant.STATUS_QUO))
    return np.where(distinct, octant, int(Octant.STATUS_QUO)).astype(np.int8)


def accept_offers(
    challenge: NDArray[np.float64],
    counter: NDArray[np.float64],
    position: NDArray[np.float64],
    salience: NDArray[np.float64],
    variant: Variant = "scholz2011",
) -> AcceptedOffers:
    """Every actor accepts at most one offer; all moves happen at once.

    Args:
        challenge: ``[i, j]`` = E^i(U_ij).
        counter: ``[i, j]`` = E^i(U_ji).
        position: ``(n,)`` current positions.
        salience: ``(n,)`` saliences; proposers with zero salience are ignored.
        variant: selects the ranking of compromise proposals (module docstring).
    """
    check_variant(variant)
    x = np.asarray(position, dtype=float)
    a, b = challenge, counter
    octant = classify_octants(a, b, x)
    credible = (np.asarray(salience, dtype=float) > 0.0)[None, :]
    x_i, x_j = x[:, None], x[None, :]
    step = np.abs(x_j - x_i)
    with np.errstate(divide="ignore", invalid="ignore"):
        compromise_at = x_i + (x_j - x_i) * np.abs(a / b)
        midpoint = (np.abs(a) * x_i + np.abs(b) * x_j) / (np.abs(a) + np.abs(b))
    compromise_rank = midpoint if variant == "scholz2011" else np.abs(compromise_at - x_i)
    kinds = [
        (Octant.CONFLICT_LOST, step, np.broadcast_to(x_j, a.shape)),
        (Octant.COMPROMISE_GIVE, compromise_rank, compromise_at),
        (Octant.CAPITULATE, step, np.broadcast_to(x_j, a.shape)),
    ]
    n = x.size
    rows = np.arange(n)
    new_position = x.copy()
    outcome = np.full(n, int(Octant.STATUS_QUO), dtype=np.int8)
    proposer = np.full(n, -1, dtype=np.intp)
    undecided = np.ones(n, dtype=bool)
    for kind, rank, target in kinds:
        allowed = (octant == kind) & credible
        choice = np.argmin(np.where(allowed, rank, np.inf), axis=1)
        takes = undecided & allowed.any(axis=1)
        new_position[takes] = target[rows[takes], choice[takes]]
        outcome[takes] = int(kind)
        proposer[takes] = choice[takes]
        undecided &= ~takes
    return AcceptedOffers(new_position, outcome, proposer, octant)
