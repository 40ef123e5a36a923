"""Exact enumeration of a landscape: every canonical configuration, its descent and basin.

Implements the exhaustive search behind landscape theory (Axelrod & Bennett 1993, "A
landscape theory of aggregation", *British Journal of Political Science* 23(2)) for two
coalitions, and for K coalitions (Florian & Galam 2000, "Optimizing conflicts in the
formation of strategic alliances", *Eur. Phys. J. B* 16) over canonical K-colourings.

Both engines work in memory-bounded chunks with no Python loop per configuration: for
every configuration they compute all single-switch energy changes at once, keep the
steepest one (tie rule of :mod:`alignsim.games.landscape_energy`) as a pointer to the next
configuration, and finally resolve every pointer chain to its sink by pointer jumping.

Two coalitions: configuration ``code`` (an integer below ``2**(n-1)``) puts actor ``k >= 1``
in coalition ``bit k-1 of code``; actor 0 is always in coalition 0. With spins
``sigma = 1 - 2 * label`` and local fields ``h = w @ sigma``, switching actor k changes the
energy by ``2 sigma_k h_k``; fields are split into a fixed low-bit table plus one vector per
chunk of high bits, so a chunk costs a broadcast addition and a few reductions.

K coalitions: canonical labellings (restricted growth strings) are listed in lexicographic
order, which is also the order of their base-K codes, so the configuration reached by a
switch is found with a binary search.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from alignsim.games.landscape_energy import (
    best_switch,
    canonical_labels,
    switch_deltas,
)

#: default largest number of canonical configurations enumerated exactly
EXACT_LIMIT_TWO = 1 << 23  # n <= 24 with two coalitions
EXACT_LIMIT_MANY = 1 << 22  # e.g. n <= 15 with three coalitions, n <= 13 with four


@dataclass(frozen=True)
class ExactLandscape:
    """Raw result of an exact enumeration.

    Attributes:
        labels: canonical labels of the local minima, shape ``(m, n)``, in enumeration order.
        basin_count: number of configurations whose steepest descent ends at each minimum.
        n_configurations: number of canonical configurations enumerated.
    """

    labels: np.ndarray
    basin_count: np.ndarray
    n_configurations: int


def count_canonical(n: int, coalitions: int) -> int:
    """Number of configurations of n actors into at most K unlabelled coalitions.

    This is ``sum_{k<=K} S(n, k)`` (Stirling numbers of the second kind), ``2**(n-1)`` for
    K = 2. Computed exactly with Python integers.
    """
    if n == 0:
        return 1
    completions = [1] * (coalitions + 2)  # completions[m] for the remaining actors
    for _ in range(n - 1):
        completions = [
            m * completions[m] + (completions[m + 1] if m < coalitions else 0)
            for m in range(coalitions + 1)
        ] + [0]
    return completions[1]


def largest_exact_n(coalitions: int, limit: int | None = None) -> int:
    """Largest number of actors whose landscape fits within ``limit`` configurations."""
    if limit is None:
        limit = EXACT_LIMIT_TWO if coalitions == 2 else EXACT_LIMIT_MANY
    n = 1
    while count_canonical(n + 1, coalitions) <= limit:
        n += 1
    return n


def resolve_sinks(pointer: np.ndarray) -> np.ndarray:
    """Follow ``pointer`` chains to their fixed points by pointer jumping.

    Args:
        pointer: ``pointer[c]`` is the configuration reached from c (c itself at a sink);
            chains must be acyclic apart from the fixed points.

    Returns:
        ``sink[c]``, the fixed point reached from each c. Needs O(log longest chain) passes.
    """
    sink = pointer
    while True:
        jumped = sink[sink]
        if np.array_equal(jumped, sink):
            return jumped
        sink = jumped


def _minima_from_pointer(pointer: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the fixed points of ``pointer`` and the size of their basins."""
    sink = resolve_sinks(pointer)
    minima = np.flatnonzero(pointer == np.arange(pointer.size, dtype=pointer.dtype))
    counts = np.bincount(sink, minlength=pointer.size)[minima]
    return minima, counts


