"""Counterfactuals as a few lines: ``extends`` a parent file, merge, ``remove`` and ``--set``.

Mappings merge key by key; lists of entries with an ``id`` merge by id (a new id is
appended, a known id is merged field by field); ``relations`` merge by their unordered
pair; any other list is replaced. Locations of every value are kept, so problems in a
merged scenario still point at the file and line the value came from.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path
from typing import Any

from alignsim.scenario.compose import Budget
from alignsim.scenario.limits import MAX_DEPTH, MAX_EXTENDS
from alignsim.scenario.problems import Problem, ScenarioError
from alignsim.scenario.textfile import FORBIDDEN
from alignsim.scenario.yamlio import LocDict, LocList, parse_yaml, read_yaml

ID_LISTS = ("sources", "issues", "actors", "threats", "events")
REMOVABLE = (*ID_LISTS, "groups", "relations")


def entry_key(section: str, entry: Any) -> Any:
    """The key an entry of a list section merges on, or ``None`` if it has none."""
    if not isinstance(entry, dict):
        return None
    if section == "relations":
        pair = entry.get("pair")
        if isinstance(pair, list) and all(isinstance(p, str) for p in pair):
            return frozenset(pair)
        return None
    value = entry.get("id")
    return value if isinstance(value, str) else None


def merge(base: Any, override: Any, section: str = "") -> Any:
    """Deep-merge ``override`` onto ``base`` (neither is modified)."""
    if isinstance(base, dict) and isinstance(override, dict):
        out = LocDict(base, file=getattr(base, "file", ""), line=getattr(base, "line", 0))
        out.key_lines = dict(getattr(base, "key_lines", {}))
        for key, value in override.items():
            out[key] = merge(base[key], value, section or key) if key in base else value
            if hasattr(override, "key_lines") and key in override.key_lines:
                out.key_lines[key] = override.key_lines[key]
        return out
    if (
        isinstance(base, list)
        and isinstance(override, list)
        and section in (*ID_LISTS, "relations")
    ):
        out = LocList(base, file=getattr(base, "file", ""), line=getattr(base, "line", 0))
        out.item_lines = list(getattr(base, "item_lines", [("", 0)] * len(base)))
        index = {entry_key(section, e): i for i, e in enumerate(out) if entry_key(section, e)}
        override_lines = getattr(override, "item_lines", [("", 0)] * len(override))
        seen: set[Any] = set()
        for position, (entry, where) in enumerate(zip(override, override_lines, strict=True)):
            key = entry_key(section, entry)
            if key is not None and key in seen:
                name = "-".join(sorted(key)) if isinstance(key, frozenset) else key
                raise ScenarioError(
                    [Problem(*where, f"{section}[{position}]", f"{name!r} is given twice")]
                )
            seen.add(key)
            if key is not None and key in index:
                out[index[key]] = merge(out[index[key]], entry, "entry")
                out.item_lines[index[key]] = where  # the entry as a whole is the child's now
            else:
                out.append(entry)
                out.item_lines.append(where)
        return out
    return override


def remove_entries(tree: LocDict, removals: Any, file: str, line: int) -> list[Problem]:
    """Drop inherited entries named under ``remove``; return problems for unknown names."""
    problems: list[Problem] = []
    if not isinstance(removals, dict):
        return [Problem(file, line, "remove", "expected a mapping of section: [ids]")]
    for section, names in removals.items():
        where = getattr(removals, "key_lines", {}).get(section, (file, line))
        if section not in REMOVABLE:
            hint = _did_you_mean(str(section), REMOVABLE)
            problems.append(Problem(*where, f"remove.{section}", f"cannot remove from here{hint}"))
            continue
        if not isinstance(names, list):
            problems.append(Problem(*where, f"remove.{section}", "expected a list"))
            continue
        current = tree.get(section)
        for i, name in enumerate(names):
            item_where = names.item_lines[i] if isinstance(names, LocList) else where
            key = frozenset(name) if section == "relations" and isinstance(name, list) else name
            if section in tree.key_lines or section in tree:
                tree.key_lines[section] = where  # what is left of the section is this file's doing
            if section == "groups" and isinstance(current, dict) and key in current:
                del current[key]
                continue
            if isinstance(current, list):
                keys = [entry_key(section, e) for e in current]
                if key in keys:
                    at = keys.index(key)
                    del current[at]
                    if isinstance(current, LocList):
                        del current.item_lines[at]
                    continue
            known = (
                [str(k) for k in (current or [])]
                if section == "groups"
                else [str(k) for k in (entry_key(section, e) for e in (current or [])) if k]
            )
            hint = _did_you_mean(str(name), known)
            problems.append(
                Problem(*item_where, f"remove.{section}[{i}]", f"no inherited entry {name!r}{hint}")
            )
    return problems


def _did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, [str(c) for c in choices], n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def load_tree(
    path: Path,
    shown_as: str | None = None,
    chain: tuple[Path, ...] = (),
    budget: Budget | None = None,
) -> LocDict:
    """Read a scenario file and everything it extends into one merged tree.

    Every file of the chain is read within the limits, and the chain shares one node
    budget, so a long chain of large files is refused as one large file would be.

    Raises:
        ScenarioError: For unreadable files, syntax errors, a missing parent, a cycle or a
            chain longer than :data:`~alignsim.scenario.limits.MAX_EXTENDS` files.
    """
    name = shown_as or str(path)
    resolved = Path(os.path.realpath(path))  # never raises, even on a symlink loop
    budget = budget or Budget()
    tree = read_yaml(path, name, budget)
    if tree is None:
        raise ScenarioError([Problem(name, 0, "", "the file is empty")])
    if not isinstance(tree, LocDict):
        line = getattr(tree, "line", 1)
        raise ScenarioError([Problem(name, line, "", "a scenario must be a mapping of keys")])
    parent = tree.pop("extends", None)
    removals = tree.pop("remove", None)
    if parent is None:
        if removals is not None:
            where = tree.key_lines.get("name", (name, 1))
            raise ScenarioError([Problem(where[0], where[1], "remove", "needs 'extends'")])
        return tree
    where = tree.key_lines.get("extends", (name, 1))
    if not isinstance(parent, str):
        raise ScenarioError([Problem(*where, "extends", "expected a file path")])
    parent_path = path.parent / parent
    if not parent_path.exists():
        raise ScenarioError([Problem(*where, "extends", f"file not found: {parent_path}")])
    if Path(os.path.realpath(parent_path)) in (*chain, resolved):
        cycle = " -> ".join(p.name for p in (*chain, resolved, Path(os.path.realpath(parent_path))))
        raise ScenarioError([Problem(*where, "extends", f"circular extends: {cycle}")])
    if len(chain) + 2 > MAX_EXTENDS:
        message = f"an extends chain may have at most {MAX_EXTENDS} files"
        raise ScenarioError([Problem(*where, "extends", message)])
    base = load_tree(parent_path, str(parent_path), (*chain, resolved), budget)
    problems = []
    if removals is not None:
        problems = remove_entries(base, removals, *tree.key_lines.get("remove", where))
    if problems:
        raise ScenarioError(problems)
    merged = merge(base, tree)
    merged.file, merged.line = name, 1
    return merged


def parse_value(raw: str, path: str) -> Any:
    """A ``--set`` value read as YAML, within the same limits as a scenario file.

    Raises:
        ScenarioError: Naming ``--set`` and the path, if the value cannot be read.
    """
    from alignsim.scenario.limits import MAX_BYTES

    if len(raw) > MAX_BYTES:
        raise ScenarioError([Problem("--set", 0, path, f"value longer than {MAX_BYTES:,} bytes")])
    if (bad := FORBIDDEN.search(raw)) is not None:
        message = f"control character U+{ord(bad.group()):04X} in the value"
        raise ScenarioError([Problem("--set", 0, path, message)])
    try:
        return parse_yaml(raw, "--set", located=False)
    except ScenarioError as error:
        problems = [Problem("--set", 0, _joined(path, p.field), p.message) for p in error.problems]
        raise ScenarioError(problems, error.omitted) from None


def _joined(path: str, field: str) -> str:
    """A field inside a ``--set`` value, named from the setting's path."""
    if not field:
        return path
    return f"{path}{field}" if field.startswith("[") else f"{path}.{field}"


