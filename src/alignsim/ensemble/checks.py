"""Problems of the values a sweep or a sensitivity analysis sets, named after their option.

``--grid`` and ``--param`` values reach the scenario as ``--set`` overrides, so the loader
reports their problems as ``--set PATH: ...``. Each value is tried here on its own, on the
scenario with the user's own settings, and its new problems are named after the option
that gave it (``--grid PATH: ...``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any


def scenario_problems(tree: Any) -> list[Any]:
    """The tree's problems once its uncertain inputs take their central values."""
    from alignsim.scenario import ScenarioError
    from alignsim.scenario.loader import validate_tree
    from alignsim.scenario.uncertain import central_values

    try:
        validate_tree(central_values(tree))
    except ScenarioError as error:
        return list(error.problems)
    return []


def setting_problems(tree: Any, label: str, path: str, values: Iterable[str]) -> list[str]:
    """One line per problem that setting ``path`` to one of ``values`` adds to ``tree``.

    Args:
        tree: The scenario tree with the user's ``--set`` settings applied.
        label: How the lines name the setting, e.g. ``"--grid mechanisms.adjustment.rate"``.
        path: The ``--set`` path.
        values: The values, as typed.

    Returns:
        ``"LABEL: MESSAGE"`` for a problem of the value itself, ``"LABEL=VALUE: PROBLEM"``
        for one it causes elsewhere; problems the tree has without the value are left out.
    """
    from alignsim.scenario import ScenarioError
    from alignsim.scenario.merge import apply_settings

    before = set(scenario_problems(tree))
    lines: list[str] = []
    for value in values:
        try:
            found = scenario_problems(apply_settings(copy.deepcopy(tree), [f"{path}={value}"]))
        except ScenarioError as error:
            found = list(error.problems)
        for problem in found:
            if problem in before:
                continue
            if problem.file == "--set":
                line = f"{label}: {problem.message}"
            else:
                line = f"{label}={value}: {problem}"
            if line not in lines:
                lines.append(line)
    return lines
