"""Adjustment: alignments move part of the way toward their target each step."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from alignsim.dynamics._arrays import zero_diagonal
from alignsim.dynamics.registry import Parameter, register


@register(
    "adjustment",
    kind="update",
    reference="Friedkin & Johnsen 1990 (partial adjustment); Marvel et al. 2011",
    parameters=(
        Parameter("rate", 0.2, 0.0, 1.0, "share of the gap to the target closed each step"),
        Parameter("noise", 0.02, 0.0, 1.0, "standard deviation of the symmetric Gaussian shock"),
    ),
)
def adjust(
    alignment: np.ndarray,
    target: np.ndarray,
    rate: float,
    noise: float,
    shocks: np.ndarray | float = 0.0,
    epsilon: np.ndarray | float = 0.0,
) -> np.ndarray:
    """``A <- clip(A + rate (target - A) + shocks + noise * epsilon, -1, 1)``.

    A partial-adjustment rule (Friedkin & Johnsen 1990) toward the consented target,
    with event shocks and symmetric Gaussian noise.

    Args:
        alignment: ``(..., n, n)`` current alignment.
        target: ``(..., n, n)`` consented target.
        rate: Adjustment rate in [0, 1].
        noise: Noise standard deviation.
        shocks: Additive event shocks, symmetric.
        epsilon: Standard normal draws, symmetric (see :func:`symmetric_normal`).

    Returns:
        ``(..., n, n)`` new alignment, symmetric with a zero diagonal.
    """
    moved = alignment + rate * (target - alignment) + shocks + noise * epsilon
    return zero_diagonal(np.clip(moved, -1.0, 1.0))


def symmetric_normal(
    rng: np.random.Generator | Sequence[np.random.Generator], n: int
) -> np.ndarray:
    """Standard normal ``(n, n)`` matrix, symmetric with a zero diagonal.

    Draws exactly ``n (n - 1) / 2`` numbers from ``rng`` (upper triangle, row-major), so
    one run's stream is the same whether it is simulated alone or in a batch. Given a
    sequence of generators (one per run of a batch), returns ``(runs, n, n)`` where
    slice ``r`` is exactly ``symmetric_normal(rng[r], n)``.
    """
    generators = [rng] if isinstance(rng, np.random.Generator) else list(rng)
    out = SymmetricNormals(n).draw(generators)
    return out[0] if isinstance(rng, np.random.Generator) else out


class SymmetricNormals:
    """:func:`symmetric_normal` for a batch, step after step, into buffers allocated once.

    Each run's numbers are drawn straight into a row of one buffer and scattered twice,
    to the upper triangle and to its mirror, into an array whose diagonal stays zero,
    rounded on the way to the wanted precision (``u + 0`` is ``u``, so this equals the
    float64 sum :func:`symmetric_normal` forms, rounded). The array returned is overwritten
    by the next :meth:`draw`.
    """

    def __init__(self, n: int) -> None:
        self.n = n
        rows, columns = np.triu_indices(n, k=1)
        self.upper, self.lower = rows * n + columns, columns * n + rows
        self.buffers: tuple[np.ndarray, np.ndarray] | None = None

    def draw(
        self, generators: Sequence[np.random.Generator], dtype: Any = np.float64
    ) -> np.ndarray:
        """``(runs, n, n)``: slice ``r`` equals ``symmetric_normal(generators[r], n)``."""
        runs, n = len(generators), self.n
        if (
            self.buffers is None
            or self.buffers[1].shape[0] != runs
            or (self.buffers[1].dtype != dtype)
        ):
            self.buffers = (np.empty((runs, len(self.upper))), np.zeros((runs, n * n), dtype))
        draws, out = self.buffers
        for generator, row in zip(generators, draws, strict=True):
            generator.standard_normal(out=row)
        out[:, self.upper] = draws
        out[:, self.lower] = draws
        return out.reshape(runs, n, n)
