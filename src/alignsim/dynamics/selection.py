"""Which mechanisms a scenario uses, with what weights and parameters: its compiled rules.

The scenario's preset (:mod:`alignsim.dynamics.presets`) names the terms, the consent rule,
the baseline rule and the default positions rule. Settings given for another term select
it too, ``enabled: false`` drops one, and settings for a mechanism that the run would not
use are reported (:func:`unused_settings`) rather than silently ignored.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from alignsim.dynamics.presets import preset_of
from alignsim.dynamics.registry import Mechanism, of_kind, registry
from alignsim.dynamics.step import Rules
from alignsim.scenario.calendar import MONTHS_PER_UNIT


def _entry(settings: Any, name: str) -> tuple[Any, bool | None]:
    entry = getattr(settings, name, None)
    return entry, getattr(entry, "enabled", None)


def term_mechanisms(settings: Any) -> list[Mechanism]:
    """The term mechanisms in use: the preset's, then any other with settings or enabled."""
    preset = preset_of(settings)
    chosen = []
    for name in preset.terms:
        if _entry(settings, name)[1] is not False:
            chosen.append(registry()[name])
    for mechanism in of_kind("term"):
        entry, enabled = _entry(settings, mechanism.name)
        if mechanism.name not in preset.terms and (
            enabled or (entry is not None and enabled is None)
        ):
            chosen.append(mechanism)
    return chosen


def positions_rules(settings: Any) -> list[Mechanism]:
    """The positions mechanisms a scenario's ``mechanisms`` section selects.

    A positions mechanism is selected when its entry says ``enabled: true``, or when the
    scenario gives settings for it without ``enabled: false`` and it is not the preset's
    default rule; when none is selected the default (``issue_influence`` under ``v1``,
    ``anchored_influence`` under ``v2``) applies unless it says ``enabled: false``. Settings
    given for the default while another rule is selected count as selecting it too, so they
    are never dropped silently. More than one selected is an error (see the scenario checks).
    """
    default_name = preset_of(settings).positions
    chosen, tuned_default = [], False
    for mechanism in of_kind("positions"):
        entry, enabled = _entry(settings, mechanism.name)
        implied = entry is not None and enabled is None
        if mechanism.name == default_name:
            tuned_default = implied and any(
                value is not None for name, value in entry if name != "enabled"
            )
        if enabled or (implied and mechanism.name != default_name):
            chosen.append(mechanism)
    default = registry()[default_name]
    if chosen:
        if tuned_default and default not in chosen:
            chosen.insert(0, default)  # its settings would be silently dropped: a conflict
        return chosen
    return [] if _entry(settings, default_name)[1] is False else [default]


def used_mechanisms(settings: Any) -> list[Mechanism]:
    """Every mechanism a run of these settings uses."""
    preset = preset_of(settings)
    used = [*term_mechanisms(settings), registry()[preset.consent], registry()["adjustment"]]
    used += positions_rules(settings)
    if preset.baseline:
        used.append(registry()[preset.baseline])
    used += [m for m in of_kind("regime") if _entry(settings, m.name)[1]]
    return used


def unused_settings(scenario: Any) -> list[tuple[tuple[Any, ...], str]]:
    """Settings and doctrine values the run would not use, as ``(path, message)``."""
    settings = scenario.mechanisms
    preset = preset_of(settings)
    used = {m.name for m in used_mechanisms(settings)}
    found = []
    for name, mechanism in registry().items():
        entry, enabled = _entry(settings, name)
        if entry is None or name in used or enabled is False:
            continue
        if mechanism.kind == "regime":
            hint = "add enabled: true to use it"
        else:
            hint = f"preset {preset.name} does not use it"
        found.append((("mechanisms", name), f"{name} is not in use ({hint})"))
    per_actor = {p.name for n in used for p in registry()[n].parameters if p.per_actor}
    for i, actor in enumerate(scenario.actors):
        for name, value in actor.doctrine or ():
            if value is not None and name not in used and name not in per_actor:
                found.append(
                    (
                        ("actors", i, "doctrine", name),
                        f"{name} is not in use under preset {preset.name} "
                        f"(give mechanisms.{name} settings to add it)",
                    )
                )
    return found


def _value(settings: Any, name: str, param: str) -> Any:
    given = getattr(getattr(settings, name, None), param, None)
    return registry()[name].defaults()[param] if given is None else given


def _params(settings: Any, mechanism: Mechanism, actors: list[Any]) -> dict[str, Any]:
    """A mechanism's parameters; per-actor ones as ``(n,)`` arrays with doctrine values."""
    params: dict[str, Any] = {}
    for p in mechanism.parameters:
        if p.name in ("weight", "enabled"):
            continue
        common = _value(settings, mechanism.name, p.name)
        if not p.per_actor:
            params[p.name] = common
            continue
        own = [getattr(a.doctrine, p.name, None) if a.doctrine else None for a in actors]
        params[p.name] = np.array([common if v is None else v for v in own], dtype=float)
    return params


def capability_growth(scenario: Any) -> np.ndarray | None:
    """Per-step capability factors from the actors' annual ``capability_growth``, or ``None``."""
    rates = [getattr(a, "capability_growth", None) or 0.0 for a in scenario.actors]
    if not any(rates):
        return None
    years_per_step = MONTHS_PER_UNIT[scenario.time.unit] / 12.0
    return (1.0 + np.array(rates, dtype=float)) ** years_per_step


def compile_rules(scenario: Any, actors: list[Any], data: dict | None = None) -> Rules:
    """Mechanism weights (per actor, with doctrines) and parameters from the scenario.

    Args:
        scenario: The validated scenario.
        actors: Its actors, in the order of the arrays.
        data: Fixed arrays mechanisms may read (e.g. ``blame``, ``blamer``).
    """
    settings = scenario.mechanisms
    preset = preset_of(settings)
    terms = tuple(term_mechanisms(settings))
    weights = np.array(
        [[_value(settings, m.name, "weight") for m in terms] for _ in actors], dtype=float
    ).reshape(len(actors), len(terms))
    for i, actor in enumerate(actors):
        for t, m in enumerate(terms):
            own = getattr(actor.doctrine, m.name, None) if actor.doctrine else None
            if own is not None:
                weights[i, t] = own
    chosen = positions_rules(settings)
    mover = chosen[0] if chosen else None
    baseline = registry()[preset.baseline] if preset.baseline else None
    regime = next((m for m in of_kind("regime") if _entry(settings, m.name)[1]), None)
    return Rules(
        terms=terms,
        weights=weights,
        consent=registry()[preset.consent],
        rate=float(_value(settings, "adjustment", "rate")),
        noise=float(_value(settings, "adjustment", "noise")),
        positions=mover,
        term_params=tuple(_params(settings, m, actors) for m in terms),
        positions_params=_params(settings, mover, actors) if mover else {},
        baseline=baseline,
        baseline_params=_params(settings, baseline, actors) if baseline else {},
        regime=regime,
        regime_params=_params(settings, regime, actors) if regime else {},
        data=data or {},
        growth=capability_growth(scenario),
        preset=preset.name,
    )


def permanent_share(settings: Any, event: Any) -> float:
    """Share of an event's alignment changes that moves the baseline (0 without one)."""
    preset = preset_of(settings)
    if not preset.permanent_shocks:
        return 0.0
    own = getattr(event, "permanent", None)
    return float(_value(settings, preset.baseline, "permanent") if own is None else own)
