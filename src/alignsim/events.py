"""Scheduled shocks: compiled event effects and how they change the state of a step."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from alignsim.dynamics.step import State

#: state field changed by each effect target, and the range its values are kept in
FIELD_OF = {
    "alignment": ("alignment", -1.0, 1.0),
    "position": ("positions", -1.0, 1.0),
    "salience": ("salience", 0.0, 1.0),
    "capability": ("capability", 1e-9, np.inf),
    "economic_tie": ("ties", 0.0, np.inf),
    "exposure": ("exposure", 0.0, 1.0),
}


@dataclass(frozen=True)
class Effect:
    """One compiled change: a state field, an index into it, ``shift`` or ``set``, a value.

    Values are in internal units (positions normalised to [-1, 1]). Pair targets
    (alignment, economic tie) are applied to both ``(i, j)`` and ``(j, i)``.
    """

    target: str
    index: tuple[int, ...]
    op: str
    value: float


@dataclass(frozen=True)
class ScheduledEvent:
    """An event placed on the calendar."""

    id: str
    label: str
    step: int
    effects: tuple[Effect, ...]


def _cells(effect: Effect) -> list[tuple[int, ...]]:
    if effect.target in ("alignment", "economic_tie"):
        i, j = effect.index
        return [(i, j), (j, i)]
    return [effect.index]


def apply_inputs(state: State, effects: list[Effect]) -> tuple[State, np.ndarray]:
    """Apply the effects that change the dynamics' inputs; collect alignment shifts.

    Args:
        state: State before the step (arrays may be batched).
        effects: This step's effects, in the order the scenario lists them.

    Returns:
        The changed state (alignment untouched) and the ``(..., n, n)`` alignment shocks.
    """
    arrays = {}
    shocks = np.zeros_like(state.alignment)
    for effect in effects:
        if effect.target == "alignment":
            if effect.op == "shift":
                for cell in _cells(effect):
                    shocks[(..., *cell)] += effect.value
            continue
        name, low, high = FIELD_OF[effect.target]
        array = arrays.setdefault(name, np.array(getattr(state, name)))
        for cell in _cells(effect):
            old = array[(..., *cell)]
            new = old + effect.value if effect.op == "shift" else effect.value
            array[(..., *cell)] = np.clip(new, low, high)
    return replace(state, **arrays), shocks


def apply_alignment_sets(state: State, effects: list[Effect]) -> State:
    """Fix alignments that this step's events ``set`` (after the dynamics moved them)."""
    sets = [e for e in effects if e.target == "alignment" and e.op == "set"]
    if not sets:
        return state
    alignment = np.array(state.alignment)
    for effect in sets:
        for cell in _cells(effect):
            alignment[(..., *cell)] = effect.value
    return replace(state, alignment=alignment)
