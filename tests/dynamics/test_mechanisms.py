"""Each mechanism against small cases computed by hand (the arithmetic is in the comments)."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from alignsim.analysis import balance_index, cohesion
from alignsim.dynamics.adjustment import adjust, symmetric_normal
from alignsim.dynamics.affinity import interest_affinity
from alignsim.dynamics.anchor import historical_anchor
from alignsim.dynamics.balance import structural_balance
from alignsim.dynamics.consent import desired_alignment, mutual_consent
from alignsim.dynamics.influence import issue_influence
from alignsim.dynamics.registry import registry
from alignsim.dynamics.threat import common_threat, shared_exposure, shared_hostility
from alignsim.dynamics.ties import economic_ties


def sym(n, entries):
    a = np.zeros((n, n))
    for (i, j), v in entries.items():
        a[i, j] = a[j, i] = v
    return a


def test_interest_affinity_weights_issues_by_joint_salience():
    # issue 0: w = sqrt(1*1) = 1, agreement 1 - |1 - 0| = 0
    # issue 1: w = sqrt(0.25*1) = 0.5, agreement 1 - |0 - 0| = 1
    # F = (1*0 + 0.5*1) / 1.5 = 1/3
    x = np.array([[1.0, 0.0], [0.0, 0.0]])
    s = np.array([[1.0, 0.25], [1.0, 1.0]])
    assert_allclose(interest_affinity(x, s), [[0, 1 / 3], [1 / 3, 0]])


def test_interest_affinity_extremes_and_no_shared_salience():
    x = np.array([[-1.0], [1.0], [0.3]])
    s = np.array([[1.0], [1.0], [0.0]])
    f = interest_affinity(x, s)
    assert f[0, 1] == pytest.approx(-1.0)  # opposite ends of the scale
    assert f[0, 2] == 0.0 and f[1, 2] == 0.0  # actor 2 cares about nothing


def test_structural_balance_three_actors():
    # B_01 = A02 A21 = -0.4 * 0.8 = -0.32; B_02 = A01 A12 = 0.4; B_12 = A10 A02 = -0.2
    a = sym(3, {(0, 1): 0.5, (0, 2): -0.4, (1, 2): 0.8})
    b = structural_balance(a, np.array([1.0, 2.0, 3.0]))
    assert_allclose(b, sym(3, {(0, 1): -0.32, (0, 2): 0.4, (1, 2): -0.2}))


def test_structural_balance_weights_third_parties_by_capability():
    # B_01 = (c2 A02 A21 + c3 A03 A31) / (c2 + c3) = (3*(-0.32) + 1*(1*-1)) / 4 = -0.49
    a = sym(4, {(0, 1): 0.5, (0, 2): -0.4, (1, 2): 0.8, (0, 3): 1.0, (1, 3): -1.0})
    b = structural_balance(a, np.array([1.0, 2.0, 3.0, 1.0]))
    assert b[0, 1] == pytest.approx(-0.49)


def test_structural_balance_of_a_pair_is_zero():
    assert_allclose(structural_balance(sym(2, {(0, 1): 0.9}), np.ones(2)), np.zeros((2, 2)))


def test_shared_exposure_is_a_noisy_or():
    # joint exposure per source: 0.5*1 = 0.5 and 1*0.5 = 0.5 -> 1 - 0.5*0.5 = 0.75
    h = np.array([[0.5, 1.0], [1.0, 0.5]])
    assert shared_exposure(h)[0, 1] == pytest.approx(0.75)
    # a source nobody is exposed to changes nothing
    assert shared_exposure(np.c_[h, [0.0, 0.0]])[0, 1] == pytest.approx(0.75)


def test_shared_hostility_counts_strong_common_rivals():
    # h02 = 1, h12 = 0.5 -> T_01 = c2 * 1 * 0.5 / c2 = 0.5; T_02 = h01 h21 = 0
    a = sym(3, {(0, 2): -1.0, (1, 2): -0.5})
    t = shared_hostility(a, np.array([1.0, 1.0, 2.0]))
    assert t[0, 1] == pytest.approx(0.5)
    assert t[0, 2] == 0.0


def test_common_threat_combines_both_parts():
    # 1 - (1 - 0.75)(1 - 0.5) = 0.875 for pair (0, 1)
    a = sym(3, {(0, 2): -1.0, (1, 2): -0.5})
    h = np.array([[0.5, 1.0], [1.0, 0.5], [0.0, 0.0]])
    assert common_threat(a, np.array([1.0, 1.0, 2.0]), h)[0, 1] == pytest.approx(0.875)


def test_economic_ties_relative_to_strongest():
    e = sym(3, {(0, 1): 2.0, (0, 2): 1.0, (1, 2): 4.0})
    assert_allclose(economic_ties(e), e / 4.0)
    assert_allclose(economic_ties(np.zeros((3, 3))), np.zeros((3, 3)))


def test_historical_anchor_returns_the_baseline():
    base = sym(2, {(0, 1): -0.7})
    assert_allclose(historical_anchor(base), base)


def test_mutual_consent_takes_the_less_friendly_wish():
    desired = np.array([[0.0, 0.5], [-0.2, 0.0]])
    assert_allclose(mutual_consent(desired), [[0.0, -0.2], [-0.2, 0.0]])


def test_desired_alignment_uses_each_actors_weights_and_clips():
    terms = np.stack([sym(2, {(0, 1): 1.0}), sym(2, {(0, 1): 0.5})])  # (t=2, n, n)
    weights = np.array([[0.5, 0.5], [2.0, 1.0]])  # actor 1 weighs more
    d = desired_alignment(terms, weights)
    assert d[0, 1] == pytest.approx(0.75)  # 0.5*1 + 0.5*0.5
    assert d[1, 0] == pytest.approx(1.0)  # 2*1 + 1*0.5 = 2.5, clipped


def test_adjust_partial_adjustment_shock_and_clip():
    a, target = sym(2, {(0, 1): 0.2}), sym(2, {(0, 1): 0.6})
    assert adjust(a, target, 0.25, 0.0)[0, 1] == pytest.approx(0.3)  # 0.2 + 0.25*0.4
    shock = sym(2, {(0, 1): 0.9})
    assert adjust(a, target, 0.25, 0.0, shocks=shock)[0, 1] == 1.0  # 1.2 clipped
    eps = sym(2, {(0, 1): -1.0})
    assert adjust(a, target, 0.25, 0.1, epsilon=eps)[0, 1] == pytest.approx(0.2)


def test_symmetric_normal_draws_one_number_per_pair():
    rng, twin = np.random.default_rng(5), np.random.default_rng(5)
    eps = symmetric_normal(rng, 4)
    assert_allclose(eps, eps.T)
    assert_allclose(np.diag(eps), 0.0)
    assert_allclose(eps[np.triu_indices(4, 1)], twin.standard_normal(6))


def test_issue_influence_by_hand():
    # actor 0: only partner 1 counts (w = 0.5*2*1 = 1; partner 2 has salience 0),
    #   target 1, gap 2, moves rate*(1-0.5)*2 = 0.1 -> -0.9
    # actor 1: salience 1 -> holds its position
    # actor 2: partner 0 only (w = 1*1*0.5), target -1, gap -1, moves 0.1*1*(-1) -> -0.1
    x = np.array([[-1.0], [1.0], [0.0]])
    s = np.array([[0.5], [1.0], [0.0]])
    a = sym(3, {(0, 1): 0.5, (0, 2): 1.0})
    out = issue_influence(x, s, a, np.array([1.0, 2.0, 1.0]), rate=0.1)
    assert_allclose(out, [[-0.9], [1.0], [-0.1]])


def test_issue_influence_ignores_adversaries():
    x = np.array([[-1.0], [1.0]])
    s = np.array([[0.0], [1.0]])
    out = issue_influence(x, s, sym(2, {(0, 1): -0.8}), np.ones(2), rate=0.5)
    assert_allclose(out, x)


def test_functions_broadcast_over_a_batch_axis():
    rng = np.random.default_rng(0)
    a = np.stack(
        [
            sym(4, {(i, j): rng.uniform(-1, 1) for i in range(4) for j in range(i + 1, 4)})
            for _ in range(3)
        ]
    )
    c = rng.uniform(0.5, 2, (3, 4))
    batched = structural_balance(a, c)
    for b in range(3):
        assert_allclose(batched[b], structural_balance(a[b], c[b]))


def test_balance_index_and_cohesion():
    friends = sym(3, {(0, 1): 1.0, (0, 2): 1.0, (1, 2): 1.0})
    one_enemy = sym(3, {(0, 1): 1.0, (0, 2): 1.0, (1, 2): -1.0})
    assert balance_index(friends) == pytest.approx(1.0)
    assert balance_index(one_enemy) == pytest.approx(0.0)
    assert np.isnan(balance_index(np.zeros((3, 3))))
    a = sym(3, {(0, 1): 0.2, (0, 2): 0.4, (1, 2): -0.3})
    assert cohesion(a, [0, 1, 2]) == pytest.approx(0.1)  # (0.2 + 0.4 - 0.3) / 3
    assert cohesion(a, [2, 0]) == pytest.approx(0.4)


def test_every_mechanism_names_a_reference_with_a_year():
    for mechanism in registry().values():
        assert any(ch.isdigit() for ch in mechanism.reference), mechanism.name
        assert mechanism.summary, mechanism.name
