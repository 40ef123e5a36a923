"""Fit a linear-Gaussian specification of the dynamics to the observed index by maximum likelihood.

The likelihood is the Kalman filter's (:mod:`alignsim.forecast.kalman`), with each
dyad-year's measurement error taken from the index's 90% interval. It is maximised with
``scipy.optimize`` (L-BFGS-B) in unconstrained coordinates (:class:`~.specs.Spec`) from
several seeded starts; standard errors come from a central-difference Hessian by the delta
method. Parameters the data do not pin down are reported, not hidden (:func:`identifiability`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import minimize

from alignsim.forecast.frames import Panel, panel
from alignsim.forecast.kalman import Filtered, run_filter
from alignsim.forecast.specs import CORE, Spec

#: relative standard error above which a parameter is reported as poorly identified
LOOSE = 0.5
#: correlation of two estimates above which they are reported as not separable
ENTANGLED = 0.9


@dataclass
class Estimates:
    """What every calibration method gives (the overlay, JSON and summary read only this).

    Attributes:
        spec: What was fitted.
        values: Estimates of every parameter (fixed ones included).
        se: Standard error of each fitted parameter (NaN when not usable).
        corr: Correlations of the fitted parameters (order ``spec.free``).
        loglik: The maximised criterion (log-likelihood; minus the objective of a
            simulated-moments fit), larger is better.
        starts: ``(criterion, values, converged)`` of every start.
        years: First and last year fitted.
        data: The panel that was fitted.
    """

    spec: Spec
    values: dict[str, float]
    se: dict[str, float]
    corr: np.ndarray
    loglik: float
    starts: list[tuple[float, dict[str, float], bool]]
    years: tuple[int, int]
    data: Panel

    @property
    def converged(self) -> bool:
        """Whether the best start converged."""
        return max(self.starts, key=lambda s: s[0])[2]


@dataclass
class Fit(Estimates):
    """A maximum-likelihood fit (:class:`Estimates`) with its filter and diagnostics.

    Attributes:
        filtered: The filter at the estimates (one-step predictions, residuals).
        warnings: Identifiability and convergence problems, one sentence each.
        cov_free: Covariance in the unconstrained coordinates (None without a usable Hessian).
    """

    filtered: Filtered | None = None
    warnings: list[str] = field(default_factory=list)
    cov_free: np.ndarray | None = None
    method = "kalman"

    @property
    def summary(self) -> str:
        """The fit's criterion in words."""
        return f"log-likelihood {self.loglik:.2f}"


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
    matrix = hessian(objective, u)
    try:
        np.linalg.cholesky(matrix)
    except np.linalg.LinAlgError:
        return None
    return np.linalg.inv(matrix)


def samples(result: Estimates, count: int, seed: int = 0) -> list[dict[str, float]]:
    """Draws from the estimates' normal approximation in the free coordinates (a Laplace
    approximation of the posterior under a flat prior there), cut to the search range; the
    estimate repeated when the curvature is not usable."""
    if result.cov_free is None:
        return [dict(result.values)] * count
    rng = np.random.default_rng(seed)
    centre = result.spec.to_free(result.values)
    low, high = np.array(result.spec.free_bounds()).T
    drawn = np.clip(rng.multivariate_normal(centre, result.cov_free, size=count), low, high)
    return [result.spec.from_free(u) for u in drawn]


def identifiability(
    spec: Spec, values: dict, se: dict, corr: np.ndarray, criterion: str = "likelihood"
) -> list[str]:
    """Sentences naming the parameters the data do not pin down (``criterion``: what was
    optimised, in words)."""
    found = []
    if any(np.isnan(v) for v in se.values()):
        found.append(f"the {criterion} is flat or not concave at the estimate: no standard errors")
    for name in spec.free:
        value, (low, high) = values[name], spec.bounds[name]
        if np.isclose(value, low, rtol=0.05) or np.isclose(value, high, rtol=0.01):
            found.append(f"{name} = {value:.4g} is at the edge of its range [{low}, {high}]")
        elif se[name] > LOOSE * value:
            found.append(f"{name} is poorly identified: {value:.3g} ± {se[name]:.2g} (1 s.e.)")
    free = spec.free
    for i in range(len(free)):
        for j in range(i + 1, len(free)):
            if abs(corr[i, j]) > ENTANGLED:
                found.append(
                    f"{free[i]} and {free[j]} are hard to tell apart "
                    f"(correlation {corr[i, j]:+.2f})"
                )
    return found


