"""Small array helpers shared by the dynamics functions."""

from __future__ import annotations

import numpy as np


def zero_diagonal(matrix: np.ndarray) -> np.ndarray:
    """Return a copy of ``(..., n, n)`` with the last two axes' diagonal set to 0."""
    out = np.array(matrix, dtype=float, copy=True)
    n = out.shape[-1]
    out[..., np.arange(n), np.arange(n)] = 0.0
    return out


def safe_divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """Element-wise ``numerator / denominator`` with 0 wherever the denominator is 0."""
    numerator, denominator = np.broadcast_arrays(
        np.asarray(numerator, float), np.asarray(denominator, float)
    )
    out = np.zeros(numerator.shape)
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out


def others_capability(capability: np.ndarray) -> np.ndarray:
    """Total capability of everyone except i and j: ``(..., n)`` -> ``(..., n, n)``."""
    total = capability.sum(axis=-1)[..., None, None]
    return total - capability[..., :, None] - capability[..., None, :]
