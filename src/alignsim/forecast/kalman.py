"""The error-correction core as a linear-Gaussian state-space model, filtered per dyad.

Each dyad's alignment is ``A_t = mu_t + x_t`` (years ``t``):

- ``mu_t = mu_(t-1) + p_t``, ``p_t ~ N(0, permanent^2)``: the long-run level, moved by the
  permanent part of shocks (a random walk);
- ``x_t = (1 - rate) x_(t-1) + s_t``, ``s_t ~ N(0, transitory^2)``: the deviation from it,
  corrected at ``rate`` per year;
- ``y_t = A_t + e_t``, ``e_t ~ N(0, sd_t^2)``: the observed index, whose 90% interval gives
  ``sd_t`` (a missing year is skipped).

The prior at the first year is ``mu ~ N(0, 1)`` (vague over the index's range) and ``x`` at
its stationary spread. The Kalman filter (Harvey 1989; Durbin & Koopman 2012) runs on all
dyads at once with the 2x2 covariances held as three arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: prior variance of the long-run level at the first year
PRIOR_LEVEL_VARIANCE = 1.0


@dataclass(frozen=True)
class Params:
    """Yearly parameters of the error-correction core."""

    rate: float
    permanent: float
    transitory: float

    def stationary_variance(self) -> float:
        """Variance of the deviation ``x`` in its stationary state."""
        keep = 1.0 - self.rate
        return self.transitory**2 / max(1.0 - keep**2, 1e-9)


@dataclass(frozen=True)
class Filtered:
    """The filter's output per dyad.

    Attributes:
        level, deviation: Filtered means of ``mu`` and ``x`` at the last year, ``(D,)``.
        cov: Their covariance ``(D, 2, 2)`` at the last year.
        loglik: Log-likelihood per dyad ``(D,)``.
        residual: Standardised one-step prediction errors ``(D, T)`` (NaN where unobserved).
        predicted: One-step predictions of the index ``(D, T)``.
    """

    level: np.ndarray
    deviation: np.ndarray
    cov: np.ndarray
    loglik: np.ndarray
    residual: np.ndarray
    predicted: np.ndarray


def run_filter(params: Params, value: np.ndarray, sd: np.ndarray) -> Filtered:
    """Kalman filter of every dyad (rows of ``value`` and ``sd``, years as columns)."""
    d, t = value.shape
    keep = 1.0 - params.rate
    q_level, q_dev = params.permanent**2, params.transitory**2
    m, x = np.zeros(d), np.zeros(d)
    pmm = np.full(d, PRIOR_LEVEL_VARIANCE)
    pxx = np.full(d, params.stationary_variance())
    pmx = np.zeros(d)
    loglik = np.zeros(d)
    residual = np.full((d, t), np.nan)
    predicted = np.full((d, t), np.nan)
    for k in range(t):
        y, observed = value[:, k], ~np.isnan(value[:, k])
        predicted[:, k] = m + x
        error = np.where(observed, y - m - x, 0.0)
        spread = pmm + 2 * pmx + pxx + np.where(observed, sd[:, k], 0.0) ** 2
        gain_m, gain_x = (pmm + pmx) / spread, (pmx + pxx) / spread
        gain_m, gain_x = np.where(observed, gain_m, 0.0), np.where(observed, gain_x, 0.0)
        m, x = m + gain_m * error, x + gain_x * error
        pmm, pmx, pxx = (
            pmm - gain_m * gain_m * spread,
            pmx - gain_m * gain_x * spread,
            pxx - gain_x * gain_x * spread,
        )
        loglik += np.where(observed, -0.5 * (np.log(2 * np.pi * spread) + error**2 / spread), 0)
        residual[:, k] = np.where(observed, error / np.sqrt(spread), np.nan)
        if k < t - 1:
            x, pmx, pxx = keep * x, keep * pmx, keep * keep * pxx + q_dev
            pmm = pmm + q_level
    cov = np.stack([np.stack([pmm, pmx], -1), np.stack([pmx, pxx], -1)], -2)
    return Filtered(m, x, cov, loglik, residual, predicted)


def predict(params: Params, filtered: Filtered, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance of ``A`` 1..``steps`` years after the last filtered year, ``(D, steps)``.

    Measurement error is not included (add the index's variance to predict the index).
    """
    keep = 1.0 - params.rate
    pmm, pmx, pxx = filtered.cov[:, 0, 0], filtered.cov[:, 0, 1], filtered.cov[:, 1, 1]
    m, x = filtered.level, filtered.deviation
    means, variances = [], []
    for _ in range(steps):
        x, pmx, pxx = keep * x, keep * pmx, keep * keep * pxx + params.transitory**2
        pmm = pmm + params.permanent**2
        means.append(m + x)
        variances.append(pmm + 2 * pmx + pxx)
    return np.stack(means, 1), np.stack(variances, 1)
