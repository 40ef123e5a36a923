"""Common threat: shared exposure to dangers and shared hostility toward strong third parties."""

from __future__ import annotations

import numpy as np

from alignsim.dynamics._arrays import others_capability, safe_divide, zero_diagonal
from alignsim.dynamics.registry import Parameter, register


def shared_exposure(exposure: np.ndarray) -> np.ndarray:
    """Chance that i and j face at least one common threat source, in [0, 1].

    A noisy-or over threat sources: ``1 - prod_s (1 - H_is H_js)``. Adding a source
    nobody is exposed to changes nothing.

    Args:
        exposure: ``(..., n, m)`` exposures in [0, 1] (``m`` may be 0).

    Returns:
        ``(..., n, n)`` with a zero diagonal.
    """
    joint = exposure[..., :, None, :] * exposure[..., None, :, :]
    return zero_diagonal(1.0 - np.prod(1.0 - joint, axis=-1))


def shared_hostility(alignment: np.ndarray, capability: np.ndarray) -> np.ndarray:
    """Capability-weighted threat from third parties hostile to both i and j, in [0, 1].

    With ``threat_i(m) = c_m max(0, -A_im)`` (Walt 1987), the shared part is
    ``sum_{m != i,j} c_m h_im h_jm / sum_{m != i,j} c_m`` where ``h = max(0, -A)``.

    Args:
        alignment: ``(..., n, n)`` in [-1, 1].
        capability: ``(..., n)`` positive.

    Returns:
        ``(..., n, n)`` with a zero diagonal.
    """
    hostility = np.maximum(0.0, -zero_diagonal(alignment))
    joint = (hostility * capability[..., None, :]) @ np.swapaxes(hostility, -1, -2)
    return zero_diagonal(safe_divide(joint, others_capability(capability)))


@register(
    "common_threat",
    kind="term",
    reference="Walt 1987 (balance of threat)",
    parameters=(Parameter("weight", 0.2, 0.0, None, "weight in the desired alignment"),),
    inputs=("alignment", "capability", "exposure"),
)
def common_threat(
    alignment: np.ndarray, capability: np.ndarray, exposure: np.ndarray
) -> np.ndarray:
    """Common threat as a noisy-or of shared exposure and shared hostility, in [0, 1].

    States align against threats rather than against power alone (Walt 1987, *The Origins
    of Alliances*): ``T = 1 - (1 - shared_exposure) (1 - shared_hostility)``.

    Args:
        alignment: ``(..., n, n)`` in [-1, 1].
        capability: ``(..., n)`` positive.
        exposure: ``(..., n, m)`` exposure to non-actor threat sources, in [0, 1].

    Returns:
        ``(..., n, n)`` symmetric, zero diagonal.
    """
    from_sources = shared_exposure(exposure)
    from_rivals = shared_hostility(alignment, capability)
    return 1.0 - (1.0 - from_sources) * (1.0 - from_rivals)
