"""Ensembles: independent of workers and executors, bands and blocs from the runs."""

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

from alignsim.dynamics.step import State
from alignsim.ensemble import run_seeds
from alignsim.ensemble.montecarlo import CHUNK_SIZE, Ensemble, run_ensemble
from alignsim.ensemble.summaries import (
    bands_table,
    bloc_configurations,
    bloc_probabilities,
    horizon_table,
)
from alignsim.scenario.synthetic import random_scenario
from alignsim.simulation.compiled import compile_scenario
from alignsim.simulation.model import AlignmentModel


@pytest.fixture(scope="module")
def small():
    return compile_scenario(random_scenario(4, issues=2, steps=5, seed=2, noise=0.1))


def test_results_do_not_depend_on_workers_or_executor(small):
    runs = CHUNK_SIZE + 7  # two chunks
    alone = run_ensemble(small, runs, seed=9)
    pooled = run_ensemble(small, runs, seed=9, workers=2)
    with ThreadPoolExecutor(3) as pool:
        threaded = run_ensemble(small, runs, seed=9, executor=pool)
    for other in (pooled, threaded):
        assert np.array_equal(alone.history.alignment, other.history.alignment)
        assert np.array_equal(alone.history.positions, other.history.positions)
    seed = run_seeds(9, runs)[CHUNK_SIZE + 3]
    single = AlignmentModel(small, rng=seed).run().stacked_history()
    assert np.array_equal(single.alignment, alone.history.alignment[CHUNK_SIZE + 3])


def test_progress_reports_runs_finished(small):
    seen = []
    run_ensemble(small, CHUNK_SIZE + 1, seed=0, on_progress=seen.append)
    assert seen == [CHUNK_SIZE, CHUNK_SIZE + 1]


def test_bands_are_quantiles_over_runs(small):
    ensemble = run_ensemble(small, 21, seed=4, steps=3)
    bands = bands_table(ensemble)
    assert list(bands.columns) == [
        "step",
        "date",
        "kind",
        "name",
        "q05",
        "q25",
        "q50",
        "q75",
        "q95",
    ]
    # A001-A002 is actor pair (1, 2); its median at step 3 over the 21 Mesa runs
    finals = [AlignmentModel(small, rng=s).run(3).state.alignment[1, 2] for s in run_seeds(4, 21)]
    row = bands[(bands["name"] == "A001-A002") & (bands["step"] == 3)].iloc[0]
    assert row["kind"] == "pair"
    assert row["q50"] == pytest.approx(np.median(finals), abs=1e-12)
    assert row["q05"] <= row["q25"] <= row["q50"] <= row["q75"] <= row["q95"]
    assert row["date"] == pd.Timestamp("2000-10-01")
    group = bands[bands["kind"] == "group"]
    assert set(group["name"]) == {"first_three"} and len(group) == 4
    horizon = horizon_table(ensemble)
    values = horizon[horizon["name"] == "A001-A002"]["value"]
    assert sorted(values) == pytest.approx(sorted(finals), abs=1e-12)


def _ensemble_ending_in(alignments: list[np.ndarray], small) -> Ensemble:
    runs, n = len(alignments), len(small.actors)
    alignment = np.stack([np.stack([np.zeros((n, n)), a]) for a in alignments])
    capability = np.ones((runs, 2, n))
    empty = np.zeros((runs, 2, n, 0))
    history = State(
        alignment,
        capability,
        empty,
        empty,
        alignment,
        empty,
        alignment,
        empty,
        alignment,
        alignment,
    )
    return Ensemble(small, history, seed=0)


def test_bloc_probabilities_from_landscape_minima(small):
    # two camps {A000, A001} and {A002, A003}: friends inside, enemies across
    camps = np.array([[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]], float)
    # A000 with A002, A001 with A003
    crossed = np.array([[0, -1, 1, -1], [-1, 0, -1, 1], [1, -1, 0, -1], [-1, 1, -1, 0]], float)
    ensemble = _ensemble_ending_in([camps, crossed, camps], small)
    configurations = bloc_configurations(ensemble)
    assert configurations == [
        "A000+A001 | A002+A003",
        "A000+A002 | A001+A003",
        "A000+A001 | A002+A003",
    ]
    table = bloc_probabilities(configurations)
    assert table.to_dict("list") == {
        "configuration": ["A000+A001 | A002+A003", "A000+A002 | A001+A003"],
        "runs": [2, 1],
        "probability": [2 / 3, 1 / 3],
    }


def test_bad_runs_and_steps_are_refused(small):
    with pytest.raises(ValueError, match="runs"):
        run_ensemble(small, 0)
    with pytest.raises(ValueError, match="steps"):
        run_ensemble(small, 2, steps=6)
