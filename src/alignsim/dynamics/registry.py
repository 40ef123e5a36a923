"""The mechanism registry: every rule of the dynamics, with its parameters and reference.

A mechanism is a pure array function registered under a name, in the spirit of the
axelrod library's strategy classifiers: machine-readable metadata (kind, parameters,
defaults, valid ranges, reference) lives next to the function so that the scenario
schema, ``alignsim mechanisms`` and the documentation are all generated from one place.

Kinds:
    ``term``: a pairwise term in [-1, 1] that each actor weighs into its desired alignment
        (it has a ``weight`` parameter; weights may differ per actor through a doctrine).
    ``consent``: turns each side's desired alignment into the pair's target.
    ``update``: moves the alignment matrix toward the target.
    ``positions``: moves issue positions; exactly one is enabled in a run.
    ``baseline``: moves each pair's long-run level (error correction, preset ``v2``).
    ``regime``: an optional regime that constrains some pairs (e.g. rivalries).

Presets (named sets of mechanisms) are in :mod:`alignsim.dynamics.presets`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["term", "consent", "update", "positions", "baseline", "regime"]
KINDS: tuple[Kind, ...] = ("term", "consent", "update", "positions", "baseline", "regime")


@dataclass(frozen=True)
class Parameter:
    """A named, documented parameter of a mechanism.

    Attributes:
        name: Key used in scenario files (``mechanisms.<mechanism>.<name>``).
        default: Value used when the scenario does not give one.
        low: Smallest valid value (inclusive).
        high: Largest valid value (inclusive), or ``None`` for no upper bound.
        doc: One-line meaning.
        choices: For a text parameter, the values it may take (``default`` is one of them).
        per_actor: Whether an actor's doctrine may set its own value (a doctrine parameter).
    """

    name: str
    default: float | bool | str
    low: float | None = None
    high: float | None = None
    doc: str = ""
    choices: tuple[str, ...] = ()
    per_actor: bool = False


@dataclass(frozen=True)
class Mechanism:
    """A registered mechanism: a pure function plus its metadata."""

    name: str
    kind: Kind
    function: Callable
    parameters: tuple[Parameter, ...]
    reference: str
    summary: str
    inputs: tuple[str, ...] = field(default_factory=tuple)

    def defaults(self) -> dict[str, float | bool | str]:
        """Default value of every parameter, by name."""
        return {p.name: p.default for p in self.parameters}


REGISTRY: dict[str, Mechanism] = {}


def register(
    name: str,
    kind: Kind,
    reference: str,
    parameters: tuple[Parameter, ...] = (),
    inputs: tuple[str, ...] = (),
) -> Callable[[Callable], Callable]:
    """Decorator that registers a pure dynamics function as a mechanism.

    Args:
        name: Registry name, used in scenario files.
        kind: One of :data:`KINDS`.
        reference: Author(s) and year of the rule's source.
        parameters: Documented parameters; ``term`` mechanisms get a ``weight``.
        inputs: Names of the arrays the function reads, in call order: state fields
            (``alignment``, ``capability``, ``positions``, ``salience``, ``ties``,
            ``exposure``, ``baseline``, ``anchor``) or the scenario's fixed arrays
            (``blame``, ``blamer``; see :class:`alignsim.dynamics.step.Rules`).

    Returns:
        The decorator, which returns the function unchanged.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown mechanism kind {kind!r}")

    def decorate(function: Callable) -> Callable:
        if name in REGISTRY:
            raise ValueError(f"mechanism {name!r} is registered twice")
        summary = (function.__doc__ or "").strip().splitlines()[0] if function.__doc__ else ""
        REGISTRY[name] = Mechanism(name, kind, function, parameters, reference, summary, inputs)
        return function

    return decorate


def registry() -> dict[str, Mechanism]:
    """All registered mechanisms.

    This module lives inside :mod:`alignsim.dynamics`, whose ``__init__`` imports (and so
    registers) every built-in mechanism before this module can be used: imports run one way.
    """
    return REGISTRY


def of_kind(kind: Kind) -> list[Mechanism]:
    """Registered mechanisms of one kind, in registration order."""
    return [m for m in registry().values() if m.kind == kind]
