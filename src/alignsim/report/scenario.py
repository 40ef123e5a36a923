"""The scenario part of a report: actors, issues, events, mechanisms, sources, citations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from alignsim.report.html import esc, table
from alignsim.report.words import counted


def citations(scenario: Any) -> Iterator[tuple[str, Any]]:
    """Every citation of a scenario with the place it supports (e.g. ``PAK energy``)."""
    for issue in scenario.issues:
        yield f"issue {issue.id}", issue.citation
    for actor in scenario.actors:
        yield f"{actor.id} capability", actor.capability_citation
        for issue, interest in actor.interests.items():
            yield f"{actor.id} on {issue}", interest.citation
    for relation in scenario.relations:
        yield f"relation {'-'.join(relation.pair)}", relation.citation
    for threat in scenario.threats:
        yield f"threat {threat.id}", threat.citation
    for event in scenario.events:
        yield f"event {event.id}", event.citation


def _url(url: str | None) -> str:
    if url and url.startswith(("https://", "http://")):
        return f'<a href="{esc(url)}">{esc(url)}</a>'
    return esc(url or "")


def scenario_sections(scenario: Any) -> str:
    parts = ["<h2>Scenario</h2>"]
    if scenario.description:
        parts.append(f"<p>{esc(scenario.description)}</p>")
    time = scenario.time
    parts.append(
        f'<p class="meta">from {esc(time.start)}, {esc(counted(time.steps, "step"))} of one '
        f"{esc(time.unit)}; {counted(len(scenario.actors), 'actor')}, "
        f"{counted(len(scenario.issues), 'issue')}, {counted(len(scenario.events), 'event')}</p>"
    )
    parts.append("<h3>Actors</h3>")
    parts.append(
        table(
            ["id", "name", "capability", "issues with interests"],
            [[a.id, a.name, f"{a.capability:.6g}", len(a.interests)] for a in scenario.actors],
            numeric={2, 3},
        )
    )
    if scenario.issues:
        parts.append("<h3>Issues</h3>")
        parts.append(
            table(
                ["id", "label", "scale"],
                [[i.id, i.label, f"{i.scale[0]:g} to {i.scale[1]:g}"] for i in scenario.issues],
            )
        )
    if scenario.events:
        parts.append("<h3>Events</h3>")
        parts.append(
            table(
                ["id", "when", "label", "effects"],
                [
                    [e.id, e.at if e.at is not None else f"step {e.step}", e.label, len(e.effects)]
                    for e in scenario.events
                ],
                numeric={3},
            )
        )
    settings = {
        name: values
        for name, values in scenario.mechanisms.model_dump(exclude_none=True).items()
        if values
    }
    parts.append("<h3>Mechanism settings given in the scenario</h3>")
    if settings:
        parts.append(
            table(
                ["mechanism", "settings"],
                [
                    [name, ", ".join(f"{k}={v}" for k, v in values.items())]
                    for name, values in settings.items()
                ],
            )
        )
    else:
        parts.append(
            "<p>None: every mechanism runs with its registered defaults "
            "(<code>alignsim mechanisms</code> lists them).</p>"
        )
    parts.append("<h2>Sources and citations</h2>")
    parts.append(
        "<table><thead><tr><th>id</th><th>title</th><th>author</th><th>date</th><th>url</th>"
        "</tr></thead><tbody>"
        + "".join(
            f"<tr><td>{esc(s.id)}</td><td>{esc(s.title)}</td><td>{esc(s.author)}</td>"
            f"<td>{esc(s.date)}</td><td>{_url(s.url)}</td></tr>"
            for s in scenario.sources
        )
        + "</tbody></table>"
    )
    cited = [(where, c) for where, c in citations(scenario) if c is not None]
    uncited = sum(1 for _, c in citations(scenario) if c is None)
    parts.append(
        f'<p class="meta">{counted(len(cited), "cited value")}'
        + (f"; {counted(uncited, 'value')} without a citation" if uncited else "")
        + "</p>"
    )
    parts.append(
        table(
            ["value", "source", "para", "note"],
            [[where, c.source, c.para, c.note] for where, c in cited],
            numeric={2},
        )
    )
    return "\n".join(parts)


def scenario_or_note(scenario: Any) -> str:
    if scenario is not None:
        return scenario_sections(scenario)
    return (
        '<p class="note">Scenario not available: its sources and citations are not listed '
        "(give the scenario file).</p>"
    )
