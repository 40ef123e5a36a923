"""Tests of the expected-utility bargaining model (alignsim.games.eum)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignsim.games import eum
from alignsim.games import eum_reference as ref
from alignsim.games.eum import Octant
from alignsim.games.eum_core import challenge_utility, risk_from_security

# EC emission-standards case: Bueno de Mesquita (1994), "Political forecasting: an expected
# utility method", in Stokman (ed.), European Community Decision Making, Table 4.1; also
# Table 1 of Scholz, Calbert & Smith (2011). Values as transcribed in the public
# replications of J. McKibben ("bdm-scholz-expected-utility-model", ExampleActors.csv) and
# D. Masad ("BDM_DecisionModel_Replication", ExampleActors.csv); Masad's file swaps the
# Netherlands and Belgium rows, which changes no median, mean or position trajectory, only
# the names attached to two rows. Position: years of delay before the emission standards
# apply to medium-sized cars (4 to 10); salience given on 0-100, used here as a share.
EC_ACTORS = [
    # actor, capability, position, salience (0-100)
    ("Netherlands", 0.08, 4, 80),
    ("Belgium", 0.08, 7, 40),
    ("Luxembourg", 0.03, 4, 20),
    ("Germany", 0.16, 4, 80),
    ("France", 0.16, 10, 60),
    ("Italy", 0.16, 10, 60),
    ("UK", 0.16, 10, 90),
    ("Ireland", 0.05, 7, 10),
    ("Denmark", 0.05, 4, 100),
    ("Greece", 0.08, 7, 70),
]
EC_NAMES = [row[0] for row in EC_ACTORS]
EC_C = np.array([row[1] for row in EC_ACTORS])
EC_X = np.array([row[2] for row in EC_ACTORS], dtype=float)
EC_S = np.array([row[3] for row in EC_ACTORS]) / 100.0
EC_SCALE = (4.0, 10.0)

# Scholz et al. (2011), Table 2: median and mean voter position after rounds 1 to 8 of their
# reproduction of the EC case (one decimal, Q = 1).
SCHOLZ_TABLE2_MEDIAN = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6]
SCHOLZ_TABLE2_MEAN = [7.4, 7.5, 7.6, 7.3, 7.3, 7.4, 7.5, 7.6]

# Belgium's position after rounds 1-10 in the log of an independent implementation of the
# same computation (McKibben, maintained by Masad: "bdm-scholz-expected-utility-model",
# Example.log, run on the table above).
REPLICATION_LOG_BELGIUM = [
    8.415932315426764,
    9.610859134120188,
    9.961979590401311,
    4.800881140632622,
    5.524237694197356,
    7.47204636191629,
    8.824593855262423,
    9.671129769802048,
    4.144849062500606,
    4.291541224979646,
]


def random_game(seed: int, n: int, integer_positions: bool = False):
    """Random actors on the scale (-1, 1) from an explicit generator."""
    rng = np.random.default_rng(seed)
    c = rng.uniform(0.05, 1.0, n)
    s = rng.uniform(0.0, 1.0, n)
    x = rng.integers(0, 5, n) / 2.0 - 1.0 if integer_positions else rng.uniform(-1.0, 1.0, n)
    return c, x, s


# --- the published EC case --------------------------------------------------------------


def test_ec_initial_median_and_mean_match_bueno_de_mesquita():
    assert eum.weighted_median(EC_X, EC_C, EC_S) == 7.0
    assert eum.weighted_mean(EC_X, EC_C, EC_S) == pytest.approx(7.38996, abs=5e-6)
    assert ref.weighted_median(EC_C, EC_X, EC_S) == 7.0


def test_scholz2011_reproduces_published_median_trajectory():
    result = eum.forecast(EC_C, EC_X, EC_S, scale=EC_SCALE, rounds=8, variant="scholz2011")
    assert result.median[0] == 7.0
    for round_, published in enumerate(SCHOLZ_TABLE2_MEDIAN, start=1):
        if round_ == 2:
            # Known discrepancy: Table 2 prints 9.9 after round 2; this model and the
            # independent McKibben/Masad implementation both give 9.61 there, while
            # matching every other round (rounds 3-5 depend on round 2's moves).
            continue
        assert abs(result.median[round_] - published) <= 0.1, round_


def test_scholz2011_reproduces_published_mean_trajectory():
    result = eum.forecast(EC_C, EC_X, EC_S, scale=EC_SCALE, rounds=8, variant="scholz2011")
    np.testing.assert_allclose(result.mean[1:], SCHOLZ_TABLE2_MEAN, atol=0.1)


def test_scholz2011_matches_independent_replication_log():
    result = eum.forecast(EC_C, EC_X, EC_S, scale=EC_SCALE, rounds=10, variant="scholz2011")
    belgium = EC_NAMES.index("Belgium")
    np.testing.assert_allclose(result.positions[1:, belgium], REPLICATION_LOG_BELGIUM, rtol=1e-12)
    # Round 1 of the log: Belgium compromises with France, Luxembourg loses a conflict to
    # Belgium (moves to 7), Ireland loses a conflict to Luxembourg (moves to 4).
    moved = {
        EC_NAMES[i]: EC_NAMES[result.proposer[0, i]]
        for i in np.flatnonzero(result.proposer[0] >= 0)
    }
    assert moved == {"Belgium": "France", "Luxembourg": "Belgium", "Ireland": "Luxembourg"}
    assert result.outcome[0, belgium] == Octant.COMPROMISE_GIVE
    assert result.outcome[0, EC_NAMES.index("Ireland")] == Octant.CONFLICT_LOST
    assert result.positions[1, EC_NAMES.index("Luxembourg")] == 7.0
    assert result.positions[1, EC_NAMES.index("Ireland")] == 4.0


def test_variants_give_different_ec_trajectories():
    bdm = eum.forecast(EC_C, EC_X, EC_S, scale=EC_SCALE, rounds=3, variant="bdm")
    scholz = eum.forecast(EC_C, EC_X, EC_S, scale=EC_SCALE, rounds=3, variant="scholz2011")
    assert not np.allclose(bdm.positions, scholz.positions)
    assert not np.allclose(bdm.risk_exponents, scholz.risk_exponents)


# --- hand-computed formulas ---------------------------------------------------------------


def test_challenge_utility_hand_computed():
    # d = 0.5, P = 0.25, s = 0.5.  r = 1: U_s = 1, U_f = -1, U_sq = 0 -> EU = 0.25.
    assert challenge_utility(0.25, 0.5, 0.5, 1.0) == pytest.approx(0.25)
    # r = 2: U_s = 1.75, U_f = -0.25, U_sq = 1 -> 0.5 (0.4375 - 0.1875) + 0.875 - 1 = 0.
    assert challenge_utility(0.25, 0.5, 0.5, 2.0) == pytest.approx(0.0, abs=1e-15)
    # coinciding positions: nothing to gain
    assert challenge_utility(0.9, 0.3, 0.0, 0.7) == 0.0


def test_probabilities_hand_computed():
    c, x, s = [2.0, 1.0, 1.0], [0.0, 0.5, 1.0], [1.0, 1.0, 1.0]
    bdm = eum.challenge_probabilities(c, x, s, scale=(0, 1), variant="bdm")
    # contest 0 vs 1.0: voter 0 gives 2 * 1, voter 1 is indifferent, voter 2 gives 1 * 1
    assert bdm[0, 2] == pytest.approx(2 / 3)
    assert bdm[2, 0] == pytest.approx(1 / 3)
    scholz = eum.challenge_probabilities(c, x, s, scale=(0, 1), variant="scholz2011")
    # all-pairs total: voter 0: 2 * 4, voter 1: 1 * 2, voter 2: 1 * 4 -> 14
    assert scholz[0, 2] == pytest.approx(2 / 14)
    assert scholz[2, 0] == pytest.approx(1 / 14)
    assert scholz[1, 1] == 0.0


def test_risk_from_security_hand_computed():
    current = np.array([0.0, 1.0, 2.0])
    r = risk_from_security(current, np.full(3, 2.0), np.full(3, 0.0))
    np.testing.assert_allclose(r, [2.0, 1.0, 0.5])
    # no spread in security levels: risk neutral
    np.testing.assert_array_equal(risk_from_security(current, current, current), np.ones(3))


def test_weighted_median_hand_computed():
    assert eum.weighted_median([0.0, 1.0, 2.0], [1.0, 1.0, 3.0], [1.0, 1.0, 1.0]) == 2.0
    assert eum.weighted_median([0.0, 1.0, 2.0], [1.0, 3.0, 1.0], [1.0, 0.5, 1.0]) == 1.0
    # exact tie between two positions: the smaller one
    assert eum.weighted_median([3.0, 1.0], [1.0, 1.0], [0.5, 0.5]) == 1.0


def test_octants_hand_computed():
    a = np.array([0.0, 0.2, 0.5, -0.1, -0.5, 0.5, 0.1, -0.3, 0.9])
    b = np.array([0.0, 0.6, 0.1, 0.4, 0.2, -0.1, -0.5, -0.2, 0.1])
    position = np.arange(9.0)
    position[8] = 0.0  # actor 8 shares actor 0's position
    codes = eum.classify_octants(np.tile(a, (9, 1)), np.tile(b, (9, 1)), position)[0]
    assert codes.tolist() == [
        Octant.STATUS_QUO,  # actor 0 itself
        Octant.CONFLICT_LOST,
        Octant.CONFLICT_WON,
        Octant.COMPROMISE_GIVE,
        Octant.CAPITULATE,
        Octant.COMPROMISE_GAIN,
        Octant.COMPEL,
        Octant.STATUS_QUO,
        Octant.STATUS_QUO,  # same position: no contest whatever the utilities say
    ]


# --- vectorised against the loop reference -------------------------------------------------


@pytest.mark.parametrize("variant", eum.VARIANTS)
@pytest.mark.parametrize("seed", range(6))
def test_components_match_reference(variant, seed):
    c, x, s = random_game(seed, n=3 + seed, integer_positions=seed % 3 == 0)
    width = 2.0
    r = np.array(ref.risk_exponents(list(c), list(x), list(s), width, variant))
    np.testing.assert_allclose(
        eum.risk_exponents(c, x, s, scale=(-1, 1), variant=variant), r, rtol=1e-12, atol=1e-12
    )
    n = x.size
    grand = ref.grand_vote_total(c, x, s, r, width)
    p_ref = [
        [ref.probability(c, x, s, r, i, j, width, variant, grand) for j in range(n)]
        for i in range(n)
    ]
    p = eum.challenge_probabilities(c, x, s, r, scale=(-1, 1), variant=variant)
    off_diagonal = ~np.eye(n, dtype=bool)
    np.testing.assert_allclose(
        p[off_diagonal], np.array(p_ref)[off_diagonal], rtol=1e-12, atol=1e-15
    )
    eu = eum.expected_utilities(c, x, s, r, scale=(-1, 1), variant=variant)
    a_ref = [
        [ref.challenge_eu(p_ref[i][j], s[j], abs(x[i] - x[j]) / width, r[i]) for j in range(n)]
        for i in range(n)
    ]
    b_ref = [
        [ref.challenge_eu(p_ref[j][i], s[i], abs(x[i] - x[j]) / width, r[i]) for j in range(n)]
        for i in range(n)
    ]
    np.testing.assert_allclose(eu.challenge, a_ref, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(eu.counter, b_ref, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("variant", eum.VARIANTS)
@pytest.mark.parametrize("seed", range(12))
def test_trajectories_match_reference(variant, seed):
    c, x, s = random_game(100 + seed, n=2 + seed % 6, integer_positions=seed % 4 == 0)
    fast = eum.forecast(c, x, s, scale=(-1, 1), rounds=5, variant=variant)
    slow = ref.forecast(c, x, s, (-1, 1), 5, variant)
    np.testing.assert_allclose(fast.positions, slow["positions"], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(fast.risk_exponents, slow["risk_exponents"], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(fast.median, slow["median"], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(fast.mean, slow["mean"], rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(fast.outcome, slow["outcome"])
    np.testing.assert_array_equal(fast.proposer, slow["proposer"])


@pytest.mark.parametrize("variant", eum.VARIANTS)
def test_ec_trajectory_matches_reference(variant):
    fast = eum.forecast(EC_C, EC_X, EC_S, scale=EC_SCALE, rounds=10, variant=variant)
    slow = ref.forecast(EC_C, EC_X, EC_S, EC_SCALE, 10, variant)
    np.testing.assert_allclose(fast.positions, slow["positions"], rtol=1e-12)
    np.testing.assert_array_equal(fast.proposer, slow["proposer"])


# --- properties --------------------------------------------------------------------------

actor_count = st.integers(min_value=1, max_value=7)
variants = st.sampled_from(eum.VARIANTS)
seeds = st.integers(min_value=0, max_value=2**32 - 1)


@settings(max_examples=40, deadline=None)
@given(n=actor_count, variant=variants, seed=seeds, lo=st.floats(-50, 50), width=st.floats(0.5, 40))
def test_positions_stay_within_scale(n, variant, seed, lo, width):
    rng = np.random.default_rng(seed)
    scale = (lo, lo + width)
    x = rng.uniform(*scale, n)
    x[rng.random(n) < 0.3] = scale[1]
    result = eum.forecast(
        rng.uniform(0.01, 1, n), x, rng.uniform(0, 1, n), scale=scale, rounds=4, variant=variant
    )
    assert (result.positions >= scale[0]).all() and (result.positions <= scale[1]).all()
    assert ((result.risk_exponents >= 0.5) & (result.risk_exponents <= 2.0)).all()
    moved = result.proposer >= 0
    assert np.isnan(result.offer[~moved]).all() and not np.isnan(result.offer[moved]).any()


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 7), variant=variants, seed=seeds)
def test_zero_salience_actor_never_moves_others(n, variant, seed):
    c, x, s = random_game(seed, n, integer_positions=seed % 2 == 0)
    s[0] = 0.0
    s[1:] = np.maximum(s[1:], 0.05)
    result = eum.forecast(c, x, s, scale=(-1, 1), rounds=4, variant=variant)
    assert not (result.proposer == 0).any()


@pytest.mark.parametrize("variant", eum.VARIANTS)
def test_indifferent_actor_cannot_move_a_lone_rival(variant):
    result = eum.forecast(
        [5.0, 1.0], [-1.0, 1.0], [0.0, 0.2], scale=(-1, 1), rounds=5, variant=variant
    )
    assert (result.positions[:, 1] == 1.0).all()


@pytest.mark.parametrize("variant", eum.VARIANTS)
def test_identical_actors_produce_no_challenges(variant):
    result = eum.forecast(
        [0.3] * 4, [0.25] * 4, [0.6] * 4, scale=(-1, 1), rounds=3, variant=variant
    )
    assert (result.outcome == Octant.STATUS_QUO).all()
    assert (result.octants == Octant.STATUS_QUO).all()
    assert (result.proposer == -1).all()
    assert (result.positions == 0.25).all()
    assert (result.risk_exponents == 1.0).all()


@settings(max_examples=30, deadline=None)
@given(n=st.integers(2, 8), seed=seeds)
def test_variants_differ_where_probability_formulas_differ(n, seed):
    c, x, s = random_game(seed, n)
    r = np.random.default_rng(seed).uniform(0.5, 2.0, n)
    bdm = eum.challenge_probabilities(c, x, s, r, scale=(-1, 1), variant="bdm")
    scholz = eum.challenge_probabilities(c, x, s, r, scale=(-1, 1), variant="scholz2011")
    off_diagonal = ~np.eye(n, dtype=bool)
    # Bueno de Mesquita: the two sides of a contest share the votes
    np.testing.assert_allclose((bdm + bdm.T)[off_diagonal], 1.0, rtol=1e-12)
    # Scholz et al.'s computation: one denominator for all pairs, so all P sum to 1/2
    assert scholz.sum() == pytest.approx(0.5, rel=1e-12)
    assert (scholz[off_diagonal] < bdm[off_diagonal]).any()


@settings(max_examples=30, deadline=None)
@given(n=st.integers(3, 8), seed=seeds)
def test_scholz2011_risk_exponents_span_the_range(n, seed):
    c, x, s = random_game(seed, n)
    r = eum.risk_exponents(c, x, s, scale=(-1, 1), variant="scholz2011")
    assert r.max() == pytest.approx(2.0) and r.min() == pytest.approx(0.5)


@pytest.mark.parametrize("seed", range(4))
def test_bdm_security_at_current_position_matches_security_levels(seed):
    from alignsim.games.eum_risk import _alternative_security_levels

    c, x, s = random_game(seed, 6, integer_positions=seed % 2 == 0)
    levels, candidates = _alternative_security_levels(c, x, s, (-1, 1))
    here = levels[np.arange(6), np.searchsorted(candidates, x)]
    np.testing.assert_allclose(
        here, eum.security_levels(c, x, s, scale=(-1, 1), variant="bdm"), rtol=1e-12, atol=1e-14
    )


# --- the simulation helpers and the result ---------------------------------------------------


@pytest.mark.parametrize("variant", eum.VARIANTS)
def test_step_positions_multi_applies_one_round_per_issue(variant):
    rng = np.random.default_rng(7)
    c = rng.uniform(0.1, 1, 6)
    x = rng.uniform(-1, 1, (6, 3))
    s = rng.uniform(0, 1, (6, 3))
    moved = eum.step_positions_multi(c, x, s, variant)
    assert moved.shape == (6, 3)
    for issue in range(3):
        expected = eum.step_positions(c, x[:, issue], s[:, issue], (-1, 1), variant)
        np.testing.assert_array_equal(moved[:, issue], expected)
    one_round = eum.forecast(c, x[:, 0], s[:, 0], scale=(-1, 1), rounds=1, variant=variant)
    np.testing.assert_array_equal(moved[:, 0], one_round.positions[1])


def test_forecast_result_shapes():
    result = eum.forecast(EC_C, EC_X, EC_S, scale=EC_SCALE, rounds=4)
    assert result.variant == "scholz2011" and result.scale == EC_SCALE
    assert result.positions.shape == (5, 10) and result.median.shape == result.mean.shape == (5,)
    assert result.risk_exponents.shape == result.outcome.shape == result.offer.shape == (4, 10)
    assert result.octants.shape == (4, 10, 10)
    assert result.forecast == result.median[-1]
    empty = eum.forecast(EC_C, EC_X, EC_S, scale=EC_SCALE, rounds=0)
    assert empty.positions.shape == (1, 10) and empty.median.tolist() == [7.0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"variant": "nash"}, "unknown EU model variant"),
        ({"salience": [0.5, 1.5]}, "salience"),
        ({"position": [0.0, 2.0]}, "within the scale"),
        ({"capability": [1.0]}, "1-D arrays of one length"),
        ({"capability": [-1.0, 1.0]}, "capability"),
        ({"scale": (1.0, 1.0)}, "scale"),
        ({"rounds": -1}, "rounds"),
        ({"salience": [0.0, 0.0]}, "capability \\* salience"),
    ],
)
def test_invalid_input_is_rejected(kwargs, message):
    arguments = {
        "capability": [1.0, 1.0],
        "position": [0.0, 1.0],
        "salience": [0.5, 0.5],
        "scale": (0.0, 1.0),
    }
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        eum.forecast(**arguments)


def test_step_positions_multi_rejects_mismatched_shapes():
    with pytest.raises(ValueError, match="one shape"):
        eum.step_positions_multi([1.0, 1.0], np.zeros((2, 2)), np.zeros((2, 3)))
