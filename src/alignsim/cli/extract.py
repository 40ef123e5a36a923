"""``alignsim extract``: draft a scenario from a plain-text article."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from alignsim.cli._common import fail
from alignsim.report.words import counted

if TYPE_CHECKING:
    from alignsim.extract.pipeline import Extraction

#: inputs above this size get a progress bar while sentences are split
PROGRESS_FROM_BYTES = 200_000
#: modules of the ``extract`` extra (import name -> distribution)
EXTRA_MODULES = {
    "country_converter": "country-converter",
    "pysbd": "pysbd",
    "dateparser": "dateparser",
}
EXTRA_HINT = 'alignsim extract needs the extract extra: pip install "alignsim[extract]"'


def _missing_extra() -> list[str]:
    """Distributions of the ``extract`` extra that cannot be imported."""
    from importlib.util import find_spec

    missing = []
    for module, distribution in EXTRA_MODULES.items():
        try:
            found = find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(distribution)
    return missing


def source_date_problem(value: str) -> str | None:
    """Why ``value`` is not a YYYY, YYYY-MM or YYYY-MM-DD calendar date (None if it is)."""
    import datetime

    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if match is None or (match.group(3) and not match.group(2)):
        return f"--source-date: {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError as error:
        return f"--source-date: {value!r} is not a real date ({error})"
    return None


def _parse_actors(value: str | None) -> list[str] | None:
    if value is None:
        return None
    codes = [c.strip().upper() for c in value.split(",") if c.strip()]
    return list(dict.fromkeys(codes))


@click.command()
@click.argument("text_file", type=click.Path(dir_okay=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="Draft scenario to write; FILE.evidence.json is written next to it.",
)
@click.option("--actors", metavar="ISO3,...", help="Actors to include, e.g. PAK,RUS,CHN.")
@click.option("--source-id", metavar="ID", help="Source id for citations (default: from name).")
@click.option("--source-author", metavar="NAME", help="Author of the source (default: unknown).")
@click.option(
    "--source-date",
    metavar="DATE",
    help="Date of the source, YYYY, YYYY-MM or YYYY-MM-DD (default: read from the text).",
)
@click.option(
    "--min-mentions",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Without --actors: keep actors named this often (or in an event).",
)
@click.option("--force", is_flag=True, help="Overwrite the draft and evidence files.")
def extract(
    text_file: Path,
    output: Path,
    actors: str | None,
    source_id: str | None,
    source_author: str | None,
    source_date: str | None,
    min_mentions: int,
    force: bool,
) -> None:
    """Draft a scenario from TEXT_FILE, a plain-text (UTF-8) article.

    Finds actors, dyadic events (CAMEO root categories with Goldstein weights), dates and
    issues, and writes a scenario that `alignsim validate` accepts, every value cited by
    paragraph, with offsets in the evidence file.
    """
    missing = _missing_extra()
    if missing:
        fail(f"{EXTRA_HINT} (missing: {', '.join(missing)})")
    try:
        _extract(
            text_file, output, actors, source_id, source_author, source_date, min_mentions, force
        )
    except ModuleNotFoundError as error:
        module = (error.name or "").split(".")[0]
        if module not in EXTRA_MODULES:
            raise
        fail(f"{EXTRA_HINT} (missing: {EXTRA_MODULES[module]})")


def _extract(
    text_file: Path,
    output: Path,
    actors: str | None,
    source_id: str | None,
    source_author: str | None,
    source_date: str | None,
    min_mentions: int,
    force: bool,
) -> None:
    from alignsim.extract import ExtractError
    from alignsim.extract.draft import (
        build_draft,
        select_actors,
        slug,
        source_info,
        too_few_actors,
    )
    from alignsim.extract.gazetteer import known_code
    from alignsim.extract.reading import read_text
    from alignsim.extract.writer import check_outputs, write_draft

    requested = _parse_actors(actors)
    problems = []
    for code in requested or []:
        if not known_code(code):
            problems.append(f"--actors: {code!r} is not a known ISO3 country code")
    if requested is not None and len(requested) < 2:
        named = ", ".join(requested) or "none"
        problems.append(
            f"--actors: {named} is {len(requested)} actor; a scenario needs at least two "
            "(e.g. --actors TUR,GRC)"
        )
    if source_id is not None and not re.fullmatch(r"[A-Za-z][A-Za-z0-9_\-]{0,63}", source_id):
        problems.append(f"--source-id: {source_id!r} must be letters, digits, _ and -")
    date_problem = source_date_problem(source_date) if source_date is not None else None
    if date_problem:
        problems.append(date_problem)
    if problems:
        fail(problems)
    try:
        check_outputs(output, force)
        text = read_text(text_file)
    except ExtractError as error:
        message = str(error)
        fail(message if message.startswith(str(output)) else f"{text_file}: {message}")
    try:
        extraction = _run(text)
        chosen = select_actors(extraction, requested, min_mentions)
        if len(chosen) < 2:
            raise ExtractError(too_few_actors(extraction, chosen, min_mentions))
        info = source_info(extraction, text_file.stem, source_id, source_author, source_date)
        scenario, evidence = build_draft(
            extraction, info, chosen, slug(text_file.stem), text_file.name
        )
        side = write_draft(output, scenario, evidence)
    except ExtractError as error:
        fail(f"{text_file}: {error}")
    missing = [a for a in chosen if not evidence["actors"][a]["mentions"]]
    for actor in missing:
        click.echo(f"{text_file}: warning: {actor} is not mentioned in the text", err=True)
    click.echo(
        f"wrote {output} ({counted(len(chosen), 'actor')}, "
        f"{counted(len(scenario['issues']), 'issue')}, "
        f"{counted(len(evidence['events']), 'event')}, {len(scenario['events'])} scheduled) "
        f"and {side}"
    )


def _run(text: str) -> Extraction:
    from alignsim.extract.pipeline import extract as run_pipeline

    if len(text.encode("utf-8")) < PROGRESS_FROM_BYTES:
        return run_pipeline(text)
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("reading the text", total=2 * len(text))
        return run_pipeline(
            text, progress=lambda done, total: progress.update(task, completed=done)
        )
