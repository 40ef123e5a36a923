"""``alignsim observed``: the observed panel from the command line.

``alignsim observed --describe`` prints the sources, their coverage, licences and the
citations users owe; ``alignsim observed --actors USA,RUS --years 1991:2019 --out DIR`` writes
the dyad-years of those actors (``observed.csv``) and a figure of their trajectories;
``alignsim observed build`` rebuilds the shipped panel from ``data-raw/``. pandas and
matplotlib are imported only when a command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from alignsim.cli._common import console, fail


def parse_years(text: str) -> tuple[int, int]:
    """``1991:2019`` or ``2014`` as an inclusive (first, last) pair; ValueError otherwise."""
    parts = text.split(":")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        raise ValueError(f"--years: {text!r} is not YEAR or FIRST:LAST") from None
    if len(numbers) == 1:
        return numbers[0], numbers[0]
    if len(numbers) != 2 or numbers[0] > numbers[1]:
        raise ValueError(f"--years: {text!r} is not YEAR or FIRST:LAST with FIRST <= LAST")
    return numbers[0], numbers[1]


def describe() -> None:
    """Print every source: id, title, coverage, licence and citation (plain text to copy)."""
    from alignsim.observed.sources import SOURCES

    click.echo("alignsim observed panel: sources (cite those whose columns you use)\n")
    for record in SOURCES:
        click.echo(f"{record.id}: {record.title}")
        click.echo(f"  coverage: {record.coverage} (the panel starts in 1991)")
        click.echo(f"  columns:  {record.columns}")
        click.echo(f"  licence:  {record.licence}")
        click.echo(f"  cite:     {record.citation}\n")
    click.echo("Origins of the raw files: data-raw/README.md; the same list: DATA-LICENSES.md")


def write_observed(actors: list[str], years: tuple[int, int], out: Path, force: bool) -> Any:
    """Write observed.csv and observed.png for ``actors`` over ``years`` into ``out``."""
    from alignsim.observed.export import observed_table
    from alignsim.observed.figure import trajectories_figure
    from alignsim.results.storage import staged_folder

    table = observed_table(actors, years)
    with staged_folder(out, force) as staging:
        table.to_csv(staging / "observed.csv", index=False, lineterminator="\n")
        figure = trajectories_figure(
            table, "alignment", "low", "high", "observed alignment index (90% interval)"
        )
        figure.savefig(staging / "observed.png", dpi=120)
    return table


@click.group(invoke_without_command=True)
@click.option("--describe", "show", is_flag=True, help="Print sources, coverage and citations.")
@click.option("--actors", help="Comma-separated actor ids (ISO3 style: USA,RUS,CHN,...).")
@click.option("--years", help="YEAR or FIRST:LAST, e.g. 1991:2019.")
@click.option(
    "--out", type=click.Path(path_type=Path), help="Folder for observed.csv and observed.png."
)
@click.option("--force", is_flag=True, help="Replace a non-empty output folder.")
@click.pass_context
def observed(
    ctx: click.Context,
    show: bool,
    actors: str | None,
    years: str | None,
    out: Path | None,
    force: bool,
) -> None:
    """The observed panel: describe its sources, or write a slice of it with a figure.

    \b
    alignsim observed --describe
    alignsim observed --actors USA,RUS,CHN,IND,PAK --years 1991:2019 --out DIR
    alignsim observed build        (rebuild the panel from data-raw/)
    """
    if ctx.invoked_subcommand is not None:
        return
    if show:
        describe()
        return
    if actors is None and years is None and out is None:
        click.echo(ctx.get_help())
        return
    missing = [name for name, value in (("--actors", actors), ("--out", out)) if value is None]
    if missing:
        fail(f"alignsim observed: {' and '.join(missing)} required (or --describe)")
    from alignsim.observed.load import ObservedError, coverage

    first, last = coverage("dyad")
    try:
        span = parse_years(years) if years else (first, last)
    except ValueError as error:
        fail(str(error))
    names = [a.strip() for a in str(actors).split(",") if a.strip()]
    if len(names) < 2:
        fail("--actors: give at least two actor ids, comma-separated")
    from alignsim.cli._common import free_folder_or_fail

    free_folder_or_fail(out, force)
    try:
        table = write_observed(names, span, Path(str(out)), force)
    except ObservedError as error:
        fail(f"alignsim observed: {error}")
    console().print(f"wrote {out}/observed.csv ({len(table)} dyad-years) and observed.png")


@observed.command("build")
@click.option(
    "--raw", type=click.Path(path_type=Path), default=None, help="Folder of the raw files."
)
@click.option(
    "--out", type=click.Path(path_type=Path), default=None, help="Folder to write the panel to."
)
def build(raw: Path | None, out: Path | None) -> None:
    """Rebuild the shipped panel from data-raw/ (needs the observed-build extra)."""
    from importlib.util import find_spec

    missing = [name for name in ("pyreadr", "country_converter") if find_spec(name) is None]
    if missing:
        fail(
            f"alignsim observed build: {', '.join(missing)} not installed"
            " (pip install alignsim[observed-build])"
        )
    from alignsim.observed import build as builder

    raw = raw or builder.RAW_DIR
    if not raw.is_dir():
        fail(f"{raw}: no such folder of raw files (run from a clone, or pass --raw)")
    args = ["--raw", str(raw)] + (["--out", str(out)] if out else [])
    builder.main(args)
