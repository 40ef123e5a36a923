"""The ensemble branch of ``alignsim run --runs N``: progress bar, outputs, terminal summary."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alignsim.cli._common import console, fail, fail_problems, free_folder_or_fail, writing_or_fail
from alignsim.report.words import counted


def progress_bar(total: int, label: str) -> Any:
    """A rich progress bar on standard error, silent when it is not a terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    err = Console(stderr=True)
    bar = Progress(
        f"[bold]{label}[/bold]",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not err.is_terminal,
        transient=True,
    )
    return bar


def chosen_workers(workers: int, runs: int, steps: int, actors: int, tasks: int) -> int:
    """``--workers``: as given, or for ``auto`` (0) from the size of the job
    (:func:`alignsim.ensemble.executors.auto_workers`)."""
    from alignsim.ensemble.executors import AUTO, auto_workers

    return auto_workers(runs * steps * actors**2, tasks) if workers == AUTO else workers


def check_executor_or_fail(executor: str | None) -> None:
    """Exit 2 in one line if ``--executor`` is given but is not ``dask://HOST:PORT``."""
    from alignsim.ensemble.executors import ExecutorError, check_address

    if executor is not None:
        try:
            check_address(executor)
        except ExecutorError as error:
            fail(str(error))


@contextmanager
def executor_or_fail(executor: str | None) -> Iterator[Any]:
    """The Dask client of ``--executor`` (``None``: local processes), or exit 2 in one line.

    Connecting before any work starts means an unreachable scheduler is reported at once
    (within :func:`alignsim.ensemble.executors.connect_timeout`), naming the address.
    """
    from alignsim.ensemble.executors import ExecutorError, connect

    if executor is None:
        yield None
        return
    try:
        client = connect(executor)
    except ExecutorError as error:
        fail(str(error))
    with client:
        yield client


#: largest number of actors whose bloc tally an ensemble computes unless told (exact landscapes)
ENSEMBLE_BLOC_LIMIT = 24


def run_ensemble_command(
    scenario: str,
    runs: int,
    seed: int,
    steps: int | None,
    out: str | None,
    settings: tuple[str, ...],
    force: bool,
    no_plot: bool,
    workers: int,
    executor: str | None,
    record: str | None = None,
    blocs: bool | None = None,
    dtype: str = "float64",
) -> None:
    """Run an ensemble, write its outputs and print the horizon summary (exit 2 on bad input).

    ``record`` (``--record``) chooses the steps kept per run; when given, they are written
    to ``runs.npz``. ``blocs`` (default: up to :data:`ENSEMBLE_BLOC_LIMIT` actors) solves
    every run's landscape at the horizon; ``dtype`` is ``float64`` or ``float32``.
    """
    from alignsim.ensemble.chunks import RecordError, parse_record, state_bytes
    from alignsim.ensemble.montecarlo import prepare_source, run_ensemble
    from alignsim.ensemble.store import write_ensemble
    from alignsim.scenario import ScenarioError

    try:
        source = prepare_source(scenario, settings)
    except ScenarioError as error:
        fail_problems(error)
    reference = source.reference
    folder = Path(out) if out else Path("results") / f"{reference.name}_ensemble"
    free_folder_or_fail(folder, force)
    if steps is not None and steps > reference.steps:
        fail(f"--steps: {steps} is beyond the scenario's {counted(reference.steps, 'step')}")
    check_executor_or_fail(executor)
    with_blocs = len(reference.actors) <= ENSEMBLE_BLOC_LIMIT if blocs is None else blocs
    horizon = reference.steps if steps is None else steps
    try:
        kept = parse_record(record or "auto", runs, horizon, state_bytes(reference.initial))
    except RecordError as error:
        fail(str(error))
    from alignsim.ensemble.montecarlo import CHUNK_SIZE

    workers = chosen_workers(workers, runs, horizon, len(reference.actors), -(-runs // CHUNK_SIZE))
    with executor_or_fail(executor) as client, progress_bar(runs, "runs") as bar:
        task = bar.add_task("runs", total=runs)
        ensemble = run_ensemble(
            source,
            runs,
            seed=seed,
            steps=steps,
            workers=workers,
            executor=client,
            on_progress=lambda done: bar.update(task, completed=done),
            record=kept,
            blocs=with_blocs,
            dtype=dtype,
            engine="fast" if dtype == "float32" else "reference",
        )
    with writing_or_fail(folder):
        summary = write_ensemble(
            ensemble,
            folder,
            force=force,
            plot=not no_plot,
            runs_file=record is not None,
            blocs=with_blocs,
        )
    print_ensemble_summary(summary, folder)


#: most likely bloc configurations printed one by one; the others share one row
SHOWN_BLOCS = 8


def print_ensemble_summary(summary: dict[str, Any], folder: Path) -> None:
    """Group cohesion bands and the most likely blocs at the horizon."""
    from rich.table import Table

    out = console()
    out.print(
        f"[bold]{summary['title']}[/bold]  ({summary['scenario']}, "
        f"{counted(summary['runs'], 'run')}, "
        f"seed {summary['seed']}, {counted(summary['steps'], 'step')} to {summary['final_date']})"
    )
    columns = ("q05", "q25", "q50", "q75", "q95")
    if summary["group_cohesion_at_horizon"]:
        groups = Table("group cohesion at horizon", *columns, box=None, header_style="bold")
        for name, values in summary["group_cohesion_at_horizon"].items():
            groups.add_row(name, *(f"{values[c]:+.3f}" for c in columns))
        out.print(groups)
    blocs = list((summary.get("bloc_probabilities") or {}).items())
    if blocs:
        # every run is in one row: the shown probabilities add up to 1
        error = summary.get("bloc_probabilities_error")
        table = Table("blocs at horizon (landscape minimum)", "probability", box=None)
        for configuration, probability in blocs[:SHOWN_BLOCS]:
            table.add_row(configuration, f"{probability:.3f}")
        rest = blocs[SHOWN_BLOCS:]
        if rest:
            table.add_row(
                f"{counted(len(rest), 'other configuration')} "
                f"({'the rest of ' if error else 'all in '}blocs.csv)",
                f"{sum(p for _, p in rest):.3f}",
            )
        if error:
            from alignsim.ensemble.streaming import tally_note

            untallied = 1.0 - sum(p for _, p in blocs)
            table.add_row("configurations not itemised", f"{untallied:.3f}")
        out.print(table)
        if error:
            out.print(tally_note(error))
    files = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    out.print(f"wrote {folder}/ ({', '.join(files)})")
