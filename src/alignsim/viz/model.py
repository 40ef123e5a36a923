"""A Mesa model whose mechanism weights, adjustment rate and noise come from sliders.

The dynamics are the same :class:`~alignsim.model.AlignmentModel`; only the rules change:
a slider sets a term's weight for every actor whose doctrine does not set its own.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from alignsim.compiled import Compiled, compile_scenario
from alignsim.mechanisms import of_kind, registry
from alignsim.model import AlignmentModel

#: slider ranges
WEIGHT_RANGE = (0.0, 1.0, 0.05)
RATE_RANGE = (0.0, 1.0, 0.05)
NOISE_RANGE = (0.0, 0.2, 0.005)
SEED_RANGE = (0, 99)


def term_names() -> list[str]:
    """Names of the term mechanisms, in the order of the rules' weight columns."""
    return [m.name for m in of_kind("term")]


def scenario_setting(scenario: Any, mechanism: str, parameter: str) -> float:
    """The scenario's value of a mechanism parameter, else the registered default."""
    given = getattr(getattr(scenario.mechanisms, mechanism, None), parameter, None)
    return float(registry()[mechanism].defaults()[parameter] if given is None else given)


def doctrine_mask(scenario: Any) -> np.ndarray:
    """``(n, t)`` True where an actor's doctrine sets its own weight for a term."""
    names = term_names()
    return np.array(
        [
            [
                actor.doctrine is not None and getattr(actor.doctrine, name, None) is not None
                for name in names
            ]
            for actor in scenario.actors
        ],
        dtype=bool,
    )


def tuned_rules(
    compiled: Compiled,
    scenario: Any,
    weights: dict[str, float],
    rate: float | None = None,
    noise: float | None = None,
) -> Compiled:
    """The compiled scenario with slider weights, rate and noise.

    Args:
        compiled: The compiled scenario.
        scenario: The validated scenario (for the actors' doctrines).
        weights: Term name -> weight for every actor without its own doctrine weight;
            terms not given keep their compiled weights.
        rate: Adjustment rate (default: unchanged).
        noise: Noise standard deviation (default: unchanged).

    Raises:
        ValueError: On an unknown term name or a negative value.
    """
    names = term_names()
    unknown = sorted(set(weights) - set(names))
    if unknown:
        raise ValueError(f"unknown term mechanism(s): {', '.join(unknown)}")
    values = [v for v in (*weights.values(), rate, noise) if v is not None]
    if any(v < 0 for v in values):
        raise ValueError("weights, rate and noise must be >= 0")
    matrix = compiled.rules.weights.copy()
    keep = doctrine_mask(scenario)
    for column, name in enumerate(names):
        if name in weights:
            matrix[:, column] = np.where(keep[:, column], matrix[:, column], weights[name])
    rules = replace(
        compiled.rules,
        weights=matrix,
        rate=compiled.rules.rate if rate is None else float(rate),
        noise=compiled.rules.noise if noise is None else float(noise),
    )
    return replace(compiled, rules=rules)


class InteractiveModel(AlignmentModel):
    """:class:`~alignsim.model.AlignmentModel` built from slider values.

    SolaraViz re-creates the model with keyword arguments on *Reset*; every slider is one
    keyword: ``run_seed``, ``rate``, ``noise`` and one ``w_<term>`` per term mechanism.

    Args:
        source: The validated scenario (a fixed parameter of the page).
        run_seed: Seed of the run's generator.
        rate: Adjustment rate.
        noise: Noise standard deviation.
        scenario: Mesa's own scenario object, passed by SolaraViz on reset (unused:
            the seed comes from ``run_seed``).
        **weights: ``w_<term>=value`` weights of the term mechanisms.
    """

    def __init__(
        self,
        source: Any = None,
        run_seed: int = 0,
        rate: float | None = None,
        noise: float | None = None,
        scenario: Any = None,
        **weights: float,
    ):
        if source is None:
            raise ValueError("InteractiveModel needs source=<validated scenario>")
        unknown = [key for key in weights if not key.startswith("w_")]
        if unknown:
            raise ValueError(f"unknown parameter(s): {', '.join(unknown)}")
        self.source = source
        compiled = tuned_rules(
            compile_scenario(source),
            source,
            {key[2:]: float(value) for key, value in weights.items()},
            rate,
            noise,
        )
        super().__init__(compiled, rng=int(run_seed))
        self.running = compiled.steps > 0

    def step(self) -> None:
        """One step; the model stops at the end of the scenario's calendar."""
        super().step()
        self.running = len(self.history) - 1 < self.compiled.steps

    def results(self) -> Any:
        """The run so far as :class:`~alignsim.results.Results` (no blocs)."""
        from alignsim.results import Results

        meta = {
            "scenario": self.source.name,
            "title": self.source.title,
            "seed": None,
            "steps": len(self.history) - 1,
        }
        return Results.from_history(self.compiled, self.stacked_history(), meta)


def model_params(scenario: Any) -> dict[str, Any]:
    """SolaraViz ``model_params``: the fixed scenario and one slider per setting."""
    low, high, step = WEIGHT_RANGE
    params: dict[str, Any] = {"source": scenario}
    params["run_seed"] = {
        "type": "SliderInt",
        "value": 0,
        "min": SEED_RANGE[0],
        "max": SEED_RANGE[1],
        "step": 1,
        "label": "seed",
    }
    for name in term_names():
        params[f"w_{name}"] = {
            "type": "SliderFloat",
            "value": scenario_setting(scenario, name, "weight"),
            "min": low,
            "max": high,
            "step": step,
            "label": f"weight: {name.replace('_', ' ')}",
        }
    for name, (low, high, step) in (("rate", RATE_RANGE), ("noise", NOISE_RANGE)):
        params[name] = {
            "type": "SliderFloat",
            "value": scenario_setting(scenario, "adjustment", name),
            "min": low,
            "max": high,
            "step": step,
            "label": f"adjustment {name}",
        }
    return params
