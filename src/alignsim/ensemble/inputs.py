"""Uncertain inputs as sensitivity parameters: readable names and quantile functions.

A sensitivity design is drawn on the unit interval for every uncertain input, and each
unit value ``u`` becomes the input's ``u``-quantile, so the inputs are sampled from their
own distributions (the inverse-transform method; Devroye 1986, ch. 2). The Sobol' indices
are the same in either scale, since each input is a one-to-one function of its unit value
(Sobol' 2001); Morris effects are then per unit of probability.

A normal is cut at mean +/- 3 sd (and at the field's range) so that the ends of the unit
interval, which Morris designs reach, stay finite; it loses 0.27 % of its mass.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

#: a normal's cut, in standard deviations either side of its mean
NORMAL_CUT_SD = 3.0


def readable_path(tree: Any, path: tuple[Any, ...]) -> str:
    """``path`` with list positions replaced by entry ids: ``actors.PAK.capability``.

    Relations are named by their pair (``relations.CHN-PAK.alignment``); entries without
    an id keep their position (``events.shock.effects[0].shift``).
    """
    from alignsim.scenario.merge import entry_key

    text, node, section = "", tree, ""
    for part in path:
        if isinstance(part, int) and isinstance(node, list):
            entry = node[part]
            key = entry_key(section, entry)
            if isinstance(key, str):
                text += f".{key}"
            elif key is not None:
                text += "." + "-".join(entry["pair"])
            else:
                text += f"[{part}]"
            node = entry
            continue
        if isinstance(part, int):
            text += f"[{part}]"
            node = None
            continue
        text += f".{part}" if text else str(part)
        section = str(part)
        node = node[part] if isinstance(node, dict) and part in node else None
    return text


def _inside(values: np.ndarray, bounds: tuple[float, float]) -> np.ndarray:
    """Values kept in the field's range; a positive field never gets 0 (as a run's draw)."""
    low, high = bounds
    kept = np.clip(values, low, high)
    if low == 0.0 and high == math.inf:
        kept = np.where(kept <= 0.0, math.ulp(0.0), kept)
    return kept


def quantile(node: dict, bounds: tuple[float, float], unit: np.ndarray) -> np.ndarray:
    """The ``unit``-quantiles of a (valid) distribution on a field of range ``bounds``.

    Args:
        node: ``{normal: {mean, sd}}``, ``{uniform: [LO, HI]}``,
            ``{triangular: [LO, MODE, HI]}`` or ``{beta: {a, b}}``.
        bounds: The field's range.
        unit: Values in [0, 1].

    Returns:
        The quantiles, inside ``bounds``.
    """
    from scipy.special import betaincinv, ndtr, ndtri

    unit = np.asarray(unit, dtype=float)
    kind, value = next(iter(node.items()))
    low, high = bounds
    if kind == "normal":
        mean, sd = float(value["mean"]), float(value["sd"])
        cut_low = max(low, mean - NORMAL_CUT_SD * sd)
        cut_high = min(high, mean + NORMAL_CUT_SD * sd)
        below, above = ndtr((cut_low - mean) / sd), ndtr((cut_high - mean) / sd)
        drawn = np.clip(mean + sd * ndtri(below + unit * (above - below)), cut_low, cut_high)
    elif kind == "uniform":
        drawn = value[0] + unit * (value[1] - value[0])
    elif kind == "triangular":
        start, mode, end = (float(v) for v in value)
        width = end - start
        peak = (mode - start) / width
        rising = start + np.sqrt(unit * width * (mode - start))
        falling = end - np.sqrt((1.0 - unit) * width * (end - mode))
        drawn = np.where(unit < peak, rising, falling)
    else:
        drawn = betaincinv(float(value["a"]), float(value["b"]), unit)
        if math.isfinite(low) and math.isfinite(high):
            drawn = low + (high - low) * drawn
    return _inside(np.asarray(drawn, dtype=float), bounds)


def describe(node: dict) -> str:
    """A distribution in a few words: ``normal(0.2, 0.1)``, ``triangular(0, 0.5, 1)``."""
    kind, value = next(iter(node.items()))
    if isinstance(value, dict):
        numbers = [value[k] for k in ("mean", "sd", "a", "b") if k in value]
    else:
        numbers = list(value)
    return f"{kind}({', '.join(f'{float(n):g}' for n in numbers)})"
