"""The reports of a sweep (``alignsim sweep``) and of a sensitivity analysis
(``alignsim sensitivity``)."""

from __future__ import annotations

from typing import Any

from alignsim.report.html import document, esc, figure_html, table
from alignsim.report.words import counted


def _provenance(rows: list[list[Any]]) -> str:
    return table(["", ""], [[k, "" if v is None else v] for k, v in rows])


def build_sweep_report(saved: Any) -> str:
    """The HTML text of a sweep report: its grid, a figure per swept setting, cell tables.

    Args:
        saved: :class:`~alignsim.results.studies.SavedSweep`.

    Returns:
        One self-contained HTML document.
    """
    from alignsim.ensemble.sweep import cell_summaries
    from alignsim.plot import sweep_figure

    manifest, results, paths = saved.manifest, saved.results, saved.paths
    name = manifest.get("scenario", "")
    title = f"Sweep of {name}"
    cells = results["cell"].nunique()
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">alignsim sweep report of <code>{esc(saved.folder)}</code>: '
        f"{esc(counted(cells, 'cell'))} x {esc(counted(manifest.get('runs', '?'), 'run'))}; "
        "every outcome is taken at the horizon.</p>",
        _provenance(
            [
                ["scenario", name],
                ["scenario hash (SHA-256)", manifest.get("scenario_hash")],
                ["runs per cell", manifest.get("runs")],
                ["seed", manifest.get("seed")],
                ["steps", manifest.get("steps") or "all"],
                ["fixed settings", ", ".join(manifest.get("settings") or []) or "none"],
                *[[f"swept: {p}", ", ".join(map(str, v))] for p, v in manifest["grid"].items()],
            ]
        ),
        "<h2>Group cohesion against each swept setting</h2>",
    ]
    if (results["kind"] == "group").any():
        for path in paths:
            body.append(
                figure_html(
                    sweep_figure(results, path, f"{name}: cohesion against {path}"),
                    f"Group cohesion against {path}",
                    f"Median cohesion of each group at the horizon for each value of {path} "
                    "(line), with the 50 % and 90 % of runs (bands), pooled over the other "
                    "swept settings.",
                )
            )
    else:
        body.append('<p class="note">The scenario has no groups: no cohesion to show.</p>')
    medians, blocs = cell_summaries(results, paths)
    body.append("<h2>Each cell</h2>")
    if len(medians.columns) > len(paths):
        groups = list(medians.columns[len(paths) :])
        body.append(
            table(
                ["cell", *paths, *[f"median cohesion {g}" for g in groups]],
                [
                    [cell, *row.iloc[: len(paths)], *(f"{v:+.3f}" for v in row.iloc[len(paths) :])]
                    for cell, row in medians.iterrows()
                ],
                numeric=set(range(len(paths) + 1, len(paths) + 1 + len(groups))),
            )
        )
    if len(blocs.columns) > len(paths):
        body.append("<h3>Most likely landscape blocs at the horizon</h3>")
        body.append(
            table(
                ["cell", *paths, "blocs", "share of runs"],
                [
                    [cell, *row.iloc[: len(paths)], row["blocs"], f"{row['share']:.0%}"]
                    for cell, row in blocs.iterrows()
                ],
            )
        )
    return document(title, body)


def build_sensitivity_report(saved: Any) -> str:
    """The HTML text of a sensitivity report: its set-up, the indices and their figure.

    Args:
        saved: :class:`~alignsim.results.studies.SavedSensitivity`.

    Returns:
        One self-contained HTML document.
    """
    from alignsim.ensemble.sensitivity import indices_figure, reading

    meta, indices = saved.meta, saved.indices
    sobol = "S1" in indices.columns
    method = meta.get("method") or ("sobol" if sobol else "morris")
    name, output = meta.get("scenario", ""), meta.get("output", "")
    title = f"Sensitivity of {output} in {name}" if meta else "Sensitivity analysis"
    reference = (
        "Sobol' indices (Saltelli et al. 2010, via SALib). "
        if sobol
        else "Morris elementary effects (Morris 1991; Campolongo et al. 2007, via SALib). "
    ) + reading(indices).rstrip(".")
    body = [f"<h1>{esc(title)}</h1>", f'<p class="meta">{esc(reference)}.</p>']
    if meta:
        body.append(
            _provenance(
                [
                    ["scenario", name],
                    ["outcome (at the horizon)", output],
                    ["method", method],
                    ["samples", meta.get("samples")],
                    ["runs per evaluation", meta.get("runs")],
                    ["seed", meta.get("seed")],
                    ["alignsim version", meta.get("alignsim_version")],
                ]
            )
        )
        body.append(
            table(
                ["parameter", "low", "high", "sampled"],
                [
                    [
                        p["name"],
                        f"{p['low']:g}",
                        f"{p['high']:g}",
                        "its own distribution" if p.get("distribution") else "uniformly",
                    ]
                    for p in meta.get("parameters", [])
                ],
            )
        )
    else:
        body.append(
            '<p class="note">This folder has no sensitivity.json (written by an older '
            "alignsim): the scenario, outcome and ranges are not recorded.</p>"
        )
    columns = list(indices.columns)
    body.append("<h2>Indices</h2>")
    body.append(
        table(
            columns,
            [
                [r[0], *(f"{v:.3f}" if v == v else "-" for v in r[1:])]
                for r in indices.itertuples(index=False)
            ],
            numeric=set(range(1, len(columns))),
        )
    )
    body.append(
        figure_html(
            indices_figure(indices, title),
            "Sensitivity indices",
            "Each parameter's indices with their 95 % confidence intervals.",
        )
    )
    return document(title, body)
