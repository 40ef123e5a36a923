"""What a calibration fits: named parameters, their ranges, and the yearly system they make.

Two specifications:

- :data:`CORE`: the plain yearly core (:class:`alignsim.forecast.kalman.Params`) behind the
  ``core`` forecaster.
- :func:`scenario_spec`: the linear part of alignsim's ``v2`` dynamics at the scenario's own
  step. Per step, with drivers left out, ``A' = A + rate (mu - A) + noise eps`` and
  ``mu' = mu + drift (A - mu)`` (``mechanisms.adjustment`` and
  ``mechanisms.error_correction``), so the deviation ``x = A - mu`` follows
  ``x' = (1 - rate - drift) x + noise eps`` and ``mu' = mu + drift x``: a shock's lasting
  share is ``drift / (rate + drift)``. :func:`alignsim.forecast.kalman.yearly` aggregates the
  steps of a year. A scenario without the ``error_correction`` baseline (preset ``v1``) has
  ``drift`` fixed at 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy.special import expit, logit

from alignsim.forecast.kalman import Params, System, prior, yearly

RATE = "mechanisms.adjustment.rate"
NOISE = "mechanisms.adjustment.noise"
DRIFT = "mechanisms.error_correction.drift"


@dataclass(frozen=True)
class Spec:
    """Parameters to fit and how they make a yearly :class:`System`.

    Attributes:
        names: Every parameter, in order.
        bounds: Search range of each (natural scale).
        shares: Parameters searched on the logit scale of their range's unit interval;
            the others on the log scale.
        default: Starting values.
        build: Values by name -> yearly system.
        fixed: Parameters held at a value (not fitted).
    """

    names: tuple[str, ...]
    bounds: dict[str, tuple[float, float]]
    shares: frozenset[str]
    default: dict[str, float]
    build: Callable[[dict[str, float]], System]
    fixed: dict[str, float] = field(default_factory=dict)

    @property
    def free(self) -> list[str]:
        """The fitted parameters."""
        return [n for n in self.names if n not in self.fixed]

    def to_free(self, values: dict[str, float]) -> np.ndarray:
        """Unconstrained coordinates of the fitted parameters."""
        return np.array(
            [logit(values[n]) if n in self.shares else np.log(values[n]) for n in self.free]
        )

    def from_free(self, u: np.ndarray) -> dict[str, float]:
        """All values (fitted and fixed) from unconstrained coordinates."""
        out = dict(self.fixed)
        for n, v in zip(self.free, u, strict=True):
            out[n] = float(expit(v) if n in self.shares else np.exp(v))
        return {n: out[n] for n in self.names}

    def free_bounds(self) -> list[tuple[float, float]]:
        """Bounds in unconstrained coordinates."""
        transform = {True: logit, False: np.log}
        return [
            tuple(float(transform[n in self.shares](b)) for b in self.bounds[n]) for n in self.free
        ]

    def jacobian(self, values: dict[str, float]) -> np.ndarray:
        """Derivatives of the natural values by the free coordinates (diagonal)."""
        return np.diag(
            [values[n] * (1 - values[n]) if n in self.shares else values[n] for n in self.free]
        )


CORE = Spec(
    names=("rate", "permanent", "transitory"),
    bounds={"rate": (0.005, 0.995), "permanent": (1e-4, 0.5), "transitory": (1e-4, 0.5)},
    shares=frozenset({"rate"}),
    default={"rate": 0.3, "permanent": 0.03, "transitory": 0.08},
    build=lambda v: Params(v["rate"], v["permanent"], v["transitory"]).system(),
)


def step_system(rate: float, drift: float, noise: float, per_year: int) -> System:
    """The yearly system of the ``v2`` linear part stepped ``per_year`` times a year."""
    keep = 1.0 - rate - drift
    transition, shock = yearly(
        np.array([[1.0, drift], [0.0, keep]]), np.diag([0.0, noise**2]), per_year
    )
    return System(transition, shock, prior(transition[1, 1], shock[1, 1]))


def scenario_spec(per_year: int, fixed: dict[str, float] | None = None) -> Spec:
    """The ``v2`` linear part at ``per_year`` steps a year (``fixed``: values held)."""
    return Spec(
        names=(RATE, DRIFT, NOISE),
        bounds={RATE: (0.002, 0.8), DRIFT: (1e-5, 0.2), NOISE: (1e-4, 0.5)},
        shares=frozenset({RATE}),
        default={RATE: 0.2, DRIFT: 0.02, NOISE: 0.02},
        build=lambda v: step_system(v[RATE], v[DRIFT], v[NOISE], per_year),
        fixed=dict(fixed or {}),
    )


#: steps a year of each calendar unit
STEPS_PER_YEAR = {"month": 12, "quarter": 4, "year": 1}


def scenario_values(compiled) -> tuple[dict[str, float], bool]:
    """A compiled scenario's current rate, drift and noise, and whether it has a baseline
    that drifts (the ``error_correction`` mechanism)."""
    rules = compiled.rules
    has_drift = rules.baseline is not None and rules.baseline.name == "error_correction"
    drift = float(rules.baseline_params.get("drift", 0.0)) if has_drift else 0.0
    rate, noise = np.asarray(rules.rate).reshape(-1)[0], np.asarray(rules.noise).reshape(-1)[0]
    return {RATE: float(rate), DRIFT: drift, NOISE: float(noise)}, has_drift


def for_scenario(compiled, free: list[str] | None = None) -> Spec:
    """The specification of a compiled scenario: ``free`` (default: rate, noise and, with an
    ``error_correction`` baseline, drift) fitted, the others held at the scenario's values.

    Raises:
        ValueError: For a free parameter this specification cannot fit.
    """
    current, has_drift = scenario_values(compiled)
    chosen = list(free) if free is not None else [RATE, NOISE] + ([DRIFT] if has_drift else [])
    unknown = [p for p in chosen if p not in current]
    if unknown:
        raise ValueError(
            f"{unknown[0]} is not reached by the linear likelihood (it fits {RATE}, {NOISE}"
            f" and {DRIFT})"
        )
    if DRIFT in chosen and not has_drift:
        raise ValueError(f"{DRIFT} is free but the scenario has no error_correction baseline")
    spec = scenario_spec(STEPS_PER_YEAR[compiled.unit])
    fixed = {n: v for n, v in current.items() if n not in chosen}
    default = {
        n: float(np.clip(current[n], *spec.bounds[n])) if n in chosen else current[n]
        for n in spec.names
    }
    return Spec(spec.names, spec.bounds, spec.shares, default, spec.build, fixed)
