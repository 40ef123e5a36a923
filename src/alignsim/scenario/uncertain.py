"""Uncertain inputs: numeric scenario values given as probability distributions.

Any of the numeric values listed in :func:`field_range` may be written as

- ``{normal: {mean: M, sd: S}}``: a normal distribution truncated to the field's range
  (drawn by inverting the truncated CDF);
- ``{uniform: [LO, HI]}``;
- ``{triangular: [LO, MODE, HI]}``;
- ``{beta: {a: A, b: B}}``: scaled to the field's range when both ends are finite,
  otherwise on [0, 1].

Before validation, :func:`draw_uncertain` replaces every distribution by one draw from a
generator seeded by the run's seed; :func:`central_values` replaces it by the
distribution's mean (the untruncated mean for ``normal``), which is what ``alignsim
validate`` and loading without a seed use. Parameters are checked first and every problem
is reported with its file and line.

Limits: only the numeric fields listed in :func:`field_range` accept distributions
(capabilities, interests, doctrines, relations, exposures, mechanism parameters, event
shifts and sets); integers (``time.steps``, event ``step``), dates and issue scales do not.
Draws are independent: no correlation between inputs.
"""

from __future__ import annotations

import math
from typing import Any

from alignsim.scenario.limits import MAX_MAGNITUDE
from alignsim.scenario.problems import Problem, ScenarioError, field_path
from alignsim.scenario.yamlio import LocDict, LocList, locate

DISTRIBUTIONS = ("normal", "uniform", "triangular", "beta")
UNIT = (0.0, 1.0)
SIGNED = (-1.0, 1.0)
POSITIVE = (0.0, MAX_MAGNITUDE)
ANY = (-MAX_MAGNITUDE, MAX_MAGNITUDE)
#: range of an event's ``set`` value by the effect's target (positions: the issue's scale)
SET_RANGE = {
    "alignment": SIGNED,
    "salience": UNIT,
    "capability": POSITIVE,
    "economic_tie": POSITIVE,
    "exposure": UNIT,
}
#: key of the inputs' stream under a run's SeedSequence (apart from its noise stream)
INPUTS_KEY = 0x1D_0AB5


def is_distribution(node: Any) -> bool:
    """Whether ``node`` is a one-key mapping naming a distribution."""
    return isinstance(node, dict) and len(node) == 1 and next(iter(node)) in DISTRIBUTIONS


def _issue_scale(tree: Any, issue_id: Any) -> tuple[float, float]:
    for issue in tree.get("issues") or []:
        if isinstance(issue, dict) and issue.get("id") == issue_id:
            scale = issue.get("scale", [-1.0, 1.0])
            if (
                isinstance(scale, list | tuple)
                and len(scale) == 2
                and all(_is_number(v) for v in scale)
            ):
                return float(scale[0]), float(scale[1])
    return SIGNED


def _mechanism_range(mechanism: Any, parameter: Any) -> tuple[float, float] | None:
    from alignsim.dynamics.registry import registry

    found = registry().get(mechanism)
    for p in found.parameters if found else ():
        numeric = isinstance(p.default, int | float) and not isinstance(p.default, bool)
        if p.name == parameter and numeric:
            low = -MAX_MAGNITUDE if p.low is None else float(p.low)
            return low, MAX_MAGNITUDE if p.high is None else float(p.high)
    return None


def field_range(tree: Any, path: tuple[Any, ...]) -> tuple[float, float] | None:
    """Valid range of the numeric field at ``path``, or ``None`` if it takes no distribution.

    Args:
        tree: The whole scenario tree (issue scales and effect targets are read from it).
        path: Keys and list indices from the root, e.g. ``("actors", 0, "capability")``.
    """
    match path:
        case ("actors", int(), "capability"):
            return POSITIVE
        case ("actors", int(), "interests", issue, "position"):
            return _issue_scale(tree, issue)
        case ("actors", int(), "interests", _, "salience"):
            return UNIT
        case ("actors", int(), "doctrine", _):
            return POSITIVE
        case ("relations", int(), "alignment"):
            return SIGNED
        case ("relations", int(), "economic_tie"):
            return POSITIVE
        case ("threats", int(), "exposure", _):
            return UNIT
        case ("mechanisms", mechanism, parameter):
            return _mechanism_range(mechanism, parameter)
        case ("events", int(), "effects", int(), "shift"):
            return ANY
        case ("events", int(), "effects", int() as j, "set"):
            effect = tree["events"][path[1]]["effects"][j]
            if isinstance(effect.get("position"), list) and len(effect["position"]) == 2:
                return _issue_scale(tree, effect["position"][1])
            return next((SET_RANGE[t] for t in SET_RANGE if t in effect), ANY)
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _numbers(value: Any, count: int) -> list[float] | None:
    if isinstance(value, list) and len(value) == count and all(_is_number(v) for v in value):
        return [float(v) for v in value]
    return None


