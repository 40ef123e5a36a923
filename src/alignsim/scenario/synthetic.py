"""Random scenarios for tests, benchmarks and teaching (no source: they cite nothing)."""

from __future__ import annotations

from typing import Any

import numpy as np

from alignsim.scenario.schema import scenario_model


def random_scenario_dict(
    actors: int,
    issues: int = 4,
    threats: int = 1,
    steps: int = 20,
    seed: int = 0,
    noise: float = 0.02,
) -> dict[str, Any]:
    """A random but valid scenario as plain data (before validation).

    Actors ``A000, A001, ...`` get log-normal capabilities, uniform positions and
    saliences, random initial alignments in [-0.5, 0.5] and sparse economic ties.

    Args:
        actors: Number of actors (>= 2).
        issues: Number of issues.
        threats: Number of threat sources.
        steps: Number of quarterly steps from 2000-01.
        seed: Seed of the generator that draws the values.
        noise: Noise of the adjustment mechanism.

    Returns:
        A mapping that :func:`alignsim.scenario.schema.scenario_model` validates.
    """
    rng = np.random.default_rng(seed)
    ids = [f"A{i:03d}" for i in range(actors)]
    issue_ids = [f"issue{k}" for k in range(issues)]
    relations = []
    for i in range(actors):
        for j in range(i + 1, actors):
            tie = float(rng.exponential()) if rng.random() < 0.3 else 0.0
            relations.append(
                {
                    "pair": [ids[i], ids[j]],
                    "alignment": round(float(rng.uniform(-0.5, 0.5)), 4),
                    "economic_tie": round(tie, 4),
                }
            )
    return {
        "name": f"random_{actors}",
        "title": f"Random scenario with {actors} actors",
        "time": {"start": "2000-01", "unit": "quarter", "steps": steps},
        "issues": [{"id": k, "label": k} for k in issue_ids],
        "actors": [
            {
                "id": a,
                "name": a,
                "capability": round(float(rng.lognormal(0.0, 1.0)), 6),
                "interests": {
                    k: {
                        "position": round(float(rng.uniform(-1, 1)), 4),
                        "salience": round(float(rng.uniform(0, 1)), 4),
                    }
                    for k in issue_ids
                },
            }
            for a in ids
        ],
        "relations": relations,
        "threats": [
            {
                "id": f"threat{s}",
                "label": f"threat {s}",
                "exposure": {a: round(float(rng.uniform(0, 1)), 4) for a in ids},
            }
            for s in range(threats)
        ],
        "mechanisms": {"adjustment": {"rate": 0.2, "noise": noise}},
        "groups": {"first_three": ids[:3]} if actors >= 3 else {},
    }


def random_scenario(actors: int, **options: Any) -> Any:
    """A validated random scenario; see :func:`random_scenario_dict` for the options."""
    return scenario_model().model_validate(random_scenario_dict(actors, **options))


def stylized_scenario(*args: Any, **kwargs: Any) -> Any:
    """:func:`stylized_tree` validated (a scenario model)."""
    return scenario_model().model_validate(stylized_tree(*args, **kwargs))


def stylized_tree(
    relations: dict[tuple[str, str], float],
    actors: int = 4,
    steps: int = 40,
    noise: float = 0.0,
    events: Any = (),
    issues: dict[str, dict[str, float]] | None = None,
    rivals: Any = (),
    **mechanisms: Any,
) -> Any:
    """A small scenario tree of equal states ``S0 .. S{actors-1}`` written for a purpose
    (stylized-fact tests, the figures of docs/dynamics.md).

    Args:
        relations: Initial alignment of each listed pair.
        actors: Number of states.
        steps: Quarterly steps from 2000-01.
        noise: Noise standard deviation of the adjustment.
        events: Event entries as in a scenario file.
        issues: Actor -> issue -> position (salience 0.8); the first actor's issues are declared.
        rivals: Pairs flagged as rivals.
        **mechanisms: Further ``mechanisms`` settings.
    """
    ids = [f"S{i}" for i in range(actors)]
    issues = issues or {}
    rivals = {tuple(pair) for pair in rivals}
    data = {
        "name": "stylized",
        "title": "stylized",
        "time": {"start": "2000-01", "unit": "quarter", "steps": steps},
        "issues": [{"id": k, "label": k} for k in next(iter(issues.values()), {})],
        "actors": [
            {
                "id": a,
                "name": a,
                "capability": 1.0,
                "interests": {
                    k: {"position": p, "salience": 0.8} for k, p in issues.get(a, {}).items()
                },
            }
            for a in ids
        ],
        "relations": [
            {"pair": list(p), "alignment": v, "rivalry": tuple(p) in rivals}
            for p, v in relations.items()
        ],
        "events": list(events),
        "mechanisms": {"adjustment": {"noise": noise}, **mechanisms},
    }
    return data
