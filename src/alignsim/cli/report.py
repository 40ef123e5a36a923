"""``alignsim report``: one self-contained HTML report of a folder written by alignsim.

A single run, an ensemble (``alignsim run --runs N``) or a comparison (``alignsim
compare``) folder each get their own report.

Heavy libraries (pandas, matplotlib) are imported inside the command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from alignsim.cli._common import fail
from alignsim.cli._options import output_file_option, scenario_file_option

#: folder kinds whose report needs no scenario file -> how the folder is called
SELF_CONTAINED = {"compare": "comparison", "sweep": "sweep", "sensitivity": "sensitivity"}


@click.command()
@click.argument("results_dir", metavar="RESULTS_DIR", type=click.Path(path_type=Path))
@output_file_option(help="Output HTML file (default: RESULTS_DIR/report.html).")
@scenario_file_option(
    help="Scenario of the run, for its sources and citations (default: scenario.json in "
    "RESULTS_DIR, else the bundled scenario named in summary.json)."
)
@click.option(
    "--observed",
    is_flag=True,
    help="For a run or ensemble folder: draw the observed alignment index (yearly points "
    "with 90 % intervals, docs/observed.md) over the trajectories and add an observed-data "
    "section with its sources.",
)
def report(results_dir: Path, out: Path | None, scenario_file: str | None, observed: bool) -> None:
    """Write an HTML report of RESULTS_DIR (a folder written by ``alignsim run``).

    The report holds the run's seed and version, key results (group cohesion, final
    alignments, balance, blocs), figures embedded as PNG, the scenario's actors, issues,
    events, mechanism settings, and its sources and citations table.

    For an ensemble folder (``alignsim run --runs N``): runs, seed, version and hash,
    cohesion and alignment quantiles and bloc probabilities at the horizon, the banded
    figure, and the scenario with its sources. For a comparison folder (``alignsim
    compare``): A and B named, the differences B - A at the horizon and over time. For
    a sweep folder (``alignsim sweep``, once finished): the grid, group cohesion against
    each swept setting and a table per cell. For a sensitivity folder (``alignsim
    sensitivity``): the set-up, the indices and their figure. Other folders are refused.
    """
    problems: list[str] = []
    if out is not None and out.suffix.lower() not in (".html", ".htm"):
        problems.append(f"-o: {out}: the report is HTML; use a .html file name")
    if out is not None and not out.parent.is_dir():
        problems.append(f"-o: {out.parent}: folder does not exist")

    from alignsim.results import Results
    from alignsim.results.comparison import load_compare_dir
    from alignsim.results.saved import (
        ResultsDirError,
        find_scenario,
        folder_kind,
        load_ensemble_dir,
    )
    from alignsim.results.studies import load_sensitivity_dir, load_sweep_dir
    from alignsim.scenario import ScenarioError

    what = folder_kind(results_dir)
    if what == "run" and results_dir.is_dir() and not (results_dir / "summary.json").exists():
        fail(
            [
                f"{results_dir}: not a folder written by alignsim (none of summary.json, "
                "bands.csv, compare.csv, sweep.json, indices.csv)",
                *problems,
            ]
        )
    if observed and what not in ("run", "ensemble"):
        problems.append("--observed: only for a run or ensemble folder")
    if what in SELF_CONTAINED and scenario_file:
        problems.append(f"--scenario: not used for a {SELF_CONTAINED[what]} folder")
    loader = {
        "run": Results.from_dir,
        "ensemble": load_ensemble_dir,
        "compare": load_compare_dir,
        "sweep": load_sweep_dir,
        "sensitivity": load_sensitivity_dir,
    }
    try:
        results = loader[what](results_dir)
    except ResultsDirError as error:
        fail(error.problems + problems)
    if what in SELF_CONTAINED:
        if problems:
            fail(problems)
        _write(results_dir, out, what, results, None, "")
        return
    scenario, note = None, ""
    try:
        scenario, note = find_scenario(results_dir, results.meta, scenario_file)
    except ScenarioError as error:
        problems.extend(str(p) for p in error.problems)
    except (OSError, ValueError) as error:
        problems.append(f"--scenario: {error}")
    if problems:
        fail(problems)
    if scenario is None or note.startswith("warning"):
        click.echo(note if note.startswith("warning") else f"note: {note}", err=True)

    points = None
    if observed:
        from alignsim.observed.overlay import ensemble_points, run_points

        points = (run_points if what == "run" else ensemble_points)(results)
        click.echo(points[1], err=True)
    _write(results_dir, out, what, results, scenario, note, points)


def _write(
    folder: Path,
    out: Path | None,
    what: str,
    results: Any,
    scenario: Any,
    note: str,
    observed: Any = None,
) -> None:
    """Build the report of ``what`` (run, ensemble, compare) and write it atomically."""
    import matplotlib

    matplotlib.use("Agg")
    from alignsim import report as reports
    from alignsim.results.storage import write_text

    if what in SELF_CONTAINED:
        text = getattr(reports, f"build_{what}_report")(results)
    elif what == "ensemble":
        text = reports.build_ensemble_report(results, scenario, note, observed)
    else:
        text = reports.build_report(results, scenario, note, observed)
    out = out or folder / "report.html"
    write_text(out, text)
    click.echo(f"wrote {out}")


if __name__ == "__main__":
    report(prog_name="alignsim report")
