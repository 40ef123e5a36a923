"""Maximum-likelihood fit of a dynamic one-factor model by expectation-maximisation.

The model is the one smoothed in :mod:`alignsim.observed.kalman`: a latent alignment per dyad
following a random walk, each indicator a noisy linear function of it. The EM algorithm for
linear Gaussian state-space models (Shumway & Stoffer 1982) alternates the Kalman/RTS smoother
(E-step) with closed-form updates (M-step): per indicator a least-squares regression of the
indicator on the smoothed latent (intercept, loading, noise variance), and the random-walk step
variance from the smoothed squared steps. Signs of loadings may be constrained; a loading that
would take the forbidden sign is set to 0 (the constrained optimum of a one-regressor problem).
The scale is fixed by one anchor indicator whose loading is 1, the sign by the constraints, as in
dynamic latent measures of interstate relations (Terechshenko, Z. (2020), "Hot under the
collar: a latent measure of interstate hostility", *Journal of Peace Research* 57(6)). Each noise
variance is kept at or above a share of its indicator's variance (``RELIABILITY_GUARD``): without
it one persistent indicator absorbs the factor with zero noise (a Heywood case; Martin, J. K. &
McDonald, R. P. (1975), *Psychometrika* 40(4), bound the unique variances for the same reason).

Reference: Shumway, R. H. & Stoffer, D. S. (1982), *Journal of Time Series Analysis* 3(4);
Dempster, A. P., Laird, N. M. & Rubin, D. B. (1977), *JRSS B* 39(1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from alignsim.observed.kalman import Smoothed, smooth

MIN_NOISE_VAR = 1e-3
#: noise variance >= this share of the indicator's variance (reliability at most 0.7)
RELIABILITY_GUARD = 0.3


@dataclass(frozen=True)
class FactorFit:
    """Fitted measurement parameters, one entry per indicator, and the step variance.

    Attributes:
        intercept, loading, noise_var: (K,) a, lam, s2.
        step_var: q, the yearly random-walk step variance.
        prior_var: p0, the variance of a dyad's latent in its first year (mean 0).
        loglik: log-likelihood per EM iteration (non-decreasing).
        smoothed: the smoother's output at the final parameters.
    """

    intercept: np.ndarray
    loading: np.ndarray
    noise_var: np.ndarray
    step_var: float
    prior_var: float
    loglik: tuple[float, ...]
    smoothed: Smoothed


def update_measurement(
    y: np.ndarray,
    mean: np.ndarray,
    var: np.ndarray,
    sign: np.ndarray,
    anchor: int,
    guard: float = RELIABILITY_GUARD,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """M-step for the indicators: expected least squares of each indicator on the latent.

    Args:
        y: (N, K) indicators (NaN where missing), N = dyad-years flattened.
        mean, var: (N,) smoothed mean and variance of the latent.
        sign: (K,) +1 / -1 to require a loading of that sign, 0 for free.
        anchor: index of the indicator whose loading is fixed at 1 (it sets the scale).
        guard: lower bound on each noise variance as a share of the indicator's variance.

    Returns:
        intercept, loading, noise_var, each (K,).
    """
    observed = ~np.isnan(y)
    yz = np.where(observed, y, 0.0)
    # column sums with numpy's pairwise summation, not BLAS: bit-identical on every machine
    n = observed.sum(axis=0).astype(float)
    sx = np.where(observed, mean[:, None], 0.0).sum(axis=0)
    sxx = np.where(observed, (mean**2 + var)[:, None], 0.0).sum(axis=0)
    sy = yz.sum(axis=0)
    sy2 = (yz**2).sum(axis=0)
    sxy = (yz * mean[:, None]).sum(axis=0)
    det = n * sxx - sx**2
    loading = np.where(det > 0, (n * sxy - sx * sy) / np.where(det > 0, det, 1.0), 0.0)
    loading = np.where(sign * loading < 0, 0.0, loading)
    loading[anchor] = 1.0
    intercept = (sy - loading * sx) / np.maximum(n, 1.0)
    sse = (
        sy2
        - 2 * intercept * sy
        - 2 * loading * sxy
        + n * intercept**2
        + 2 * intercept * loading * sx
        + loading**2 * sxx
    )
    total = (sy2 - sy**2 / np.maximum(n, 1.0)) / np.maximum(n, 1.0)
    noise_var = np.maximum(sse / np.maximum(n, 1.0), np.maximum(guard * total, MIN_NOISE_VAR))
    return intercept, loading, noise_var


def update_step_var(smoothed: Smoothed, starts: np.ndarray, present: np.ndarray) -> float:
    """M-step for q: mean expected squared yearly step over linked dyad-years."""
    linked = present[:, 1:] & present[:, :-1] & ~starts[:, 1:]
    step = smoothed.mean[:, 1:] - smoothed.mean[:, :-1]
    expected = step**2 + smoothed.var[:, 1:] + smoothed.var[:, :-1] - 2 * smoothed.lag_cov[:, 1:]
    return float(expected[linked].mean())


def update_prior_var(smoothed: Smoothed, starts: np.ndarray, present: np.ndarray) -> float:
    """M-step for p0: mean expected square of the latent in each dyad's first year."""
    first = starts & present
    return float((smoothed.mean[first] ** 2 + smoothed.var[first]).mean())


