"""Group cohesion and the structural balance index of alignment matrices."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def cohesion(alignment: np.ndarray, members: Sequence[int]) -> np.ndarray:
    """Mean alignment over the pairs inside a group.

    Args:
        alignment: ``(..., n, n)`` alignment matrices.
        members: Indices of the group's actors (at least two).

    Returns:
        ``(...)`` mean of ``A_ij`` over unordered pairs ``i < j`` of members.
    """
    idx = np.asarray(members)
    i, j = np.triu_indices(len(idx), k=1)
    return alignment[..., idx[i], idx[j]].mean(axis=-1)


def balance_index(alignment: np.ndarray) -> np.ndarray:
    """Weighted share of balanced triads, in [0, 1] (NaN when no triad has weight).

    ``(1 + tr(A^3) / tr(|A|^3)) / 2``: every triangle counts with weight
    ``|A_ij A_jk A_ki|`` and is balanced when the product of its signs is positive
    (Cartwright & Harary 1956; the triangle index of Aref & Wilson 2018). 1 means all
    weighted triads are balanced, 0 that all are unbalanced.

    Args:
        alignment: ``(..., n, n)`` symmetric matrices with zero diagonal.

    Returns:
        ``(...)`` balance index.
    """
    signed = np.trace(alignment @ alignment @ alignment, axis1=-2, axis2=-1)
    magnitude = np.abs(alignment)
    total = np.trace(magnitude @ magnitude @ magnitude, axis1=-2, axis2=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(
            total > 1e-12, (1.0 + signed / np.where(total > 1e-12, total, 1.0)) / 2.0, np.nan
        )
