"""Game-theoretic reading of one moment of a run: coalitions and bargaining forecasts."""

from __future__ import annotations

from typing import Any

import numpy as np

from alignsim.games.eum import forecast
from alignsim.games.eum_domain import domain_warnings
from alignsim.games.landscape import solve
from alignsim.simulation.compiled import compile_scenario
from alignsim.simulation.model import AlignmentModel


def analyze_snapshot(
    scenario: Any,
    step: int,
    seed: int = 0,
    coalitions: int = 2,
    rounds: int = 10,
    variant: str = "bdm",
    movers: int = 3,
) -> dict[str, Any]:
    """Run to ``step`` and analyse the state there.

    The alignment matrix, with capabilities as sizes, is the landscape of Axelrod & Bennett
    (1993); each issue's positions, saliences and capabilities are bargained for ``rounds``
    rounds of the expected-utility model (Bueno de Mesquita 1994; Scholz et al. 2011).

    Returns:
        A JSON-ready mapping: step, date, landscape (every minimum, basins, frustrations),
        and per issue the forecast median and mean per round, the biggest movers and
        ``warnings`` when the forecast is outside the model's domain
        (:func:`alignsim.games.eum_domain.domain_warnings`).
    """
    compiled = compile_scenario(scenario)
    state = AlignmentModel(compiled, rng=seed).run(step).state
    landscape = solve(
        state.capability, state.alignment, names=list(compiled.actors), coalitions=coalitions
    )
    forecasts = []
    for k, issue in enumerate(compiled.issues):
        scale = tuple(float(v) for v in compiled.scales[k])
        positions = compiled.to_scale(state.positions)[:, k]
        if not (state.capability * state.salience[:, k]).sum() > 0:
            continue
        result = forecast(
            state.capability,
            positions,
            state.salience[:, k],
            scale=scale,
            rounds=rounds,
            variant=variant,
        )
        warnings = domain_warnings(
            issue, compiled.actors, result.positions, state.salience[:, k], scale
        )
        shift = result.positions[-1] - result.positions[0]
        order = np.argsort(-np.abs(shift))[:movers]
        forecasts.append(
            {
                "issue": issue,
                "scale": list(scale),
                "median": [float(v) for v in result.median],
                "mean": [float(v) for v in result.mean],
                "final_positions": dict(
                    zip(compiled.actors, map(float, result.positions[-1]), strict=True)
                ),
                "movers": {
                    compiled.actors[i]: {
                        "from": float(result.positions[0, i]),
                        "to": float(result.positions[-1, i]),
                    }
                    for i in order
                    if abs(shift[i]) > 1e-9
                },
                "warnings": warnings,
            }
        )
    return {
        "scenario": scenario.name,
        "title": scenario.title,
        "step": step,
        "date": compiled.dates[step].isoformat(),
        "seed": seed,
        "rounds": rounds,
        "variant": variant,
        "landscape": landscape.to_dict(),
        "forecasts": forecasts,
    }
