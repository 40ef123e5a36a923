"""Vote similarity measures on a vote table small enough to compute by hand."""

import numpy as np

from alignsim.observed.unga import similarity

# yes = 1, abstain = 2, no = 3, 0 = did not vote; states A, B, C over four roll calls
VOTES = np.array(
    [
        [1, 1, 3, 2],
        [1, 3, 3, 1],
        [0, 1, 1, 3],
    ]
)


def test_common_votes_agreement_and_s_score_by_hand():
    result = similarity(VOTES)
    # A-B: 4 common votes, 2 identical, distances 0 + 2 + 0 + 1 = 3 -> S = 1 - 3/4
    assert result.common[0, 1] == 4
    assert result.agreement[0, 1] == 0.5
    assert np.isclose(result.s_score[0, 1], 0.25)
    # A-C: 3 common votes (C absent from the first), one identical, distances 0 + 2 + 1
    assert result.common[0, 2] == 3
    assert np.isclose(result.agreement[0, 2], 1 / 3)
    assert np.isclose(result.s_score[0, 2], 0.0)
    # B-C: opposite every time
    assert result.agreement[1, 2] == 0.0
    assert np.isclose(result.s_score[1, 2], -1.0)


def test_kappa_by_hand():
    result = similarity(VOTES)
    # A-B: A votes yes/abstain/no 2/1/1 of 4, B 2/0/2: chance = .5*.5 + .25*0 + .25*.5 = .375
    # kappa = (.5 - .375) / (1 - .375) = 0.2
    assert np.isclose(result.kappa[0, 1], 0.2)
    # A-C: chance = (1/3)(2/3) + 0 + (1/3)(1/3) = 1/3 = observed -> 0
    assert np.isclose(result.kappa[0, 2], 0.0)
    # B-C: chance = (1/3)(2/3) + (2/3)(1/3) = 4/9, observed 0 -> -(4/9)/(5/9) = -0.8
    assert np.isclose(result.kappa[1, 2], -0.8)
    assert np.allclose(result.kappa, result.kappa.T, equal_nan=True)


def test_undefined_measures_are_nan():
    votes = np.array([[1, 1, 0], [1, 1, 0], [0, 0, 3]])
    result = similarity(votes)
    # identical yes votes only: agreement 1, chance agreement 1, kappa undefined
    assert result.agreement[0, 1] == 1.0
    assert np.isnan(result.kappa[0, 1])
    # no common vote: count 0, every measure NaN
    assert result.common[0, 2] == 0
    for matrix in (result.agreement, result.s_score, result.kappa):
        assert np.isnan(matrix[0, 2])
