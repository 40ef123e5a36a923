"""Each v2 mechanism against a case computed by hand (values in the comments)."""

import numpy as np
import pytest

from alignsim.dynamics.attributed_threat import attributed_threat
from alignsim.dynamics.balance import bounded_balance
from alignsim.dynamics.baseline import error_correction
from alignsim.dynamics.coalition import coalition_threat, coalition_threat_matrix
from alignsim.dynamics.growth import capability_growth
from alignsim.dynamics.influence import anchored_influence
from alignsim.dynamics.rivalry import rivalry
from alignsim.dynamics.signed_affinity import issue_spread, signed_affinity
from alignsim.dynamics.ties import relative_ties


def test_signed_affinity_by_hand():
    # one issue, everyone cares: X = (1, 1, -1); ordered pairs' squared gaps 0, 4, 4 (twice)
    # spread = 16 / 6 = 8/3; F_01 = 1 - 0 / (8/3) = 1; F_02 = 1 - 4 / (8/3) = -0.5
    x, s = np.array([[1.0], [1.0], [-1.0]]), np.ones((3, 1))
    assert issue_spread(x, s) == pytest.approx([8 / 3])
    f = signed_affinity(x, s)
    assert f[0, 1] == pytest.approx(1.0) and f[0, 2] == pytest.approx(-0.5)
    assert f[1, 2] == pytest.approx(-0.5) and np.allclose(f, f.T) and np.all(np.diag(f) == 0)


def test_signed_affinity_is_about_zero_for_unrelated_interests_and_negative_for_opposed():
    rng = np.random.default_rng(0)
    x, s = rng.uniform(-1, 1, (40, 200)), rng.uniform(0, 1, (40, 200))
    f = signed_affinity(x, s)
    off = f[~np.eye(40, dtype=bool)]
    assert abs(off.mean()) < 0.02 and np.abs(off).max() < 0.35
    opposed = np.array([[0.8, -0.6, 0.9], [-0.8, 0.6, -0.9], [0.1, 0.0, -0.1]])
    assert signed_affinity(opposed, np.ones((3, 3)))[0, 1] < -0.5


def test_signed_affinity_batched_equals_one_by_one():
    rng = np.random.default_rng(1)
    x, s = rng.uniform(-1, 1, (3, 5, 4)), rng.uniform(0, 1, (3, 5, 4))
    batch = signed_affinity(x, s)
    for r in range(3):
        assert np.allclose(batch[r], signed_affinity(x[r], s[r]))


def test_attributed_threat_by_hand():
    # one source; actor 1 is blamed by everyone else (blamer = 1 - blame)
    h = np.array([[0.5], [0.8], [0.4]])
    blame, blamer = np.array([[0.0], [1.0], [0.0]]), np.array([[1.0], [0.0], [1.0]])
    t = attributed_threat(h, blame, blamer)
    assert t[0, 1] == pytest.approx(-0.5)  # 0 blames 1: -H_0 = -0.5, no shared pull
    assert t[1, 0] == pytest.approx(0.0)  # 1 blames nobody, and is blamed: no shared pull
    assert t[0, 2] == pytest.approx(0.2)  # 0.5 * 0.4, blamed on neither
    assert t[2, 1] == pytest.approx(-0.4) and t[1, 2] == pytest.approx(0.0)


def test_coalition_threat_by_hand():
    # equal capabilities (shares 0.25); 2 and 3 are hostile (-0.5) to 0; 0 allies 1 at 0.8
    def alignment(ally):
        a = np.zeros((4, 4))
        a[0, 1] = a[1, 0] = ally
        a[0, 2] = a[2, 0] = a[0, 3] = a[3, 0] = -0.5
        return a

    c = np.ones(4)
    theta = coalition_threat_matrix(alignment(0.8), c)
    # 2 is threatened by 0 (0.5 * 0.25) and, through 0's ally 1, by 1 (0.5 * 0.8 * 0.25)
    assert theta[2, 0] == pytest.approx(0.125) and theta[2, 1] == pytest.approx(0.1)
    # balancing: S_23 = sqrt(0.125 * 0.125) + sqrt(0.1 * 0.1) = 0.225; without the ally 0.125
    assert coalition_threat(alignment(0.8), c)[2, 3] == pytest.approx(0.225)
    assert coalition_threat(alignment(0.0), c)[2, 3] == pytest.approx(0.125)
    # a bandwagoning 2 (b = 1) moves toward its threat instead: sqrt(0.125)
    b = np.array([0.0, 0.0, 1.0, 0.0])
    pulled = coalition_threat(alignment(0.8), c, b)
    assert pulled[2, 0] == pytest.approx(np.sqrt(0.125)) and pulled[2, 3] == 0.0


