"""A validated scenario turned into arrays, rules and a schedule: what a run needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from alignsim.dynamics.selection import (  # noqa: F401  (positions_rules: re-exported)
    compile_rules,
    permanent_share,
    positions_rules,
)
from alignsim.dynamics.step import Rules, State, at_equilibrium
from alignsim.scenario.calendar import step_dates, step_of
from alignsim.simulation.conditions import parse
from alignsim.simulation.events import Effect, ScheduledEvent, apply_at_start


@dataclass(frozen=True)
class Compiled:
    """Arrays and rules of a scenario, indexed in the scenario's actor and issue order."""

    name: str
    actors: tuple[str, ...]
    actor_names: tuple[str, ...]
    issues: tuple[str, ...]
    scales: np.ndarray  # (k, 2) low, high of each issue's scale
    threats: tuple[str, ...]
    groups: dict[str, tuple[int, ...]]
    initial: State
    rules: Rules
    schedule: dict[int, tuple[ScheduledEvent, ...]]
    dates: tuple[date, ...]
    unit: str
    conditional: tuple[ScheduledEvent, ...] = ()
    #: the starting state before the events dated at the start (``initial`` includes them)
    before_start_events: State | None = None

    @property
    def steps(self) -> int:
        """Number of steps after the start."""
        return len(self.dates) - 1

    def effects_at(self, step: int) -> list[Effect]:
        """Effects of every event scheduled at ``step``, in scenario order."""
        return [e for event in self.schedule.get(step, ()) for e in event.effects]

    def to_scale(self, positions: np.ndarray) -> np.ndarray:
        """Normalised positions ``(..., k)`` back on each issue's own scale."""
        low, high = self.scales[:, 0], self.scales[:, 1]
        return low + (np.asarray(positions) + 1.0) * (high - low) / 2.0


def _normalise(value: float, low: float, high: float) -> float:
    return 2.0 * (value - low) / (high - low) - 1.0


def _effect(
    effect: Any,
    actor: dict[str, int],
    issue: dict[str, int],
    threat: dict[str, int],
    scales: np.ndarray,
    permanent: float = 0.0,
) -> Effect:
    target = effect.target
    value = getattr(effect, target)
    op = "set" if effect.set is not None else "shift"
    amount = effect.set if op == "set" else effect.shift
    if target in ("alignment", "economic_tie"):
        index = (actor[value[0]], actor[value[1]])
    elif target == "capability":
        index = (actor[value],)
    elif target == "exposure":
        index = (actor[value[0]], threat[value[1]])
    else:
        index = (actor[value[0]], issue[value[1]])
    if target == "position":
        low, high = scales[index[1]]
        amount = _normalise(amount, low, high) if op == "set" else 2.0 * amount / (high - low)
    return Effect(target, index, op, float(amount), permanent if target == "alignment" else 0.0)


def compile_scenario(scenario: Any) -> Compiled:
    """Arrays, rules and schedule of a validated scenario."""
    actors = list(scenario.actors)
    actor = {a.id: i for i, a in enumerate(actors)}
    issue = {s.id: k for k, s in enumerate(scenario.issues)}
    threat = {t.id: s for s, t in enumerate(scenario.threats)}
    n, k, m = len(actors), len(issue), len(threat)
    scales = np.array([s.scale for s in scenario.issues], dtype=float).reshape(k, 2)

    positions, salience = np.zeros((n, k)), np.zeros((n, k))
    for i, a in enumerate(actors):
        for issue_id, interest in a.interests.items():
            low, high = scales[issue[issue_id]]
            positions[i, issue[issue_id]] = _normalise(interest.position, low, high)
            salience[i, issue[issue_id]] = interest.salience
    alignment, ties, rivalry = np.zeros((n, n)), np.zeros((n, n)), np.zeros((n, n))
    for relation in scenario.relations:
        i, j = actor[relation.pair[0]], actor[relation.pair[1]]
        alignment[i, j] = alignment[j, i] = relation.alignment
        ties[i, j] = ties[j, i] = relation.economic_tie
        rivalry[i, j] = rivalry[j, i] = float(bool(getattr(relation, "rivalry", False)))
    exposure, blame, blamer = np.zeros((n, m)), np.zeros((n, m)), np.zeros((n, m))
    for s, t in enumerate(scenario.threats):
        for actor_id, level in t.exposure.items():
            exposure[actor[actor_id], s] = level
        blamed = getattr(t, "blamed", None) or []
        blamers = getattr(t, "blamed_by", None)
        for actor_id in blamed:
            blame[actor[actor_id], s] = 1.0
        if blamed:
            if blamers is None:
                blamer[:, s] = 1.0 - blame[:, s]
            for actor_id in blamers or []:
                blamer[actor[actor_id], s] = 1.0
    capability = np.array([a.capability for a in actors], dtype=float)

    time = scenario.time
    schedule: dict[int, list[ScheduledEvent]] = {}
    conditional: list[ScheduledEvent] = []
    for event in scenario.events:
        share = permanent_share(scenario.mechanisms, event)
        effects = tuple(_effect(e, actor, issue, threat, scales, share) for e in event.effects)
        if event.when is not None:
            conditional.append(
                ScheduledEvent(event.id, event.label, None, effects, parse(event.when), event.when)
            )
            continue
        step = event.step if event.step is not None else step_of(event.at, time.start, time.unit)
        schedule.setdefault(step, []).append(
            ScheduledEvent(event.id, event.label, step, effects, date=event.at)
        )
    before = State(
        alignment,
        capability,
        positions,
        salience,
        ties,
        exposure,
        alignment.copy(),
        positions.copy(),
        rivalry,
        np.zeros((n, n)),
    )
    at_start = [e for scheduled in schedule.get(0, ()) for e in scheduled.effects]

    rules = compile_rules(scenario, actors, {"blame": blame, "blamer": blamer})
    return Compiled(
        name=scenario.name,
        actors=tuple(actor),
        actor_names=tuple(a.name for a in actors),
        issues=tuple(issue),
        scales=scales,
        threats=tuple(threat),
        groups={g: tuple(actor[a] for a in members) for g, members in scenario.groups.items()},
        initial=at_equilibrium(apply_at_start(before, at_start), rules),
        rules=rules,
        schedule={s: tuple(v) for s, v in sorted(schedule.items())},
        dates=tuple(step_dates(time.start, time.unit, time.steps)),
        unit=time.unit,
        conditional=tuple(conditional),
        before_start_events=before if at_start else None,
    )
