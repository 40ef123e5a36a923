"""Self-contained HTML reports of one run, an ensemble or a comparison of two scenarios.

A run or ensemble report holds its provenance, key results, figures, and the scenario
with its sources and citations; a comparison report holds the differences with intervals.

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
    body.append(_scenario_or_note(scenario))
    body.append(
        f'<p class="meta">Reproduce: <code>alignsim run {esc(meta.get("scenario"))} '
        f"--seed {esc(meta.get('seed'))}</code> with alignsim "
        f"{esc(meta.get('alignsim_version'))}; the scenario hash above identifies the exact "
        "inputs, including any <code>--set</code> overrides.</p>"
    )
    return document(title, body)


def document(title: str, body: list[str]) -> str:
    """A complete HTML document with the inline style sheet; ``title`` is escaped here."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} — alignsim report</title>\n<style>{STYLE}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _scenario_or_note(scenario: Any) -> str:
    if scenario is not None:
        return _scenario_sections(scenario)
    return (
        '<p class="note">Scenario not available: its sources and citations are not listed '
        "(give the scenario file).</p>"
    )


QUANTILES = ("q05", "q25", "q50", "q75", "q95")


def _quantile_rows(rows: Any) -> list[list[Any]]:
    return [[row["name"], *(f"{row[q]:+.3f}" for q in QUANTILES)] for _, row in rows.iterrows()]


def _ensemble_results_section(saved: Any) -> str:
    from alignsim.plot import wilson_interval

    when = saved.meta.get("final_date") or f"step {saved.horizon_step}"
    header = ["", "5 %", "25 %", "median", "75 %", "95 %"]
    numeric = {1, 2, 3, 4, 5}
    parts = [
        "<h2>Key results at the horizon</h2>",
        f'<p class="meta">Quantiles over {esc(saved.meta.get("runs"))} runs at the last step '
        f"({esc(when)}).</p>",
    ]
    groups = saved.at_horizon("group")
    if not groups.empty:
        parts.append("<h3>Group cohesion (mean alignment inside the group)</h3>")
        parts.append(table(["group", *header[1:]], _quantile_rows(groups), numeric))
    pairs = saved.at_horizon("pair")
    if not pairs.empty:
        parts.append("<h3>Alignment of every pair</h3>")
        parts.append(table(["pair", *header[1:]], _quantile_rows(pairs), numeric))
    if saved.blocs is not None and not saved.blocs.empty:
        total = int(saved.blocs["runs"].sum())
        interval = wilson_interval(saved.blocs["runs"].to_numpy(), total)
        parts.append("<h3>Landscape blocs (Axelrod &amp; Bennett 1993)</h3>")
        parts.append(
            "<p>Share of runs whose landscape global minimum at the horizon is each "
            "configuration, with its 95 % Wilson (1927) score interval.</p>"
        )
        rows = [
            [c, int(k), f"{p:.1%}", f"{low:.1%} to {high:.1%}"]
            for c, k, p, (low, high) in zip(
                saved.blocs["configuration"],
                saved.blocs["runs"],
                saved.blocs["probability"],
                interval,
                strict=True,
            )
        ]
        parts.append(table(["configuration", "runs", "share", "95 % interval"], rows, {1, 2, 3}))
    else:
        parts.append('<p class="note">The folder has no blocs.csv: no bloc probabilities.</p>')
    return "\n".join(parts)


def _ensemble_figures_section(saved: Any) -> str:
    import alignsim.plot as figures

    parts = ["<h2>Figures</h2>"]
    caption = (
        "Median (line), 50 % (dark band) and 90 % (light band) of every pair's alignment "
        "(top) and each group's cohesion (bottom) over the runs"
    )
    if saved.events.empty:
        caption += "; the folder lists no events, so none are marked."
    else:
        caption += "; dotted lines and numbers mark events, listed under the figure."
    parts.append(
        figure_html(
            figures.bands_figure(saved.bands, saved.events, saved.title()),
            "Alignment and cohesion bands over time",
            caption,
        )
    )
    if saved.blocs is not None and not saved.blocs.empty:
        parts.append(
            figure_html(
                figures.bloc_probabilities_figure(saved.blocs, "Landscape blocs at the horizon"),
                "Bloc configuration probabilities at the horizon",
                "Share of runs ending in each landscape configuration; whiskers are 95 % "
                "Wilson score intervals.",
            )
        )
    return "\n".join(parts)


