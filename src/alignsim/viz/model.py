"""A Mesa model whose mechanism weights, adjustment rate, noise and events come from the page.

The dynamics are the same :class:`~alignsim.simulation.model.AlignmentModel`; only the rules and the
events change: a slider sets a term's weight for every actor whose doctrine does not set
its own, and an unticked event box leaves that event out of the run.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from alignsim.dynamics.registry import registry
from alignsim.dynamics.selection import term_mechanisms
from alignsim.dynamics.step import at_equilibrium
from alignsim.simulation.compiled import Compiled, compile_scenario
from alignsim.simulation.events import apply_at_start
from alignsim.simulation.model import AlignmentModel

#: prefix of the model keywords of the term weight sliders
WEIGHT_PREFIX = "w_"
#: prefix of the model keywords of the event check boxes
EVENT_PREFIX = "event_"
#: slider ranges
WEIGHT_RANGE = (0.0, 1.0, 0.05)
RATE_RANGE = (0.0, 1.0, 0.05)
NOISE_RANGE = (0.0, 0.2, 0.005)
SEED_RANGE = (0, 99)


def term_names(scenario: Any = None) -> list[str]:
    """Names of the scenario's term mechanisms (default preset when ``None``), in the order
    of the rules' weight columns."""
    return [m.name for m in term_mechanisms(getattr(scenario, "mechanisms", None))]


def scenario_setting(scenario: Any, mechanism: str, parameter: str) -> float:
    """The scenario's value of a mechanism parameter, else the registered default."""
    given = getattr(getattr(scenario.mechanisms, mechanism, None), parameter, None)
    return float(registry()[mechanism].defaults()[parameter] if given is None else given)


def doctrine_mask(scenario: Any) -> np.ndarray:
    """``(n, t)`` True where an actor's doctrine sets its own weight for a term."""
    names = term_names(scenario)
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
    names = term_names(scenario)
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
    return replace(compiled, rules=rules, initial=at_equilibrium(compiled.initial, rules))


def without_events(compiled: Compiled, left_out: set[str] | frozenset[str]) -> Compiled:
    """The compiled scenario without the scheduled and conditional events named in ``left_out``.

    Raises:
        ValueError: On an id that is not one of the scenario's events.
    """
    known = {e.id for events in compiled.schedule.values() for e in events}
    known |= {e.id for e in compiled.conditional}
    unknown = sorted(set(left_out) - known)
    if unknown:
        raise ValueError(f"unknown event(s): {', '.join(unknown)}")
    kept = {
        step: tuple(e for e in events if e.id not in left_out)
        for step, events in compiled.schedule.items()
    }
    initial = compiled.initial
    if compiled.before_start_events is not None and kept.get(0) != compiled.schedule.get(0):
        effects = [e for event in kept.get(0, ()) for e in event.effects]
        initial = at_equilibrium(
            apply_at_start(compiled.before_start_events, effects), compiled.rules
        )
    return replace(
        compiled,
        initial=initial,
        schedule={step: events for step, events in kept.items() if events},
        conditional=tuple(e for e in compiled.conditional if e.id not in left_out),
    )


def event_when(event: Any) -> str:
    """When an event of the scenario happens, in the scenario's own words."""
    if event.when is not None:
        return f"when {event.when}"
    if event.at is not None:
        return f"{event.at:%Y-%m}" if hasattr(event.at, "strftime") else str(event.at)
    return f"step {event.step}"


def bloc_text(blocs: dict[str, Any]) -> str:
    """One line for :func:`~alignsim.analysis.blocs.blocs_at`'s result.

    ``"CHN+PAK+RUS | IND+USA (unique)"``; a tie with another split says ``(tied)``.
    """
    return f"{blocs['sides']} ({'unique' if blocs['unique'] else 'tied'})"


class InteractiveModel(AlignmentModel):
    """:class:`~alignsim.simulation.model.AlignmentModel` built from slider values.

    SolaraViz re-creates the model with keyword arguments on *Reset*; every control is one
    keyword: ``run_seed``, ``rate``, ``noise``, one ``w_<term>`` per term mechanism and one
    ``event_<id>`` box per event of the scenario (False leaves the event out).

    Args:
        source: The validated scenario (a fixed parameter of the page).
        run_seed: Seed of the run's generator.
        rate: Adjustment rate.
        noise: Noise standard deviation.
        scenario: Mesa's own scenario object, passed by SolaraViz on reset (unused:
            the seed comes from ``run_seed``).
        **controls: ``w_<term>=value`` weights of the term mechanisms and
            ``event_<id>=False`` for events left out.
    """

    def __init__(
        self,
        source: Any = None,
        run_seed: int = 0,
        rate: float | None = None,
        noise: float | None = None,
        scenario: Any = None,
        **controls: float | bool,
    ):
        if source is None:
            raise ValueError("InteractiveModel needs source=<validated scenario>")
        unknown = [k for k in controls if not k.startswith((WEIGHT_PREFIX, EVENT_PREFIX))]
        if unknown:
            raise ValueError(f"unknown parameter(s): {', '.join(unknown)}")
        self.source = source
        weights = {
            key.removeprefix(WEIGHT_PREFIX): float(value)
            for key, value in controls.items()
            if key.startswith(WEIGHT_PREFIX)
        }
        #: ids of the events left out of this run
        self.left_out = frozenset(
            key.removeprefix(EVENT_PREFIX)
            for key, value in controls.items()
            if key.startswith(EVENT_PREFIX) and not value
        )
        compiled = tuned_rules(compile_scenario(source), source, weights, rate, noise)
        compiled = without_events(compiled, self.left_out)
        self.run_seed = int(run_seed)
        super().__init__(compiled, rng=self.run_seed)
        self.running = compiled.steps > 0

    def step(self) -> None:
        """One step; the model stops at the end of the scenario's calendar."""
        super().step()
        self.running = len(self.history) - 1 < self.compiled.steps

    def current_blocs(self) -> dict[str, Any]:
        """Landscape blocs of the current alignment matrix, capabilities as sizes.

        :func:`~alignsim.analysis.blocs.blocs_at` (Axelrod & Bennett 1993) on the last state.
        """
        from alignsim.analysis.blocs import blocs_at

        state = self.history[-1]
        return blocs_at(state.alignment, state.capability, self.compiled.actors)

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
    """SolaraViz ``model_params``: the fixed scenario, one slider per setting, one box per event."""
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
    for name in term_names(scenario):
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
    for event in scenario.events:
        params[f"{EVENT_PREFIX}{event.id}"] = {
            "type": "Checkbox",
            "value": True,
            "label": f"{event_when(event)}: {event.label}",
        }
    return params
