"""``alignsim extract``: draft a scenario from a plain-text article."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from alignsim.cli._common import fail

if TYPE_CHECKING:
    from alignsim.extract.pipeline import Extraction

#: inputs above this size get a progress bar while sentences are split
PROGRESS_FROM_BYTES = 200_000


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
    "--source-date", metavar="YYYY-MM-DD", help="Date of the source (default: read from text)."
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
    from alignsim.extract import ExtractError
    from alignsim.extract.draft import (
        build_draft,
        require_two,
        select_actors,
        slug,
        source_info,
    )
    from alignsim.extract.gazetteer import known_code
    from alignsim.extract.reading import read_text
    from alignsim.extract.writer import check_outputs, write_draft

    requested = _parse_actors(actors)
    problems = []
    for code in requested or []:
        if not known_code(code):
            problems.append(f"--actors: {code!r} is not a known ISO3 country code")
    if source_id is not None and not re.fullmatch(r"[A-Za-z][A-Za-z0-9_\-]{0,63}", source_id):
        problems.append(f"--source-id: {source_id!r} must be letters, digits, _ and -")
    if source_date is not None and not re.fullmatch(r"\d{4}(-\d{2}){0,2}", source_date):
        problems.append(f"--source-date: {source_date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
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
        require_two(chosen)
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
        f"wrote {output} ({len(chosen)} actors, {len(scenario['issues'])} issues, "
        f"{len(evidence['events'])} events, {len(scenario['events'])} scheduled) and {side}"
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
