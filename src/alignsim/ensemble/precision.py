"""Single precision for the batched engine: the same runs in float32, within a stated tolerance.

Matrix products and element-wise passes in float32 move half the bytes and run about three
times faster on this machine's BLAS. The random draws are unchanged (drawn in float64 and
rounded), so a float32 run follows its float64 twin; rounding errors of about ``1e-7`` per
operation accumulate over the steps. :data:`FLOAT32_TOLERANCE` is the largest difference
allowed between the two (checked by the tests on a noisy synthetic scenario over 40 steps
and by ``benchmarks/world.py`` on the world ensemble). Default: float64.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any

import numpy as np

from alignsim.dynamics.step import FIELDS, State

#: largest difference of any alignment between a float32 run and its float64 twin
FLOAT32_TOLERANCE = 1e-3

DTYPES = {"float64": np.float64, "float32": np.float32}


def _cast(value: Any, dtype: Any) -> Any:
    """Floating arrays (and such arrays in dicts and tuples) in ``dtype``; the rest as is."""
    if isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.floating):
        return value.astype(dtype, copy=False)
    if isinstance(value, dict):
        return {k: _cast(v, dtype) for k, v in value.items()}
    if isinstance(value, tuple) and not is_dataclass(value):
        return tuple(_cast(v, dtype) for v in value)
    return value


def state_as(state: State, dtype: Any) -> State:
    """The state with its floating arrays in ``dtype`` (no copy when they already are)."""
    return State(*(_cast(getattr(state, f), dtype) for f in FIELDS))


def compiled_as(compiled: Any, dtype: Any) -> Any:
    """The compiled scenario with its initial state and rules' arrays in ``dtype``."""
    if dtype is None or np.dtype(dtype) == np.float64:
        return compiled
    rules = compiled.rules
    changes = {f.name: _cast(getattr(rules, f.name), dtype) for f in fields(rules)}
    return replace(
        compiled, initial=state_as(compiled.initial, dtype), rules=replace(rules, **changes)
    )
