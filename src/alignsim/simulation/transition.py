"""One step of a run with its events: the single path both engines take."""

from __future__ import annotations

from typing import Any

import numpy as np

from alignsim.dynamics.step import State, advance
from alignsim.simulation.events import apply_alignment_sets, apply_inputs, due_effects


def no_events_fired(compiled: Any, batch: tuple[int, ...] = ()) -> np.ndarray:
    """The initial ``fired`` flags: no conditional event has fired in any run."""
    return np.zeros((len(compiled.conditional), *batch), dtype=bool)


def transition(
    compiled: Any,
    state: State,
    step: int,
    fired: np.ndarray,
    epsilon: np.ndarray | float = 0.0,
    advance_with: Any = None,
) -> tuple[State, np.ndarray]:
    """The state after ``step``: events of the step, then the dynamics, then alignment sets.

    Args:
        compiled: The compiled scenario.
        state: State at the start of the step (arrays may carry batch axes).
        step: The step being computed (1 for the first).
        fired: Conditional events already fired (see :func:`no_events_fired`).
        epsilon: Symmetric standard normal draws for the noise (ignored when noise is 0).
        advance_with: The dynamics' step, called as :func:`alignsim.dynamics.step.advance`
            (the fast engine passes its own, equal within rounding); default ``advance``.

    Returns:
        The new state and the updated ``fired`` flags.
    """
    effects, fired = due_effects(compiled, state, step, fired)
    state, shocks = apply_inputs(state, effects)
    state = (advance_with or advance)(state, compiled.rules, epsilon, shocks)
    return apply_alignment_sets(state, effects), fired
