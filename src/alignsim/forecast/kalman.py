"""Linear-Gaussian state-space models of a dyad's alignment, filtered for many dyads at once.

The state of each dyad is ``(mu, x)``: a long-run level and the alignment's deviation from
it, so that ``A = mu + x``. From one year to the next ``s_(t+1) = T s_t + w_t`` with
``w_t ~ N(0, Q)``; the observed index is ``y_t = mu_t + x_t + e_t`` with ``e_t ~ N(0, sd_t^2)``,
``sd_t`` from the index's 90% interval (a missing year is skipped). :func:`yearly` turns a
per-step system (monthly, quarterly) into the yearly one. The Kalman filter (Harvey 1989;
Durbin & Koopman 2012) runs on all dyads at once, the 2x2 covariances held as arrays.

:class:`Params` is the plain yearly core used by the ``core`` forecaster: the level a random
walk (sd ``permanent``), the deviation an AR(1) corrected at ``rate`` per year (sd
``transitory``), independent of each other.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: prior variance of the long-run level at the first year (vague over the index's range)
PRIOR_LEVEL_VARIANCE = 1.0


@dataclass(frozen=True)
class System:
    """Yearly transition ``T`` (2x2), shock covariance ``Q`` (2x2) and prior covariance."""

    transition: np.ndarray
    shock: np.ndarray
    prior: np.ndarray


def prior(keep: float, variance: float) -> np.ndarray:
    """Level ``N(0, 1)``; deviation at the stationary spread of ``x' = keep x + N(0, variance)``."""
    return np.diag([PRIOR_LEVEL_VARIANCE, variance / max(1.0 - keep**2, 1e-9)])


def yearly(transition: np.ndarray, shock: np.ndarray, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """The yearly ``T^s`` and ``sum_k T^k Q T^k'`` of a system that steps ``s`` times a year."""
    power, total = np.eye(2), np.zeros((2, 2))
    for _ in range(steps):
        total = transition @ total @ transition.T + shock
        power = transition @ power
    return power, total


@dataclass(frozen=True)
class Params:
    """Yearly parameters of the plain core."""

    rate: float
    permanent: float
    transitory: float

    def system(self) -> System:
        """The core as a :class:`System`."""
        keep = 1.0 - self.rate
        return System(
            np.diag([1.0, keep]),
            np.diag([self.permanent**2, self.transitory**2]),
            prior(keep, self.transitory**2),
        )


@dataclass(frozen=True)
class Filtered:
    """The filter's output per dyad.

    Attributes:
        mean: Filtered ``(mu, x)`` at the last year, ``(D, 2)``.
        cov: Their covariance ``(D, 2, 2)``.
        loglik: Log-likelihood per dyad ``(D,)``.
        residual: Standardised one-step prediction errors ``(D, T)`` (NaN where unobserved).
        predicted: One-step predictions of the index ``(D, T)``.
    """

    mean: np.ndarray
    cov: np.ndarray
    loglik: np.ndarray
    residual: np.ndarray
    predicted: np.ndarray


def run_filter(system: System, value: np.ndarray, sd: np.ndarray) -> Filtered:
    """Kalman filter of every dyad (rows of ``value`` and ``sd``, years as columns)."""
    d, t = value.shape
    mean = np.zeros((d, 2))
    cov = np.repeat(system.prior[None], d, axis=0)
    loglik = np.zeros(d)
    residual = np.full((d, t), np.nan)
    predicted = np.full((d, t), np.nan)
    for k in range(t):
        observed = ~np.isnan(value[:, k])
        predicted[:, k] = mean.sum(1)
        error = np.where(observed, value[:, k] - predicted[:, k], 0.0)
        toward = cov.sum(2)  # P Z' with Z = (1, 1)
        spread = toward.sum(1) + np.where(observed, sd[:, k], 0.0) ** 2
        gain = np.where(observed[:, None], toward / spread[:, None], 0.0)
        mean = mean + gain * error[:, None]
        cov = cov - gain[:, :, None] * gain[:, None, :] * spread[:, None, None]
        loglik += np.where(observed, -0.5 * (np.log(2 * np.pi * spread) + error**2 / spread), 0)
        residual[:, k] = np.where(observed, error / np.sqrt(spread), np.nan)
        if k < t - 1:
            mean = mean @ system.transition.T
            cov = system.transition @ cov @ system.transition.T + system.shock
    return Filtered(mean, cov, loglik, residual, predicted)


def predict(system: System, filtered: Filtered, years: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance of ``A`` 1..``years`` years after the last filtered year, ``(D, years)``.

    Measurement error is not included (add the index's variance to predict the index).
    """
    mean, cov = filtered.mean, filtered.cov
    means, variances = [], []
    for _ in range(years):
        mean = mean @ system.transition.T
        cov = system.transition @ cov @ system.transition.T + system.shock
        means.append(mean.sum(1))
        variances.append(cov.sum((1, 2)))
    return np.stack(means, 1), np.stack(variances, 1)
