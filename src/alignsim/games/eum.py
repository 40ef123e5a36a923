"""Expected-utility bargaining forecast (Bueno de Mesquita; Scholz, Calbert & Smith 2011).

Actors with a capability, a position on an issue and a salience challenge one another in
rounds. In each round every actor (1) derives a risk exponent from its security level,
(2) computes, for every other actor, its expected utility of a challenge and its estimate
of the other's, (3) classifies the dyad as conflict, compromise, capitulation or status
quo and (4) accepts at most one offer; all moves happen simultaneously. The forecast is
the capability-and-salience weighted pairwise-vote (Condorcet) median of the positions,
reported with the weighted mean.

References:
    Bueno de Mesquita, B. (1994). "Political forecasting: an expected utility method". In
    Stokman, F. (ed.), *European Community Decision Making*, ch. 4, pp. 71-104. Yale UP.
    Bueno de Mesquita, B. (1985). "The War Trap Revisited". *APSR* 79(1), 156-177.
    Bueno de Mesquita, B. (2002). *Predicting Politics*. Ohio State University Press.
    Scholz, J. B., Calbert, G. J. & Smith, G. A. (2011). "Unravelling Bueno De Mesquita's
    group decision model". *Journal of Theoretical Politics* 23(4), 510-531.

Two variants, selected by name, differ exactly where the sources differ:

* probability that i prevails over j: ``bdm`` the pair-wise vote share with linear
  utilities; ``scholz2011`` votes with the voters' risk exponents divided by the total over
  all pairs (:func:`~alignsim.games.eum_core.challenge_probabilities`);
* risk exponents: ``bdm`` compares i's security with i's own alternative positions,
  ``scholz2011`` with all actors' (:mod:`alignsim.games.eum_risk`);
* accepted compromise: ``bdm`` the one that moves i least, ``scholz2011`` the lowest
  EU-weighted midpoint (:mod:`alignsim.games.eum_offers`).

``scholz2011`` reproduces the trajectory Scholz et al. publish for the EC emission-
standards case (their Table 2): the mean within 0.1 in all eight rounds, the median within
0.1 in seven (round 2 gives 9.61 where the table prints 9.9, as does the independent
McKibben/Masad replication); see ``tests/games/test_eum.py``. ``bdm`` is the literal
reading of the printed formulas; on the EC case it settles on 7 years within two rounds.
The status-quo probability is fixed at ``Q = 1`` (Scholz et al.'s choice for that case),
which removes the "better/worse without a challenge" terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from alignsim.games.eum_core import (
    VARIANTS,
    ExpectedUtilities,
    Variant,
    challenge_probabilities,
    check_variant,
    expected_utilities,
    scale_width,
    weighted_mean,
    weighted_median,
)
from alignsim.games.eum_offers import Octant, accept_offers, classify_octants
from alignsim.games.eum_risk import risk_exponents, security_levels

__all__ = [
    "VARIANTS",
    "EUMResult",
    "ExpectedUtilities",
    "Octant",
    "RoundResult",
    "bargaining_round",
    "challenge_probabilities",
    "classify_octants",
    "expected_utilities",
    "forecast",
    "risk_exponents",
    "security_levels",
    "step_positions",
    "step_positions_multi",
    "weighted_mean",
    "weighted_median",
]

NORMALISED_SCALE = (-1.0, 1.0)


class RoundResult(NamedTuple):
    """Everything one bargaining round produced.

    Attributes:
        position: ``(n,)`` positions after the round.
        risk_exponent: ``(n,)`` risk exponents used in the round.
        outcome: ``(n,)`` :class:`Octant` code of the offer each actor accepted.
        proposer: ``(n,)`` index of the actor whose offer was accepted, -1 if none.
        octant: ``(n, n)`` :class:`Octant` of every dyad as the row actor sees it.
    """

    position: NDArray[np.float64]
    risk_exponent: NDArray[np.float64]
    outcome: NDArray[np.int8]
    proposer: NDArray[np.intp]
    octant: NDArray[np.int8]


@dataclass(frozen=True)
class EUMResult:
    """Trajectory of an expected-utility forecast over ``rounds`` rounds of ``n`` actors.

    Attributes:
        positions: ``(rounds + 1, n)`` positions; row 0 is the input.
        median: ``(rounds + 1,)`` pairwise-vote weighted median per round (the forecast).
        mean: ``(rounds + 1,)`` capability-and-salience weighted mean per round.
        risk_exponents: ``(rounds, n)`` risk exponents used in each round.
        outcome: ``(rounds, n)`` :class:`Octant` code of the offer each actor accepted
            (``STATUS_QUO`` = none).
        proposer: ``(rounds, n)`` index of the proposer whose offer was accepted, or -1.
        offer: ``(rounds, n)`` position of the accepted offer, NaN if none.
        octants: ``(rounds, n, n)`` dyad classification as seen by the row actor.
        variant: the model variant used.
        scale: the issue scale ``(lo, hi)``.
    """

    positions: NDArray[np.float64]
    median: NDArray[np.float64]
    mean: NDArray[np.float64]
    risk_exponents: NDArray[np.float64]
    outcome: NDArray[np.int8]
    proposer: NDArray[np.intp]
    offer: NDArray[np.float64]
    octants: NDArray[np.int8]
    variant: str
    scale: tuple[float, float]

    @property
    def forecast(self) -> float:
        """The final-round weighted median, the model's forecast."""
        return float(self.median[-1])


