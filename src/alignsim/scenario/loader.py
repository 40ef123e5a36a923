"""Load a scenario file: read, merge ``extends``, apply ``--set``, validate, check references."""

from __future__ import annotations

import hashlib
import json
from os import PathLike
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from alignsim.scenario.checks import check_scenario
from alignsim.scenario.limits import MAX_PROBLEMS
from alignsim.scenario.merge import apply_settings, load_tree
from alignsim.scenario.messages import message_for
from alignsim.scenario.partial import findings_despite_schema_errors
from alignsim.scenario.problems import Collector, Problem, ScenarioError, field_path
from alignsim.scenario.schema import scenario_model
from alignsim.scenario.yamlio import LocDict, locate

BUNDLED = Path(__file__).resolve().parents[1] / "scenarios"


def resolve_path(path: str | PathLike[str]) -> Path:
    """A scenario path as given, or the name of a bundled scenario (``casa_2019``)."""
    given = Path(path)
    if given.exists() or given.suffix:
        return given
    bundled = BUNDLED / f"{given.name}.yaml"
    return bundled if bundled.exists() else given


def bundled_names() -> list[str]:
    """Names of the bundled scenarios (what ``alignsim list`` shows)."""
    return sorted(p.stem for p in BUNDLED.glob("*.yaml"))


def not_found_message(name: str | PathLike[str]) -> str:
    """Where a scenario name was looked for, and the bundled names to choose from."""
    given = Path(name)
    return (
        f"not found: looked for the file {given.resolve()} and a bundled scenario "
        f"{BUNDLED / (given.name + '.yaml')}; bundled scenarios: "
        f"{', '.join(bundled_names())} (alignsim list)"
    )


def validate_tree(tree: LocDict) -> Any:
    """Validate a merged tree; every problem is collected and raised together.

    Raises:
        ScenarioError: With one :class:`Problem` per schema or reference error.
    """
    model = scenario_model()
    problems = Collector()
    try:
        scenario = model.model_validate(tree)
    except ValidationError as error:
        errors = error.errors()
        for item in errors[:MAX_PROBLEMS]:
            loc = tuple(item["loc"])
            file, line = locate(tree, loc)
            problems.add(Problem(file, line, field_path(loc), message_for(item, model)))
        problems.omitted = max(len(errors) - MAX_PROBLEMS, 0)
        if not problems.omitted:  # with this many problems, fixing them comes first
            locs = [tuple(item["loc"]) for item in errors]
            for loc, message in findings_despite_schema_errors(tree, locs):
                file, line = locate(tree, loc)
                problems.add(Problem(file, line, field_path(loc), message))
        problems.check()
    for loc, message in check_scenario(scenario):
        file, line = locate(tree, loc)
        problems.add(Problem(file, line, field_path(loc), message))
    problems.check()
    return scenario


def read_tree(path: str | PathLike[str], settings: list[str] | tuple[str, ...] = ()) -> LocDict:
    """Read a scenario file, merge its ``extends`` chain and apply ``--set`` overrides.

    The tree is not validated and may still hold uncertain values (distributions).

    Raises:
        ScenarioError: For unreadable files, bad ``extends`` or bad settings.
    """
    file = resolve_path(path)
    if not file.exists() and not file.suffix:
        raise ScenarioError([Problem(str(path), 0, "", not_found_message(path))])
    tree = load_tree(file, str(path) if Path(path) == file else str(file))
    if settings:
        tree = apply_settings(tree, list(settings))
    return tree


def load_scenario(
    path: str | PathLike[str],
    settings: list[str] | tuple[str, ...] = (),
    rng: Any = None,
) -> Any:
    """Load, merge and validate a scenario file.

    Args:
        path: A YAML file, or the name of a bundled scenario such as ``"casa_2019"``.
        settings: ``PATH=VALUE`` overrides, as ``alignsim run --set``.
        rng: Seed (integer or ``SeedSequence``) or ``numpy`` Generator that uncertain inputs
            are drawn from (see :mod:`alignsim.scenario.uncertain`); ``None`` uses each
            distribution's mean. Scenarios without distributions ignore it.

    Returns:
        The validated scenario (a frozen pydantic model).

    Raises:
        ScenarioError: Listing every problem as ``file:line field: message``.
    """
    from alignsim.scenario.uncertain import (
        central_values,
        draw_uncertain,
        has_uncertain,
        uncertain_generator,
    )

    tree = read_tree(path, settings)
    if has_uncertain(tree):
        if rng is None:
            tree = central_values(tree)
        else:
            tree = draw_uncertain(tree, uncertain_generator(rng))
    return validate_tree(tree)


def scenario_hash(scenario: Any) -> str:
    """SHA-256 of the validated scenario's canonical JSON (after merging and ``--set``)."""
    text = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
