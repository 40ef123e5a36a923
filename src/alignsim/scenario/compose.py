"""YAML events to located data, with the limits checked while the events arrive.

PyYAML's own composer and constructor are recursive (100,000 nested brackets overflow the
stack) and expand aliases without a bound (a 400-byte "billion laughs" takes gigabytes).
So the package takes PyYAML's *events* — from libyaml's C parser where PyYAML has it — and
builds the data itself, without recursion: every node is counted as it arrives, an alias
costs the size of what it stands for *before* it is copied, and nesting is checked on each
opening bracket. Scalars are still typed by PyYAML's safe resolver and constructors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from alignsim.scenario import limits
from alignsim.scenario.located import LocDict, LocList
from alignsim.scenario.problems import Collector, Problem, ScenarioError, field_path

_PARSER = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
#: whether libyaml's C parser is used (else PyYAML's pure-Python one, with a smaller size limit)
FAST = _PARSER is not yaml.SafeLoader


class ScenarioLoader(_PARSER):  # type: ignore[misc,valid-type]
    """The safe loader, also reading ``1e-3`` (an exponent without a dot) as a number.

    YAML 1.1, which PyYAML follows, needs a dot in a float (``1.0e-3``) and reads ``1e-3``
    as text; YAML 1.2 and users expect a number.
    """


ScenarioLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"),
    list("-+0123456789"),
)

_TAG = "tag:yaml.org,2002:"
_COLLECTION_TAGS = {"mapping": (None, "!", _TAG + "map"), "list": (None, "!", _TAG + "seq")}
_STR = _TAG + "str"
_MERGE = object()  # the value of a ``<<`` merge key
_MISSING = object()
#: plain scalars typed once and reused (a list of a million ``1`` types one ``1``)
_PLAIN_CACHE = 10_000


@dataclass
class Budget:
    """Nodes still allowed; one budget is shared by a file and every file it extends."""

    nodes: int = limits.MAX_NODES

    def spend(self, count: int, file: str, line: int) -> None:
        """Take ``count`` nodes.

        Raises:
            ScenarioError: If that goes past :data:`~alignsim.scenario.limits.MAX_NODES`.
        """
        self.nodes -= count
        if self.nodes < 0:
            raise ScenarioError(
                [
                    Problem(
                        file,
                        line,
                        "",
                        f"more than {limits.MAX_NODES:,} YAML values (aliases counted as "
                        "often as they are used); refused before reading further",
                    )
                ]
            )


@dataclass
class _Open:
    """A list or mapping being built."""

    value: Any
    path: tuple[Any, ...]
    anchor: str | None
    line: int
    bad_tag: str | None = None
    is_list: bool = False
    size: int = 1
    height: int = 1
    key: Any = None
    key_line: int = 0
    has_key: bool = False
    merges: list[tuple[Any, int]] = field(default_factory=list)


class Builder:
    """Builds ``LocDict``/``LocList``/scalars from a stream of events, within the limits."""

    def __init__(self, loader: Any, file: str, budget: Budget, located: bool, base: tuple):
        self.loader, self.file, self.budget = loader, file, budget
        self.located, self.base = located, base
        self.dict_type, self.list_type = LocDict, LocList
        self.problems = Collector()
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, size, height
        self.open_anchors: set[str] = set()
        self.aliases = 0
        self.plain: dict[str, Any] = {}
        self.result: Any = None

    def line(self, event: Any) -> int:
        return event.start_mark.line + 1 if self.located else 0

    def refuse(self, event: Any, message: str) -> ScenarioError:
        where = field_path(self.child_path())
        return ScenarioError([Problem(self.file, self.line(event), where, message)])

    def child_path(self) -> tuple[Any, ...]:
        """Field path of the value that comes next."""
        top = self.stack[-1] if self.stack else None
        if top is None:
            return self.base
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        return (*top.path, top.key) if top.has_key else top.path

    def feed(self, event: Any) -> None:
        """Take one event."""
        kind = type(event)
        if kind is yaml.ScalarEvent:
            budget = self.budget
            budget.nodes -= 1
            if budget.nodes < 0:
                budget.spend(0, self.file, self.line(event))
            value = self.scalar(event)
            if event.anchor:
                self.anchors[event.anchor] = (value, 1, 0)
            self.place(value, event.start_mark.line + 1 if self.located else 0, 1, 0)
        elif kind is yaml.AliasEvent:
            self.alias(event)
        elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
            self.start(event)
        elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            self.end(event)

    def start(self, event: Any) -> None:
        if len(self.stack) >= limits.MAX_DEPTH:
            raise self.refuse(event, f"nested deeper than {limits.MAX_DEPTH} levels")
        self.budget.spend(1, self.file, self.line(event))
        mapping = isinstance(event, yaml.MappingStartEvent)
        line = self.line(event)
        value = (
            self.dict_type(file=self.file, line=line)
            if mapping
            else self.list_type(file=self.file, line=line)
        )
        allowed = _COLLECTION_TAGS["mapping" if mapping else "list"]
        bad = event.tag if event.tag not in allowed else None
        self.stack.append(_Open(value, self.child_path(), event.anchor, line, bad, not mapping))
        if event.anchor:
            self.open_anchors.add(event.anchor)

    def end(self, event: Any) -> None:
        done = self.stack.pop()
        if done.anchor:
            self.open_anchors.discard(done.anchor)
        value = done.value
        if isinstance(value, dict):
            self.apply_merges(done)
        if done.bad_tag is not None:
            self.unsupported_tag(done.bad_tag, done.line, done.path)
            value = None
        if done.anchor:
            self.anchors[done.anchor] = (value, done.size, done.height)
        self.place(value, done.line, done.size, done.height)

    def alias(self, event: Any) -> None:
        name = event.anchor
        self.aliases += 1
        if self.aliases > limits.MAX_ALIASES:
            raise self.refuse(event, f"more than {limits.MAX_ALIASES:,} aliases")
        if name in self.open_anchors:
            raise self.refuse(event, f"alias *{name} refers to a list or mapping it is inside")
        if name not in self.anchors:
            raise self.refuse(event, f"alias *{name} has no anchor &{name} before it")
        value, size, height = self.anchors[name]
        if len(self.stack) + height > limits.MAX_DEPTH:
            raise self.refuse(event, f"alias *{name} nests deeper than {limits.MAX_DEPTH} levels")
        self.budget.spend(size, self.file, self.line(event))
        self.place(self.copy(value), self.line(event), size, height)

    def copy(self, value: Any) -> Any:
        """A copy of an anchored value (recursion bounded by the nesting limit)."""
        if isinstance(value, self.dict_type):
            out = self.dict_type(file=value.file, line=value.line)
            for key, item in value.items():
                out[key] = self.copy(item)
            out.key_lines = dict(value.key_lines)
            return out
        if isinstance(value, self.list_type):
            out = self.list_type(map(self.copy, value), file=value.file, line=value.line)
            out.item_lines = list(value.item_lines)
            return out
        return value  # scalars are immutable

    def place(self, value: Any, line: int, size: int, height: int) -> None:
        """Put a finished value in the open list or mapping (or make it the document)."""
        if not self.stack:
            self.result = value
            return
        top = self.stack[-1]
        top.size += size
        if height >= top.height:
            top.height = height + 1
        if top.is_list:
            top.value.append(value)
            top.value.item_lines.append((self.file, line))
        elif not top.has_key:
            top.key, top.key_line, top.has_key = value, line, True
        else:
            self.set_item(top, value)

    def set_item(self, top: _Open, value: Any) -> None:
        key, line = top.key, top.key_line
        top.key, top.has_key = None, False
        if key is _MERGE:
            top.merges.append((value, line))
            return
        if not isinstance(key, str | int | float | bool) or key is None:
            shown = "a list" if isinstance(key, list) else repr(key)
            shown = "a mapping" if isinstance(key, dict) else shown
            where = field_path(top.path)
            self.problems.add(Problem(self.file, line, where, f"unsupported key {shown}"))
            return
        if key in top.value:
            self.problems.add(
                Problem(self.file, line, field_path((*top.path, key)), "duplicate key")
            )
        top.value[key] = value
        top.value.key_lines[key] = (self.file, line)

    def apply_merges(self, done: _Open) -> None:
        """``<<: *base`` (or a list of them): keys not given in the mapping itself."""
        for value, line in done.merges:
            sources = value if isinstance(value, list) else [value]
            for source in sources:
                if not isinstance(source, dict):
                    self.problems.add(
                        Problem(self.file, line, field_path(done.path), "<< needs a mapping")
                    )
                    continue
                for key, item in source.items():
                    if key not in done.value:
                        done.value[key] = item
                        lines = getattr(source, "key_lines", {})
                        done.value.key_lines[key] = lines.get(key, (self.file, line))

    def unsupported_tag(self, tag: str, line: int, path: tuple[Any, ...]) -> None:
        shown = tag.replace(_TAG, "!!")
        self.problems.add(
            Problem(self.file, line, field_path(path), f"unsupported YAML tag {shown!r}")
        )

    def scalar(self, event: Any) -> Any:
        """A scalar typed as PyYAML's safe loader types it (``None`` after a problem)."""
        value, tag = event.value, event.tag
        if tag is None or tag == "!":
            if event.implicit[0] and (hit := self.plain.get(value, _MISSING)) is not _MISSING:
                return hit
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _STR:
            return value
        if tag == _TAG + "merge":
            return _MERGE
        if tag == _TAG + "int":
            digits = sum(c.isdigit() for c in value)
            if digits > limits.MAX_INT_DIGITS or len(value) > 4 * limits.MAX_INT_DIGITS:
                message = f"whole number of {digits:,} digits (at most {limits.MAX_INT_DIGITS})"
                return self.problem(event, message)
        constructor = self.loader.yaml_constructors.get(tag)
        if constructor is None or tag in (_TAG + "map", _TAG + "seq"):
            self.unsupported_tag(tag, self.line(event), self.child_path())
            return None
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            typed = constructor(self.loader, node)
        except Exception:  # any failure of a constructor on user text is a problem, not a crash
            text = value if len(value) <= 40 else value[:37] + "..."
            return self.problem(event, f"cannot read {text!r} as a {tag.replace(_TAG, '')}")
        if event.tag is None and event.implicit[0] and len(self.plain) < _PLAIN_CACHE:
            self.plain[value] = typed
        return typed

    def problem(self, event: Any, message: str) -> None:
        """Note a problem with the value that comes next (which becomes ``None``)."""
        where = field_path(self.child_path())
        self.problems.add(Problem(self.file, self.line(event), where, message))
