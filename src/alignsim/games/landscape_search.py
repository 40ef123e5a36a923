"""Heuristic landscape search: multi-start steepest descent from uniform random starts.

For landscapes too large to enumerate (Axelrod & Bennett 1993, "A landscape theory of
aggregation", *British Journal of Political Science* 23(2); with K coalitions Florian &
Galam 2000, "Optimizing conflicts in the formation of strategic alliances", *Eur. Phys.
J. B* 16). Starting configurations are drawn uniformly from the canonical configurations
(the same population over which exact basins are shares), each start descends by the same
steepest-switch rule as the exact engine, and the share of starts ending at a minimum
estimates its basin. The search can miss minima with small basins; it reports how many
distinct minima it found and a lower bound on the global minimum energy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from alignsim.games.landscape_energy import steepest_descent


@dataclass(frozen=True)
class SearchLandscape:
    """Raw result of a multi-start search.

    Attributes:
        labels: canonical labels of the distinct minima reached, shape ``(m, n)``.
        basin_count: number of starts that ended at each minimum.
        n_starts: number of starts.
    """

    labels: np.ndarray
    basin_count: np.ndarray
    n_starts: int


def _completion_counts(n: int, coalitions: int) -> list[list[int]]:
    """``counts[t][m]``: ways to label actors t..n-1 when actors 0..t-1 use m coalitions."""
    counts = [[0] * (coalitions + 2) for _ in range(n + 1)]
    counts[n] = [1] * (coalitions + 1) + [0]
    for t in range(n - 1, 0, -1):
        for m in range(1, coalitions + 1):
            counts[t][m] = m * counts[t + 1][m] + (counts[t + 1][m + 1] if m < coalitions else 0)
    return counts


def sample_canonical(n: int, coalitions: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """Draw canonical configurations uniformly at random.

    Labels are drawn actor by actor: an existing coalition or a new one, each with the
    probability that matches the number of canonical completions it leaves.

    Returns:
        ``int8`` array of shape ``(size, n)``.
    """
    counts = _completion_counts(n, coalitions)
    labels = np.zeros((size, n), dtype=np.int8)
    used = np.ones(size, dtype=np.intp)
    for t in range(1, n):
        # probability of each existing coalition, given m coalitions used so far
        share = np.array(
            [counts[t + 1][m] / counts[t][m] if m else 0.0 for m in range(coalitions + 1)]
        )
        per_existing = share[used]
        uniform = rng.random(size)
        existing = np.minimum((uniform / np.where(per_existing > 0, per_existing, 1.0)), used - 1)
        choose_new = (uniform >= used * per_existing) & (used < coalitions)
        label = np.where(choose_new, used, existing.astype(np.intp))
        labels[:, t] = label
        used = np.maximum(used, label + 1)
    return labels


def multistart_search(
    weights: np.ndarray,
    coalitions: int,
    tolerance: float,
    starts: int,
    rng: np.random.Generator,
    batch: int = 4096,
    warm: np.ndarray | None = None,
) -> SearchLandscape:
    """Multi-start steepest descent from uniformly drawn canonical configurations, plus the
    given ``warm`` starts ``(m, n)`` (e.g. the previous step's minimum), counted as starts."""
    n = weights.shape[0]
    sinks = []
    if warm is not None and len(warm):
        sinks.append(steepest_descent(np.asarray(warm), weights, coalitions, tolerance))
    for first in range(0, starts, batch):
        initial = sample_canonical(n, coalitions, min(batch, starts - first), rng)
        sinks.append(steepest_descent(initial, weights, coalitions, tolerance))
    labels, counts = np.unique(np.concatenate(sinks), axis=0, return_counts=True)
    return SearchLandscape(labels=labels.astype(np.int8), basin_count=counts, n_starts=starts)


def energy_lower_bound(
    weights: np.ndarray, coalitions: int, best: float | None = None, iterations: int = 30
) -> float:
    """A lower bound on the global minimum energy, to state the heuristic's optimality gap.

    Always valid: ``sum_{i != j} min(w_ij, 0)`` (every hostile pair apart, no friendly pair
    apart). For two coalitions, with spins ``sigma in {-1, 1}^n`` and ``S = sum_{i != j} w_ij``,
    ``E = S/2 - sigma^T w sigma / 2``, and for any vector ``d``
    ``sigma^T w sigma <= n lambda_max(w - diag(d)) + sum(d)``: the eigenvalue bound of
    Delorme & Poljak (1993, "Laplacian eigenvalues and the maximum cut problem",
    *Mathematical Programming* 62), whose minimum over ``d`` equals the semidefinite
    relaxation of Goemans & Williamson (1995). ``d = 0`` is the plain spectral bound; then
    ``iterations`` projected-subgradient steps on ``d`` (Polyak steps aimed at ``best``, the
    best energy found, when given) tighten it, keeping the best bound met. The largest
    applicable bound is returned; it is usually not attained, so the stated gap is an upper
    bound on the true gap.
    """
    bound = float(np.minimum(weights, 0.0).sum())
    n = weights.shape[0]
    if coalitions != 2 or not n:
        return bound
    from scipy.linalg import eigh

    total = float(weights.sum())
    target = None if best is None else total - 2.0 * best  # sigma^T w sigma reached
    shift, lowest = np.zeros(n), np.inf
    for _ in range(max(iterations, 0) + 1):
        value, vector = eigh(weights - np.diag(shift), subset_by_index=[n - 1, n - 1])
        upper = n * float(value[0]) + float(shift.sum())
        lowest = min(lowest, upper)
        gradient = 1.0 - n * vector[:, 0] ** 2
        norm = float(gradient @ gradient)
        if norm < 1e-18:  # the bound is exact at this shift
            break
        aim = target if target is not None and target < upper else 0.99 * upper
        shift = shift - (upper - aim) / norm * gradient
    return max(bound, total / 2.0 - lowest / 2.0)
