"""A small, safe condition language for conditional events (parsed, never ``eval``-ed).

Grammar (case-sensitive names, ``and``/``or``/``not`` keywords)::

    condition  := or_expr
    or_expr    := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := value (("<" | "<=" | ">" | ">=" | "==" | "!=") value)?   # or "(" condition ")"
    value      := NUMBER | "-" value | call | "(" value ")"
    call       := NAME "(" ID ("," ID)* ")"

Functions (values in the units users write in scenarios):

======================  ==========================================================
``alignment(A, B)``     alignment of actors A and B, in [-1, 1]
``cohesion(G)``         mean alignment inside group G
``position(A, ISSUE)``  A's position on the issue's own scale
``salience(A, ISSUE)``  A's salience on the issue
``capability(A)``       A's capability
``tie(A, B)``           economic tie between A and B
``exposure(A, THREAT)`` A's exposure to a threat source
``step()``              the step being computed (1 for the first)
======================  ==========================================================
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

#: function name -> kinds of its arguments
FUNCTIONS: dict[str, tuple[str, ...]] = {
    "alignment": ("actor", "actor"),
    "cohesion": ("group",),
    "position": ("actor", "issue"),
    "salience": ("actor", "issue"),
    "capability": ("actor",),
    "tie": ("actor", "actor"),
    "exposure": ("actor", "threat"),
    "step": (),
}
COMPARISONS = ("<=", ">=", "==", "!=", "<", ">")
_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)"
    r"|(?P<name>[A-Za-z][A-Za-z0-9_\-]*)|(?P<op><=|>=|==|!=|[<>(),\-]))"
)


class ConditionError(ValueError):
    """A condition that cannot be read; the message says where."""


@dataclass(frozen=True)
class Node:
    """A node of a parsed condition: ``kind`` is number, call, neg, compare, and, or, not."""

    kind: str
    value: Any = None
    children: tuple[Node, ...] = ()


def tokenize(text: str) -> list[tuple[str, str, int]]:
    """Tokens ``(kind, text, column)`` of a condition."""
    tokens, at = [], 0
    text = text.rstrip()
    while at < len(text):
        match = _TOKEN.match(text, at)
        if not match or match.end() == at:
            raise ConditionError(f"unexpected {text[at:].strip()[:10]!r} at column {at + 1}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind), match.start(kind) + 1))
        at = match.end()
    return tokens


class _Parser:
    """Recursive descent whose depth is counted: deeper than :data:`MAX_DEPTH` levels of
    ``not``, unary minus or brackets is refused before the recursion could overflow."""

    def __init__(self, text: str):
        self.tokens = tokenize(text)
        self.at = 0
        self.depth = 0

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError(f"nests deeper than {MAX_DEPTH} levels")

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, expected: str | None = None) -> tuple[str, str, int]:
        token = self.peek()
        if token is None:
            raise ConditionError(f"ends too early{f'; expected {expected!r}' if expected else ''}")
        if expected is not None and token[1] != expected:
            raise ConditionError(f"expected {expected!r} at column {token[2]}, got {token[1]!r}")
        self.at += 1
        return token

    def condition(self) -> Node:
        node = self.binary("or", self.binary_and)
        if self.peek() is not None:
            token = self.peek()
            raise ConditionError(f"unexpected {token[1]!r} at column {token[2]}")
        return node

    def binary(self, word: str, operand: Any) -> Node:
        nodes = [operand()]
        while (token := self.peek()) and token[0] == "name" and token[1] == word:
            self.take()
            nodes.append(operand())
        return nodes[0] if len(nodes) == 1 else Node(word, children=tuple(nodes))

    def binary_and(self) -> Node:
        return self.binary("and", self.negation)

    def negation(self) -> Node:
        token = self.peek()
        if token and token[0] == "name" and token[1] == "not":
            self.take()
            self.deeper()
            node = Node("not", children=(self.negation(),))
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self) -> Node:
        token = self.peek()
        if token and token[1] == "(" and self._parenthesised_condition():
            self.take("(")
            self.deeper()
            inner = self.binary("or", self.binary_and)
            self.depth -= 1
            self.take(")")
            return inner
        left = self.value()
        token = self.peek()
        if token and token[1] in COMPARISONS:
            self.take()
            return Node("compare", token[1], (left, self.value()))
        return left

    def _parenthesised_condition(self) -> bool:
        """Whether the "(" at the cursor opens a condition: one holding, at any depth before
        its closing ")", a comparison or and/or/not (a parenthesised number does not)."""
        depth = 0
        for kind, text, _ in self.tokens[self.at :]:
            depth += text == "("
            depth -= text == ")"
            if depth == 0:
                return False
            if text in COMPARISONS or (kind == "name" and text in ("and", "or", "not")):
                return True
        return False

    def value(self) -> Node:
        kind, text, column = self.take()
        if kind == "number":
            return Node("number", float(text))
        if text == "-":
            self.deeper()
            node = Node("neg", children=(self.value(),))
            self.depth -= 1
            return node
        if text == "(":
            self.deeper()
            inner = self.value()
            self.depth -= 1
            self.take(")")
            return inner
        if kind == "name" and text in FUNCTIONS:
            self.take("(")
            args: list[str] = []
            while (token := self.peek()) and token[1] != ")":
                if args:
                    self.take(",")
                arg_kind, arg, arg_column = self.take()
                if arg_kind != "name":
                    raise ConditionError(f"expected an id at column {arg_column}, got {arg!r}")
                args.append(arg)
            self.take(")")
            want = FUNCTIONS[text]
            if len(args) != len(want):
                raise ConditionError(f"{text}() takes {len(want)} argument(s), got {len(args)}")
            return Node("call", (text, tuple(args)))
        known = ", ".join(FUNCTIONS)
        raise ConditionError(f"unknown {text!r} at column {column} (functions: {known})")


#: longest condition and deepest nesting (of not, unary minus and brackets) accepted: they
#: keep the parser's and the evaluator's recursion far from Python's limit
MAX_LENGTH = 2000
MAX_DEPTH = 40


def parse(text: str) -> Node:
    """Parse a condition: a comparison, or comparisons joined by and/or/not.

    Raises:
        ConditionError: With the column of the problem.
    """
    if not text.strip():
        raise ConditionError("is empty")
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"is longer than {MAX_LENGTH} characters")
    node = _Parser(text).condition()
    _check_boolean(node)
    return node


def _check_boolean(node: Node) -> None:
    """A condition must be true or false: comparisons, combined by and/or/not."""
    if node.kind in ("and", "or", "not"):
        for child in node.children:
            _check_boolean(child)
    elif node.kind != "compare":
        raise ConditionError(
            "needs a comparison such as 'step() >= 4' (a value alone is not true or false)"
        )
    for child in node.children if node.kind == "compare" else ():
        if child.kind == "call" and child.value[0] in ("alignment", "tie"):
            first, second = child.value[1]
            if first == second:
                raise ConditionError(
                    f"{child.value[0]}({first}, {second}) pairs an actor with itself"
                )


def references(node: Node) -> list[tuple[str, str]]:
    """Every ``(kind, id)`` a condition refers to (actor, issue, group, threat)."""
    found = []
    if node.kind == "call":
        name, args = node.value
        found += list(zip(FUNCTIONS[name], args, strict=True))
    for child in node.children:
        found += references(child)
    return found


def evaluate(node: Node, lookup: Any) -> np.ndarray:
    """Value of a parsed condition; ``lookup(name, args)`` gives each function's value.

    Values broadcast over the state's batch axes, so one condition is checked for every
    run of a batch at once.
    """
    if node.kind == "number":
        return np.asarray(node.value)
    if node.kind == "call":
        return np.asarray(lookup(*node.value))
    if node.kind == "neg":
        return -evaluate(node.children[0], lookup)
    if node.kind == "not":
        return ~truth(evaluate(node.children[0], lookup))
    if node.kind == "and":
        return functools.reduce(np.logical_and, (truth(evaluate(c, lookup)) for c in node.children))
    if node.kind == "or":
        return functools.reduce(np.logical_or, (truth(evaluate(c, lookup)) for c in node.children))
    left, right = (evaluate(c, lookup) for c in node.children)
    return {
        "<": np.less,
        "<=": np.less_equal,
        ">": np.greater,
        ">=": np.greater_equal,
        "==": np.equal,
        "!=": np.not_equal,
    }[node.value](left, right)


def truth(value: np.ndarray) -> np.ndarray:
    """A value as a boolean array (numbers are true when non-zero)."""
    return np.asarray(value).astype(bool)
