"""Stable coalitions of the landscape model: global minimum, local minima, basins, frustration.

Landscape theory (Axelrod & Bennett 1993, "A landscape theory of aggregation", *British
Journal of Political Science* 23(2), 211-233) places n actors of sizes ``s`` with symmetric
pairwise propensities ``p`` into coalitions. The energy of a configuration P is

    E(P) = sum over ORDERED pairs i != j of  s_i s_j p_ij d_ij(P),

with ``d_ij = 1`` when i and j are in different coalitions and 0 otherwise (so every
unordered pair counts twice, as in Axelrod & Bennett's note 2). Positive propensity means
the pair wants to be together. The diagonal of ``p`` is ignored. Propensities may be given
on a user scale with an ``offset``: ``p = raw - offset`` (the classic 1..5 scale with 3 as
neutral uses ``offset=3``).

Actor i's *frustration* is Axelrod & Bennett's ``F_i(P) = sum_{j != i} s_j p_ij d_ij(P)``
(so ``E = sum_i s_i F_i``). Switching actor k changes the energy by ``2 s_k`` times the
change of ``F_k``; hence, with positive sizes, the configurations in which no single actor
can lower the energy by switching (the local minima) are exactly the pure Nash equilibria
of the alignment game with payoffs ``-F_i``, whose potential is ``-E``. Results report the
frustrations at every local minimum; ``global_frustration`` gives them at the global one.

Configurations that differ only by renaming coalitions are the same configuration; labels
are canonical (coalitions numbered in order of first appearance, actor 0 in coalition 0).
With ``coalitions=K > 2`` actors may be split into up to K coalitions, following Florian &
Galam (2000), "Optimizing conflicts in the formation of strategic alliances", *European
Physical Journal B* 16, 189-194; a switch may then move an actor into any other coalition,
including a new (empty) one.

Basins and tie-breaking: from every configuration, steepest descent takes the single switch
that lowers the energy most; switches whose energy change is within the tolerance
(``1e-9`` times ``sum |s_i s_j p_ij|``) of the best are tied and the tie goes to the lowest
actor index, then to the lowest target coalition in the current canonical labels. Descent
stops when no switch lowers the energy by more than the tolerance; such a configuration is
a (possibly weak) local minimum. The basin share of a minimum is the share of all canonical
configurations whose descent ends there.

Exact enumeration (no Python loop per configuration) covers up to ``2**23`` configurations
for two coalitions (n <= 24) and ``2**22`` for more (n <= 15 with K = 3, n <= 13 with
K = 4, n <= 12 with K = 5); beyond, or with ``method="heuristic"``, a seeded multi-start
steepest descent estimates minima and basins.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from alignsim.games.landscape_energy import (
    configuration_energy,
    energy_tolerance,
    frustration,
    pair_weights,
)
from alignsim.games.landscape_exact import (
    EXACT_LIMIT_MANY,
    EXACT_LIMIT_TWO,
    count_canonical,
    solve_many_coalitions,
    solve_two_coalitions,
)
from alignsim.games.landscape_result import LandscapeResult, read_only
from alignsim.games.landscape_search import energy_lower_bound, multistart_search

__all__ = ["FRUSTRATION_MEANING", "LandscapeResult", "prepare_inputs", "solve"]

#: what a printed frustration means, shown under every frustration table
FRUSTRATION_MEANING = (
    "Frustration F_i = sum of s_j p_ij over the actors j outside i's coalition "
    "(Axelrod & Bennett 1993); energy E = sum_i s_i F_i (each pair counted in both orders). "
    "0 is where everyone stands together. Negative: the actors i is kept apart from are, "
    "weighted by size, more hostile than friendly to it, so the split suits i; positive: "
    "i is kept apart from friends. At a stable configuration no actor can lower its own "
    "frustration by switching sides."
)

Method = Literal["auto", "exact", "heuristic"]


def _by_chunks(function: Any, labels: np.ndarray, *args: Any, rows: int = 4096) -> np.ndarray:
    """Apply a row-wise function in chunks, bounding its ``(rows, n, n)`` temporaries."""
    if labels.shape[0] <= rows:
        return function(labels, *args)
    return np.concatenate(
        [function(labels[i : i + rows], *args) for i in range(0, len(labels), rows)]
    )


def prepare_inputs(
    sizes: Any, propensity: Any, names: Any = None, offset: float = 0.0
) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Validate inputs; return sizes, propensity ``raw - offset`` with zero diagonal, names.

    Raises:
        ValueError: on non-finite, non-positive sizes, a non-square or non-symmetric
            matrix (tolerance ``1e-9`` relative), or names of the wrong length or repeated.
    """
    sizes = np.asarray(sizes, dtype=np.float64)
    raw = np.asarray(propensity, dtype=np.float64)
    if sizes.ndim != 1 or sizes.size == 0:
        raise ValueError("sizes must be a non-empty one-dimensional array")
    n = sizes.size
    if not np.all(np.isfinite(sizes)) or np.any(sizes <= 0):
        raise ValueError("sizes must be finite and positive")
    if raw.shape != (n, n):
        raise ValueError(f"propensity must be a {n}x{n} matrix, got shape {raw.shape}")
    off_diagonal = ~np.eye(n, dtype=bool)
    if not np.all(np.isfinite(raw[off_diagonal])):
        raise ValueError("propensities must be finite")
    if not np.isfinite(offset):
        raise ValueError(f"offset must be a finite number, got {offset}")
    p = np.where(off_diagonal, raw - float(offset), 0.0)
    with np.errstate(over="ignore", invalid="ignore"):
        weights = sizes[:, None] * sizes[None, :] * p
        total = np.abs(weights).sum()
    if not np.isfinite(total):
        raise ValueError("sizes and propensities are too large: the energy overflows")
    if not np.allclose(p, p.T, rtol=1e-9, atol=1e-12):
        raise ValueError("propensity matrix must be symmetric")
    p = (p + p.T) / 2.0
    names = tuple(f"A{i}" for i in range(n)) if names is None else tuple(map(str, names))
    if len(names) != n or len(set(names)) != n:
        raise ValueError(f"names must be {n} distinct strings")
    return sizes, p, names


