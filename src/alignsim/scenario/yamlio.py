"""Safe YAML reading that remembers the file and line of every key and list item."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from alignsim.scenario.problems import Problem, ScenarioError, field_path


class ScenarioLoader(yaml.SafeLoader):
    """The safe loader, also reading ``1e-3`` (an exponent without a dot) as a number.

    YAML 1.1, which PyYAML follows, needs a dot in a float (``1.0e-3``) and reads ``1e-3``
    as text; YAML 1.2 and users expect a number.
    """


ScenarioLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"),
    list("-+0123456789"),
)


class LocDict(dict):
    """A dict that knows where it and each of its keys came from."""

    def __init__(self, *args: Any, file: str = "", line: int = 0, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.file = file
        self.line = line
        self.key_lines: dict[Any, tuple[str, int]] = {}


class LocList(list):
    """A list that knows where it and each of its items came from."""

    def __init__(self, *args: Any, file: str = "", line: int = 0):
        super().__init__(*args)
        self.file = file
        self.line = line
        self.item_lines: list[tuple[str, int]] = []


def _convert(
    node: yaml.Node,
    loader: ScenarioLoader,
    file: str,
    problems: list[Problem],
    path: tuple[str | int, ...] = (),
) -> Any:
    line = node.start_mark.line + 1
    if node.tag not in loader.yaml_constructors:
        # The safe loader has no constructor for e.g. !!python/object; refuse it by name
        # (a tagged mapping or list would otherwise be read as if the tag were absent).
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        problems.append(Problem(file, line, field_path(path), f"unsupported YAML tag {tag!r}"))
        return None
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out = LocDict(file=file, line=line)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str | int | float | bool) or key is None:
                problems.append(
                    Problem(file, key_line, field_path(path), f"unsupported key {key!r}")
                )
                continue
            if key in out:
                problems.append(Problem(file, key_line, field_path((*path, key)), "duplicate key"))
            out[key] = _convert(value_node, loader, file, problems, (*path, key))
            out.key_lines[key] = (file, key_line)
        return out
    if isinstance(node, yaml.SequenceNode):
        out = LocList(file=file, line=line)
        for index, item in enumerate(node.value):
            out.append(_convert(item, loader, file, problems, (*path, index)))
            out.item_lines.append((file, item.start_mark.line + 1))
        return out
    return loader.construct_object(node, deep=True)


def parse_yaml(text: str, file: str) -> Any:
    """Parse YAML text safely into plain data with locations.

    Args:
        text: The YAML document.
        file: Name used in problem messages.

    Returns:
        ``LocDict``/``LocList``/scalars; ``None`` for an empty document.

    Raises:
        ScenarioError: On a syntax error, several documents or a duplicate key.
    """
    loader = ScenarioLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        problems: list[Problem] = []
        data = _convert(node, loader, file, problems)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        reason = error.problem or error.context or "invalid YAML"
        if "'\\t'" in reason:
            reason += " (indent with spaces, not tabs)"
        opened = error.context_mark
        if error.problem and error.context and opened and opened.line + 1 != line:
            reason += f" ({error.context} that began on line {opened.line + 1})"
        raise ScenarioError([Problem(file, line, "", f"YAML syntax error: {reason}")]) from None
    except yaml.YAMLError as error:
        raise ScenarioError([Problem(file, 0, "", f"YAML error: {error}")]) from None
    finally:
        loader.dispose()
    if problems:
        raise ScenarioError(problems)
    return data


def read_yaml(path: Path, shown_as: str | None = None) -> Any:
    """Read and parse a YAML file; a missing or unreadable file is a :class:`ScenarioError`."""
    name = shown_as or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError([Problem(name, 0, "", "file not found")]) from None
    except IsADirectoryError:
        raise ScenarioError([Problem(name, 0, "", "is a folder, not a scenario file")]) from None
    except UnicodeDecodeError as error:
        message = f"not UTF-8 text (byte {error.start})"
        raise ScenarioError([Problem(name, 0, "", message)]) from None
    except OSError as error:
        raise ScenarioError([Problem(name, 0, "", f"cannot read: {error.strerror}")]) from None
    return parse_yaml(text, name)


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
