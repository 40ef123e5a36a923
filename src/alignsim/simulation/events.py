"""Scheduled and conditional shocks: compiled event effects and how they change a step.

Effects may carry a mask over the batch axes (``None`` means every run): a conditional
event fires in some runs of a batch and not in others.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from alignsim.dynamics.step import State
from alignsim.simulation.conditions import Node, evaluate, truth

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
    (alignment, economic tie) are applied to both ``(i, j)`` and ``(j, i)``. ``permanent``
    is the share of an alignment change that also moves the pair's baseline (0 under
    preset ``v1``); a position change moves the actor's anchor too.
    """

    target: str
    index: tuple[int, ...]
    op: str
    value: float
    permanent: float = 0.0


@dataclass(frozen=True)
class ScheduledEvent:
    """An event on the calendar (``step``) or waiting for its ``condition``.

    ``date`` is the event's own date (``at``); ``step`` the step whose state first shows it.
    """

    id: str
    label: str
    step: int | None
    effects: tuple[Effect, ...]
    condition: Node | None = None
    when: str = ""
    date: datetime.date | None = None


Masked = list[tuple[Effect, np.ndarray | None]]


def _cells(effect: Effect) -> list[tuple[int, ...]]:
    if effect.target in ("alignment", "economic_tie"):
        i, j = effect.index
        return [(i, j), (j, i)]
    return [effect.index]


def _masked(effects: list[Effect] | Masked) -> Masked:
    return [e if isinstance(e, tuple) else (e, None) for e in effects]


def apply_inputs(state: State, effects: list[Effect] | Masked) -> tuple[State, np.ndarray]:
    """Apply the effects that change the dynamics' inputs; collect alignment shifts.

    Args:
        state: State before the step (arrays may be batched).
        effects: This step's effects in scenario order, each optionally with a boolean
            mask over the batch axes.

    Returns:
        The changed state (alignment untouched) and the ``(..., n, n)`` alignment shocks.
    """
    arrays = {}
    shocks = np.zeros_like(state.alignment)
    for effect, mask in _masked(effects):
        if effect.target == "alignment":
            if effect.op == "shift":
                amount = effect.value if mask is None else effect.value * mask
                for cell in _cells(effect):
                    shocks[(..., *cell)] += amount
                if effect.permanent:
                    baseline = arrays.setdefault("baseline", np.array(state.baseline))
                    for cell in _cells(effect):
                        old = baseline[(..., *cell)]
                        baseline[(..., *cell)] = np.clip(old + effect.permanent * amount, -1, 1)
            continue
        name, low, high = FIELD_OF[effect.target]
        names = (name, "anchor") if name == "positions" else (name,)
        for changed in names:
            array = arrays.setdefault(changed, np.array(getattr(state, changed)))
            for cell in _cells(effect):
                old = array[(..., *cell)]
                new = np.clip(
                    old + effect.value if effect.op == "shift" else effect.value, low, high
                )
                array[(..., *cell)] = new if mask is None else np.where(mask, new, old)
    return replace(state, **arrays), shocks


def apply_alignment_sets(state: State, effects: list[Effect] | Masked) -> State:
    """Fix alignments that this step's events ``set`` (after the dynamics moved them).

    The pair's baseline moves ``permanent`` of the way to the value set.
    """
    sets = [(e, m) for e, m in _masked(effects) if e.target == "alignment" and e.op == "set"]
    if not sets:
        return state
    alignment = np.array(state.alignment)
    baseline = np.array(state.baseline)
    for effect, mask in sets:
        for cell in _cells(effect):
            old = alignment[(..., *cell)]
            alignment[(..., *cell)] = (
                effect.value if mask is None else np.where(mask, effect.value, old)
            )
            if effect.permanent:
                old = baseline[(..., *cell)]
                new = old + effect.permanent * (effect.value - old)
                baseline[(..., *cell)] = new if mask is None else np.where(mask, new, old)
    return replace(state, alignment=alignment, baseline=baseline)


def apply_at_start(state: State, effects: list[Effect]) -> State:
    """The starting state changed by the events dated at the start (applied before step 1).

    Shifts and sets act as in a step, without the dynamics; the ``baseline`` (the
    relations' history) keeps the values from before these events.
    """
    if not effects:
        return state
    state, shocks = apply_inputs(state, effects)
    state = replace(state, alignment=np.clip(state.alignment + shocks, -1.0, 1.0))
    return apply_alignment_sets(state, effects)


def condition_lookup(compiled: Any, state: State, step: int) -> Any:
    """The function values a condition reads, from a (possibly batched) state."""
    actor = {a: i for i, a in enumerate(compiled.actors)}
    issue = {k: i for i, k in enumerate(compiled.issues)}
    threat = {t: i for i, t in enumerate(compiled.threats)}

    def lookup(name: str, args: tuple[str, ...]) -> Any:
        if name == "step":
            return step
        if name == "cohesion":
            from alignsim.analysis.indices import cohesion

            return cohesion(state.alignment, compiled.groups[args[0]])
        if name == "capability":
            return state.capability[..., actor[args[0]]]
        if name in ("alignment", "tie"):
            array = state.alignment if name == "alignment" else state.ties
            return array[..., actor[args[0]], actor[args[1]]]
        if name == "exposure":
            return state.exposure[..., actor[args[0]], threat[args[1]]]
        k = issue[args[1]]
        if name == "salience":
            return state.salience[..., actor[args[0]], k]
        low, high = compiled.scales[k]
        return low + (state.positions[..., actor[args[0]], k] + 1.0) * (high - low) / 2.0

    return lookup


def due_effects(
    compiled: Any, state: State, step: int, fired: np.ndarray
) -> tuple[Masked, np.ndarray]:
    """Effects due at ``step``: scheduled ones, and conditional ones whose condition holds.

    Args:
        compiled: The compiled scenario.
        state: State at the start of the step (conditions read it).
        step: The step being computed (1 for the first).
        fired: ``(events, ...batch)`` whether each conditional event has already fired.

    Returns:
        The masked effects in scenario order (scheduled first) and the updated ``fired``.
    """
    effects: Masked = [(e, None) for e in compiled.effects_at(step)]
    if not compiled.conditional:
        return effects, fired
    lookup = condition_lookup(compiled, state, step)
    fired = np.array(fired)
    batch = state.alignment.shape[:-2]
    for index, event in enumerate(compiled.conditional):
        holds = np.broadcast_to(truth(evaluate(event.condition, lookup)), batch)
        now = holds & ~fired[index]
        if now.any():
            effects += [(e, now if batch else None) for e in event.effects]
            fired[index] |= now
    return effects, fired
