"""``alignsim sweep``: a grid of scenario settings, replicated runs per cell, resumable."""

from __future__ import annotations

from pathlib import Path

import click
from click.core import ParameterSource

from alignsim.cli._common import console, fail, fail_problems
from alignsim.cli._options import (
    executor_option,
    out_option,
    seed_option,
    settings_option,
    steps_option,
    workers_option,
)
from alignsim.report.words import counted

#: replicates per cell when neither --runs nor the sweep file gives them
DEFAULT_RUNS = 20


@click.command()
@click.argument("scenario")
@click.option(
    "--grid",
    "grid_specs",
    multiple=True,
    metavar="PATH=V1,V2,...",
    help="A swept value, e.g. mechanisms.bounded_balance.weight=0,0.4,0.8 (repeatable).",
)
@click.option(
    "--grid-file",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="FILE",
    help="A YAML sweep file: grid: {PATH: [V1, V2, ...]}, optional runs: N and settings: "
    "[PATH=VALUE, ...]. Its axes come before --grid ones; --runs and --set on the command "
    "line win over its runs and settings.",
)
@click.option(
    "--runs",
    type=click.IntRange(min=1),
    default=DEFAULT_RUNS,
    show_default=True,
    help="Replicates per cell (wins over a sweep file's runs).",
)
@seed_option(help="Ensemble seed shared by every cell (common random numbers).")
@steps_option(help="Steps per run (default: all).")
@out_option(help="Sweep folder; rerunning with the same folder resumes the sweep.", required=True)
@settings_option(help="A scenario value applied to every cell (repeatable).")
@click.option("--csv", "csv", is_flag=True, help="Also write results.csv.")
@workers_option(help="Worker processes (one cell per task).")
@executor_option(help="Run the cells on a Dask scheduler.")
@click.option(
    "--no-blocs", is_flag=True, help="Skip each run's landscape configuration (kind bloc)."
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="Compute at most this many new cells, then stop (resume later).",
)
def sweep(
    scenario: str,
    grid_specs: tuple[str, ...],
    grid_file: str | None,
    runs: int,
    seed: int,
    steps: int | None,
    out: str,
    settings: tuple[str, ...],
    csv: bool,
    workers: int,
    executor: str | None,
    no_blocs: bool,
    limit: int | None,
) -> None:
    """Run SCENARIO over a grid of settings, RUNS replicates per cell.

    Each finished cell is stored at once under OUT/cells/; rerunning the same command
    skips the cells already done. When every cell is done, writes OUT/results.parquet
    (cell, one column per swept path, run, kind, name, value: each run's pair alignments
    and group cohesions at the horizon, and unless --no-blocs a row of kind bloc naming its
    landscape configuration), with --csv OUT/results.csv, and one figure per swept setting,
    OUT/sweep_<setting>.png: each group's cohesion at the horizon against the setting's
    value (median, 50 % and 90 % of runs pooled over the other settings). ``alignsim
    report OUT`` writes the sweep's report.
    """
    from alignsim.ensemble.command import check_executor_or_fail
    from alignsim.ensemble.sweep import SweepError, grid_cells, run_sweep
    from alignsim.scenario import ScenarioError

    check_executor_or_fail(executor)
    if not grid_specs and grid_file is None:
        fail("give --grid PATH=V1,V2,... or --grid-file FILE")
    if click.get_current_context().get_parameter_source("runs") is ParameterSource.DEFAULT:
        runs = 0  # the sweep file's, else the default
    grid, settings, runs = _plan(scenario, grid_specs, grid_file, settings, runs, steps)
    total = len(grid_cells(grid))
    from alignsim.ensemble.command import chosen_workers, executor_or_fail, progress_bar
    from alignsim.ensemble.montecarlo import prepare_source

    reference = prepare_source(scenario, settings).reference
    horizon = reference.steps if steps is None else steps
    workers = chosen_workers(workers, total * runs, horizon, len(reference.actors), total)

    try:
        with executor_or_fail(executor) as client, progress_bar(total, "cells") as bar:
            task = bar.add_task("cells", total=total)
            results, progress = run_sweep(
                scenario,
                grid,
                runs,
                out,
                seed=seed,
                steps=steps,
                settings=settings,
                workers=workers,
                executor=client,
                limit=limit,
                blocs=not no_blocs,
                on_cell=lambda done: bar.update(task, completed=done),
                on_damaged=lambda reason: click.echo(
                    f"warning: {reason}; computing it again", err=True
                ),
            )
    except SweepError as error:
        fail(str(error))
    except ScenarioError as error:
        fail_problems(error)
    screen = console()
    screen.print(
        f"{counted(progress.cells, 'cell')}: {progress.found} already done, "
        f"{progress.computed} computed now"
    )
    if results is None:
        left = progress.cells - progress.found - progress.computed
        screen.print(f"{counted(left, 'cell')} left; run the same command again to resume")
        return
    _write_results(results, Path(out), csv)
    when = f"{reference.dates[horizon].isoformat()}, step {horizon}"
    _print_table(results, [a.path for a in grid], when)
    _write_figures(results, Path(out), [a.path for a in grid], scenario)