def test_bounded_balance_by_hand_and_bounded():
    a = np.array([[0, 0.5, 0.0], [0.5, 0, 0.5], [0.0, 0.5, 0]])
    # B_02 = A_01 A_12 = 0.25, times (1 - 0^2); with A_02 = 0.6: 0.25 (1 - 0.36) = 0.16
    assert bounded_balance(a, np.ones(3))[0, 2] == pytest.approx(0.25)
    a[0, 2] = a[2, 0] = 0.6
    assert bounded_balance(a, np.ones(3))[0, 2] == pytest.approx(0.16)
    rng = np.random.default_rng(2)
    many = rng.uniform(-1, 1, (50, 8, 8))
    many = np.triu(many, 1) + np.swapaxes(np.triu(many, 1), -1, -2)
    many[:, 0, 1] = many[:, 1, 0] = rng.choice([-1.0, 1.0], 50)
    force = bounded_balance(many, rng.uniform(0.1, 1, (50, 8)))
    assert np.all(np.abs(force) <= 1 - many**2 + 1e-12)
    assert np.all(force[:, 0, 1] == 0)  # a saturated tie feels no balance force


def test_relative_ties_by_hand():
    # c = (1, 1, 2), ties 0-1 = 1, 0-2 = 1: beta = 4 / 10; expected 0-1 = 0.4, mean tie 2/3
    # surplus_01 = 0.6 / (1 + 0.4 + 4/3) = 0.21951; dependence of 0 on 1 is 0.5, of 1 on 0 is 1
    e = np.array([[0, 1.0, 1.0], [1.0, 0, 0], [1.0, 0, 0]])
    c = np.array([1.0, 1.0, 2.0])
    assert relative_ties(e, c, 0.0)[0, 1] == pytest.approx(0.6 / (1.4 + 4 / 3))
    assert relative_ties(e, c, 0.5)[0, 1] == pytest.approx(0.6 / (1.4 + 4 / 3) - 0.25)
    # 1-2: no tie against an expected 0.8: -0.8 / (0.8 + 4/3) = -0.375
    assert relative_ties(e, c, 0.0)[1, 2] == pytest.approx(-0.375)
    assert np.all(relative_ties(np.zeros((3, 3)), c, 0.5) == 0)


def test_anchored_influence_by_hand():
    # 0's only partner is its adversary 1 (A = -1), who holds 0.6 with salience 1: 0's view
    # is -0.6; X_0 = 0.2 + 0.5 (1 - 0)(-0.6 - 0.2) + 0.1 (0 - 0.2) = -0.22. 1 ignores 0
    # (salience 0), so it only returns to its anchor, where it already is.
    x, s = np.array([[0.2], [0.6]]), np.array([[0.0], [1.0]])
    a = np.array([[0.0, -1.0], [-1.0, 0.0]])
    moved = anchored_influence(x, s, a, np.ones(2), np.array([[0.0], [0.6]]), 0.5, 0.1)
    assert moved[:, 0] == pytest.approx([-0.22, 0.6])


def test_error_correction_rivalry_and_growth_by_hand():
    target, baseline = error_correction(
        np.array(0.2), np.array(0.5), np.array(0.3), np.array(0.1), drift=0.1
    )
    # target = 0.2 + 0.3 - 0.1 = 0.4; baseline = 0.2 + 0.1 (0.5 - 0.2) = 0.23
    assert target == pytest.approx(0.4) and baseline == pytest.approx(0.23)
    capped, running = rivalry(np.array(0.2), np.array(0.5), ceiling=-0.3, hazard=0.1)
    # 0.5 min(0.2, -0.3) + 0.5 * 0.2 = -0.05; survival 0.5 * 0.9
    assert capped == pytest.approx(-0.05) and running == pytest.approx(0.45)
    assert capability_growth(np.array([1.0, 2.0]), np.array([1.1, 1.0])) == pytest.approx([1.1, 2])
