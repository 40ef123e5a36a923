"""The Mesa model: a thin orchestrator around the pure dynamics functions."""

from __future__ import annotations

from typing import Any

import mesa
import numpy as np

from alignsim.dynamics.adjustment import symmetric_normal
from alignsim.dynamics.step import State
from alignsim.simulation.compiled import Compiled, compile_scenario
from alignsim.simulation.transition import no_events_fired, transition


class StateAgent(mesa.Agent):
    """A state (or other player): a view of its row in the model's arrays.

    Agents hold no copy of the state: every property reads the model's current arrays,
    so the vectorised step and the agents can never disagree.
    """

    def __init__(self, model: AlignmentModel, index: int, actor_id: str, name: str):
        super().__init__(model)
        self.index = index
        self.actor_id = actor_id
        self.name = name

    @property
    def capability(self) -> float:
        """Current capability."""
        return float(self.model.state.capability[self.index])

    @property
    def positions(self) -> dict[str, float]:
        """Current issue positions on each issue's own scale."""
        compiled = self.model.compiled
        values = compiled.to_scale(self.model.state.positions[self.index])
        return dict(zip(compiled.issues, values.tolist(), strict=True))

    @property
    def alignments(self) -> dict[str, float]:
        """Current alignment with every other actor."""
        row = self.model.state.alignment[self.index]
        ids = self.model.compiled.actors
        return {ids[j]: float(row[j]) for j in range(len(ids)) if j != self.index}

    def __repr__(self) -> str:
        return f"StateAgent({self.actor_id!r})"


class AlignmentModel(mesa.Model):
    """Alignment dynamics among states under a scenario.

    Each step draws one symmetric noise matrix from the model's generator (only when noise
    is on) and takes :func:`alignsim.simulation.transition.transition`: the step's scheduled and
    conditional events, then :func:`alignsim.dynamics.step.advance`. The history of every
    step is kept as arrays; ``fired_at`` records when conditional events fired.

    Args:
        scenario: A validated scenario or its :class:`~alignsim.simulation.compiled.Compiled` form.
        rng: Seed or generator (Mesa's ``rng=``); the only source of randomness.
    """

    def __init__(self, scenario: Any, rng: Any = None):
        super().__init__(rng=rng)
        self.compiled: Compiled = (
            scenario if isinstance(scenario, Compiled) else compile_scenario(scenario)
        )
        self.state: State = self.compiled.initial.copy()
        for index, (actor_id, name) in enumerate(
            zip(self.compiled.actors, self.compiled.actor_names, strict=True)
        ):
            StateAgent(self, index, actor_id, name)
        self.history: list[State] = [self.state]
        self.fired = no_events_fired(self.compiled)
        self.fired_at: dict[str, int] = {}

    def agent(self, actor_id: str) -> StateAgent:
        """The agent of an actor id."""
        return next(a for a in self.agents if a.actor_id == actor_id)

    def step(self) -> None:
        """Advance one step (Mesa increments ``self.steps`` before calling this)."""
        before = self.fired
        epsilon = 0.0
        if self.compiled.rules.noise > 0:
            epsilon = symmetric_normal(self.rng, len(self.compiled.actors))
        self.state, self.fired = transition(
            self.compiled, self.state, self.steps, self.fired, epsilon
        )
        for index in np.flatnonzero(self.fired & ~before):
            self.fired_at[self.compiled.conditional[index].id] = self.steps
        self.history.append(self.state)

    def run(self, steps: int | None = None) -> AlignmentModel:
        """Run ``steps`` steps (default: to the end of the scenario's calendar)."""
        for _ in range(self.compiled.steps if steps is None else steps):
            self.step()
        return self

    def stacked_history(self) -> State:
        """History as one State whose arrays have a leading ``(steps + 1)`` axis."""
        return State.stack(self.history)
