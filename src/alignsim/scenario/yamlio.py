"""Safe YAML reading that remembers the file and line of every key and list item.

Every piece of YAML the package reads (scenario files, each file of an ``extends`` chain,
``--set`` values, sweep files) goes through :func:`parse_yaml`, which checks the limits of
:mod:`alignsim.scenario.limits` while it parses (see :mod:`alignsim.scenario.compose`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from alignsim.scenario.compose import FAST, Budget, Builder, ScenarioLoader
from alignsim.scenario.limits import MAX_BYTES, MAX_BYTES_PURE_PYTHON
from alignsim.scenario.located import LocDict, LocList
from alignsim.scenario.problems import Collector, Problem, ScenarioError
from alignsim.scenario.textfile import read_text


def parse_yaml(
    text: str,
    file: str,
    budget: Budget | None = None,
    located: bool = True,
    base: tuple[Any, ...] = (),
) -> Any:
    """Parse YAML text safely into plain data with locations, within the limits.

    Args:
        text: The YAML document.
        file: Name used in problem messages.
        budget: Nodes still allowed (shared along an ``extends`` chain); a fresh
            :class:`~alignsim.scenario.compose.Budget` by default.
        located: Record line numbers (``False`` for command-line values: line 0).
        base: Field path the document sits at (for a ``--set`` value, its path).

    Returns:
        ``LocDict``/``LocList``/scalars; ``None`` for an empty document.

    Raises:
        ScenarioError: On a syntax error, several documents, a limit exceeded (nodes,
            aliases, nesting), an unsupported tag or key, a duplicate key or a value that
            cannot be read.
    """
    data, problems = parse_located(text, file, budget, located, base)
    problems.check()
    return data


def parse_located(
    text: str,
    file: str,
    budget: Budget | None = None,
    located: bool = True,
    base: tuple[Any, ...] = (),
) -> tuple[Any, Collector]:
    """:func:`parse_yaml`, returning the problems that do not stop reading (duplicate keys,
    unsupported tags or keys, unreadable values) beside the data instead of raising them.

    Raises:
        ScenarioError: For what stops reading: a syntax error, several documents, a limit.
    """
    loader = ScenarioLoader(text)
    builder = Builder(loader, file, budget or Budget(), located, base)
    try:
        documents = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    line = event.start_mark.line + 1 if located else 0
                    message = "YAML syntax error: expected one document, found another document"
                    raise ScenarioError([Problem(file, line, "", message)])
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        raise ScenarioError([_syntax_problem(error, text, file, located)]) from None
    except yaml.YAMLError as error:
        raise ScenarioError([Problem(file, 0, "", f"YAML error: {error}")]) from None
    finally:
        loader.dispose()
    return builder.result, builder.problems


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, file: str, located: bool) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 0
    reason = error.problem or error.context or "invalid YAML"
    lines = text.splitlines()
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    if "tab" in reason or "\t" in shown[: len(shown) - len(shown.lstrip())]:
        reason += " ('\\t': indent with spaces, not tabs)"
    opened = error.context_mark
    if error.problem and error.context and opened and opened.line + 1 != line:
        reason += f" ({error.context} that began on line {opened.line + 1})"
    return Problem(file, line if located else 0, "", f"YAML syntax error: {reason}")


def read_yaml(path: Path, shown_as: str | None = None, budget: Budget | None = None) -> Any:
    """Read and parse a YAML file within the limits (see :mod:`alignsim.scenario.limits`).

    Raises:
        ScenarioError: For a missing, special (FIFO, device, folder), too large, non-UTF-8 or
            malformed file, naming the file and line.
    """
    name = shown_as or str(path)
    text = read_text(path, name, MAX_BYTES if FAST else MAX_BYTES_PURE_PYTHON)
    return parse_yaml(text, name, budget)


def locate(tree: Any, parts: tuple[Any, ...]) -> tuple[str, int]:
    """File and line of the deepest node of ``tree`` that exists along ``parts``.

    Parts that are not keys or indices of the tree (such as a missing key) stop the walk,
    so a missing field is reported at the line of the mapping that lacks it.
    """
    file, line = getattr(tree, "file", ""), getattr(tree, "line", 0)
    node = tree
    for part in parts:
        if isinstance(node, LocDict) and part in node:
            file, line = node.key_lines.get(part, (node.file, node.line))
        elif isinstance(node, LocList) and isinstance(part, int) and 0 <= part < len(node):
            file, line = node.item_lines[part]
        else:
            break
        node = node[part]
    return file, line
