"""The fast engine's arrangements of the mechanisms that change every step.

Each kernel computes one actor-weighted term ``w_i T_ij`` (or the moved positions) of a
batch into buffers of a :class:`Workspace` that are reused from step to step, with the
element-wise work fused into few in-place passes and the per-scenario constants (shares
and reciprocals of capability, weights folded into them) cached. Each equals its mechanism
in :mod:`alignsim.dynamics` up to the order of floating-point operations (tested in
float64). They read the alignment with a zero diagonal (the engine's invariant: the caller
passes a zeroed copy otherwise) and in [-1, 1] (clipped by every update). The value of a
term's diagonal is left as it falls: the engine zeroes the diagonal of the weighted sum.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from alignsim.dynamics._arrays import others_capability, safe_divide
from alignsim.dynamics.influence import anchored_move
from alignsim.dynamics.signed_affinity import issue_spread
from alignsim.dynamics.threat import shared_exposure


class Workspace:
    """Buffers reused across the steps of one batch, and values cached on the identity of
    the arrays they were computed from (the engine never changes a state array in place,
    and the cache holds those arrays, so an identical object means an identical value)."""

    def __init__(self) -> None:
        self.buffers: dict[str, np.ndarray] = {}
        self.values: dict[str, tuple[list[Any], Any]] = {}
        self.spare: dict[str, list[np.ndarray]] = {}

    def fresh(self, name: str, like: np.ndarray) -> np.ndarray:
        """An array for a new state field that nothing else refers to any more.

        Arrays handed out before are reused once the only references left are this
        workspace's (CPython's reference count: a state, a kept history or a view of it
        holds one), which spares the operating system's page faults of a fresh allocation
        at every step; otherwise a new array is made (at most four are recycled).
        """
        spare = self.spare.setdefault(name, [])
        for array in spare:  # references: the list, this loop, getrefcount's argument
            free = sys.getrefcount(array) <= 3
            if free and array.shape == like.shape and array.dtype == like.dtype:
                return array
        array = np.empty_like(like)
        if len(spare) < 4:
            spare.append(array)
        return array

    def buffer(self, name: str, like: np.ndarray) -> np.ndarray:
        """A scratch array named ``name`` of ``like``'s shape and type (reused)."""
        found = self.buffers.get(name)
        if found is None or found.shape != like.shape or found.dtype != like.dtype:
            found = self.buffers[name] = np.empty(like.shape, like.dtype)
        return found

    def cached(self, name: str, inputs: Sequence[Any], compute: Callable[[], Any]) -> Any:
        """``compute()``, or its value of last time when ``inputs`` are the same objects."""
        seen = self.values.get(name)
        if seen is not None and _same_objects(seen[0], inputs):
            return seen[1]
        value = compute()
        self.values[name] = (list(inputs), value)
        return value

    def scaled(self, alignment: np.ndarray, capability: np.ndarray) -> np.ndarray:
        """``A_ij c_j`` (read by balance and by the positions), once per step."""
        return self.cached(
            "scaled",
            [alignment, capability],
            lambda: np.multiply(
                alignment, capability[..., None, :], out=self.buffer("scaled", alignment)
            ),
        )


def _same_objects(first: Sequence[Any], second: Sequence[Any]) -> bool:
    return len(first) == len(second) and all(a is b for a, b in zip(first, second, strict=True))


def _balance_paths(space: Workspace, a: np.ndarray, capability: np.ndarray) -> np.ndarray:
    """``sum_m A_im c_m A_mj`` into a buffer."""
    scaled = space.scaled(a, capability)
    return np.matmul(scaled, a, out=space.buffer("paths", a))


def _weight_over_others(
    space: Workspace, capability: np.ndarray, weights: np.ndarray, index: int
) -> np.ndarray:
    """``w_i / sum_{m != i,j} c_m`` (0 where no one else has capability), cached."""
    return space.cached(
        f"over_others{index}",
        [capability, weights],
        lambda: weights[..., :, index, None] * safe_divide(1.0, others_capability(capability)),
    )


def structural_balance(space, a, state, params, weights, index):
    """``w_i B_ij`` of :func:`alignsim.dynamics.balance.structural_balance`."""
    paths = _balance_paths(space, a, state.capability)
    ratio = _weight_over_others(space, state.capability, weights, index)
    return np.multiply(paths, ratio, out=paths)


def bounded_balance(space, a, state, params, weights, index):
    """``w_i (1 - A_ij^2) B_ij`` of :func:`alignsim.dynamics.balance.bounded_balance`."""
    paths = _balance_paths(space, a, state.capability)
    ratio = _weight_over_others(space, state.capability, weights, index)
    fade = np.multiply(a, a, out=space.buffer("fade", a))
    np.multiply(fade, ratio, out=fade)
    np.subtract(ratio, fade, out=fade)  # w (1 - A^2) / others
    return np.multiply(paths, fade, out=paths)


def coalition_threat(space, a, state, params, weights, index):
    """``w_i C_ij`` of :func:`alignsim.dynamics.coalition.coalition_threat` when every
    actor balances (``None`` otherwise: the engine calls the mechanism).

    With ``A`` in [-1, 1], ``min(A, 0) = -max(0, -A)`` and ``max(A, 0)`` are clips (the
    fastest pass), and negating is exact, so ``Theta`` is the mechanism's bit for bit.
    """
    if np.any(params.get("bandwagoning", 0.0)):
        return None
    capability = state.capability
    minus_share = space.cached(
        f"minus_share{index}",
        [capability],
        lambda: (-capability / capability.sum(-1, keepdims=True))[..., None, :],
    )
    friendly = np.clip(a, 0.0, 1.0, out=space.buffer("friendly", a))
    hostile = np.clip(a, -1.0, 0.0, out=space.buffer("hostile", a))  # minus the hostility
    theta = np.matmul(hostile, friendly, out=space.buffer("theta", a))
    theta += hostile
    np.clip(theta, -1.0, 0.0, out=theta)  # -min(1, h + h @ f)
    np.multiply(theta, minus_share, out=theta)
    zero_diagonal_in_place(theta)
    root = np.sqrt(theta, out=theta)
    shared = np.matmul(root, np.swapaxes(root, -1, -2), out=space.buffer("shared", a))
    return np.multiply(shared, weights[..., :, index, None], out=shared)


