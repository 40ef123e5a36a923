"""The scenario as a simulator of the observed panel, for the method of simulated moments.

The scenario is restarted at the first fit year from the observed index (as the hindcast's
forecaster restarts it at an origin, :func:`~alignsim.forecast.model.origin_tree`), keeping
its events dated inside the fit period; its calendar runs to the last fit year. A parameter
vector is set at its ``--set`` paths, the scenario compiled and ``runs`` runs advanced
together (:func:`alignsim.ensemble.engine.iterate_batch`) with the *same* seeds for every
parameter vector (common random numbers, so the simulated moments are smooth in the
parameters). Each run's alignment at the start of every year, plus a measurement error of the
size the index's interval gives, and missing where the index is missing, is a simulated panel.
The error is drawn once per run and pair (from the seed) and held over the years: the index is
a smoothed estimate (Kalman/RTS over all years), so its error in one year is nearly its error
in the next; drawn afresh each year it would add ``2 sd^2`` (about 0.005 on casa_2019's pairs)
to the variance of yearly changes, ten times what the index shows (0.0005).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from alignsim.forecast.frames import Panel
from alignsim.forecast.moments import EventWindow, moment_names, moments
from alignsim.forecast.paths import set_path
from alignsim.forecast.specs import STEPS_PER_YEAR


def fit_tree(base: dict[str, Any], data: Panel, drivers: bool = False) -> dict[str, Any]:
    """The scenario restarted at the panel's first year from its observed alignments, with its
    events dated inside the panel's years and a calendar to the last year (``drivers``: plus
    the observed drivers year by year, :mod:`alignsim.forecast.driver_paths`)."""
    from alignsim.forecast.model import origin_tree

    first, last = int(data.years[0]), int(data.years[-1])
    observed = ~np.isnan(data.value[:, 0])
    dyads = [d for d, k in zip(data.dyads, observed, strict=True) if k]
    tree = origin_tree(base, dyads, data.value[observed, 0], first, last - first)
    tree["events"] = [
        copy.deepcopy(dict(e))
        for e in (base.get("events") or [])
        if e.get("at") is not None and first <= int(str(e["at"])[:4]) <= last
    ]
    if drivers:
        from alignsim.forecast.driver_paths import observed_driver_events

        tree["events"] += observed_driver_events(tree, first, last)
    return tree


@dataclass
class Simulator:
    """Simulated panels of a scenario tree for parameter values set at ``paths``.

    Attributes:
        tree: The scenario restarted at the first fit year (see :func:`fit_tree`).
        paths: The free parameters' ``--set`` paths.
        data: The observed panel (its pairs, years, measurement errors, missing cells).
        runs: Simulated panels per parameter vector (``S``).
        seed: Seed of the runs and of the measurement errors.
    """

    tree: dict[str, Any]
    paths: list[str]
    data: Panel
    runs: int
    seed: int
    windows: list[EventWindow] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        from alignsim.ensemble.engine import run_seeds

        children = np.random.SeedSequence(self.seed).spawn(self.runs + 1)
        self.seeds = run_seeds(self.seed, self.runs)
        draws = np.random.default_rng(children[-1]).standard_normal(
            (self.runs, len(self.data.dyads))
        )
        size = np.nanmean(self.data.sd, axis=1)  # NaN only for a pair never observed
        # one error per pair, held over the years (the smoothed index's errors persist)
        missing = np.where(np.isnan(self.data.value), np.nan, 0.0)
        self.errors = (draws * size)[:, :, None] + missing
        self.reference = self.compile({})
        self.per_year = STEPS_PER_YEAR[self.reference.unit]
        index = {a: i for i, a in enumerate(self.reference.actors)}
        missing = [f"{a}-{b}" for a, b in self.data.dyads if a not in index or b not in index]
        if missing:
            raise ValueError(
                f"--actors: observed pairs of states the scenario does not have: "
                f"{', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}"
            )
        self.rows = np.array([index[a] for a, _ in self.data.dyads], dtype=int)
        self.cols = np.array([index[b] for _, b in self.data.dyads], dtype=int)
        self.windows = self._windows()
        self.inputs = self._inputs()
        observed_pressure = self.pressure(self.data.value)
        moving = np.nanmax(np.abs(observed_pressure), axis=(-2, -1)) > 1e-12
        self.kept = np.flatnonzero(moving)
        self.terms = [self.reference.rules.terms[t].name for t in self.kept]

    def compile(self, values: dict[str, float]):
        """The scenario compiled with ``values`` set at their paths."""
        from alignsim.scenario.loader import validate_tree
        from alignsim.simulation.compiled import compile_scenario

        tree = copy.deepcopy(self.tree)
        for path, value in values.items():
            set_path(tree, path, float(value))
        return compile_scenario(validate_tree(tree))

    def _windows(self) -> list[EventWindow]:
        """Pairs of the panel hit by an alignment change of a dated event."""
        pairs = {(r, c): k for k, (r, c) in enumerate(zip(self.rows, self.cols, strict=True))}
        pairs |= {(c, r): k for (r, c), k in list(pairs.items())}
        found, last = [], len(self.data.years) - 1
        for step, events in sorted(self.reference.schedule.items()):
            column = step // self.per_year
            for event in events:
                for effect in event.effects:
                    row = pairs.get(tuple(effect.index))
                    if effect.target != "alignment" or row is None or not 1 <= column < last:
                        continue
                    start = self.data.value[row, column - 1]
                    size = effect.value if effect.op == "shift" else effect.value - start
                    if np.isfinite(size) and size != 0:
                        a, b = self.data.dyads[row]
                        found.append(EventWindow(row, column, float(np.sign(size)),
                                                 f"event {event.id} {a}-{b}"))  # fmt: skip
        return found

    def panels(self, values: dict[str, float]) -> np.ndarray:
        """``(runs, D, T)`` simulated index panels at ``values`` (same seeds every time)."""
        from alignsim.ensemble.engine import iterate_batch

        compiled = self.compile(values)
        years = len(self.data.years)
        out = np.empty((self.runs, len(self.rows), years))
        steps = (years - 1) * self.per_year
        batch = iterate_batch(compiled, self.seeds, steps, dtype=np.float64, engine="fast")
        for step, state in enumerate(batch):
            if step % self.per_year == 0:
                out[:, :, step // self.per_year] = state.alignment[:, self.rows, self.cols]
        return out + self.errors

    def _inputs(self) -> dict[str, np.ndarray]:
        """Every state field but the alignment at the start of each year, ``(T, ...)``, from
        one noise-free run at the starting values (the drivers' inputs as events move them)."""
        from dataclasses import replace

        from alignsim.dynamics.step import FIELDS
        from alignsim.ensemble.engine import iterate_batch

        quiet = replace(self.reference, rules=replace(self.reference.rules, noise=0.0))
        steps = (len(self.data.years) - 1) * self.per_year
        kept = [s for k, s in enumerate(iterate_batch(quiet, [0], steps)) if k % self.per_year == 0]
        return {f: np.stack([getattr(s, f)[0] for s in kept]) for f in FIELDS if f != "alignment"}

    def pressure(self, panel: np.ndarray) -> np.ndarray:
        """``(..., terms, D, T)``: each driver term evaluated on the panel's alignments (the
        other inputs as a noise-free run at the starting values has them), symmetrised,
        minus its value in the first year."""
        from alignsim.dynamics.step import State, term_values

        start = self.reference.initial
        lead = panel.shape[:-2]
        shape = (*lead, panel.shape[-1], *start.alignment.shape)
        alignment = np.array(np.broadcast_to(start.alignment, shape))
        value = np.moveaxis(panel, -1, -2)  # (..., T, D)
        known = ~np.isnan(value)
        here = alignment[..., self.rows, self.cols]
        alignment[..., self.rows, self.cols] = np.where(known, value, here)
        alignment[..., self.cols, self.rows] = alignment[..., self.rows, self.cols]
        fields = {f: np.broadcast_to(v, (*lead, *v.shape)) for f, v in self.inputs.items()}
        terms = term_values(State(alignment=alignment, **fields), self.reference.rules)
        pair = (terms[..., self.rows, self.cols] + terms[..., self.cols, self.rows]) / 2
        pair = np.moveaxis(pair, -3, -1)  # (..., t, D, T)
        pair = pair - pair[..., :1]
        return np.where(np.isnan(panel)[..., None, :, :], np.nan, pair)

    def moments(self, panel: np.ndarray) -> np.ndarray:
        """The moments (:func:`alignsim.forecast.moments.moments`) of one or more panels."""
        pressure = self.pressure(panel)[..., self.kept, :, :]
        return moments(panel, pressure, self.windows)

    def moment_names(self) -> list[str]:
        """The name of every moment, in order."""
        return moment_names(self.data.dyads, self.terms, self.windows)


def fit_scenario(tree, spec, frame, years: tuple[int, int], runs: int, seed: int, starts: int,
                 on_start=None, drivers: bool = False):  # fmt: skip
    """:func:`alignsim.forecast.smm.fit_smm` of a scenario tree (distributions at their
    central values) on the observed ``frame`` inside ``years`` (``alignsim calibrate
    --method smm``; ``drivers``: the drivers follow the observed panel, see :func:`fit_tree`).

    Raises:
        ValueError: With fewer than five observed years (``--fit: ...``), or observed pairs
            outside the scenario (``--actors: ...``).
    """
    from alignsim.forecast.calibrate import fit_panel
    from alignsim.forecast.smm import fit_smm
    from alignsim.scenario.uncertain import central_values, has_uncertain

    tree = central_values(tree) if has_uncertain(tree) else tree
    try:
        data = fit_panel(frame, years, least=5)
    except ValueError as error:
        raise ValueError(f"--fit: {error}") from None
    simulator = Simulator(fit_tree(tree, data, drivers), list(spec.names), data, runs, seed)
    return fit_smm(simulator, spec, seed, starts, on_start)
