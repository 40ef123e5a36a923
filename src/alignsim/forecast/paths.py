"""Free parameters named by their ``--set`` paths: which paths a simulated fit can reach, their
current values, their search ranges, and setting them in a scenario tree.

Two kinds of path:

- ``mechanisms.<mechanism>.<parameter>``: any numeric parameter of a registered mechanism,
  e.g. ``mechanisms.bounded_balance.weight`` (a driver weight) or
  ``mechanisms.error_correction.permanent`` (the permanent share kappa of event shocks);
- ``actors.<ID>.doctrine.<name>``: an actor's own term weight or per-actor parameter, e.g.
  ``actors.PAK.doctrine.bandwagoning``.
"""

from __future__ import annotations

from typing import Any

#: search range of a parameter without an upper bound (term weights)
OPEN_HIGH = 3.0
#: smallest search value of a parameter whose range starts at 0 (searched on a log or logit scale)
FLOOR = 1e-3


def set_path(tree: dict[str, Any], path: str, value: float) -> None:
    """Set a dotted path in a plain scenario tree, making mappings on the way; ``actors.ID``
    addresses the actor with that id."""
    parts = path.split(".")
    node: Any = tree
    if parts[0] == "actors":
        node = next(a for a in tree["actors"] if a.get("id") == parts[1])
        parts = parts[2:]
    *parents, leaf = parts
    for key in parents:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    node[leaf] = value


def _mechanism_parameter(name: str, parameter: str):
    from alignsim.dynamics.registry import registry

    mechanism = registry().get(name)
    found = (
        next((p for p in mechanism.parameters if p.name == parameter), None) if mechanism else None
    )
    if found is None or found.choices or isinstance(found.default, bool):
        return None
    return found


def _doctrine_parameter(name: str):
    """The mechanism parameter behind a doctrine entry (a term's weight or a per-actor one)."""
    from alignsim.dynamics.registry import registry

    for mechanism in registry().values():
        if mechanism.name == name and mechanism.kind == "term":
            return mechanism.name, _mechanism_parameter(name, "weight")
        for p in mechanism.parameters:
            if p.per_actor and p.name == name:
                return mechanism.name, p
    return None


def resolve(path: str, scenario: Any) -> tuple[str, str, Any]:
    """``(mechanism, parameter name, Parameter)`` of a free path of the validated scenario.

    Raises:
        ValueError: For a path that names no numeric mechanism or doctrine parameter.
    """
    parts = path.split(".")
    if len(parts) == 3 and parts[0] == "mechanisms":
        found = _mechanism_parameter(parts[1], parts[2])
        if found is not None:
            return parts[1], parts[2], found
    elif len(parts) == 4 and parts[0] == "actors" and parts[2] == "doctrine":
        if parts[1] not in {a.id for a in scenario.actors}:
            raise ValueError(f"{path}: no actor {parts[1]!r} in the scenario")
        found = _doctrine_parameter(parts[3])
        if found is not None:
            return found[0], found[1].name, found[1]
    raise ValueError(
        f"{path}: not a numeric mechanism parameter (mechanisms.NAME.PARAMETER) or doctrine "
        "entry (actors.ID.doctrine.NAME); see alignsim mechanisms"
    )


def current_value(path: str, scenario: Any) -> float:
    """The value the validated scenario gives a free path (its default when not given)."""
    from alignsim.dynamics.selection import _value

    mechanism, parameter, _ = resolve(path, scenario)
    common = float(_value(scenario.mechanisms, mechanism, parameter))
    parts = path.split(".")
    if parts[0] != "actors":
        return common
    actor = next(a for a in scenario.actors if a.id == parts[1])
    own = getattr(actor.doctrine, parts[3], None) if actor.doctrine else None
    return common if own is None else float(own)


def search_range(path: str, scenario: Any) -> tuple[tuple[float, float], bool]:
    """Search range of a free path and whether it is a share (searched on the logit scale of
    its range; otherwise on the log scale)."""
    _, _, parameter = resolve(path, scenario)
    low = max(FLOOR, parameter.low or 0.0)
    if parameter.high is not None and parameter.high <= 1.0:
        return (low, parameter.high - FLOOR), True
    return (low, OPEN_HIGH if parameter.high is None else parameter.high), False


def default_free(compiled: Any) -> list[str]:
    """What a simulated fit frees when the scenario names nothing: the weight of every driver
    term in use and, with the ``error_correction`` baseline, the permanent share of events."""
    rules = compiled.rules
    free = [f"mechanisms.{m.name}.weight" for m in rules.terms]
    if rules.baseline is not None and rules.baseline.name == "error_correction":
        free.append("mechanisms.error_correction.permanent")
    return free


def simulated_spec(paths: list[str], scenario: Any):
    """A :class:`~alignsim.forecast.specs.Spec` of the free paths (values on their search
    ranges, starting at the scenario's values; ``build`` is not used by a simulated fit).

    Raises:
        ValueError: For a path that names no numeric parameter, or one named twice.
    """
    import numpy as np

    from alignsim.forecast.specs import Spec

    if len(set(paths)) != len(paths):
        raise ValueError("a parameter is listed twice")
    bounds, shares, default = {}, set(), {}
    for path in paths:
        bounds[path], share = search_range(path, scenario)
        if share:
            shares.add(path)
        default[path] = float(np.clip(current_value(path, scenario), *bounds[path]))
    return Spec(tuple(paths), bounds, frozenset(shares), default, build=lambda v: None)