def initial_parameters(y: np.ndarray, sign: np.ndarray, anchor: int) -> tuple[np.ndarray, ...]:
    """Start EM from each indicator's mean with loading +/- 1 and noise equal to its variance."""
    flat = y.reshape(-1, y.shape[-1])
    intercept = np.nanmean(flat, axis=0)
    loading = np.where(sign < 0, -1.0, 1.0)
    loading[anchor] = 1.0
    noise_var = np.maximum(np.nanvar(flat, axis=0), MIN_NOISE_VAR)
    return intercept, loading, noise_var


def fit(
    y: np.ndarray,
    starts: np.ndarray,
    present: np.ndarray,
    sign: np.ndarray,
    anchor: int = 0,
    *,
    iterations: int = 60,
    tolerance: float = 1e-5,
    guard: float = RELIABILITY_GUARD,
) -> FactorFit:
    """Fit intercepts, loadings, noise variances, step and start variances by EM.

    Args:
        y: (dyads, years, K) indicators, NaN where missing or the dyad is absent.
        starts: (dyads, years) True in a dyad's first year (column 0 True for all).
        present: (dyads, years) True where the dyad exists (only those years are scored).
        sign: (K,) loading sign constraints (+1, -1, or 0 free).
        anchor: the indicator whose loading is fixed at 1: the latent is measured in its units.
        iterations: maximum EM iterations.
        tolerance: stop when the log-likelihood gains less than this per observed value.
        guard: lower bound on each noise variance as a share of the indicator's variance (a
            Heywood-case guard: no single indicator may be more than ``1 - guard`` signal).

    Returns:
        The fitted parameters and the smoother's output at them.
    """
    intercept, loading, noise_var = initial_parameters(y, sign, anchor)
    step_var, prior_var = 0.05 * float(noise_var[anchor]), float(noise_var[anchor])
    scored = present[..., None] & ~np.isnan(y)
    y = np.where(scored, y, np.nan)
    count = max(int(scored.sum()), 1)
    flat_y = y.reshape(-1, y.shape[-1])
    history: list[float] = []
    for _ in range(iterations):
        result = smooth(y, starts, intercept, loading, noise_var, step_var, prior_var)
        history.append(result.loglik)
        if len(history) > 1 and (history[-1] - history[-2]) < tolerance * count:
            break
        intercept, loading, noise_var = update_measurement(
            flat_y, result.mean.ravel(), result.var.ravel(), sign, anchor, guard
        )
        step_var = update_step_var(result, starts, present)
        prior_var = update_prior_var(result, starts, present)
    else:
        result = smooth(y, starts, intercept, loading, noise_var, step_var, prior_var)
        history.append(result.loglik)
    return FactorFit(
        intercept=intercept,
        loading=loading,
        noise_var=noise_var,
        step_var=step_var,
        prior_var=prior_var,
        loglik=tuple(history),
        smoothed=result,
    )
