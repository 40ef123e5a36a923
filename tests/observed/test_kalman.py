"""Kalman filter and RTS smoother: a case worked by hand and a dense GLS cross-check."""

from __future__ import annotations

import math

import numpy as np
import pytest

from alignsim.observed.kalman import smooth


def test_two_years_one_indicator_by_hand():
    # x0 ~ N(0, 1), x1 = x0 + w, w ~ N(0, 1); y_t = x_t + e, e ~ N(0, 1); y = (1, 3).
    # Joint prior covariance [[1, 1], [1, 2]]; posterior precision inv(prior) + I = [[3, -1],
    # [-1, 2]], covariance [[.4, .2], [.2, .6]], mean cov @ y = (1.0, 2.0).
    # Marginal of y: N(0, [[2, 1], [1, 3]]), determinant 5, quadratic form 3.
    y = np.array([[[1.0], [3.0]]])
    starts = np.array([[True, False]])
    result = smooth(y, starts, np.zeros(1), np.ones(1), np.ones(1), step_var=1.0, prior_var=1.0)
    np.testing.assert_allclose(result.mean, [[1.0, 2.0]])
    np.testing.assert_allclose(result.var, [[0.4, 0.6]])
    np.testing.assert_allclose(result.lag_cov, [[0.0, 0.2]])
    assert result.loglik == pytest.approx(-0.5 * (2 * math.log(2 * math.pi) + math.log(5) + 3))


def test_missing_year_widens_the_variance():
    y = np.array([[[1.0], [np.nan], [3.0]]])
    starts = np.array([[True, False, False]])
    result = smooth(y, starts, np.zeros(1), np.ones(1), np.ones(1), step_var=1.0, prior_var=1.0)
    assert result.var[0, 1] > result.var[0, 0]
    assert result.var[0, 1] > result.var[0, 2]


def _dense_posterior(y, intercept, loading, noise_var, step_var, prior_var):
    """One dyad's posterior by brute-force GLS over the whole path (no recursion)."""
    years = y.shape[0]
    steps = np.arange(years)
    prior = prior_var + step_var * np.minimum.outer(steps, steps)
    precision = np.linalg.inv(prior)
    info = np.zeros(years)
    for t in range(years):
        seen = ~np.isnan(y[t])
        precision[t, t] += (loading[seen] ** 2 / noise_var[seen]).sum()
        info[t] = (loading[seen] * (y[t, seen] - intercept[seen]) / noise_var[seen]).sum()
    cov = np.linalg.inv(precision)
    return cov @ info, np.diag(cov), np.diag(cov, k=-1)


def test_matches_dense_gls_for_many_dyads_with_gaps_and_restarts():
    rng = np.random.default_rng(np.random.SeedSequence(11))
    dyads, years, k = 7, 6, 3
    y = rng.normal(size=(dyads, years, k))
    y[rng.random(y.shape) < 0.4] = np.nan
    starts = np.zeros((dyads, years), dtype=bool)
    starts[:, 0] = True
    starts[3, 3] = True  # dyad 3 restarts its walk in year 3
    intercept, loading = np.array([0.1, -0.2, 0.0]), np.array([1.0, -0.6, 0.3])
    noise_var = np.array([0.5, 1.2, 0.8])
    result = smooth(y, starts, intercept, loading, noise_var, step_var=0.3, prior_var=1.5)
    for d in range(dyads):
        pieces = [(0, 3), (3, years)] if d == 3 else [(0, years)]
        for first, last in pieces:
            mean, var, lag = _dense_posterior(
                y[d, first:last], intercept, loading, noise_var, 0.3, 1.5
            )
            np.testing.assert_allclose(result.mean[d, first:last], mean, atol=1e-12)
            np.testing.assert_allclose(result.var[d, first:last], var, atol=1e-12)
            np.testing.assert_allclose(result.lag_cov[d, first + 1 : last], lag, atol=1e-12)
    assert result.lag_cov[3, 3] == 0.0