def _write_figures(results, out: Path, paths: list[str], scenario: str) -> None:
    """One figure per swept setting: group cohesion at the horizon against its value."""
    if not (results["kind"] == "group").any():
        return
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from alignsim.ensemble.sweep import short_labels
    from alignsim.plot import sweep_figure
    from alignsim.results.storage import staged_file

    names = []
    for path, label in zip(paths, short_labels(paths), strict=True):
        name = f"sweep_{label}.png"
        figure = sweep_figure(results, path, f"{Path(scenario).stem}: cohesion against {path}")
        try:
            with staged_file(out / name) as temporary:
                figure.savefig(temporary, dpi=110, metadata={"Software": None})
        finally:
            plt.close(figure)
        names.append(str(out / name))
    console().print(f"wrote {', '.join(names)} (alignsim report {out} for the report)")


def _plan(
    scenario: str,
    grid_specs: tuple[str, ...],
    grid_file: str | None,
    settings: tuple[str, ...],
    runs: int,
    steps: int | None,
) -> tuple[list, tuple[str, ...], int]:
    """The checked grid, settings and runs (0: not given) of a sweep, or exit 2 naming
    every problem after the option or the sweep-file line it comes from."""
    from alignsim.ensemble.checks import scenario_problems, setting_problems
    from alignsim.ensemble.gridfile import GridFile, GridFileError, combine_axes, read_grid_file
    from alignsim.ensemble.montecarlo import prepare_source
    from alignsim.ensemble.sweep import SweepError, cell_settings, grid_cells, parse_grid
    from alignsim.scenario import ScenarioError
    from alignsim.scenario.loader import read_tree

    try:
        from_file = read_grid_file(grid_file) if grid_file is not None else GridFile([])
        grid = combine_axes(from_file.axes, parse_grid(grid_specs), str(grid_file))
        original = read_tree(scenario)
    except GridFileError as error:
        fail(error.problems)
    except SweepError as error:
        fail(str(error))
    except ScenarioError as error:
        fail_problems(error)
    problems = []
    for setting, where in zip(from_file.settings, from_file.setting_lines, strict=True):
        path, _, value = setting.partition("=")
        problems += setting_problems(original, f"{where} settings {path}", path, [value])
    if problems:
        fail(problems)
    settings = (*from_file.settings, *settings)
    try:
        base = read_tree(scenario, settings)
    except ScenarioError as error:
        fail_problems(error)
    problems = [
        line for axis in grid for line in setting_problems(base, axis.where, axis.path, axis.values)
    ]
    if problems:
        fail(problems)
    for cell in grid_cells(grid):
        chosen = cell_settings(grid, cell)
        try:
            reference = prepare_source(scenario, [*settings, *chosen]).reference
        except ScenarioError as error:  # the scenario's own problems, or values wrong together
            before = set(scenario_problems(base))
            fail(
                [
                    str(p) if p in before else f"--grid cell {', '.join(chosen)}: {p}"
                    for p in error.problems
                ]
            )
        if steps is not None and steps > reference.steps:
            fail(f"--steps: {steps} is beyond the scenario's {counted(reference.steps, 'step')}")
    return grid, settings, runs or from_file.runs or DEFAULT_RUNS


def _write_results(results, out: Path, csv: bool) -> None:
    from alignsim.ensemble.sweep import write_atomically
    from alignsim.results.storage import staged_file, write_csv

    write_atomically(results, out / "results.parquet")
    if csv:
        with staged_file(out / "results.csv") as temporary:
            write_csv(results, temporary)
    console().print(f"wrote {out}/results.parquet" + (" and results.csv" if csv else ""))


def _print_table(results, paths: list[str], when: str) -> None:
    """Per cell: median cohesion of each group, then the most likely bloc configuration.

    Two tables, each group on its own row, so that long names need no room side by side;
    axes are named by their shortest distinct endings over two header lines, and a name
    too long for the terminal folds onto a further line instead of being cut.
    """
    from alignsim.ensemble.sweep import cell_summaries, short_labels

    medians, blocs = cell_summaries(results, paths)
    # each axis header on two lines, split before its last part: narrow columns
    labels = ["\n.".join(label.rsplit(".", 1)) for label in short_labels(paths)]
    screen = console()
    if len(medians.columns) > len(paths):
        title = f"median group cohesion at the horizon ({when})"
        table = _table(title, [*labels, "group", "median"])
        for cell, row in medians.iterrows():
            settings = [str(v) for v in row.iloc[: len(paths)]]
            for index, (group, value) in enumerate(row.iloc[len(paths) :].items()):
                shown = [str(cell), *settings] if index == 0 else [""] * (len(paths) + 1)
                table.add_row(*shown, str(group), f"{value:+.3f}")
        screen.print(table)
    if len(blocs.columns) > len(paths):
        title = f"most likely blocs at the horizon ({when}; landscape minimum)"
        table = _table(title, [*labels, "blocs", "share of runs"])
        for cell, row in blocs.iterrows():
            settings = [str(v) for v in row.iloc[: len(paths)]]
            table.add_row(str(cell), *settings, row["blocs"], f"{row['share']:.2f}")
        screen.print(table)


def _table(title: str, headers: list[str]):
    from rich.table import Table

    table = Table(title=title, title_justify="left", box=None, header_style="bold")
    for header in ["cell", *headers]:
        table.add_column(header, overflow="fold")
    return table


if __name__ == "__main__":
    sweep()
