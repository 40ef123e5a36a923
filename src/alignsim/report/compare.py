"""The report of a comparison of two scenarios (``alignsim compare``), naming A and B."""

from __future__ import annotations

from typing import Any

from alignsim.report.digits import interval_decimals
from alignsim.report.html import document, esc, figure_html, table
from alignsim.report.words import counted

#: rows of the over-time table per series (every k-th step, and the last)
OVER_TIME_ROWS = 12


def _horizon_tables(differences: Any, a: str, b: str, horizon: str) -> list[str]:
    parts = []
    for outcome, heading, fmt in (
        ("cohesion", f"Mean group cohesion at the horizon{horizon}", "{:+.%df}"),
        (
            "bloc",
            f"Probability of each landscape bloc configuration at the horizon{horizon}",
            "{:+.1%}",
        ),
    ):
        rows = differences[differences["outcome"] == outcome]
        if rows.empty:
            continue
        if "%d" in fmt:  # as many decimals as the narrowest interval needs
            fmt = fmt % interval_decimals(zip(rows["low"], rows["high"], strict=True))
        plain = "{:.3f}" if outcome == "cohesion" else "{:.1%}"
        parts.append(f"<h2>{esc(heading)}</h2>")
        parts.append(
            table(
                ["name", a, b, "B - A", "95 % interval", "interval excludes 0"],
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
    return parts


def resampling_text(meta: dict[str, Any]) -> str:
    """How the bootstrap resampled the runs, as recorded in ``summary.json``.

    Folders written before the runs were paired do not record it: their runs were resampled
    independently.
    """
    return meta.get("bootstrap") or "independent: the runs of A and of B were resampled separately"


def _over_time_section(
    over_time: Any, names: tuple[str, str] | None, a: str, b: str, resampling: str
) -> str:
    import alignsim.plot as figures

    groups = over_time[over_time["kind"] == "group"]
    steps = sorted(set(groups["step"]))
    every = max(1, -(-len(steps) // OVER_TIME_ROWS))
    shown = set(steps[::every]) | set(steps[-1:])
    rows = groups[groups["step"].isin(shown)]
    d = interval_decimals(zip(rows["low"], rows["high"], strict=True))
    return "\n".join(
        [
            "<h2>Differences over time</h2>",
            '<p class="meta">The difference of the means over runs at each step, with a 95 % '
            f"percentile bootstrap band ({esc(resampling)}); "
            "compare_over_time.csv holds every step, group and pair.</p>",
            figure_html(
                figures.difference_bands_figure(over_time, names),
                "Differences B - A over time with bands",
                "Each group's cohesion (top) and each pair's alignment (bottom): B - A over "
                "time; where a band leaves the dotted zero line the scenarios clearly differ.",
            ),
            table(
                ["date", "group", a, b, "B - A", "95 % band"],
                [
                    [
                        f"{r.date:%Y-%m-%d}",
                        r.name,
                        f"{r.a:.3f}",
                        f"{r.b:.3f}",
                        f"{r.difference:+.{d}f}",
                        f"{r.low:+.{d}f} to {r.high:+.{d}f}",
                    ]
                    for r in rows.sort_values(["name", "step"]).itertuples(index=False)
                ],
                numeric={2, 3, 4, 5},
            ),
        ]
    )


def build_compare_report(saved: Any) -> str:
    """The HTML text of a comparison report.

    Args:
        saved: :class:`~alignsim.results.comparison.SavedComparison` (``compare.csv``,
            optionally ``compare_over_time.csv`` and ``summary.json``); differences are
            B - A with 95 % percentile bootstrap intervals (Efron & Tibshirani 1993).

    Returns:
        One self-contained HTML document naming A and B in its title, tables and figures.
    """
    import alignsim.plot as figures

    names = saved.names
    a, b = (f"A: {names[0]}", f"B: {names[1]}") if names else ("A", "B")
    title = f"{names[1]} (B) against {names[0]} (A)" if names else "Comparison of two scenarios"
    meta = saved.meta
    body = [f"<h1>{esc(title)}</h1>"]
    intro = (
        f"alignsim comparison report of <code>{esc(saved.folder)}</code>: differences B - A "
        "with 95 % percentile bootstrap intervals (Efron &amp; Tibshirani 1993); "
        f"resampling {esc(resampling_text(meta))}."
    )
    body.append(f'<p class="meta">{intro}</p>')
    if names:
        scenarios = meta.get("scenarios") or {}
        body.append(
            table(
                ["", "scenario", "title", "runs", "seed", "scenario hash (SHA-256)"],
                [
                    [
                        key,
                        name,
                        (scenarios.get(key) or {}).get("title", ""),
                        counted(meta.get("runs", "?"), "run"),
                        meta.get("seed", ""),
                        (scenarios.get(key) or {}).get("scenario_hash", ""),
                    ]
                    for key, name in zip("AB", names, strict=True)
                ],
            )
        )
    else:
        body.append(
            '<p class="note">This folder has no summary.json naming the two scenarios '
            "(written by an older alignsim); A and B are as given to alignsim compare.</p>"
        )
    differences = saved.table
    horizon = (meta.get("horizon") or {}).get("date")
    body += _horizon_tables(differences, a, b, f" ({horizon})" if horizon else "")
    if not differences.empty:
        body.append(
            figure_html(
                figures.differences_figure(differences, names),
                "Differences B - A with intervals",
                "Each outcome's difference B - A (dot) and 95 % bootstrap interval (line); "
                "an interval that crosses 0 shows no clear difference.",
            )
        )
    else:
        body.append('<p class="note">compare.csv has no rows.</p>')
    if saved.over_time is not None and not saved.over_time.empty:
        body.append(_over_time_section(saved.over_time, names, a, b, resampling_text(meta)))
    return document(title, body)
