"""Scores against values computed by hand on tiny cases."""

import numpy as np
import pytest

from alignsim.forecast import scores


def test_crps_of_a_two_member_ensemble_is_computed_by_hand():
    # members {0, 1}, y = 0.25: E|X - y| = (0.25 + 0.75) / 2 = 0.5,
    # E|X - X'| = (0 + 1 + 1 + 0) / 4 = 0.5, so CRPS = 0.5 - 0.25 = 0.25
    # y = 2: E|X - y| = (2 + 1) / 2 = 1.5, CRPS = 1.5 - 0.25 = 1.25
    got = scores.crps(np.array([0.25, 2.0]), np.array([[0.0, 1.0], [0.0, 1.0]]))
    np.testing.assert_allclose(got, [0.25, 1.25])


def test_crps_of_a_point_forecast_is_the_absolute_error():
    got = scores.crps(np.array([0.3]), np.array([[-0.2, -0.2, -0.2]]))
    np.testing.assert_allclose(got, [0.5])


def test_crps_from_quantiles_is_twice_the_mean_pinball_loss():
    # levels 0.25, 0.75 at -1 and 1, y = 0.5:
    # pinball(0.25) = 0.25 * (0.5 + 1) = 0.375; pinball(0.75) = 0.25 * (1 - 0.5) = 0.125
    # 2 * mean = 2 * 0.25 = 0.5
    got = scores.crps_from_quantiles(
        np.array([0.5]), np.array([[-1.0, 1.0]]), np.array([0.25, 0.75])
    )
    np.testing.assert_allclose(got, [0.5])


def test_interval_score_coverage_and_bounds_by_hand():
    members = np.tile(np.linspace(0.0, 1.0, 101), (3, 1))  # 5% and 95% quantiles 0.05, 0.95
    low, high = scores.interval_bounds(members)
    np.testing.assert_allclose(low, 0.05)
    np.testing.assert_allclose(high, 0.95)
    observed = np.array([0.5, 1.05, -0.15])
    np.testing.assert_array_equal(scores.covered(observed, low, high), [1.0, 0.0, 0.0])
    # width 0.9; above by 0.1: + 2 / 0.1 * 0.1 = 2; below by 0.2: + 20 * 0.2 = 4
    np.testing.assert_allclose(scores.interval_score(observed, low, high), [0.9, 2.9, 4.9])


def test_median_error_and_direction_of_change():
    observed = np.array([0.2, -0.4, 0.1, np.nan])
    median = np.array([0.5, 0.1, 0.1, 0.0])
    start = np.array([0.0, 0.0, 0.3, 0.0])
    np.testing.assert_allclose(scores.median_error(observed, median), [0.3, 0.5, 0.0, np.nan])
    # up/up right; down/up wrong; down/down right; missing observation: NaN
    np.testing.assert_array_equal(
        scores.direction_right(observed, median, start), [1.0, 0.0, 1.0, np.nan]
    )


def test_score_table_has_every_score_for_each_forecast():
    members = np.array([[0.0, 1.0], [0.0, 1.0]])
    table = scores.score_table(np.array([0.25, 2.0]), members, np.array([0.0, 0.0]))
    assert set(table) == {
        "crps",
        "covered90",
        "interval_score90",
        "median_error",
        "abs_median_error",
        "direction_right",
    }
    np.testing.assert_allclose(table["crps"], [0.25, 1.25])
    # median 0.5; interval 0.05 .. 0.95 (width 0.9): 0.25 inside; 2.0 above by 1.05
    np.testing.assert_allclose(table["interval_score90"], [0.9, 0.9 + 20 * 1.05])
    np.testing.assert_allclose(table["abs_median_error"], [0.25, 1.5])
    assert table["direction_right"].tolist() == [1.0, 1.0]


@pytest.mark.parametrize("level", [0.5, 0.9])
def test_quantiles_are_the_empirical_ones(level):
    members = np.tile(np.arange(11, dtype=float), (2, 1))
    got = scores.quantiles(members, (level,))
    np.testing.assert_allclose(got, [[10 * level], [10 * level]])
