"""Checks across entries: unique ids, known references, values inside scales and time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from alignsim.scenario.calendar import MONTHS_PER_UNIT, add_months, step_of

Path = tuple[str | int, ...]
Finding = tuple[Path, str]


def _duplicates(section: str, entries: list[Any]) -> Iterator[Finding]:
    counts = Counter(e.id for e in entries)
    for i, entry in enumerate(entries):
        if counts[entry.id] > 1:
            yield (section, i, "id"), f"duplicate id {entry.id!r}"


def _unknown(kind: str, name: str, known: dict[str, Any] | set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown {kind} {name!r}{hint}"


def _citations(scenario: Any) -> Iterator[tuple[Path, Any]]:
    for section in ("issues", "threats", "events", "relations"):
        for i, entry in enumerate(getattr(scenario, section)):
            yield (section, i, "citation"), entry.citation
    for i, actor in enumerate(scenario.actors):
        yield ("actors", i, "capability_citation"), actor.capability_citation
        for issue, interest in actor.interests.items():
            yield ("actors", i, "interests", issue, "citation"), interest.citation


def check_scenario(scenario: Any) -> list[Finding]:
    """Every cross-reference problem of a schema-valid scenario, as ``(path, message)``."""
    found: list[Finding] = []
    for section in ("sources", "issues", "actors", "threats", "events"):
        found += _duplicates(section, getattr(scenario, section))
    actors = {a.id for a in scenario.actors}
    issues = {i.id: i for i in scenario.issues}
    threats = {t.id for t in scenario.threats}
    sources = {s.id for s in scenario.sources}

    paragraphs = {s.id: s.paragraphs for s in scenario.sources}
    for path, citation in _citations(scenario):
        if citation is None:
            continue
        if citation.source not in sources:
            found.append(((*path, "source"), _unknown("source", citation.source, sources)))
        elif paragraphs[citation.source] and citation.para > paragraphs[citation.source]:
            found.append(
                (
                    (*path, "para"),
                    f"{citation.para} is beyond the {paragraphs[citation.source]} "
                    f"paragraphs of {citation.source}",
                )
            )

    for i, actor in enumerate(scenario.actors):
        for issue_id, interest in actor.interests.items():
            where: Path = ("actors", i, "interests", issue_id)
            if issue_id not in issues:
                found.append((where, _unknown("issue", issue_id, issues)))
                continue
            low, high = issues[issue_id].scale
            if not low <= interest.position <= high:
                found.append(((*where, "position"), _outside(interest.position, low, high)))

    found += _growth_problems(scenario)
    found += _pair_problems(scenario, actors)
    for i, threat in enumerate(scenario.threats):
        for actor in threat.exposure:
            if actor not in actors:
                found.append((("threats", i, "exposure", actor), _unknown("actor", actor, actors)))
        for key in ("blamed", "blamed_by"):
            for j, actor in enumerate(getattr(threat, key) or []):
                if actor not in actors:
                    found.append((("threats", i, key, j), _unknown("actor", actor, actors)))
    for name, members in scenario.groups.items():
        for j, actor in enumerate(members):
            if actor not in actors:
                found.append((("groups", name, j), _unknown("actor", actor, actors)))
        if len(set(members)) < 2:
            found.append((("groups", name), "a group needs at least two different actors"))
        elif len(set(members)) < len(members):
            found.append((("groups", name), "lists an actor twice"))
    for i, event in enumerate(scenario.events):
        found += _event_problems(scenario, i, event, actors, issues, threats)
    from alignsim.dynamics.selection import positions_rules, unused_settings

    found += unused_settings(scenario)
    chosen = positions_rules(scenario.mechanisms)
    if len(chosen) > 1:
        names = ", ".join(m.name for m in chosen)
        found.append(
            (
                ("mechanisms",),
                f"only one positions rule may be used, got {names} "
                "(set enabled: false on the others)",
            )
        )
    return found


def _growth_problems(scenario: Any) -> Iterator[Finding]:
    """Capabilities that compound past the magnitudes the numerics keep finite."""
    import math

    from alignsim.scenario.limits import MAX_MAGNITUDE, MIN_CAPABILITY

    years = scenario.time.steps * MONTHS_PER_UNIT[scenario.time.unit] / 12.0
    for i, actor in enumerate(scenario.actors):
        rate = getattr(actor, "capability_growth", None)
        if not rate:
            continue
        exponent = math.log10(actor.capability) + years * math.log10(1.0 + rate)
        if not math.log10(MIN_CAPABILITY) <= exponent <= math.log10(MAX_MAGNITUDE):
            yield (
                ("actors", i, "capability_growth"),
                f"{rate:g} a year takes capability {actor.capability:g} to 1e{exponent:+.0f} "
                f"by the end of the run (allowed {MIN_CAPABILITY:g} to {MAX_MAGNITUDE:g})",
            )


def _outside(value: float, low: float, high: float) -> str:
    return f"{value:g} is {'below' if value < low else 'above'} the scale [{low:g}, {high:g}]"


def _pair_problems(scenario: Any, actors: set[str]) -> Iterator[Finding]:
    seen: dict[frozenset[str], int] = {}
    for i, relation in enumerate(scenario.relations):
        yield from _pair_members(("relations", i, "pair"), relation.pair, actors)
        key = frozenset(relation.pair)
        if key in seen:
            yield ("relations", i, "pair"), f"pair {'-'.join(relation.pair)} is listed twice"
        seen[key] = i


def _pair_members(where: Path, pair: list[str], actors: set[str]) -> Iterator[Finding]:
    for j, actor in enumerate(pair):
        if actor not in actors:
            yield (*where, j), _unknown("actor", actor, actors)
    if pair[0] == pair[1]:
        yield where, f"an actor cannot be paired with itself ({pair[0]})"


def _event_problems(
    scenario: Any, i: int, event: Any, actors: set[str], issues: dict[str, Any], threats: set[str]
) -> Iterator[Finding]:
    time = scenario.time
    horizon = add_months(time.start, time.steps * MONTHS_PER_UNIT[time.unit])
    if event.at is not None:
        if event.at < time.start or event.at > horizon:
            yield (
                ("events", i, "at"),
                f"{event.at.isoformat()} is outside the run ({time.start.isoformat()} "
                f"to {horizon.isoformat()})",
            )
        elif step_of(event.at, time.start, time.unit) > time.steps:
            yield ("events", i, "at"), f"{event.at.isoformat()} falls after the last step"
    elif event.step is not None and event.step > time.steps:
        yield ("events", i, "step"), f"step {event.step} is after the last step ({time.steps})"
    if event.when is not None:
        from alignsim.simulation.conditions import parse, references

        known = {"actor": actors, "issue": issues, "threat": threats, "group": set(scenario.groups)}
        for kind, name in references(parse(event.when)):
            if name not in known[kind]:
                yield ("events", i, "when"), _unknown(kind, name, known[kind])
    for j, effect in enumerate(event.effects):
        where: Path = ("events", i, "effects", j)
        yield from _effect_problems(where, effect, actors, issues, threats)


LIMITS = {
    "alignment": (-1.0, 1.0),
    "salience": (0.0, 1.0),
    "exposure": (0.0, 1.0),
    "economic_tie": (0.0, None),
    "capability": (0.0, None),
}


def _effect_problems(
    where: Path, effect: Any, actors: set[str], issues: dict[str, Any], threats: set[str]
) -> Iterator[Finding]:
    target = effect.target
    value = getattr(effect, target)
    if target in ("alignment", "economic_tie"):
        yield from _pair_members((*where, target), value, actors)
    elif target == "capability":
        if value not in actors:
            yield (*where, target), _unknown("actor", value, actors)
    else:
        if value[0] not in actors:
            yield (*where, target, 0), _unknown("actor", value[0], actors)
        kind, known = ("threat", threats) if target == "exposure" else ("issue", issues)
        if value[1] not in known:
            yield (*where, target, 1), _unknown(kind, value[1], known)
    if effect.set is None:
        return
    if target == "position" and value[1] in issues:
        low, high = issues[value[1]].scale
    else:
        low, high = LIMITS.get(target, (None, None))
    if target == "capability" and effect.set <= 0:
        yield (*where, "set"), f"{effect.set:g} must be above 0"
    elif (low is not None and effect.set < low) or (high is not None and effect.set > high):
        yield (*where, "set"), _outside(effect.set, low, high if high is not None else float("inf"))
