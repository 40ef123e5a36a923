"""Error correction: each pair relaxes toward its own long-run level plus the drivers."""

from __future__ import annotations

import numpy as np

from alignsim.dynamics.registry import Parameter, register


@register(
    "error_correction",
    kind="baseline",
    reference=(
        "Engle & Granger 1987 (error correction); Harvey 1989 (local level); "
        "Diehl & Goertz 2000 (enduring rivalries)"
    ),
    parameters=(
        Parameter(
            "drift",
            0.02,
            0.0,
            1.0,
            "share of the gap between alignment and baseline the baseline closes per step",
        ),
        Parameter(
            "permanent",
            0.5,
            0.0,
            1.0,
            "share of an event's alignment change that moves the baseline (per event: permanent)",
        ),
    ),
)
def error_correction(
    baseline: np.ndarray,
    alignment: np.ndarray,
    consented: np.ndarray,
    start_drivers: np.ndarray,
    drift: float,
    permanent: float = 0.5,
) -> tuple[np.ndarray, np.ndarray]:
    """Target ``clip(mu + tau - tau0, -1, 1)`` and the baseline one step later.

    Relations are persistent: pair ``ij`` has a long-run level ``mu_ij`` (at the start, the
    initial alignment) and the alignment relaxes toward it plus the change of the
    consented signed drivers since the start, ``tau - tau0``, as an error-correction model
    (Engle & Granger 1987): the starting relations are taken to be the equilibrium of the
    starting drivers, as a dyad fixed effect would absorb them. The level moves slowly
    toward where the relation is (a local-level model, Harvey 1989):
    ``mu <- clip(mu + drift (A - mu), -1, 1)``. A pair whose drivers do not change stays at
    its level, so a rivalry persists (Diehl & Goertz 2000); a driver change sustained over
    many steps moves the level itself, and lasts after the driver is gone. Events move
    ``mu`` by their permanent share (applied with the events, see :mod:`alignsim.simulation.events`;
    ``permanent`` is the default share, read when the scenario is compiled).

    Args:
        baseline: ``(..., n, n)`` long-run levels ``mu``.
        alignment: ``(..., n, n)`` alignment at the start of the step.
        consented: ``(..., n, n)`` consented drivers ``tau``.
        start_drivers: ``(..., n, n)`` consented drivers at the start ``tau0``.
        drift: Share of the gap ``A - mu`` that ``mu`` closes per step.
        permanent: Default permanent share of event shocks (not used here).

    Returns:
        The target ``(..., n, n)`` and the new baseline ``(..., n, n)``.
    """
    target = np.clip(baseline + consented - start_drivers, -1.0, 1.0)
    moved = np.clip(baseline + drift * (alignment - baseline), -1.0, 1.0)
    return target, moved
