"""alignsim's own ensemble as a forecaster, started from the observed state at the origin.

At each origin the scenario is restarted at ``ORIGIN-01`` with every pair's alignment set to
the observed index at the origin (from the history the protocol passes, so nothing later is
read), its events removed (events are what happened; a forecast may not know them), and its
calendar long enough for the longest horizon. The calibrated variant first fits the
linear part of the scenario's dynamics on the same history (:func:`~.specs.for_scenario`:
adjustment rate, noise and, with the ``error_correction`` baseline, its drift) and runs with
the fitted values. The value forecast for
year ``ORIGIN + h`` is the ensemble's alignment at step ``h * steps_per_year`` plus, since the
target is the observed index, a draw of the index's measurement error at the origin.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from alignsim.forecast.calibrate import fit
from alignsim.forecast.frames import (
    Forecasts,
    at_origin,
    forecasts,
    panel,
    with_measurement_error,
)
from alignsim.forecast.specs import STEPS_PER_YEAR, for_scenario

#: ``base(origin) -> scenario tree`` (a plain mapping as read from YAML)
Base = Callable[[int], dict[str, Any]]


def _set(tree: dict[str, Any], path: str, value: float) -> None:
    """Set a dotted ``--set``-style path in a scenario tree, making mappings on the way."""
    *parents, leaf = path.split(".")
    node = tree
    for key in parents:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    node[leaf] = value


def origin_tree(
    base: dict[str, Any], dyads: list[tuple[str, str]], start: np.ndarray, origin: int, years: int
) -> dict[str, Any]:
    """The base scenario restarted at the origin from the observed alignments, without events."""
    tree = copy.deepcopy(dict(base))
    unit = (tree.get("time") or {}).get("unit", "quarter")
    tree["time"] = {"start": f"{origin}-01", "unit": unit, "steps": years * STEPS_PER_YEAR[unit]}
    tree["events"] = []
    relations = {tuple(sorted(r["pair"])): dict(r) for r in tree.get("relations") or []}
    known = {a["id"] for a in tree.get("actors") or []}
    for (a, b), value in zip(dyads, start, strict=True):
        if a in known and b in known:
            entry = relations.setdefault((a, b), {"pair": [a, b]})
            entry["alignment"] = float(np.clip(value, -1.0, 1.0))
            entry.pop("citation", None)
    tree["relations"] = list(relations.values())
    return tree


def model_forecaster(
    base: Base, calibrated: bool, fits: dict[int, dict] | None = None, measured: bool = True
) -> Callable[..., Forecasts]:
    """A forecaster running alignsim from the observed state (calibrated or with defaults).

    ``fits``, when given, receives each origin's calibration (values, standard errors,
    warnings) for the record. With ``measured`` (the default) the forecast is of the
    observed index: every member also carries the index's measurement error at the origin
    (:func:`~.frames.with_measurement_error`, as ``persistence_measured``); without it, of
    alignsim's own state alone.
    """

    def forecaster(
        history: pd.DataFrame,
        origin: int,
        horizons: list[int],
        members: int,
        rng: np.random.Generator,
    ) -> Forecasts:
        from alignsim.ensemble import run_ensemble
        from alignsim.scenario.loader import validate_tree
        from alignsim.simulation.compiled import compile_scenario

        data = panel(history)
        dyads, start, _ = at_origin(data, origin)
        tree = origin_tree(base(origin), dyads, start, origin, max(horizons))
        per_year = STEPS_PER_YEAR[tree["time"]["unit"]]
        compiled = compile_scenario(validate_tree(tree))
        if calibrated:
            spec = for_scenario(compiled)
            result = fit(history, (int(data.years[0]), origin), seed=int(rng.integers(2**31)),
                         spec=spec)  # fmt: skip
            for path in spec.free:
                _set(tree, path, result.values[path])
            if fits is not None:
                fits[origin] = {
                    "fit_years": list(result.years),
                    "values": result.values,
                    "standard_errors": result.se,
                    "warnings": result.warnings,
                }
            compiled = compile_scenario(validate_tree(tree))
        ensemble = run_ensemble(compiled, members, seed=int(rng.integers(2**31)))
        index = {actor: i for i, actor in enumerate(compiled.actors)}
        inside = [k for k, (a, b) in enumerate(dyads) if a in index and b in index]
        steps = [h * per_year for h in range(1, max(horizons) + 1)]
        alignment = ensemble.history.alignment[:, steps]  # (runs, years, n, n)
        paths = np.stack([alignment[:, :, index[dyads[k][0]], index[dyads[k][1]]] for k in inside])
        made = forecasts([dyads[k] for k in inside], start[inside], origin, horizons, paths)
        return with_measurement_error(made, data, origin, rng) if measured else made

    return forecaster
