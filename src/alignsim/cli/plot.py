"""``alignsim plot``: draw one figure from a folder written by ``alignsim run``.

A single-run folder can draw every kind; an ensemble folder (``alignsim run --runs N``)
draws ``trajectories`` (quantile bands) and ``blocs`` (bloc configuration probabilities).

Heavy libraries (pandas, matplotlib, networkx) are imported inside the command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from alignsim.cli._common import fail
from alignsim.cli._options import output_file_option, scenario_file_option
from alignsim.report.words import counted

#: figure kind -> (function in alignsim.plot, uses --at, uses capabilities)
KINDS: dict[str, tuple[str, bool, bool]] = {
    "trajectories": ("trajectories_figure", False, False),
    "heatmap": ("heatmap_figure", True, False),
    "network": ("network_figure", True, True),
    "profiles": ("profiles_figure", True, False),
    "positions": ("positions_figure", False, False),
    "blocs": ("blocs_figure", False, True),
    "landscape": ("landscape_figure", True, True),
}
#: kinds an ensemble folder can draw -> what they show
ENSEMBLE_KINDS = {
    "trajectories": "median, 50 % and 90 % bands of every pair and group",
    "blocs": "probability of each landscape bloc configuration at the horizon",
}
FORMATS = (".png", ".svg", ".pdf")


def parse_at(text: str, first: Any, last: Any) -> tuple[Any, str | None]:
    """``start``, ``end`` or a date inside ``first .. last``; or a problem line."""
    import pandas as pd

    from alignsim.scenario.calendar import parse_date

    if text == "start":
        return first, None
    if text == "end":
        return last, None
    try:
        when = parse_date(text)
    except ValueError as error:
        return None, f"--at: {error}"
    if not hasattr(when, "year"):
        return None, f"--at: {text!r} is not start, end or a date"
    when = pd.Timestamp(when)
    if when < first or when > last:
        return None, (
            f"--at: {when:%Y-%m-%d} is outside the run ({first:%Y-%m-%d} to {last:%Y-%m-%d})"
        )
    return when, None


def save_atomically(figure: Any, out: Path, dpi: int) -> None:
    """Write the figure to a temporary file beside ``out``, then rename it."""
    from alignsim.results.storage import staged_file

    with staged_file(out) as temporary:
        figure.savefig(
            temporary, dpi=dpi, metadata={"Software": None} if out.suffix == ".png" else None
        )


@click.command()
@click.argument("results_dir", metavar="RESULTS_DIR", type=click.Path(path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(list(KINDS)),
    default="trajectories",
    show_default=True,
    help="Figure to draw.",
)
@click.option(
    "--at",
    "at",
    default=None,
    help="For heatmap, network, profiles, landscape: start, end (default) or a date "
    "(YYYY, YYYY-MM, YYYY-MM-DD); the last recorded step on or before it is drawn.",
)
@output_file_option(help="Output file, .png, .svg or .pdf (default: RESULTS_DIR/<kind>.png).")
@scenario_file_option(
    help="Scenario of the run, for capabilities and issue scales when the results lack "
    "them (default: scenario.json in RESULTS_DIR, else the bundled scenario of that name)."
)
@click.option(
    "--observed",
    is_flag=True,
    help="With --kind trajectories of a run or ensemble folder: draw the observed alignment "
    "index (yearly points with 90 % intervals, docs/observed.md) of every simulated pair that "
    "has data; actors are matched to the panel by ISO3 id or country name.",
)
@click.option(
    "--dpi",
    type=click.IntRange(min=30, max=600),
    default=120,
    show_default=True,
    help="Resolution of PNG output.",
)
def plot(
    results_dir: Path,
    kind: str,
    at: str | None,
    out: Path | None,
    scenario_file: str | None,
    observed: bool,
    dpi: int,
) -> None:
    """Draw a figure of RESULTS_DIR (a folder written by ``alignsim run``).

    Kinds: trajectories (alignments and group cohesion over time), heatmap (alignment
    matrix at a date), network (signed network at a date, node area by capability),
    profiles (positions and salience per issue at a date), positions (issue positions
    over time), blocs (landscape blocs at every step), landscape (stable coalitions at a
    date).

    For an ensemble folder (``alignsim run --runs N``): trajectories (median, 50 % and
    90 % bands, events marked) and blocs (probability of each bloc configuration at the
    horizon, with 95 % intervals).
    """
    function, uses_at, uses_capability = KINDS[kind]
    problems = []
    if out is not None and out.suffix.lower() not in FORMATS:
        problems.append(
            f"-o: {out}: unknown format {out.suffix or '(none)'!r}; use " + ", ".join(FORMATS)
        )
    if out is not None and not out.parent.is_dir():
        problems.append(f"-o: {out.parent}: folder does not exist")
    out = out or results_dir / f"{kind}.png"
    from alignsim.results import Results
    from alignsim.results.saved import ResultsDirError, folder_kind

    what = folder_kind(results_dir)
    if observed and (kind != "trajectories" or what not in ("run", "ensemble")):
        problems.append("--observed: only with --kind trajectories of a run or ensemble folder")
    if what != "run":
        _plot_saved_summary(results_dir, what, kind, at, out, dpi, problems, observed)
        return
    if at is not None and not uses_at:
        problems.append(f"--at: not used by --kind {kind} (it draws the whole run)")

    try:
        results = Results.from_dir(results_dir)
    except ResultsDirError as error:
        fail(error.problems + problems)
    dates = results.alignment["date"]
    when = None
    if at is not None and uses_at:
        when, problem = parse_at(at, dates.min(), dates.max())
        if problem:
            problems.append(problem)
    scenario, note = None, ""
    needs_scenario = (uses_capability and not _has_capabilities(results)) or kind == "profiles"
    if needs_scenario or scenario_file:
        scenario, note = _scenario(results_dir, results.meta, scenario_file, problems)
    if problems:
        fail(problems)

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import alignsim.plot as figures
    from alignsim.results.saved import capabilities, issue_scales

    options: dict[str, Any] = {}
    if uses_at:
        options["at"] = when
    if uses_capability and scenario is not None and not _has_capabilities(results):
        options["capability"] = capabilities(scenario)
    if kind == "network":
        options["blocs"] = "landscape"
    if kind == "profiles" and scenario is not None:
        options["scales"] = issue_scales(scenario)
    if needs_scenario and note:
        click.echo(note if scenario is not None else f"note: {note}; equal sizes used", err=True)
    if observed:
        from alignsim.observed.overlay import run_points

        options["observed"], matched = run_points(results)
        click.echo(matched, err=True)
    figure = getattr(figures, function)(results, **options)
    try:
        save_atomically(figure, out, dpi)
    finally:
        plt.close(figure)
    click.echo(f"wrote {out}")


def _plot_saved_summary(
    folder: Path,
    what: str,
    kind: str,
    at: str | None,
    out: Path,
    dpi: int,
    problems: list[str],
    observed: bool = False,
) -> None:
    """Draw ``kind`` of an ensemble folder (exit 2 with one line per problem)."""
    studies = {
        "compare": ("comparison", "compare.csv", "differences"),
        "sweep": ("sweep", "sweep.json", "results"),
        "sensitivity": ("sensitivity", "indices.csv", "indices"),
    }
    if what in studies:
        kind_name, marker, shows = studies[what]
        problems.append(
            f"{folder}: a {kind_name} folder ({marker}) has no figure kinds; "
            f"'alignsim report {folder}' shows its {shows}"
        )
        fail(problems)
    if kind not in ENSEMBLE_KINDS:
        problems.append(
            f"--kind {kind}: not available for an ensemble folder "
            f"(kinds: {', '.join(ENSEMBLE_KINDS)})"
        )
    if at is not None:
        problems.append("--at: not used for an ensemble folder (figures span the runs)")
    from alignsim.results.saved import ResultsDirError, load_ensemble_dir

    try:
        saved = load_ensemble_dir(folder)
    except ResultsDirError as error:
        fail(error.problems + problems)
    if kind == "blocs" and saved.blocs is None:
        problems.append(f"{folder / 'blocs.csv'}: not in this ensemble folder (no bloc results)")
    if problems:
        fail(problems)

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import alignsim.plot as figures

    if kind == "trajectories":
        if "events.csv" in saved.missing:
            click.echo(f"note: {folder / 'events.csv'} not found; events are not marked", err=True)
        points = None
        if observed:
            from alignsim.observed.overlay import ensemble_points

            points, matched = ensemble_points(saved)
            click.echo(matched, err=True)
        figure = figures.bands_figure(saved.bands, saved.events, saved.title(), points)
    else:
        figure = figures.bloc_probabilities_figure(
            saved.blocs, blocs_title(saved), runs=saved.meta.get("runs")
        )
    try:
        save_atomically(figure, out, dpi)
    finally:
        plt.close(figure)
    click.echo(f"wrote {out}")


def blocs_title(saved: Any) -> str:
    """Two-line title of the bloc probability figure of a saved ensemble."""
    meta = saved.meta
    name = meta.get("title") or meta.get("scenario") or "ensemble"
    when = meta.get("final_date") or f"step {saved.horizon_step}"
    return (
        f"{name}\nlandscape blocs at the horizon ({when}): share of "
        f"{counted(meta.get('runs', '?'), 'run')}, seed {meta.get('seed', '?')}"
    )


def _has_capabilities(results: Any) -> bool:
    table = getattr(results, "actors", None)
    return table is not None and "capability" in getattr(table, "columns", ())


def _scenario(folder: Path, meta: dict, given: str | None, problems: list[str]) -> tuple[Any, str]:
    from alignsim.results.saved import find_scenario
    from alignsim.scenario import ScenarioError

    try:
        return find_scenario(folder, meta, given)
    except ScenarioError as error:
        problems.extend(str(p) for p in error.problems)
    except (OSError, ValueError) as error:
        problems.append(f"--scenario: {error}")
    return None, ""


if __name__ == "__main__":
    plot(prog_name="alignsim plot")
