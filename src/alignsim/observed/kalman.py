"""Kalman filter and Rauch-Tung-Striebel smoother for many scalar random walks at once.

Each dyad ``d`` carries one latent alignment ``x[d, t]`` that follows a Gaussian random walk,
``x[t] = x[t-1] + w``, ``w ~ N(0, q)``, starting at its first year from ``N(0, p0)``. Each
indicator ``k`` observed in year ``t`` is ``y[d, t, k] = a[k] + lam[k] * x[d, t] + e``,
``e ~ N(0, s2[k])`` with independent errors; a missing indicator (NaN) simply contributes
nothing, so the posterior variance grows where data are thin. With a scalar state the update
is in information form: the K indicators of a dyad-year add their precisions
``lam**2 / s2`` to the prior precision.

References: Kalman, R. E. (1960), "A new approach to linear filtering and prediction
problems", *Journal of Basic Engineering* 82(1); Rauch, H. E., Tung, F. & Striebel, C. T.
(1965), "Maximum likelihood estimates of linear dynamic systems", *AIAA Journal* 3(8);
Shumway, R. H. & Stoffer, D. S. (1982), "An approach to time series smoothing and forecasting
using the EM algorithm", *Journal of Time Series Analysis* 3(4) (the lag-one covariance).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LOG_2PI = float(np.log(2.0 * np.pi))


@dataclass(frozen=True)
class Smoothed:
    """Smoothed moments of the latent alignment, arrays of shape (dyads, years).

    Attributes:
        mean: E[x_t | all data].
        var: Var[x_t | all data].
        lag_cov: Cov[x_t, x_{t-1} | all data] (0 in a dyad's first year).
        loglik: log-likelihood of all observed indicators, summed over dyads and years.
    """

    mean: np.ndarray
    var: np.ndarray
    lag_cov: np.ndarray
    loglik: float


def _information(
    y: np.ndarray, intercept: np.ndarray, loading: np.ndarray, noise_var: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision, precision-weighted signal and residual terms of one year's indicators.

    Args:
        y: (dyads, K) indicators of one year, NaN where missing.
        intercept, loading, noise_var: (K,) measurement parameters.

    Returns:
        info: (dyads,) sum over observed k of lam^2 / s2.
        signal: (dyads,) sum over observed k of lam * (y - a) / s2.
        observed: (dyads, K) boolean mask.
    """
    observed = ~np.isnan(y)
    centred = np.where(observed, y - intercept, 0.0)
    weight = np.where(observed, 1.0 / noise_var, 0.0)
    info = (weight * loading**2).sum(axis=1)
    signal = (weight * loading * centred).sum(axis=1)
    return info, signal, observed


def smooth(
    y: np.ndarray,
    starts: np.ndarray,
    intercept: np.ndarray,
    loading: np.ndarray,
    noise_var: np.ndarray,
    step_var: float,
    prior_var: float = 1.0,
) -> Smoothed:
    """Filter forward and smooth backward every dyad's latent random walk.

    Args:
        y: (dyads, years, K) indicators, NaN where missing.
        starts: (dyads, years) True in the year a dyad's walk (re)starts from N(0, prior_var);
            column 0 must be True for every dyad.
        intercept, loading, noise_var: (K,) measurement parameters a, lam, s2 (s2 > 0).
        step_var: q, the variance of the yearly random-walk step.
        prior_var: p0, the variance of the walk's starting value (mean 0).

    Returns:
        The smoothed moments and the log-likelihood (prediction-error decomposition).
    """
    dyads, years, _ = y.shape
    by_year = np.ascontiguousarray(y.transpose(1, 0, 2))
    restart = np.ascontiguousarray(starts.T)
    pred_mean, pred_var = np.zeros((years, dyads)), np.zeros((years, dyads))
    filt_mean, filt_var = np.zeros((years, dyads)), np.zeros((years, dyads))
    loglik = 0.0
    for t in range(years):
        if t == 0:
            m_prior, p_prior = np.zeros(dyads), np.full(dyads, prior_var)
        else:
            m_prior = np.where(restart[t], 0.0, filt_mean[t - 1])
            p_prior = np.where(restart[t], prior_var, filt_var[t - 1] + step_var)
        info, signal, observed = _information(by_year[t], intercept, loading, noise_var)
        post_var = 1.0 / (1.0 / p_prior + info)
        filt_mean[t] = post_var * (m_prior / p_prior + signal)
        filt_var[t] = post_var
        pred_mean[t], pred_var[t] = m_prior, p_prior
        loglik += _loglik_year(
            by_year[t], observed, m_prior, p_prior, info, intercept, loading, noise_var
        )
    mean, var, lag_cov = filt_mean.copy(), filt_var.copy(), np.zeros((years, dyads))
    for t in range(years - 2, -1, -1):
        gain = np.where(restart[t + 1], 0.0, filt_var[t] / pred_var[t + 1])
        mean[t] = filt_mean[t] + gain * (mean[t + 1] - pred_mean[t + 1])
        var[t] = filt_var[t] + gain**2 * (var[t + 1] - pred_var[t + 1])
        lag_cov[t + 1] = gain * var[t + 1]
    return Smoothed(mean=mean.T, var=var.T, lag_cov=lag_cov.T, loglik=float(loglik))


def _loglik_year(
    y: np.ndarray,
    observed: np.ndarray,
    m_prior: np.ndarray,
    p_prior: np.ndarray,
    info: np.ndarray,
    intercept: np.ndarray,
    loading: np.ndarray,
    noise_var: np.ndarray,
) -> float:
    """Log density of one year's observed indicators given the predicted state.

    The covariance ``diag(s2) + p * lam lam^T`` is inverted with the Woodbury identity and its
    determinant by the matrix determinant lemma, so each dyad costs O(K).
    """
    residual = np.where(observed, y - intercept - np.outer(m_prior, loading), 0.0)
    weight = np.where(observed, 1.0 / noise_var, 0.0)
    shrink = 1.0 + p_prior * info
    quad = (weight * residual**2).sum(axis=1) - p_prior * (
        (weight * loading * residual).sum(axis=1) ** 2
    ) / shrink
    logdet = np.where(observed, np.log(noise_var), 0.0).sum(axis=1) + np.log(shrink)
    count = observed.sum(axis=1)
    return float(-0.5 * (count * LOG_2PI + logdet + quad).sum())
