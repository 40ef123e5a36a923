"""Helpers shared by the command modules: problem reporting and scenario loading."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import click

#: exit status for bad input (usage errors use the same status, as click does)
BAD_INPUT = 2


def fail(lines: list[str] | str, more: int = 0) -> NoReturn:
    """Print one line per problem on standard error and exit with status 2.

    At most :data:`~alignsim.scenario.limits.MAX_SHOWN` lines are printed; the rest (and
    ``more`` problems found but not kept) are counted on a last line.
    """
    echo_problems([lines] if isinstance(lines, str) else lines, more)
    sys.exit(BAD_INPUT)


def echo_problems(lines: list[str], more: int = 0) -> None:
    """Print problem lines on standard error, the first few and a count of the rest."""
    from alignsim.scenario.limits import MAX_SHOWN

    for line in lines[:MAX_SHOWN]:
        click.echo(line, err=True)
    rest = max(len(lines) - MAX_SHOWN, 0) + more
    if rest:
        click.echo(f"... and {rest:,} more problems", err=True)


def fail_problems(error: Any, lines: list[str] | None = None) -> NoReturn:
    """Exit 2 with the problems of a :class:`~alignsim.scenario.ScenarioError` (and
    ``lines`` of other problems before them)."""
    fail([*(lines or []), *(str(p) for p in error.problems)], error.omitted)


def load_or_fail(path: str, settings: tuple[str, ...] = (), seed: int | None = None) -> Any:
    """Load a scenario, or report its problems and exit with status 2.

    Uncertain inputs (distributions) are drawn from ``seed``; without one each takes its
    central value.
    """
    from alignsim.scenario import ScenarioError, load_scenario

    try:
        return load_scenario(path, settings, rng=seed)
    except ScenarioError as error:
        fail_problems(error)


def free_folder_or_fail(folder: Any, force: bool) -> None:
    """Exit with status 2 if ``folder`` is not empty and ``force`` is not set."""
    from alignsim.results.storage import check_free

    try:
        check_free(folder, force, hint="use --force to replace it")
    except FileExistsError as error:
        fail(str(error))


@contextmanager
def writing_or_fail(folder: Any) -> Iterator[None]:
    """Exit 2 in one line if writing the result folder fails: another command wrote it
    first (or it holds files alignsim did not write), a parent is a file, no permission."""
    try:
        yield
    except FileExistsError as error:
        if error.errno is not None:  # a system error: e.g. a parent of the folder is a file
            fail(f"{folder}: cannot write the results ({error.filename}: {error.strerror})")
        fail(str(error))
    except OSError as error:
        fail(f"{folder}: cannot write the results ({error.filename}: {error.strerror})")


def console() -> Any:
    """A rich console on standard output (120 columns wide when not a terminal, so tables
    written to files or pipes are not cut at rich's default of 80)."""
    import sys

    from rich.console import Console

    width = None if sys.stdout.isatty() else 120
    return Console(highlight=False, width=width)


def wrote_line(folder: Any) -> str:
    """``wrote FOLDER/ (files)``: the files now in the folder the command has just written
    (dot files left out). Another command run with ``--force`` may already have replaced or
    removed it; the line then says so instead of failing after the work is done."""
    try:
        names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    except OSError:
        return f"wrote {folder}/ (since replaced or removed by another command)"
    return f"wrote {folder}/ ({', '.join(names)})"
