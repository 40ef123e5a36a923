"""Helpers shared by the command modules: problem reporting and scenario loading."""

from __future__ import annotations

import sys
from typing import Any, NoReturn

import click

#: exit status for bad input (usage errors use the same status, as click does)
BAD_INPUT = 2


def fail(lines: list[str] | str) -> NoReturn:
    """Print one line per problem on standard error and exit with status 2."""
    for line in [lines] if isinstance(lines, str) else lines:
        click.echo(line, err=True)
    sys.exit(BAD_INPUT)


def load_or_fail(path: str, settings: tuple[str, ...] = (), seed: int | None = None) -> Any:
    """Load a scenario, or report its problems and exit with status 2.

    Uncertain inputs (distributions) are drawn from ``seed``; without one each takes its
    central value.
    """
    from alignsim.scenario import ScenarioError, load_scenario

    try:
        return load_scenario(path, settings, rng=seed)
    except ScenarioError as error:
        fail([str(p) for p in error.problems])


def free_folder_or_fail(folder: Any, force: bool) -> None:
    """Exit with status 2 if ``folder`` is not empty and ``force`` is not set."""
    from alignsim.results.storage import check_free

    try:
        check_free(folder, force, hint="use --force to replace it")
    except FileExistsError as error:
        fail(str(error))


def console() -> Any:
    """A rich console on standard output (120 columns wide when not a terminal, so tables
    written to files or pipes are not cut at rich's default of 80)."""
    import sys

    from rich.console import Console

    width = None if sys.stdout.isatty() else 120
    return Console(highlight=False, width=width)
