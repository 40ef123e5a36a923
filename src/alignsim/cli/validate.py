"""``alignsim validate``: check scenario files and report every problem."""

from __future__ import annotations

import click

from alignsim.cli._common import BAD_INPUT, echo_problems
from alignsim.cli._options import settings_option
from alignsim.report.words import counted


@click.command()
@click.argument("files", nargs=-1, required=True)
@settings_option(help="Override a value before checking (repeatable).")
def validate(files: tuple[str, ...], settings: tuple[str, ...]) -> None:
    """Check FILES; print one line per problem as file:line field: message.

    Exit status 0 when every file is valid, 2 otherwise.
    """
    import sys

    from alignsim.scenario import ScenarioError, load_scenario

    bad = False
    for file in files:
        try:
            scenario = load_scenario(file, settings)
        except ScenarioError as error:
            bad = True
            echo_problems([str(p) for p in error.problems], error.omitted)
            continue
        click.echo(
            f"ok: {file} ({scenario.name}: {counted(len(scenario.actors), 'actor')}, "
            f"{counted(len(scenario.issues), 'issue')}, {counted(len(scenario.events), 'event')}, "
            f"{counted(scenario.time.steps, scenario.time.unit)} "
            f"from {scenario.time.start.isoformat()})"
        )
    if bad:
        sys.exit(BAD_INPUT)