def build_ensemble_report(saved: Any, scenario: Any = None, scenario_note: str = "") -> str:
    """The HTML text of an ensemble report.

    Args:
        saved: :class:`~alignsim.saved.SavedEnsemble` read from an ensemble folder.
        scenario: The validated scenario, for its description, sources and citations.
        scenario_note: Where the scenario came from (shown near the top).

    Returns:
        One self-contained HTML document.
    """
    meta = saved.meta
    title = meta.get("title") or meta.get("scenario") or "alignsim ensemble"
    runs = meta.get("runs", "")
    provenance = [
        ["scenario", meta.get("scenario", "")],
        ["runs", runs],
        ["ensemble seed", meta.get("seed", "")],
        ["steps", meta.get("steps", "")],
        ["start", meta.get("start_date", "")],
        ["horizon", meta.get("final_date", "")],
        ["uncertain inputs drawn per run", "yes" if meta.get("uncertain_inputs") else "no"],
        ["alignsim version", meta.get("alignsim_version", "")],
        ["scenario hash (SHA-256)", meta.get("scenario_hash", "")],
    ]
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">alignsim ensemble report: scenario <code>{esc(meta.get("scenario"))}'
        f"</code>, {esc(runs)} runs, seed {esc(meta.get('seed'))}, alignsim "
        f"{esc(meta.get('alignsim_version'))}</p>",
        table(["ensemble", ""], provenance),
        f'<p class="meta">Run r of the ensemble uses the seed SeedSequence({esc(meta.get("seed"))})'
        f".spawn({esc(runs)})[r].</p>",
    ]
    if scenario_note:
        body.append(f'<p class="note">{esc(scenario_note)}</p>')
    body.append(_ensemble_results_section(saved))
    body.append(_ensemble_figures_section(saved))
    body.append(_scenario_or_note(scenario))
    body.append(
        f'<p class="meta">Reproduce: <code>alignsim run {esc(meta.get("scenario"))} '
        f"--runs {esc(runs)} --seed {esc(meta.get('seed'))} --steps {esc(meta.get('steps'))}"
        f"</code> with alignsim {esc(meta.get('alignsim_version'))}; the scenario hash above "
        "identifies the exact inputs, including any <code>--set</code> overrides.</p>"
    )
    return document(title, body)


def build_compare_report(differences: Any, folder: Any = "") -> str:
    """The HTML text of a comparison report (``compare.csv`` of ``alignsim compare``).

    Args:
        differences: outcome, name, a, b, difference, low, high (B - A with its 95 %
            percentile bootstrap interval; Efron & Tibshirani 1993).
        folder: Where the table was read from (shown in the report).

    Returns:
        One self-contained HTML document.
    """
    import alignsim.plot as figures

    title = "Comparison of two scenarios (B - A)"
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">alignsim comparison report of <code>{esc(folder)}</code>: '
        "differences at the horizon, B minus A, with 95 % percentile bootstrap intervals "
        "(Efron &amp; Tibshirani 1993).</p>",
    ]
    for outcome, heading, fmt in (
        ("cohesion", "Mean group cohesion", "{:+.3f}"),
        ("bloc", "Probability of each landscape bloc configuration", "{:+.1%}"),
    ):
        rows = differences[differences["outcome"] == outcome]
        if rows.empty:
            continue
        body.append(f"<h2>{esc(heading)}</h2>")
        plain = "{:.3f}" if outcome == "cohesion" else "{:.1%}"
        body.append(
            table(
                ["name", "A", "B", "B - A", "95 % interval", "interval excludes 0"],
                [
                    [
                        r.name,
                        plain.format(r.a),
                        plain.format(r.b),
                        fmt.format(r.difference),
                        f"{fmt.format(r.low)} to {fmt.format(r.high)}",
                        "yes" if r.low > 0 or r.high < 0 else "no",
                    ]
                    for r in rows.itertuples(index=False)
                ],
                numeric={1, 2, 3, 4},
            )
        )
    if not differences.empty:
        body.append(
            figure_html(
                figures.differences_figure(differences),
                "Differences B - A with intervals",
                "Each outcome's difference B - A (dot) and 95 % bootstrap interval (line); "
                "an interval that crosses 0 shows no clear difference.",
            )
        )
    else:
        body.append('<p class="note">compare.csv has no rows.</p>')
    body.append(
        '<p class="meta">compare.csv does not record the two scenarios, runs or seed; '
        "the terminal output of <code>alignsim compare</code> names them.</p>"
    )
    return document(title, body)
