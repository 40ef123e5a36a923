"""Energy, frustration and single-actor switches of landscape configurations.

Pure numpy functions shared by the exact and the heuristic solvers of
:mod:`alignsim.games.landscape`. The model is the landscape theory of Axelrod & Bennett
(1993), "A landscape theory of aggregation", *British Journal of Political Science* 23(2),
211-233, extended to K coalitions as in Florian & Galam (2000), "Optimizing conflicts in
the formation of strategic alliances", *European Physical Journal B* 16, 189-194.

A *configuration* of n actors into at most K coalitions is an integer label array of
shape ``(..., n)`` with values in ``0..K-1``. Two label arrays that differ only by a
renaming of the coalitions are the same configuration; the *canonical* labels number the
coalitions in order of first appearance (actor 0 is always in coalition 0, the first
actor outside it opens coalition 1, and so on).

Conventions used throughout (all documented in :func:`alignsim.games.landscape.solve`):

* pair weights ``w_ij = s_i s_j p_ij`` with a zero diagonal;
* energy ``E = sum over ordered pairs i != j of w_ij d_ij``, ``d_ij = 1`` when i and j are
  in different coalitions, else 0;
* a switch moves one actor into another coalition (an existing one or a new one); its
  energy change is ``2 * s_k * (change of actor k's frustration)``;
* steepest descent takes the switch with the most negative energy change; moves whose
  change is within ``tolerance`` of the best are tied and the tie goes to the lowest actor
  index, then to the lowest target coalition label of the current canonical labelling;
  descent stops when no switch lowers the energy by more than ``tolerance``.
"""

from __future__ import annotations

import numpy as np

#: relative size of the tolerance below which energy differences count as ties
RELATIVE_TOLERANCE = 1e-9


def pair_weights(sizes: np.ndarray, propensity: np.ndarray) -> np.ndarray:
    """Return the pair weights ``w_ij = s_i s_j p_ij`` with a zero diagonal.

    Args:
        sizes: actor sizes ``s``, shape ``(n,)``.
        propensity: symmetric propensity matrix ``p``, shape ``(n, n)``.

    Returns:
        The symmetric weight matrix, shape ``(n, n)``.
    """
    weights = np.outer(sizes, sizes) * propensity
    np.fill_diagonal(weights, 0.0)
    return weights


def energy_tolerance(weights: np.ndarray) -> float:
    """Return the absolute tolerance under which two energies are treated as equal.

    It is ``RELATIVE_TOLERANCE`` times the total absolute weight, so it scales with the
    units of sizes and propensities and is zero only when every weight is zero.
    """
    return float(RELATIVE_TOLERANCE * np.abs(weights).sum())


def canonical_labels(labels: np.ndarray, coalitions: int) -> np.ndarray:
    """Renumber coalitions in order of first appearance.

    Args:
        labels: integer labels in ``0..coalitions-1``, shape ``(..., n)``.
        coalitions: the number K of available coalitions.

    Returns:
        Canonical labels (``int8``), same shape; invariant under any renaming of the input
        labels.
    """
    labels = np.asarray(labels)
    n = labels.shape[-1]
    flat = labels.reshape(-1, n).astype(np.intp, copy=False)
    present = flat[:, :, None] == np.arange(coalitions)
    first_seen = np.where(present.any(axis=1), present.argmax(axis=1), n)
    order = np.argsort(first_seen, axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(coalitions)[None, :], axis=1)
    return np.take_along_axis(rank, flat, axis=1).astype(np.int8).reshape(labels.shape)


