"""The moments and the sandwich of the simulated-moments fit, checked by hand on tiny cases."""

import numpy as np
import pytest

from alignsim.forecast.moments import EventWindow, moment_names, moments

# two pairs, five years
VALUES = np.array([[0.0, 0.1, 0.3, 0.2, 0.4], [0.5, 0.5, 0.4, 0.4, 0.1]])
PRESSURE = np.array([[[0.0, 1.0, 2.0, 1.0, 0.0], [0.0, 0.0, -1.0, -1.0, 0.0]]])  # one term
WINDOW = EventWindow(pair=1, column=2, sign=-1.0, name="event e B-C")


def test_moments_by_hand():
    # changes: pair 0 [.1, .2, -.1, .2] (mean .1), pair 1 [0, -.1, 0, -.3] (mean -.1)
    # centred: [0, .1, -.2, .1] and [.1, 0, .1, -.2]: squares sum to .06 each over 8 changes
    # 3-year changes: [.2, .3] and [-.1, -.4]: centred squares .0025 x2 and .0225 x2 over 4
    # lag-1 products: 0 - .02 - .02 and 0 + 0 - .02 -> -.06 over the squares .12
    # pressure x next change: 0*.1 + 1*.2 + 2*(-.1) + 1*.2 = .2 and (-1)*0 + (-1)*(-.3) = .3
    # event: pair 1 from year 1 (.5) to year 4 (.1, three years after year 2), sign -1 -> .4
    expected = [0.1, -0.1, 0.015, 0.0125, -0.5, 0.5 / 8, 0.4]
    assert moments(VALUES, PRESSURE, [WINDOW]) == pytest.approx(expected, abs=1e-12)


def test_leading_axes_are_runs():
    stacked = np.stack([VALUES, VALUES[::-1]])
    pressure = np.stack([PRESSURE, PRESSURE[:, ::-1]])
    out = moments(stacked, pressure, [WINDOW])
    assert out.shape == (2, 7)
    assert out[0] == pytest.approx(moments(VALUES, PRESSURE, [WINDOW]))
    assert out[1, :2] == pytest.approx([-0.1, 0.1])


def test_missing_years_are_left_out():
    gappy = VALUES.copy()
    gappy[0, 2] = np.nan  # pair 0 keeps the changes .1 (0->1) and .2 (3->4)
    out = moments(gappy, np.zeros((0, 2, 5)), [])
    assert out[0] == pytest.approx(0.15)
    assert np.isfinite(out).all()


def test_names_follow_the_moments():
    names = moment_names([("A", "B"), ("B", "C")], ["bounded_balance"], [WINDOW])
    assert names == [
        "mean change A-B", "mean change B-C", "var 1y change", "var 3y change",
        "autocorr of changes", "pressure bounded_balance", "event e B-C",
    ]  # fmt: skip


def test_sandwich_standard_error_by_hand():
    from alignsim.forecast.smm import sandwich

    slope = np.array([[1.0], [2.0]])
    weights = np.array([1.0, 0.5])
    omega = np.array([[0.04, 0.01], [0.01, 0.09]])
    # G'WG = 1 + 0.5 * 4 = 3; WG = (1, 1); G'W Omega W G = 0.04 + 0.01 + 0.01 + 0.09 = 0.15
    # V = (1 + 1/4) * 0.15 / 3^2
    assert sandwich(slope, weights, omega, runs=4)[0, 0] == pytest.approx(1.25 * 0.15 / 9)
    assert sandwich(np.zeros((2, 1)), weights, omega, runs=4) is None  # nothing identified


def test_sandwich_with_two_parameters_by_hand():
    from alignsim.forecast.smm import sandwich

    # exactly identified, G = diag(2, 1), W = diag(1, 4): G'WG = 4 I, WG = diag(2, 4),
    # G'W Omega W G = [[4a, 8b], [8b, 16c]], so V = (1 + 1/S) [[a/4, b/2], [b/2, c]]
    slope = np.array([[2.0, 0.0], [0.0, 1.0]])
    omega = np.array([[0.04, 0.01], [0.01, 0.09]])
    found = sandwich(slope, np.array([1.0, 4.0]), omega, runs=4)
    np.testing.assert_allclose(found, 1.25 * np.array([[0.01, 0.005], [0.005, 0.09]]))
