"""The report of one run."""

from __future__ import annotations

from typing import Any

from alignsim.report.html import document, esc, figure_html, scenario_note_html, table
from alignsim.report.observed import OBSERVED_CAPTION, observed_section
from alignsim.report.scenario import scenario_or_note


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


def _figures_section(results: Any, scenario: Any, observed: Any = None) -> str:
    import alignsim.plot as figures
    from alignsim.plot import capability_at
    from alignsim.results.saved import capabilities, issue_scales

    last = int(results.alignment["step"].max())
    capability = None
    if capability_at(results, last) is None and scenario is not None:
        capability = capabilities(scenario)
    scales = issue_scales(scenario) if scenario is not None else None
    parts = ["<h2>Figures</h2>"]
    caption = (
        "Alignment of every pair over time (top) and cohesion of each group (bottom); "
        "dotted lines and numbers mark events, listed under the figure."
    )
    if observed is not None and not observed.empty:
        caption += OBSERVED_CAPTION
    drawn = [
        (
            figures.trajectories_figure(results, observed=observed),
            "Alignment trajectories",
            caption,
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


def build_report(
    results: Any, scenario: Any = None, scenario_note: str = "", observed: Any = None
) -> str:
    """The HTML text of the report.

    Args:
        results: :class:`~alignsim.results.Results` of one run (in memory or read back).
        scenario: The validated scenario of the run, for its description, actors, sources
            and citations (without it those sections are replaced by a note).
        scenario_note: Where the scenario came from (shown near the top).
        observed: Optional (points, note) of :func:`alignsim.observed.overlay.run_points`:
            the observed index drawn over the trajectories, and an observed-data section.

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
    body.append(scenario_note_html(scenario_note))
    body.append(_results_section(results))
    points = observed[0] if observed is not None else None
    body.append(_figures_section(results, scenario, points))
    if observed is not None:
        body.append(observed_section(*observed))
    body.append(scenario_or_note(scenario))
    body.append(
        f'<p class="meta">Reproduce: <code>alignsim run {esc(meta.get("scenario"))} '
        f"--seed {esc(meta.get('seed'))}</code> with alignsim "
        f"{esc(meta.get('alignsim_version'))}; the scenario hash above identifies the exact "
        "inputs, including any <code>--set</code> overrides.</p>"
    )
    return document(title, body)