def _params(value: Any, keys: tuple[str, ...]) -> dict[str, float] | None:
    if (
        isinstance(value, dict)
        and set(value) == set(keys)
        and all(_is_number(value[k]) for k in keys)
    ):
        return {k: float(value[k]) for k in keys}
    return None


def _fmt(bounds: tuple[float, float]) -> str:
    return f"[{bounds[0]:g}, {bounds[1]:g}]"


def distribution_problem(node: dict, bounds: tuple[float, float]) -> str | None:
    """What is wrong with a distribution's parameters for a field of range ``bounds``."""
    kind, value = next(iter(node.items()))
    low, high = bounds
    if kind == "normal":
        p = _params(value, ("mean", "sd"))
        if p is None:
            return "normal needs {mean: NUMBER, sd: NUMBER}"
        if p["sd"] <= 0:
            return f"normal sd must be > 0, got {p['sd']:g}"
        if not low <= p["mean"] <= high:
            return f"normal mean {p['mean']:g} is outside the field's range {_fmt(bounds)}"
    elif kind == "uniform":
        v = _numbers(value, 2)
        if v is None:
            return "uniform needs [LOW, HIGH]"
        if not v[0] < v[1]:
            return f"uniform needs LOW < HIGH, got {v}"
        if v[0] < low or v[1] > high:
            return f"uniform {v} reaches outside the field's range {_fmt(bounds)}"
    elif kind == "triangular":
        v = _numbers(value, 3)
        if v is None:
            return "triangular needs [LOW, MODE, HIGH]"
        if not (v[0] <= v[1] <= v[2] and v[0] < v[2]):
            return f"triangular needs LOW <= MODE <= HIGH and LOW < HIGH, got {v}"
        if v[0] < low or v[2] > high:
            return f"triangular {v} reaches outside the field's range {_fmt(bounds)}"
    elif kind == "beta":
        p = _params(value, ("a", "b"))
        if p is None:
            return "beta needs {a: NUMBER, b: NUMBER}"
        if p["a"] <= 0 or p["b"] <= 0:
            return f"beta needs a > 0 and b > 0, got a={p['a']:g}, b={p['b']:g}"
    return None


def _scaled_beta(unit: float, bounds: tuple[float, float]) -> float:
    low, high = bounds
    return low + (high - low) * unit if math.isfinite(low) and math.isfinite(high) else unit


def mean_of(node: dict, bounds: tuple[float, float]) -> float:
    """The mean of a (valid) distribution; for ``normal`` the untruncated mean."""
    kind, value = next(iter(node.items()))
    if kind == "normal":
        return float(value["mean"])
    if kind == "uniform":
        return (value[0] + value[1]) / 2.0
    if kind == "triangular":
        return sum(value) / 3.0
    return _scaled_beta(value["a"] / (value["a"] + value["b"]), bounds)


def draw_one(node: dict, bounds: tuple[float, float], rng: Any) -> float:
    """One draw from a (valid) distribution, kept inside ``bounds``.

    The normal is truncated to ``bounds`` by inverse-CDF sampling: ``u`` uniform between
    the CDF values of the two ends, then the normal quantile of ``u``.
    """
    from scipy.special import ndtr, ndtri

    kind, value = next(iter(node.items()))
    low, high = bounds
    if kind == "normal":
        mean, sd = float(value["mean"]), float(value["sd"])
        u = rng.uniform(ndtr((low - mean) / sd), ndtr((high - mean) / sd))
        drawn = mean + sd * float(ndtri(u))
    elif kind == "uniform":
        drawn = float(rng.uniform(value[0], value[1]))
    elif kind == "triangular":
        drawn = float(rng.triangular(value[0], value[1], value[2]))
    else:
        drawn = _scaled_beta(float(rng.beta(value["a"], value["b"])), bounds)
    drawn = min(max(drawn, low), high)
    if low == 0.0 and bounds == POSITIVE and drawn <= 0.0:
        drawn = math.ulp(0.0)
    return drawn


def _walk(tree: Any, node: Any, path: tuple[Any, ...], visit: Any) -> Any:
    """``node`` with distributions replaced by ``visit(node, range, path)``.

    Containers holding a replaced distribution are new (with the same locations); the
    others are returned as they are, shared with the input, which is never modified.
    """
    if is_distribution(node):
        bounds = field_range(tree, path)
        if bounds is not None:
            return visit(node, bounds, path)
    if isinstance(node, dict):
        items = {key: _walk(tree, value, (*path, key), visit) for key, value in node.items()}
        if all(items[key] is value for key, value in node.items()):
            return node
        out = LocDict(items, file=getattr(node, "file", ""), line=getattr(node, "line", 0))
        out.key_lines = dict(getattr(node, "key_lines", {}))
        return out
    if isinstance(node, list):
        values = [_walk(tree, v, (*path, i), visit) for i, v in enumerate(node)]
        if all(new is old for new, old in zip(values, node, strict=True)):
            return node
        out_list = LocList(values, file=getattr(node, "file", ""), line=getattr(node, "line", 0))
        out_list.item_lines = list(getattr(node, "item_lines", [("", 0)] * len(node)))
        return out_list
    return node


