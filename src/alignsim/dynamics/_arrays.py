"""Small array helpers shared by the dynamics functions."""

from __future__ import annotations

import numpy as np


def float_type(*arrays: object) -> type:
    """``numpy.float32`` when some input is a float32 array and none a float64 or integer
    array (numbers do not count), else ``numpy.float64``: single-precision runs stay single."""
    kinds = {np.asarray(a).dtype for a in arrays if isinstance(a, np.ndarray | np.generic)}
    return np.float32 if kinds and kinds <= {np.dtype(np.float32)} else np.float64


def zero_diagonal(matrix: np.ndarray) -> np.ndarray:
    """Return a copy of ``(..., n, n)`` with the last two axes' diagonal set to 0."""
    out = np.array(matrix, dtype=float_type(matrix), copy=True)
    n = out.shape[-1]
    out[..., np.arange(n), np.arange(n)] = 0.0
    return out


def safe_divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """Element-wise ``numerator / denominator`` with 0 wherever the denominator is 0."""
    dtype = float_type(numerator, denominator)
    numerator, denominator = np.broadcast_arrays(
        np.asarray(numerator, dtype), np.asarray(denominator, dtype)
    )
    out = np.zeros(numerator.shape, dtype)
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out


def others_capability(capability: np.ndarray) -> np.ndarray:
    """Total capability of everyone except i and j: ``(..., n)`` -> ``(..., n, n)``."""
    total = capability.sum(axis=-1)[..., None, None]
    return total - capability[..., :, None] - capability[..., None, :]
