"""Fit parameters without a likelihood by the method of simulated moments.

McFadden (1989) and Pakes & Pollard (1989); the estimator of Gouriéroux & Monfort (1996),
ch. 2. With ``m`` the moments of the observed panel and ``m_S(theta)`` their mean over ``S``
simulated panels drawn with the same seeds for every ``theta`` (common random numbers),
``theta_hat = argmin g' W g``, ``g = m - m_S(theta)``. ``W`` is diagonal: one over each
moment's variance across the simulated panels at the starting values (a diagonal weighting,
robust when moments outnumber runs; the optimal ``Omega^-1`` needs ``S`` well above the number
of moments). Standard errors are the sandwich
``V = (1 + 1/S) (G'WG)^-1 G'W Omega W G (G'WG)^-1``, ``G`` the Jacobian of ``m_S`` by central
differences and ``Omega`` the moments' covariance across the simulated panels at the estimate
(each simulated panel is one draw of what the observed one could have been).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import minimize

from alignsim.forecast.calibrate import Estimates, identifiability, start_points, uncertainty
from alignsim.forecast.specs import Spec

#: ratio of the smallest to the largest singular value of the weighted Jacobian below which
#: some combination of parameters is reported as not pinned down
SINGULAR = 1e-3
#: change of the objective over a parameter's whole range below which it is reported as flat
FLAT = 1.0
#: points of each parameter's objective profile
PROFILE_POINTS = 9
#: step of the central differences in the unconstrained coordinates
STEP = 0.05


@dataclass
class SimulatedFit(Estimates):
    """A fit by simulated moments (:class:`~.calibrate.Estimates`; ``loglik`` is minus the
    objective, ``starts`` hold minus each start's objective).

    Attributes:
        names: Name of every moment.
        observed: The observed moments.
        simulated: The simulated moments (mean over runs) at the estimate.
        spread: Their standard deviation across runs at the estimate.
        weights: Diagonal of ``W`` (0: a moment not used).
        jacobian: ``G`` (moments x free parameters, unconstrained coordinates).
        profiles: Per free parameter, ``(values, objective)`` along its range, others at the
            estimate.
        runs: Simulated panels per evaluation.
        warnings: Identifiability and convergence problems, one sentence each.
        cov_free: Sandwich covariance in the unconstrained coordinates (None if not usable).
    """

    names: list[str] = field(default_factory=list)
    observed: np.ndarray | None = None
    simulated: np.ndarray | None = None
    spread: np.ndarray | None = None
    weights: np.ndarray | None = None
    jacobian: np.ndarray | None = None
    profiles: dict[str, tuple[list[float], list[float]]] = field(default_factory=dict)
    runs: int = 0
    warnings: list[str] = field(default_factory=list)
    cov_free: np.ndarray | None = None
    method = "smm"

    @property
    def summary(self) -> str:
        """The fit's criterion in words."""
        used = int(np.count_nonzero(self.weights))
        return f"SMM objective {self.objective:.4g} ({used} moments, {self.runs} simulated runs)"

    @property
    def objective(self) -> float:
        """``g' W g`` at the estimate."""
        return -self.loglik


def sandwich(jacobian: np.ndarray, weights: np.ndarray, omega: np.ndarray, runs: int):
    """``(1 + 1/S) (G'WG)^-1 G'W Omega W G (G'WG)^-1``, or None when ``G'WG`` is singular: the
    covariance of a simulated-moments estimator (Pakes & Pollard 1989; Duffie & Singleton
    1993; Gouriéroux & Monfort 1996, ch. 2)."""
    bread = jacobian.T @ (weights[:, None] * jacobian)
    try:
        inverse = np.linalg.inv(bread)
    except np.linalg.LinAlgError:
        return None
    if not np.all(np.isfinite(inverse)) or np.linalg.cond(bread) > 1e12:
        return None
    meat = (weights[:, None] * jacobian).T @ omega @ (weights[:, None] * jacobian)
    return (1.0 + 1.0 / runs) * inverse @ meat @ inverse


def jacobian(
    mean_moments: Callable[[np.ndarray], np.ndarray], u: np.ndarray, bounds: list
) -> np.ndarray:
    """Jacobian (moments x parameters) by differences of step :data:`STEP`: central inside
    the bounds, one-sided at a bound."""
    columns = []
    for i, (low, high) in enumerate(bounds):
        up = _with(u, i, min(u[i] + STEP, high))
        down = _with(u, i, max(u[i] - STEP, low))
        columns.append((mean_moments(up) - mean_moments(down)) / (up[i] - down[i]))
    return np.stack(columns, 1)


def design_warnings(spec: Spec, weighted: np.ndarray, profiles: dict) -> list[str]:
    """Parameters the moments do not respond to, near-singular Jacobians, flat objectives."""
    found = []
    norms = np.linalg.norm(weighted, axis=0)
    for name, norm in zip(spec.free, norms, strict=True):
        if norm < SINGULAR * max(norms.max(), 1e-300) or norm == 0:
            found.append(f"{name}: the moments do not respond to it (not identified)")
    singular = np.linalg.svd(weighted, compute_uv=False)
    if len(singular) > 1 and singular[-1] < SINGULAR * singular[0]:
        condition = singular[0] / max(singular[-1], 1e-300)
        found.append(
            f"the moments' Jacobian is near-singular (condition {condition:.3g}): "
            "some combination of the parameters is not pinned down"
        )
    for name, (_, values) in profiles.items():
        if np.nanmax(values) - np.nanmin(values) < FLAT:
            found.append(f"{name}: the objective is flat over its whole range (changes by "
                         f"{np.nanmax(values) - np.nanmin(values):.3g})")  # fmt: skip
    return found


class Objective:
    """``g' W g`` of a simulator and a specification, with the simulated moments cached by
    parameter value. ``W`` is fixed at the first values asked for (the starting values)."""

    def __init__(self, simulator, spec: Spec, observed: np.ndarray, start: np.ndarray):
        self.simulator, self.spec, self.observed = simulator, spec, observed
        self.cache: dict[bytes, np.ndarray] = {}
        at_start = self.runs(start)
        usable = np.isfinite(observed) & np.all(np.isfinite(at_start), 0)
        variance = np.var(at_start, 0, ddof=1)
        self.usable = usable & (variance > 1e-18)
        self.weights = np.where(self.usable, 1.0 / np.where(self.usable, variance, 1.0), 0.0)

    def runs(self, u: np.ndarray) -> np.ndarray:
        """``(S, M)`` moments of every simulated run at free coordinates ``u``."""
        key = np.round(u, 12).tobytes()
        if key not in self.cache:
            panels = self.simulator.panels(self.spec.from_free(u))
            self.cache[key] = self.simulator.moments(panels)
        return self.cache[key]

    def mean(self, u: np.ndarray) -> np.ndarray:
        """Mean simulated moments (unused moments at 0)."""
        return np.where(self.usable, np.nan_to_num(self.runs(u).mean(0)), 0.0)

    def __call__(self, u: np.ndarray) -> float:
        gap = np.where(self.usable, self.observed, 0.0) - self.mean(u)
        return float(gap @ (self.weights * gap))


def _hold(spec: Spec, names: list[str]) -> Spec:
    """The specification with ``names`` held at their starting values."""
    fixed = dict(spec.fixed) | {n: spec.default[n] for n in names}
    return Spec(spec.names, spec.bounds, spec.shares, spec.default, spec.build, fixed)


def _profiles(objective: Objective, spec: Spec, best: np.ndarray, bounds: list) -> dict:
    out = {}
    for i, name in enumerate(spec.free):
        grid = np.linspace(*bounds[i], PROFILE_POINTS)
        along = [objective(_with(best, i, x)) for x in grid]
        out[name] = ([spec.from_free(_with(best, i, x))[name] for x in grid], along)
    return out


def _lower_on_profiles(objective, best: np.ndarray, bounds: list, profiles: dict):
    """The profile point with the lowest objective if it is below the estimate's, else None."""
    value, i, k = min((min(p[1]), i, int(np.argmin(p[1]))) for i, p in enumerate(profiles.values()))
    if value >= objective(best) - 1e-9 * (1 + abs(objective(best))):
        return None
    return _with(best, i, np.linspace(*bounds[i], PROFILE_POINTS)[k])


def _minimise(objective: Objective, point: np.ndarray, bounds: list):
    result = minimize(objective, point, method="L-BFGS-B", bounds=bounds,
                      options={"eps": 1e-3, "maxiter": 80})  # fmt: skip
    return -float(result.fun), result.x, bool(result.success)


def fit_smm(
    simulator,
    spec: Spec,
    seed: int = 0,
    starts: int = 2,
    on_start: Callable[[int], None] | None = None,
) -> SimulatedFit:
    """Fit ``spec``'s free parameters by simulated moments (McFadden 1989; Pakes & Pollard
    1989; Gouriéroux & Monfort 1996).

    A parameter the moments do not respond to at all at the starting values (e.g. the
    permanent share of event shocks with no event in the fit period) is held at its starting
    value and reported. After the starts, the objective is profiled along each parameter; a
    lower value found there restarts the optimiser from it once.

    Args:
        simulator: A :class:`~alignsim.forecast.simulator.Simulator` (its paths are
            ``spec.names``).
        spec: Names, ranges and starting values (``build`` is not used).
        seed: Seed of the random starts.
        starts: Optimiser starts (the first at the starting values, the others random).
        on_start: Called with the number of steps done (starts, then the diagnostics).
    """
    data = simulator.data
    observed = simulator.moments(data.value)
    objective = Objective(simulator, spec, observed, spec.to_free(spec.default))
    at_start = jacobian(objective.mean, spec.to_free(spec.default), spec.free_bounds())
    norms = np.linalg.norm(np.sqrt(objective.weights)[:, None] * at_start, axis=0)
    floor = 1e-9 * max(norms.max(), 1e-300)
    silent = [n for n, v in zip(spec.free, norms, strict=True) if v <= floor]
    notes = [f"{n}: the moments do not respond to it at all (not identified; held at "
             f"{spec.default[n]:.4g})" for n in silent]  # fmt: skip
    if silent and len(silent) < len(spec.free):
        spec = _hold(spec, silent)
        objective = Objective(simulator, spec, observed, spec.to_free(spec.default))
    bounds = spec.free_bounds()
    points = start_points(spec, seed, starts)
    runs = []
    for k, point in enumerate(points):
        runs.append(_minimise(objective, point, bounds))
        if on_start:
            on_start(k + 1)
    best = max(runs, key=lambda r: r[0])[1]
    profiles = _profiles(objective, spec, best, bounds)
    lower = _lower_on_profiles(objective, best, bounds, profiles)
    if lower is not None:  # the optimiser stopped short: restart once from the lower point
        runs.append(_minimise(objective, lower, bounds))
        best = max(runs, key=lambda r: r[0])[1]
        profiles = _profiles(objective, spec, best, bounds)
    loglik, best, ok = max(runs, key=lambda r: r[0])
    values = spec.from_free(best)
    slope = jacobian(objective.mean, best, bounds)
    at_best = np.nan_to_num(objective.runs(best))
    omega = np.atleast_2d(np.cov(np.where(objective.usable, at_best, 0.0), rowvar=False))
    cov_free = sandwich(slope, objective.weights, omega, simulator.runs)
    se, corr = uncertainty(spec, values, cov_free)
    if on_start:
        on_start(len(points) + 1)
    warnings = notes + identifiability(spec, values, se, corr, "objective")
    warnings += design_warnings(spec, np.sqrt(objective.weights)[:, None] * slope, profiles)
    if not ok:
        warnings.append("the optimiser did not report convergence for the best start")
    starts_out = [(r[0], spec.from_free(r[1]), r[2]) for r in runs]
    period = (int(data.years[0]), int(data.years[-1]))
    return SimulatedFit(
        spec, values, se, corr, loglik, starts_out, period, data, simulator.moment_names(),
        observed, at_best.mean(0), at_best.std(0, ddof=1), objective.weights, slope, profiles,
        simulator.runs, warnings, cov_free,
    )  # fmt: skip


def _with(u: np.ndarray, i: int, x: float) -> np.ndarray:
    out = u.copy()
    out[i] = x
    return out