def uncertain_problems(tree: Any) -> list[Problem]:
    """A problem (with file and line) for every distribution with bad parameters."""
    problems: list[Problem] = []

    def check(node: dict, bounds: tuple[float, float], path: tuple[Any, ...]) -> dict:
        message = distribution_problem(node, bounds)
        if message:
            problems.append(Problem(*locate(tree, path), field_path(path), message))
        return node

    _walk(tree, tree, (), check)
    return problems


#: a distribution found in a tree: its path, its mapping and the field's range
Site = tuple[tuple[Any, ...], dict, tuple[float, float]]


def distribution_sites(tree: Any) -> list[Site]:
    """Every distribution on a numeric field, in document order."""
    sites: list[Site] = []

    def note(node: dict, bounds: tuple[float, float], path: tuple[Any, ...]) -> dict:
        sites.append((path, node, bounds))
        return node

    _walk(tree, tree, (), note)
    return sites


def has_uncertain(tree: Any) -> bool:
    """Whether any numeric field of the tree is given as a distribution."""
    return bool(distribution_sites(tree))


def _shallow_copy(node: Any) -> Any:
    where = {"file": getattr(node, "file", ""), "line": getattr(node, "line", 0)}
    if isinstance(node, dict):
        out = LocDict(node, **where)
        out.key_lines = dict(getattr(node, "key_lines", {}))
        return out
    out_list = LocList(node, **where)
    out_list.item_lines = list(getattr(node, "item_lines", [("", 0)] * len(node)))
    return out_list


def replace_at(tree: Any, values: dict[tuple[Any, ...], Any]) -> Any:
    """``tree`` with the value at each path replaced; only containers on those paths are copied.

    The input is never modified; the rest of it is shared with the result.
    """
    root = _shallow_copy(tree)
    fresh = {id(root)}
    for path, value in values.items():
        node = root
        for part in path[:-1]:
            child = node[part]
            if id(child) not in fresh:
                child = _shallow_copy(child)
                node[part] = child
                fresh.add(id(child))
            node = child
        node[path[-1]] = value
    return root


def _replace(tree: Any, value_of: Any, check: bool = True, sites: list[Site] | None = None) -> Any:
    problems = uncertain_problems(tree) if check else []
    if problems:
        raise ScenarioError(problems)
    found = distribution_sites(tree) if sites is None else sites
    return replace_at(tree, {path: value_of(node, bounds) for path, node, bounds in found})


def draw_uncertain(tree: Any, rng: Any, check: bool = True, sites: list[Site] | None = None) -> Any:
    """A copy of ``tree`` with every distribution replaced by one draw from ``rng``.

    Distributions are drawn in document order (mappings in key order, lists in item order),
    one generator call each, so the same generator state gives the same scenario.

    Args:
        tree: A scenario tree (``LocDict`` from the loader, or plain dicts and lists).
        rng: A ``numpy.random.Generator``.
        check: Check every distribution's parameters first (skip only for a tree already
            checked, e.g. by :func:`central_values`).
        sites: The tree's :func:`distribution_sites`, if already known (saves a search).

    Returns:
        The new tree (locations kept); ``tree`` is not modified, and parts of it without
        distributions are shared, not copied.

    Raises:
        ScenarioError: Listing every distribution with bad parameters.
    """
    return _replace(tree, lambda node, bounds: draw_one(node, bounds, rng), check, sites)


def central_values(tree: Any) -> Any:
    """A copy of ``tree`` with every distribution replaced by its mean (see :func:`mean_of`).

    Raises:
        ScenarioError: Listing every distribution with bad parameters.
    """
    return _replace(tree, mean_of)


def uncertain_generator(seed: Any) -> Any:
    """The generator a run draws its uncertain inputs from, given the run's seed.

    A run seeded by a ``SeedSequence`` (or an integer, read as ``SeedSequence(seed)``) draws
    its inputs from that sequence's child with spawn key ``INPUTS_KEY``: a stream apart from
    the run's noise, so drawing inputs never shifts the noise.
    """
    import numpy as np

    if isinstance(seed, np.random.Generator):
        return seed
    sequence = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    child = np.random.SeedSequence(
        sequence.entropy, spawn_key=(*sequence.spawn_key, INPUTS_KEY), pool_size=sequence.pool_size
    )
    return np.random.default_rng(child)