def _actor_arrays(
    capability: ArrayLike, position: ArrayLike, salience: ArrayLike, scale: tuple[float, float]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Validate and convert the actor attributes to float arrays of one shape ``(n,)``."""
    c, x, s = (np.asarray(v, dtype=float) for v in (capability, position, salience))
    if c.ndim != 1 or c.shape != x.shape or c.shape != s.shape or c.size == 0:
        raise ValueError(
            "capability, position and salience must be non-empty 1-D arrays of one length, "
            f"got shapes {c.shape}, {x.shape}, {s.shape}"
        )
    if not (np.isfinite(c).all() and np.isfinite(x).all() and np.isfinite(s).all()):
        raise ValueError("capability, position and salience must be finite")
    if (c < 0).any():
        raise ValueError("capability must be >= 0")
    if ((s < 0) | (s > 1)).any():
        raise ValueError("salience must lie in [0, 1]")
    scale_width(scale)
    lo, hi = scale
    if ((x < lo) | (x > hi)).any():
        raise ValueError(f"positions must lie within the scale {tuple(scale)}")
    return c, x, s


def bargaining_round(
    capability: ArrayLike,
    position: ArrayLike,
    salience: ArrayLike,
    scale: tuple[float, float],
    variant: Variant = "scholz2011",
) -> RoundResult:
    """One round of challenges, offers and moves (see the module docstring).

    Raises:
        ValueError: on inconsistent shapes, values outside their ranges or an unknown
            variant.
    """
    check_variant(variant)
    c, x, s = _actor_arrays(capability, position, salience, scale)
    r = risk_exponents(c, x, s, scale=scale, variant=variant)
    eu = expected_utilities(c, x, s, r, scale=scale, variant=variant)
    accepted = accept_offers(eu.challenge, eu.counter, x, s, variant)
    lo, hi = scale
    moved = np.clip(accepted.position, lo, hi)  # guards float overshoot only
    return RoundResult(moved, r, accepted.outcome, accepted.proposer, accepted.octant)


def step_positions(
    capability: ArrayLike,
    position: ArrayLike,
    salience: ArrayLike,
    scale: tuple[float, float],
    variant: Variant = "scholz2011",
) -> NDArray[np.float64]:
    """Positions after ONE bargaining round; a pure function for use as a mechanism.

    Args:
        capability: ``(n,)`` capabilities, >= 0.
        position: ``(n,)`` positions within ``scale``.
        salience: ``(n,)`` saliences in [0, 1].
        scale: the issue scale ``(lo, hi)``.
        variant: ``"bdm"`` or ``"scholz2011"``.

    Returns:
        ``(n,)`` new positions, within ``scale``.
    """
    return bargaining_round(capability, position, salience, scale, variant).position


def step_positions_multi(
    capability: ArrayLike,
    positions: ArrayLike,
    salience: ArrayLike,
    variant: Variant = "scholz2011",
) -> NDArray[np.float64]:
    """One bargaining round on every issue column, positions normalised to [-1, 1].

    Issues are bargained independently (Bueno de Mesquita 1994 treats one issue at a time).

    Args:
        capability: ``(n,)`` capabilities, shared by all issues.
        positions: ``(n, k)`` positions in [-1, 1].
        salience: ``(n, k)`` saliences in [0, 1].
        variant: ``"bdm"`` or ``"scholz2011"``.

    Returns:
        ``(n, k)`` new positions.
    """
    x = np.asarray(positions, dtype=float)
    s = np.asarray(salience, dtype=float)
    if x.ndim != 2 or s.shape != x.shape:
        raise ValueError(
            f"positions and salience must be (n, k) arrays of one shape, got {x.shape}, {s.shape}"
        )
    columns = [
        step_positions(capability, x[:, issue], s[:, issue], NORMALISED_SCALE, variant)
        for issue in range(x.shape[1])
    ]
    return np.stack(columns, axis=1) if columns else x.copy()


def forecast(
    capability: ArrayLike,
    position: ArrayLike,
    salience: ArrayLike,
    *,
    scale: tuple[float, float],
    rounds: int = 10,
    variant: Variant = "scholz2011",
) -> EUMResult:
    """Run ``rounds`` bargaining rounds and record the trajectory.

    Args:
        capability: ``(n,)`` capabilities, >= 0 (any unit; only ratios matter).
        position: ``(n,)`` positions on the issue scale.
        salience: ``(n,)`` saliences in [0, 1].
        scale: the issue scale ``(lo, hi)``; distances are divided by ``hi - lo``.
        rounds: number of rounds, >= 0.
        variant: ``"bdm"`` or ``"scholz2011"``.

    Returns:
        The :class:`EUMResult` trajectory.

    Raises:
        ValueError: on invalid inputs, or if every actor has ``c * s = 0``.
    """
    check_variant(variant)
    if isinstance(rounds, bool) or not isinstance(rounds, int | np.integer) or rounds < 0:
        raise ValueError(f"rounds must be an integer >= 0, got {rounds!r}")
    c, x, s = _actor_arrays(capability, position, salience, scale)
    if not (c * s).sum() > 0.0:
        raise ValueError("forecast needs at least one actor with capability * salience > 0")
    n = x.size
    positions = np.empty((rounds + 1, n))
    positions[0] = x
    risk = np.empty((rounds, n))
    outcome = np.empty((rounds, n), dtype=np.int8)
    proposer = np.empty((rounds, n), dtype=np.intp)
    offer = np.full((rounds, n), np.nan)
    octants = np.empty((rounds, n, n), dtype=np.int8)
    for t in range(rounds):
        step = bargaining_round(c, positions[t], s, scale, variant)
        positions[t + 1] = step.position
        risk[t], outcome[t], proposer[t], octants[t] = (
            step.risk_exponent,
            step.outcome,
            step.proposer,
            step.octant,
        )
        accepted = step.proposer >= 0
        offer[t, accepted] = step.position[accepted]
    median = np.array([weighted_median(row, c, s) for row in positions])
    mean = np.array([weighted_mean(row, c, s) for row in positions])
    scale_pair = (float(scale[0]), float(scale[1]))
    return EUMResult(
        positions, median, mean, risk, outcome, proposer, offer, octants, variant, scale_pair
    )