def uncertainty(spec: Spec, values: dict, free: np.ndarray | None):
    """Standard errors and correlations in natural units from a covariance in the free
    coordinates (delta method); NaN and the identity without one."""
    if free is None:
        return dict.fromkeys(spec.free, float("nan")), np.eye(len(spec.free))
    jacobian = spec.jacobian(values)
    cov = jacobian @ free @ jacobian
    sd = np.sqrt(np.diag(cov))
    return dict(zip(spec.free, map(float, sd), strict=True)), cov / np.outer(sd, sd)


def start_points(spec: Spec, seed: int, starts: int) -> list[np.ndarray]:
    """The optimiser's starts in free coordinates: the defaults, then uniform seeded draws
    inside the bounds."""
    rng = np.random.default_rng(seed)
    return [spec.to_free(spec.default)] + [
        np.array([rng.uniform(lo, hi) for lo, hi in spec.free_bounds()]) for _ in range(starts - 1)
    ]


def fit_panel(observed: pd.DataFrame, years: tuple[int, int], least: int = 2) -> Panel:
    """The observed rows inside ``years`` as a panel (nothing else of ``observed`` is read).

    Raises:
        ValueError: When the period holds fewer than ``least`` observed years.
    """
    inside = observed[(observed["year"] >= years[0]) & (observed["year"] <= years[1])]
    inside = inside.dropna(subset=["alignment", "low", "high"])
    if inside["year"].nunique() < least:
        raise ValueError(
            f"fewer than {'two' if least == 2 else least} observed years in {years[0]}:{years[1]}"
        )
    return panel(inside)


def fit(
    observed: pd.DataFrame,
    years: tuple[int, int],
    seed: int = 0,
    starts: int = 4,
    on_start: Callable[[int], None] | None = None,
    spec: Spec = CORE,
) -> Fit:
    """Maximum-likelihood fit of ``spec`` on the observed years ``years[0] .. years[1]``.

    Only rows inside the fit period enter; nothing else of ``observed`` is read.

    Args:
        observed: Observed frame (``year, a, b, alignment, low, high``).
        years: First and last year of the fit period.
        seed: Seed of the random starts.
        starts: Number of starts (the first at ``spec.default``, the others random).
        on_start: Called with the number of starts done.
        spec: What to fit (default: the plain yearly core).

    Raises:
        ValueError: When the period holds fewer than two observed years.
    """
    data = fit_panel(observed, years)

    def objective(u: np.ndarray) -> float:
        return -float(run_filter(spec.build(spec.from_free(u)), data.value, data.sd).loglik.sum())

    bounds = spec.free_bounds()
    points = start_points(spec, seed, starts)
    runs = []
    for k, start in enumerate(points):
        result = minimize(objective, start, method="L-BFGS-B", bounds=bounds)
        runs.append((-float(result.fun), result.x, bool(result.success)))
        if on_start:
            on_start(k + 1)
    best_index = int(np.argmax([r[0] for r in runs]))
    loglik, best, ok = runs[best_index]
    values = spec.from_free(best)
    free = _free_cov(objective, best)
    se, corr = uncertainty(spec, values, free)
    warnings = identifiability(spec, values, se, corr)
    if not ok:
        warnings.append("the optimiser did not report convergence for the best start")
    far = [r for r in runs if r[0] > loglik - 0.5 and r[2] and np.max(np.abs(r[1] - best)) > 0.5]
    if far:
        warnings.append(
            f"{len(far)} other start(s) reach a likelihood within 0.5 of the best at other "
            "values: a flat ridge"
        )
    starts_out = [(r[0], spec.from_free(r[1]), r[2]) for r in runs]
    period = (int(data.years[0]), int(data.years[-1]))
    filtered = run_filter(spec.build(values), data.value, data.sd)
    return Fit(spec, values, se, corr, loglik, starts_out, period, data, filtered, warnings, free)