def apply_settings(tree: LocDict, settings: list[str]) -> LocDict:
    """Apply ``path=value`` overrides from the command line (``--set``).

    The path is dotted; list entries are addressed by id (``actors.PAK.capability``) or by
    position (``actors[0].capability``), and the value is read as a YAML scalar (``0.5``,
    ``true``, ``2016-09``).

    Raises:
        ScenarioError: For a malformed setting or a path that names nothing.
    """
    problems: list[Problem] = []
    for setting in settings:
        path, sep, raw = setting.partition("=")
        shown = path if len(path) <= 80 else path[:77] + "..."
        if not sep or not path:
            problems.append(Problem("--set", 0, setting[:80], "expected PATH=VALUE"))
            continue
        try:
            value = parse_value(raw, shown)
        except ScenarioError as error:
            problems += error.problems
            continue
        node: Any = tree
        parts = [p for p in re.split(r"\.|(?=\[)", path) if p]
        if not parts or len(parts) > MAX_DEPTH:
            reason = "names no field" if not parts else f"is deeper than {MAX_DEPTH} levels"
            problems.append(Problem("--set", 0, shown, f"the path {reason}"))
            continue
        section = ""
        for depth, part in enumerate(parts):
            last = depth == len(parts) - 1
            if isinstance(node, list):
                keys = [entry_key(section, e) for e in node]
                if (index := re.fullmatch(r"\[(\d{1,9})\]", part)) is not None:
                    position = int(index.group(1))
                    if position >= len(node):
                        message = f"no entry [{position}] ({len(node)} entries)"
                        problems.append(Problem("--set", 0, shown, message))
                        break
                    part = keys[position]
                if part not in keys:
                    hint = _did_you_mean(part, [k for k in keys if k])
                    name = part if len(part) <= 40 else part[:37] + "..."
                    problems.append(Problem("--set", 0, shown, f"no entry {name!r}{hint}"))
                    break
                if last:
                    problems.append(Problem("--set", 0, shown, "cannot replace a whole entry"))
                    break
                node = node[keys.index(part)]
            elif isinstance(node, dict):
                section = part
                if last:
                    node[part] = value
                    if isinstance(node, LocDict):
                        node.key_lines[part] = ("--set", 0)
                elif part in node:
                    node = node[part]
                else:
                    node[part] = LocDict(file="--set")
                    if isinstance(node, LocDict):
                        node.key_lines[part] = ("--set", 0)
                    node = node[part]
            else:
                problems.append(Problem("--set", 0, shown, f"{'.'.join(parts[:depth])} is a value"))
                break
    if problems:
        raise ScenarioError(problems)
    return tree