def solve(
    sizes: Any,
    propensity: Any,
    names: Any = None,
    coalitions: int = 2,
    method: Method = "auto",
    offset: float = 0.0,
    *,
    seed: int | np.random.Generator = 0,
    starts: int = 2000,
    max_exact_configurations: int | None = None,
    warm: Any = None,
) -> LandscapeResult:
    """Find the stable configurations of a landscape (Axelrod & Bennett 1993).

    See the module docstring for the energy, frustration, canonical labels, tie rule and
    exact limits; K > 2 coalitions follow Florian & Galam (2000).

    Args:
        sizes: actor sizes, shape ``(n,)``, positive.
        propensity: symmetric propensities on the user's scale, shape ``(n, n)``.
        names: actor names (default ``A0, A1, ...``).
        coalitions: largest number of coalitions K (>= 2).
        method: ``"exact"`` enumerates every configuration, ``"heuristic"`` runs the
            multi-start search, ``"auto"`` is exact when the landscape fits the limit.
        offset: subtracted from the propensities (3 for the classic 1..5 scale).
        seed: integer seed or numpy Generator for the heuristic's random starts.
        starts: number of heuristic starts.
        max_exact_configurations: exact limit on canonical configurations (default
            ``2**23`` for K = 2, ``2**22`` otherwise).
        warm: heuristic only: extra starting configurations ``(m, n)`` (labels below K),
            such as the previous step's minimum; they count among the starts.

    Returns:
        A :class:`LandscapeResult`.

    Raises:
        ValueError: on invalid inputs, or ``method="exact"`` beyond the limit.
    """
    sizes, p, names = prepare_inputs(sizes, propensity, names, offset)
    if not isinstance(coalitions, int | np.integer) or coalitions < 2:
        raise ValueError("coalitions must be an integer >= 2")
    coalitions = int(coalitions)
    if method not in ("auto", "exact", "heuristic"):
        raise ValueError("method must be 'auto', 'exact' or 'heuristic'")
    n = sizes.size
    total = count_canonical(n, coalitions)
    limit = max_exact_configurations or (EXACT_LIMIT_TWO if coalitions == 2 else EXACT_LIMIT_MANY)
    if method == "exact" and total > limit:
        raise ValueError(
            f"{total} configurations exceed the exact limit of {limit}; "
            "use method='heuristic' or raise max_exact_configurations"
        )
    weights = pair_weights(sizes, p)
    tolerance = energy_tolerance(weights)
    exact = method == "exact" or (method == "auto" and total <= limit)
    n_starts = used_seed = None
    if exact:
        if coalitions == 2:
            found = solve_two_coalitions(weights, tolerance)
        else:
            found = solve_many_coalitions(weights, coalitions, tolerance)
        denominator = total
    else:
        if starts < 1:
            raise ValueError("starts must be at least 1")
        used_seed = int(seed) if isinstance(seed, int | np.integer) else None
        rng = np.random.default_rng(seed)
        warm_starts = None if warm is None else np.atleast_2d(np.asarray(warm, dtype=np.int8))
        found = multistart_search(weights, coalitions, tolerance, starts, rng, warm=warm_starts)
        denominator = n_starts = starts + (0 if warm_starts is None else len(warm_starts))
    energy = _by_chunks(configuration_energy, found.labels, weights)
    order = np.lexsort((*found.labels.T[::-1], energy))
    labels, energy = found.labels[order], energy[order]
    lower_bound = (
        float(energy[0]) if exact else energy_lower_bound(weights, coalitions, float(energy[0]))
    )
    return LandscapeResult(
        names=names,
        sizes=read_only(sizes),
        propensity=read_only(p),
        coalitions=coalitions,
        method="exact" if exact else "heuristic",
        labels=read_only(labels),
        energy=read_only(energy),
        basin_count=read_only(found.basin_count[order]),
        basin_share=read_only(found.basin_count[order] / denominator),
        frustration=read_only(_by_chunks(frustration, labels, sizes, p)),
        is_global=read_only(energy <= energy[0] + tolerance),
        n_configurations=total,
        n_starts=n_starts,
        seed=used_seed,
        energy_lower_bound=min(lower_bound, float(energy[0])),
        tolerance=tolerance,
    )