def two_coalition_pointer(weights: np.ndarray, tolerance: float, chunk_bits: int = 12):
    """Steepest-descent successor of every two-coalition configuration.

    Args:
        weights: pair weights ``w``, shape ``(n, n)``, n >= 1.
        tolerance: tie and improvement tolerance (see ``best_switch``).
        chunk_bits: configurations are processed ``2**chunk_bits`` at a time.

    Returns:
        ``pointer`` of length ``2**(n-1)``: the configuration code after the steepest
        switch, or the code itself when no switch improves.
    """
    n = weights.shape[0]
    bits = n - 1
    total = 1 << bits
    index_type = np.int32 if total < 2**31 else np.int64
    low = min(bits, chunk_bits)
    high = bits - low
    low_codes = np.arange(1 << low, dtype=index_type)
    low_sigma = 1.0 - 2.0 * ((low_codes[:, None] >> np.arange(low)) & 1)
    low_field = low_sigma @ weights[1 : low + 1, :]  # (2**low, n)
    # spins of one chunk: actor 0 is +1, low actors vary by row, high actors are set per chunk
    sigma = np.ones((1 << low, n))
    sigma[:, 1 : low + 1] = low_sigma
    flip = np.empty(n, dtype=index_type)
    flip[0] = total - 1  # switching actor 0 is the complement, relabelled
    flip[1:] = (1 << np.arange(bits)).astype(index_type)
    half_tolerance = tolerance / 2.0  # half-deltas sigma_k h_k are compared below
    pointer = np.empty(total, dtype=index_type)
    high_shift = np.arange(high)
    for chunk in range(1 << high):
        high_sigma = 1.0 - 2.0 * ((chunk >> high_shift) & 1)
        sigma[:, low + 1 :] = high_sigma
        half_delta = low_field + (weights[0, :] + high_sigma @ weights[low + 1 :, :])
        half_delta *= sigma
        improves, move = best_switch(half_delta, half_tolerance)
        codes = low_codes + index_type(chunk << low)
        pointer[chunk << low : (chunk + 1) << low] = np.where(improves, codes ^ flip[move], codes)
    return pointer


def solve_two_coalitions(weights: np.ndarray, tolerance: float) -> ExactLandscape:
    """Exact local minima and basins for two coalitions (all ``2**(n-1)`` configurations)."""
    n = weights.shape[0]
    pointer = two_coalition_pointer(weights, tolerance)
    minima, counts = _minima_from_pointer(pointer)
    labels = np.zeros((minima.size, n), dtype=np.int8)
    labels[:, 1:] = (minima[:, None] >> np.arange(n - 1)) & 1
    return ExactLandscape(labels=labels, basin_count=counts, n_configurations=pointer.size)


def enumerate_canonical(n: int, coalitions: int) -> np.ndarray:
    """All canonical labellings of n actors into at most K coalitions, lexicographically.

    Returns:
        ``int8`` array of shape ``(count_canonical(n, K), n)``.
    """
    labels = np.zeros((1, 1), dtype=np.int8)
    used = np.ones(1, dtype=np.int8)  # number of coalitions used so far
    for _ in range(1, n):
        choices = np.minimum(used + 1, coalitions).astype(np.intp)
        parent = np.repeat(np.arange(labels.shape[0]), choices)
        start = np.repeat(np.cumsum(choices) - choices, choices)
        new_label = (np.arange(parent.size) - start).astype(np.int8)
        labels = np.concatenate([labels[parent], new_label[:, None]], axis=1)
        used = np.maximum(used[parent], new_label + 1).astype(np.int8)
    return labels


def label_codes(labels: np.ndarray, coalitions: int) -> np.ndarray:
    """Base-K integer code of labellings (actor 0 most significant)."""
    n = labels.shape[-1]
    place = coalitions ** np.arange(n - 1, -1, -1, dtype=np.int64)
    return labels.astype(np.int64) @ place


def solve_many_coalitions(
    weights: np.ndarray, coalitions: int, tolerance: float, chunk_rows: int = 1 << 14
) -> ExactLandscape:
    """Exact local minima and basins with up to K coalitions (canonical K-colourings)."""
    n = weights.shape[0]
    configurations = enumerate_canonical(n, coalitions)
    codes = label_codes(configurations, coalitions)
    total = configurations.shape[0]
    pointer = np.arange(total, dtype=np.int64)
    for start in range(0, total, chunk_rows):
        rows = configurations[start : start + chunk_rows]
        deltas = switch_deltas(rows, weights, coalitions).reshape(rows.shape[0], -1)
        improves, move = best_switch(deltas, tolerance)
        moved = rows[improves].copy()
        move = move[improves]
        moved[np.arange(moved.shape[0]), move // coalitions] = move % coalitions
        target = np.searchsorted(
            codes, label_codes(canonical_labels(moved, coalitions), coalitions)
        )
        pointer[start + np.flatnonzero(improves)] = target
    minima, counts = _minima_from_pointer(pointer)
    return ExactLandscape(labels=configurations[minima], basin_count=counts, n_configurations=total)
