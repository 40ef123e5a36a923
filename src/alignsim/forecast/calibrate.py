"""Fit the error-correction core to the observed index by maximum likelihood.

The likelihood is the Kalman filter's (:mod:`alignsim.forecast.kalman`), with each
dyad-year's measurement error taken from the index's 90% interval. It is maximised with
``scipy.optimize`` (L-BFGS-B) on unconstrained parameters (``logit rate``, ``log`` of the
two shock sizes) from several seeded starts; standard errors come from the numerical
Hessian (central differences) by the delta method. Parameters the data do not pin
down are reported, not hidden (:func:`identifiability`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import expit, logit

from alignsim.forecast.frames import Panel, panel
from alignsim.forecast.kalman import Filtered, Params, run_filter

NAMES = ("rate", "permanent", "transitory")
#: search bounds on the natural scale (the rate per year; shock sizes on the index's scale)
BOUNDS = {"rate": (0.005, 0.995), "permanent": (1e-4, 0.5), "transitory": (1e-4, 0.5)}
#: where the search starts before the seeded random starts
DEFAULT = Params(rate=0.3, permanent=0.03, transitory=0.08)
#: relative standard error above which a parameter is reported as poorly identified
LOOSE = 0.5
#: correlation of two estimates above which they are reported as not separable
ENTANGLED = 0.9


def to_free(params: Params) -> np.ndarray:
    """Unconstrained coordinates of the parameters."""
    return np.array([logit(params.rate), np.log(params.permanent), np.log(params.transitory)])


def from_free(u: np.ndarray) -> Params:
    """Parameters from unconstrained coordinates."""
    return Params(float(expit(u[0])), float(np.exp(u[1])), float(np.exp(u[2])))


def _free_bounds() -> list[tuple[float, float]]:
    rate, perm, trans = (BOUNDS[n] for n in NAMES)
    return [tuple(logit(rate)), tuple(np.log(perm)), tuple(np.log(trans))]


@dataclass
class Fit:
    """A fitted core with its uncertainty and diagnostics.

    Attributes:
        params: The maximum-likelihood estimates (yearly).
        se: Standard error of each estimate (NaN when the Hessian is not usable).
        corr: Correlation matrix of the estimates (order :data:`NAMES`).
        loglik: Maximised log-likelihood.
        starts: ``(loglik, params, converged)`` of every start.
        years: First and last year fitted.
        data: The panel that was fitted.
        filtered: The filter at the estimates (one-step predictions, residuals).
        warnings: Identifiability and convergence problems, one sentence each.
        cov_free: Covariance of the estimates in the unconstrained coordinates of
            :func:`to_free` (None when the Hessian is not usable).
    """

    params: Params
    se: dict[str, float]
    corr: np.ndarray
    loglik: float
    starts: list[tuple[float, Params, bool]]
    years: tuple[int, int]
    data: Panel
    filtered: Filtered
    warnings: list[str] = field(default_factory=list)
    cov_free: np.ndarray | None = None

    @property
    def converged(self) -> bool:
        """Whether the best start converged."""
        return max(self.starts, key=lambda s: s[0])[2]


def _objective(data: Panel) -> Callable[[np.ndarray], float]:
    def negative(u: np.ndarray) -> float:
        return -float(run_filter(from_free(u), data.value, data.sd).loglik.sum())

    return negative


def hessian(objective: Callable[[np.ndarray], float], u: np.ndarray) -> np.ndarray:
    """Central finite-difference Hessian with steps ``1e-4 * max(1, |u_i|)``."""
    step = 1e-4 * np.maximum(1.0, np.abs(u))
    size = len(u)
    out = np.empty((size, size))
    for i in range(size):
        for j in range(i, size):
            ei, ej = np.eye(size)[i] * step[i], np.eye(size)[j] * step[j]
            value = (
                objective(u + ei + ej)
                - objective(u + ei - ej)
                - objective(u - ei + ej)
                + objective(u - ei - ej)
            ) / (4 * step[i] * step[j])
            out[i, j] = out[j, i] = value
    return out


def _free_cov(objective: Callable, u: np.ndarray) -> np.ndarray | None:
    """Inverse Hessian in the free coordinates, or None if the Hessian is not positive."""
    hessian_matrix = hessian(objective, u)
    try:
        np.linalg.cholesky(hessian_matrix)
    except np.linalg.LinAlgError:
        return None
    return np.linalg.inv(hessian_matrix)


def _natural_cov(free: np.ndarray, params: Params) -> np.ndarray:
    """The delta method: covariance of the natural-scale estimates."""
    jacobian = np.diag([params.rate * (1 - params.rate), params.permanent, params.transitory])
    return jacobian @ free @ jacobian


def samples(result: Fit, count: int, seed: int = 0) -> list[Params]:
    """Draws from the estimates' normal approximation in the free coordinates (a Laplace
    approximation of the posterior under a flat prior there); the estimate repeated when
    the Hessian is not usable."""
    if result.cov_free is None:
        return [result.params] * count
    rng = np.random.default_rng(seed)
    draws = rng.multivariate_normal(to_free(result.params), result.cov_free, size=count)
    return [from_free(u) for u in draws]


def identifiability(fit_params: Params, se: dict[str, float], corr: np.ndarray) -> list[str]:
    """Sentences naming the parameters the data do not pin down."""
    found = []
    if any(np.isnan(v) for v in se.values()):
        found.append("the likelihood is flat or not concave at the estimate: no standard errors")
    for name in NAMES:
        value, low_high = getattr(fit_params, name), BOUNDS[name]
        if np.isclose(value, low_high[0], rtol=0.05) or np.isclose(value, low_high[1], rtol=0.01):
            found.append(f"{name} = {value:.4g} is at the edge of its range {list(low_high)}")
        elif se[name] > LOOSE * value:
            found.append(f"{name} is poorly identified: {value:.3g} ± {se[name]:.2g} (1 s.e.)")
    for i in range(len(NAMES)):
        for j in range(i + 1, len(NAMES)):
            if abs(corr[i, j]) > ENTANGLED:
                found.append(
                    f"{NAMES[i]} and {NAMES[j]} are hard to tell apart "
                    f"(correlation {corr[i, j]:+.2f})"
                )
    return found


def fit(
    observed: pd.DataFrame,
    years: tuple[int, int],
    seed: int = 0,
    starts: int = 4,
    on_start: Callable[[int], None] | None = None,
) -> Fit:
    """Maximum-likelihood fit of the core on the observed years ``years[0] .. years[1]``.

    Only rows inside the fit period enter; nothing else of ``observed`` is read.

    Args:
        observed: Observed frame (``year, a, b, alignment, low, high``).
        years: First and last year of the fit period.
        seed: Seed of the random starts.
        starts: Number of starts (the first is :data:`DEFAULT`, the others random).
        on_start: Called with the number of starts done.

    Raises:
        ValueError: When the period holds fewer than two observed years.
    """
    inside = observed[(observed["year"] >= years[0]) & (observed["year"] <= years[1])]
    inside = inside.dropna(subset=["alignment", "low", "high"])
    if inside["year"].nunique() < 2:
        raise ValueError(f"fewer than two observed years in {years[0]}:{years[1]}")
    data = panel(inside)
    objective = _objective(data)
    bounds = _free_bounds()
    rng = np.random.default_rng(seed)
    points = [to_free(DEFAULT)] + [
        np.array([rng.uniform(lo, hi) for lo, hi in bounds]) for _ in range(starts - 1)
    ]
    runs = []
    for k, start in enumerate(points):
        result = minimize(objective, start, method="L-BFGS-B", bounds=bounds)
        runs.append((-float(result.fun), result.x, bool(result.success)))
        if on_start:
            on_start(k + 1)
    loglik, best, _ = max(runs, key=lambda r: r[0])
    params = from_free(best)
    free = _free_cov(objective, best)
    cov = None if free is None else _natural_cov(free, params)
    if cov is None:
        se = dict.fromkeys(NAMES, float("nan"))
        corr = np.eye(len(NAMES))
    else:
        sd = np.sqrt(np.diag(cov))
        se = dict(zip(NAMES, map(float, sd), strict=True))
        corr = cov / np.outer(sd, sd)
    warnings = identifiability(params, se, corr)
    if not runs[[r[0] for r in runs].index(loglik)][2]:
        warnings.append("the optimiser did not report convergence for the best start")
    spread = [r for r in runs if r[0] > loglik - 0.5 and r[2]]
    far = [r for r in spread if np.max(np.abs(r[1] - best)) > 0.5]
    if far:
        warnings.append(
            f"{len(far)} other start(s) reach a likelihood within 0.5 of the best at other "
            "values: a flat ridge"
        )
    starts_out = [(r[0], from_free(r[1]), r[2]) for r in runs]
    period = (int(data.years[0]), int(data.years[-1]))
    filtered = run_filter(params, data.value, data.sd)
    return Fit(params, se, corr, loglik, starts_out, period, data, filtered, warnings, free)
