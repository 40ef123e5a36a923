"""The report of an ensemble (``alignsim run --runs N``)."""

from __future__ import annotations

from typing import Any

from alignsim.report.html import document, esc, figure_html, scenario_note_html, table
from alignsim.report.observed import OBSERVED_CAPTION, observed_section
from alignsim.report.scenario import scenario_or_note
from alignsim.report.words import counted

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
        f'<p class="meta">Quantiles over {esc(counted(saved.meta.get("runs"), "run"))} '
        "at the last step "
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
        # shares are of all runs, also when an approximate tally itemises only some
        total = int(saved.meta.get("runs") or saved.blocs["runs"].sum())
        interval = wilson_interval(saved.blocs["runs"].to_numpy(), total)
        parts.append("<h3>Landscape blocs (Axelrod &amp; Bennett 1993)</h3>")
        parts.append(
            "<p>Share of runs whose landscape global minimum at the horizon is each "
            "configuration, with its 95 % Wilson (1927) score interval.</p>"
        )
        error = saved.meta.get("bloc_probabilities_error")
        if error:
            from alignsim.ensemble.streaming import tally_note

            parts.append(f'<p class="note">{esc(tally_note(error))}</p>')
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


def _ensemble_figures_section(saved: Any, observed: Any = None) -> str:
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
    if observed is not None and not observed.empty:
        caption += OBSERVED_CAPTION
    parts.append(
        figure_html(
            figures.bands_figure(saved.bands, saved.events, saved.title(), observed),
            "Alignment and cohesion bands over time",
            caption,
        )
    )
    if saved.blocs is not None and not saved.blocs.empty:
        parts.append(
            figure_html(
                figures.bloc_probabilities_figure(
                    saved.blocs, "Landscape blocs at the horizon", runs=saved.meta.get("runs")
                ),
                "Bloc configuration probabilities at the horizon",
                "Share of runs ending in each landscape configuration; whiskers are 95 % "
                "Wilson score intervals.",
            )
        )
    return "\n".join(parts)


def build_ensemble_report(
    saved: Any, scenario: Any = None, scenario_note: str = "", observed: Any = None
) -> str:
    """The HTML text of an ensemble report.

    Args:
        saved: :class:`~alignsim.results.saved.SavedEnsemble` read from an ensemble folder.
        scenario: The validated scenario, for its description, sources and citations.
        scenario_note: Where the scenario came from (shown near the top).
        observed: Optional (points, note) of :func:`alignsim.observed.overlay.ensemble_points`:
            the observed index drawn over the bands, and an observed-data section.

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
        f"</code>, {esc(counted(runs, 'run'))}, seed {esc(meta.get('seed'))}, alignsim "
        f"{esc(meta.get('alignsim_version'))}</p>",
        table(["ensemble", ""], provenance),
        f'<p class="meta">Run r of the ensemble uses the seed SeedSequence({esc(meta.get("seed"))})'
        f".spawn({esc(runs)})[r].</p>",
    ]
    body.append(scenario_note_html(scenario_note))
    body.append(_ensemble_results_section(saved))
    body.append(_ensemble_figures_section(saved, observed[0] if observed else None))
    if observed is not None:
        body.append(observed_section(*observed))
    body.append(scenario_or_note(scenario))
    body.append(
        f'<p class="meta">Reproduce: <code>alignsim run {esc(meta.get("scenario"))} '
        f"--runs {esc(runs)} --seed {esc(meta.get('seed'))} --steps {esc(meta.get('steps'))}"
        f"</code> with alignsim {esc(meta.get('alignsim_version'))}; the scenario hash above "
        "identifies the exact inputs, including any <code>--set</code> overrides.</p>"
    )
    return document(title, body)
