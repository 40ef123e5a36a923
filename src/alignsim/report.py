"""A self-contained HTML report of one run: scenario, sources, key results and figures.

Every figure is embedded as a base64 PNG, the style sheet is inline, and every piece of
text from the scenario or the results passes through :func:`html.escape`, so the file
opens anywhere without network access and no scenario text can inject markup.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterator
from typing import Any

STYLE = """
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 2rem auto;
       max-width: 70rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem;
     border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 0.25rem 0.7rem; text-align: left;
         vertical-align: top; }
th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1.2rem 0; } figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.85rem; color: #444; } .meta { color: #555; font-size: 0.9rem; }
.note { background: #fff8e1; padding: 0.4rem 0.7rem; border-left: 3px solid #E69F00; }
code { font-size: 0.85rem; }
"""


def esc(value: Any) -> str:
    """Text escaped for HTML (quotes included); None becomes an empty string."""
    return "" if value is None else html.escape(str(value), quote=True)


def table(header: list[str], rows: list[list[Any]], numeric: set[int] | None = None) -> str:
    """An HTML table; every cell is escaped, columns in ``numeric`` right-aligned."""
    numeric = numeric or set()
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{esc(c)}</td>' if i in numeric else f"<td>{esc(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def figure_html(figure: Any, alt: str, caption: str, dpi: int = 100) -> str:
    """A figure as an embedded PNG with alternative text and a caption; closes the figure."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    try:
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    finally:
        plt.close(figure)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{esc(alt)}">'
        f"<figcaption>{esc(caption)}</figcaption></figure>"
    )


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


def _scenario_sections(scenario: Any) -> str:
    parts = ["<h2>Scenario</h2>"]
    if scenario.description:
        parts.append(f"<p>{esc(scenario.description)}</p>")
    time = scenario.time
    parts.append(
        f'<p class="meta">from {esc(time.start)}, {esc(time.steps)} steps of one '
        f"{esc(time.unit)}; {len(scenario.actors)} actors, {len(scenario.issues)} issues, "
        f"{len(scenario.events)} events</p>"
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
        f'<p class="meta">{len(cited)} cited values'
        + (f"; {uncited} values without a citation" if uncited else "")
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


def _results_section(results: Any) -> str:
    summary = results.summary()
    parts = ["<h2>Key results</h2>"]
    cohesion = summary.get("group_cohesion") or {}
    if cohesion:
        parts.append("<h3>Group cohesion (mean alignment inside the group)</h3>")
        parts.append(
            table(
                ["group", "start", "end", "change"],
                [
                    [
                        name,
                        f"{v['start']:+.3f}",
                        f"{v['end']:+.3f}",
                        f"{v['end'] - v['start']:+.3f}",
                    ]
                    for name, v in cohesion.items()
                ],
                numeric={1, 2, 3},
            )
        )
    parts.append(f"<h3>Final alignments ({esc(summary.get('final_date'))})</h3>")
    ranked = sorted(summary["final_alignment"].items(), key=lambda kv: -kv[1])
    parts.append(table(["pair", "alignment"], [[p, f"{v:+.3f}"] for p, v in ranked], {1}))
    balance = summary.get("balance_index")
    if balance is not None:
        parts.append(
            f"<p>Structural balance index at the end: {balance:.3f} "
            "(share of weighted triads that are balanced; Cartwright &amp; Harary 1956).</p>"
        )
    blocs = summary.get("final_blocs")
    if blocs:
        parts.append(
            f"<p>Landscape blocs at the end (Axelrod &amp; Bennett 1993): "
            f"<strong>{esc(blocs.get('sides'))}</strong>"
            + ("" if blocs.get("unique", True) else " (not unique: ties exist)")
            + "</p>"
        )
    return "\n".join(parts)


def _figures_section(results: Any, scenario: Any) -> str:
    import alignsim.plot as figures
    from alignsim.plot._common import capability_at
    from alignsim.saved import capabilities, issue_scales

    last = int(results.alignment["step"].max())
    capability = None
    if capability_at(results, last) is None and scenario is not None:
        capability = capabilities(scenario)
    scales = issue_scales(scenario) if scenario is not None else None
    parts = ["<h2>Figures</h2>"]
    drawn = [
        (
            figures.trajectories_figure(results),
            "Alignment trajectories",
            "Alignment of every pair over time (top) and cohesion of each group (bottom); "
            "dotted lines and numbers mark events, listed under the figure.",
        ),
        (
            figures.heatmap_figure(results),
            "Alignment heatmap at the end",
            "Alignment matrix at the last step: blue allied, red adversarial.",
        ),
        (
            figures.network_figure(results, capability=capability, blocs="landscape"),
            "Signed alignment network at the end",
            "Signed network at the last step: node area by capability, colours by landscape "
            "bloc, blue solid ties positive, vermilion dashed ties negative.",
        ),
        (
            figures.blocs_figure(results, capability=capability),
            "Landscape blocs over time",
            "Landscape global minimum (Axelrod & Bennett 1993) at every step.",
        ),
    ]
    if not results.positions.empty:
        drawn += [
            (
                figures.profiles_figure(results, at=0, scales=scales),
                "Interest profiles at the start",
                "Positions (colour) and salience (dot area) of every actor on every issue at the "
                "start: the scenario's sourced inputs.",
            ),
            (
                figures.positions_figure(results),
                "Issue positions over time",
                "Each actor's position on each issue as the run unfolds.",
            ),
        ]
    parts += [figure_html(fig, alt, caption) for fig, alt, caption in drawn]
    return "\n".join(parts)


def build_report(results: Any, scenario: Any = None, scenario_note: str = "") -> str:
    """The HTML text of the report.

    Args:
        results: :class:`~alignsim.results.Results` of one run (in memory or read back).
        scenario: The validated scenario of the run, for its description, actors, sources
            and citations (without it those sections are replaced by a note).
        scenario_note: Where the scenario came from (shown near the top).

    Returns:
        One self-contained HTML document.
    """
    meta = results.meta
    title = meta.get("title") or meta.get("scenario") or "alignsim run"
    run_rows = [
        ["scenario", meta.get("scenario", "")],
        ["seed", meta.get("seed", "")],
        ["steps", meta.get("steps", "")],
        ["start", meta.get("start_date", "")],
        ["end", results.summary().get("final_date", "")],
        ["alignsim version", meta.get("alignsim_version", "")],
        ["scenario hash (SHA-256)", meta.get("scenario_hash", "")],
    ]
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">alignsim run report: scenario <code>{esc(meta.get("scenario"))}'
        f"</code>, seed {esc(meta.get('seed'))}, alignsim {esc(meta.get('alignsim_version'))}"
        "</p>",
        table(["run", ""], run_rows),
    ]
    if scenario_note:
        body.append(f'<p class="note">{esc(scenario_note)}</p>')
    body.append(_results_section(results))
    body.append(_figures_section(results, scenario))
    if scenario is not None:
        body.append(_scenario_sections(scenario))
    else:
        body.append(
            '<p class="note">Scenario not available: its sources and citations are not listed '
            "(give the scenario file).</p>"
        )
    body.append(
        f'<p class="meta">Reproduce: <code>alignsim run {esc(meta.get("scenario"))} '
        f"--seed {esc(meta.get('seed'))}</code> with alignsim "
        f"{esc(meta.get('alignsim_version'))}; the scenario hash above identifies the exact "
        "inputs, including any <code>--set</code> overrides.</p>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} — alignsim report</title>\n<style>{STYLE}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