def signed_affinity(space, a, state, params, weights, index):
    """``w_i F_ij`` of :func:`alignsim.dynamics.signed_affinity.signed_affinity`, the three
    products of the observed disagreement joined into one over ``3k`` issues."""
    positions, salience = state.positions, state.salience
    root = np.sqrt(salience)
    rx = root * positions
    rx2 = rx * positions
    left = np.concatenate([rx2, root, rx], axis=-1)
    right = np.concatenate([root, rx2, -2.0 * rx], axis=-1)
    observed = np.matmul(left, np.swapaxes(right, -1, -2), out=space.buffer("observed", a))
    spread = issue_spread(positions, salience)[..., None, :]
    expected = np.matmul(root, np.swapaxes(root * spread, -1, -2), out=space.buffer("expected", a))
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(observed, expected, out=observed)
    np.subtract(1.0, observed, out=observed)
    np.clip(observed, -1.0, 1.0, out=observed)
    if expected.min() <= 1e-12:  # pairs with no common salient, disputed issue: 0
        np.copyto(observed, 0.0, where=expected <= 1e-12)
    return np.multiply(observed, weights[..., :, index, None], out=observed)


def interest_affinity(space, a, state, params, weights, index):
    """``w_i F_ij`` of :func:`alignsim.dynamics.affinity.interest_affinity` (``v1``): the
    salience weights' sum is one matrix product, and each issue adds
    ``sqrt(S_ik S_jk) |X_ik - X_jk|`` in four passes instead of ``(n, n, k)`` arrays."""
    positions, salience = state.positions, state.salience

    def pairs() -> np.ndarray:  # sqrt(S_ik S_jk), one contiguous (n, n) slice per issue
        root = np.sqrt(salience)
        return np.ascontiguousarray(
            np.moveaxis(root[..., :, None, :] * root[..., None, :, :], -1, -3)
        )

    weight = space.cached(f"affinity_pairs{index}", [salience], pairs)
    total = space.cached(f"affinity_total{index}", [weight], lambda: weight.sum(-3))
    ratio = space.cached(
        f"affinity_ratio{index}",
        [total, weights],
        lambda: weights[..., :, index, None] * safe_divide(1.0, total),
    )
    agreement = space.buffer("agreement", a)
    np.copyto(agreement, total)
    gap = space.buffer("gap", a)
    for k in range(positions.shape[-1]):
        np.subtract(positions[..., :, None, k], positions[..., None, :, k], out=gap)
        np.abs(gap, out=gap)
        np.multiply(gap, weight[..., k, :, :], out=gap)
        agreement -= gap
    return np.multiply(agreement, ratio, out=agreement)


def common_threat(space, a, state, params, weights, index):
    """``w_i T_ij`` of :func:`alignsim.dynamics.threat.common_threat` (``v1``):
    ``w (1 - (1 - E)(1 - H)) = w E' + w (1 - E) H`` with the exposure part cached and the
    shared hostility ``H`` one matrix product (``min(A, 0)`` twice: the signs cancel)."""
    capability, exposure = state.capability, state.exposure
    kept = space.cached(
        f"threat_kept{index}",
        [exposure, weights],
        lambda: weights[..., :, index, None] * (1.0 - shared_exposure(exposure)),
    )
    base = space.cached(f"threat_base{index}", [kept], lambda: weights[..., :, index, None] - kept)
    scale = space.cached(
        f"threat_scale{index}",
        [kept, capability],
        lambda: kept * safe_divide(1.0, others_capability(capability)),
    )
    hostile = np.clip(a, -1.0, 0.0, out=space.buffer("hostile", a))  # minus the hostility
    scaled = np.multiply(hostile, capability[..., None, :], out=space.buffer("threat", a))
    joint = np.matmul(scaled, np.swapaxes(hostile, -1, -2), out=space.buffer("joint", a))
    np.multiply(joint, scale, out=joint)
    joint += base
    return joint


#: mechanism name -> kernel ``(space, a, state, params, weights, index) -> w_i T_ij`` (or None)
TERM_KERNELS = {
    "structural_balance": structural_balance,
    "bounded_balance": bounded_balance,
    "coalition_threat": coalition_threat,
    "signed_affinity": signed_affinity,
    "interest_affinity": interest_affinity,
    "common_threat": common_threat,
}


def anchored_influence(space: Workspace, a: np.ndarray, state: Any, params: dict) -> np.ndarray:
    """:func:`alignsim.dynamics.influence.anchored_influence` reading ``A_ij c_j`` and its
    magnitude from the workspace."""
    signed = space.scaled(a, state.capability)
    magnitude = np.abs(signed, out=space.buffer("magnitude", a))
    return anchored_move(signed, magnitude, state.positions, state.salience, state.anchor, **params)


#: positions mechanism name -> kernel ``(space, a, state, params) -> new positions``
POSITION_KERNELS = {"anchored_influence": anchored_influence}


def zero_diagonal_in_place(matrix: np.ndarray) -> np.ndarray:
    """Set the last two axes' diagonal of ``matrix`` to 0 (in place) and return it."""
    n = matrix.shape[-1]
    matrix[..., np.arange(n), np.arange(n)] = 0.0
    return matrix
