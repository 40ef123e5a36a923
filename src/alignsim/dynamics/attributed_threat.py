"""Attributed threat: shared dangers pull together, dangers blamed on the other push apart."""

from __future__ import annotations

import numpy as np

from alignsim.dynamics._arrays import zero_diagonal
from alignsim.dynamics.registry import Parameter, register


@register(
    "attributed_threat",
    kind="term",
    reference="Walt 1987 (balance of threat); Heider 1958 (attribution)",
    parameters=(Parameter("weight", 0.2, 0.0, None, "weight in the drivers"),),
    inputs=("exposure", "blame", "blamer"),
)
def attributed_threat(exposure: np.ndarray, blame: np.ndarray, blamer: np.ndarray) -> np.ndarray:
    """Shared exposure to unattributed threats minus exposure blamed on the other, in [-1, 1].

    With exposure ``H_is``, ``R_js = 1`` when j is held responsible for source s and
    ``Q_is = 1`` when i holds the responsible to account:
    ``T_ij = sum_s H_is H_js (1 - Q_is R_js)(1 - Q_js R_is) - sum_s H_is Q_is R_js``.
    States facing a common danger that neither blames on the other draw together (Walt 1987:
    alignment against threats), while a danger i attributes to j (Heider 1958) makes i
    hostile to j in proportion to i's exposure: India's exposure to militancy it blames on
    Pakistan sours India-Pakistan instead of warming it. The product expands into four
    matrix products over sources, plus one for the blame. Row i is i's view (not symmetric).

    Args:
        exposure: ``(..., n, m)`` in [0, 1].
        blame: ``(n, m)`` 1 where the actor is held responsible for the source.
        blamer: ``(n, m)`` 1 where the actor holds the responsible to account.

    Returns:
        ``(..., n, n)`` with a zero diagonal (0 when there are no sources).
    """
    t = np.swapaxes
    held = exposure * blamer
    blamed = exposure * blame
    both = held * blame
    shared = (
        exposure @ t(exposure, -1, -2)
        - held @ t(blamed, -1, -2)
        - blamed @ t(held, -1, -2)
        + both @ t(both, -1, -2)
    )
    hostility = held @ t(blame, -1, -2)
    return zero_diagonal(np.clip(shared - hostility, -1.0, 1.0))
