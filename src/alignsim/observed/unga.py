"""Vote similarity of every pair of states from a table of UN General Assembly votes.

Pure array functions: one-hot vote matrices in, pair-by-pair matrices out, computed with
matrix products (one product per vote category pair) rather than a loop over pairs.

Votes are coded on Voeten's ordinal scale yes = 1, abstain = 2, no = 3. Three measures:

- agreement share: identical votes over the roll calls both states voted on;
- S score (Signorino & Ritter 1999, "Tau-b or not tau-b", *International Studies Quarterly*
  43(1)): ``1 - 2 d / d_max`` with ``d`` the mean absolute distance between the two votes and
  ``d_max = 2`` the largest distance on the scale, so ``S = 1 - mean |v_a - v_b|`` in [-1, 1];
- Cohen's kappa as advocated by Häge (2011, "Choice or circumstance? Adjusting measures of
  foreign policy similarity for chance agreement", *Political Analysis* 19(3)): observed
  agreement corrected for the agreement expected from each state's own vote distribution over
  the roll calls both voted on, ``(p_o - p_e) / (1 - p_e)`` (nominal categories).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: vote label -> position on Voeten's ordinal scale
VOTE_CODES = {"yes": 1, "abstain": 2, "no": 3}


@dataclass(frozen=True)
class Similarity:
    """Pair-by-pair similarity matrices (states x states); NaN where undefined."""

    common: np.ndarray
    agreement: np.ndarray
    s_score: np.ndarray
    kappa: np.ndarray


def one_hot(votes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split a states x roll-calls matrix of codes (1, 2, 3; 0 = no vote) into indicators."""
    return tuple((votes == code).astype(np.float64) for code in (1, 2, 3))  # type: ignore[return-value]


def similarity(votes: np.ndarray) -> Similarity:
    """All pairwise measures of a states x roll-calls vote matrix (0 = did not vote).

    Args:
        votes: integer matrix, one row per state, one column per roll call, values 1 (yes),
            2 (abstain), 3 (no) or 0 (absent or not a member).

    Returns:
        Common-vote counts, agreement shares, S scores and Cohen's kappas; every measure is
        NaN where the pair shares no vote, kappa also where chance agreement is 1.
    """
    yes, abstain, no = one_hot(votes)
    voted = yes + abstain + no
    common = voted @ voted.T
    agree = yes @ yes.T + abstain @ abstain.T + no @ no.T
    one_step = yes @ abstain.T + abstain @ yes.T + abstain @ no.T + no @ abstain.T
    two_steps = yes @ no.T + no @ yes.T
    distance = one_step + 2.0 * two_steps
    # expected agreement: product of each state's category shares over the common votes
    chance = sum((k @ voted.T) * (voted @ k.T) for k in (yes, abstain, no))
    with np.errstate(divide="ignore", invalid="ignore"):
        observed = agree / common
        s_score = 1.0 - distance / common
        expected = chance / common**2
        kappa = (observed - expected) / (1.0 - expected)
    kappa[np.isclose(expected, 1.0)] = np.nan
    for matrix in (observed, s_score, kappa):
        matrix[common == 0] = np.nan
    return Similarity(common, observed, s_score, kappa)