def configuration_energy(labels: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Energy ``sum_{i != j} w_ij d_ij`` of one or many configurations.

    Args:
        labels: coalition labels, shape ``(..., n)``.
        weights: pair weights from :func:`pair_weights`, shape ``(n, n)``.

    Returns:
        Energies, shape ``labels.shape[:-1]``.
    """
    labels = np.asarray(labels)
    apart = labels[..., :, None] != labels[..., None, :]
    return np.where(apart, weights, 0.0).sum(axis=(-2, -1))


def frustration(labels: np.ndarray, sizes: np.ndarray, propensity: np.ndarray) -> np.ndarray:
    """Each actor's frustration ``F_i = sum_{j != i} s_j p_ij d_ij`` (Axelrod & Bennett 1993).

    The energy is ``E = sum_i s_i F_i``.

    Args:
        labels: coalition labels, shape ``(..., n)``.
        sizes: actor sizes, shape ``(n,)``.
        propensity: propensity matrix with zero diagonal, shape ``(n, n)``.

    Returns:
        Frustrations, shape ``(..., n)``.
    """
    labels = np.asarray(labels)
    apart = labels[..., :, None] != labels[..., None, :]
    return np.where(apart, propensity * sizes[None, :], 0.0).sum(axis=-1)


def switch_deltas(labels: np.ndarray, weights: np.ndarray, coalitions: int) -> np.ndarray:
    """Energy change of every single-actor switch, for a batch of configurations.

    Moving actor k from coalition a to coalition b changes the energy by
    ``2 * (M_ka - M_kb)`` with ``M_kc = sum_{j != k, label_j = c} w_kj``.

    Args:
        labels: coalition labels, shape ``(batch, n)``.
        weights: pair weights, shape ``(n, n)``.
        coalitions: the number K of available coalitions.

    Returns:
        Array of shape ``(batch, n, K)``; entry ``[b, k, c]`` is the energy change of
        moving actor k into coalition c, ``+inf`` where c is k's own coalition.
    """
    batch, n = labels.shape
    one_hot = labels[:, None, :] == np.arange(coalitions)[None, :, None]  # (batch, K, n)
    pull = (one_hot.reshape(batch * coalitions, n).astype(np.float64) @ weights).reshape(
        batch, coalitions, n
    )
    pull = pull.transpose(0, 2, 1)  # (batch, n, K): M_kc
    own = np.take_along_axis(pull, labels[:, :, None].astype(np.intp), axis=2)
    deltas = 2.0 * (own - pull)
    np.put_along_axis(deltas, labels[:, :, None].astype(np.intp), np.inf, axis=2)
    return deltas


def best_switch(deltas: np.ndarray, tolerance: float) -> tuple[np.ndarray, np.ndarray]:
    """Pick the steepest switch of each configuration with the documented tie rule.

    Args:
        deltas: energy changes, shape ``(batch, moves)``, moves ordered by priority
            (actor-major, then target coalition).
        tolerance: changes within this of the best are tied; a switch counts as an
            improvement only when it lowers the energy by more than this.

    Returns:
        ``(improves, move)``: whether some switch lowers the energy, and the index of the
        chosen switch (meaningful only where ``improves``).
    """
    lowest = deltas.min(axis=1)
    move = np.argmax(deltas <= (lowest + tolerance)[:, None], axis=1)
    return lowest < -tolerance, move


def steepest_descent(
    labels: np.ndarray, weights: np.ndarray, coalitions: int, tolerance: float
) -> np.ndarray:
    """Follow steepest single-switch descent from each configuration to its sink.

    Every step moves one actor (the steepest switch, ties to the lowest actor index and
    then the lowest target label) and re-canonicalises the labels. The energy falls by more
    than ``tolerance`` at every step, so each path ends, at a local minimum.

    Args:
        labels: starting configurations, shape ``(batch, n)``.
        weights: pair weights, shape ``(n, n)``.
        coalitions: the number K of available coalitions.
        tolerance: see :func:`best_switch`.

    Returns:
        Canonical labels of the sinks, shape ``(batch, n)``.
    """
    current = canonical_labels(np.atleast_2d(labels), coalitions)
    n = current.shape[1]
    active = np.arange(current.shape[0])
    while active.size:
        rows = current[active]
        deltas = switch_deltas(rows, weights, coalitions).reshape(active.size, n * coalitions)
        improves, move = best_switch(deltas, tolerance)
        active, move, rows = active[improves], move[improves], rows[improves]
        rows[np.arange(active.size), move // coalitions] = move % coalitions
        current[active] = canonical_labels(rows, coalitions)
    return current


def is_local_minimum(
    labels: np.ndarray, weights: np.ndarray, coalitions: int, tolerance: float
) -> np.ndarray:
    """Whether no single switch lowers the energy by more than ``tolerance``.

    These configurations are the pure Nash equilibria of the alignment game in which
    actor i's payoff is ``-F_i`` (positive sizes): a switch changes the energy by
    ``2 s_k`` times the change of the mover's frustration (Axelrod & Bennett 1993, note 2).
    """
    labels = np.atleast_2d(labels)
    deltas = switch_deltas(labels, weights, coalitions)
    return deltas.reshape(labels.shape[0], -1).min(axis=1) >= -tolerance
