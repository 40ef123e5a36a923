"""``alignsim init --from-observed YEAR``: a scenario whose starting state is the observed panel.

The work is :func:`alignsim.observed.init.scenario_from_observed`; this command parses the
options, refuses an existing file unless ``--force``, checks the scenario with the loader's
validator and writes the YAML atomically (never half-written).
"""

from __future__ import annotations

from pathlib import Path

import click

from alignsim.cli._common import fail
from alignsim.cli._options import output_file_option

HEADER = (
    "# Drawn from alignsim's observed panel by `alignsim init --from-observed {year}`.\n"
    "# Every value cites its dataset and year; notes beginning 'placeholder' mark values the\n"
    "# data cannot give (saliences, missing ideal points), to be set by the analyst.\n"
)


@click.command()
@click.option(
    "--from-observed",
    "year",
    type=int,
    required=True,
    metavar="YEAR",
    help="Start year: the panel's state of that year becomes the scenario's step 0.",
)
@click.option("--actors", required=True, help="Comma-separated actor ids (USA,RUS,...) or 'all'.")
@output_file_option("Scenario file to write (YAML).")
@click.option("--steps", type=click.IntRange(min=1), default=40, show_default=True)
@click.option(
    "--unit",
    type=click.Choice(["month", "quarter", "year"]),
    default="quarter",
    show_default=True,
)
@click.option("--force", is_flag=True, help="Replace an existing file.")
def init(year: int, actors: str, out: Path | None, steps: int, unit: str, force: bool) -> None:
    """Write a scenario drawn from observed data at YEAR (capabilities, alignments, ties,
    interests), every value citing its source."""
    if out is None:
        fail("alignsim init: -o/--out FILE is required")
    if out.exists() and (not force or not out.is_file()):
        fail(
            f"{out}: exists (use --force to replace it)" if out.is_file() else f"{out}: not a file"
        )
    if not out.parent.is_dir():
        fail(f"{out}: folder {out.parent} does not exist")
    import yaml

    from alignsim.observed.init import scenario_from_observed
    from alignsim.observed.load import ObservedError
    from alignsim.results.storage import write_text
    from alignsim.scenario import ScenarioError
    from alignsim.scenario.loader import validate_tree

    chosen = "all" if actors.strip().lower() == "all" else actors.split(",")
    try:
        scenario = scenario_from_observed(year, chosen, steps=steps, unit=unit)
    except ObservedError as error:
        fail(f"alignsim init: {error}")
    try:
        validate_tree(scenario)
    except ScenarioError as error:  # a bug of ours, not the user's input
        fail([f"alignsim init: the drawn scenario is invalid: {p}" for p in error.problems])
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: 3x faster
    body = yaml.dump(scenario, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    write_text(out, HEADER.format(year=year) + body)
    click.echo(
        f"wrote {out}: {len(scenario['actors'])} actors, {len(scenario['relations'])} relations,"
        f" {len(scenario['issues'])} issues (start {year})"
    )
