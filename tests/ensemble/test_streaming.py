"""Streamed summaries agree with the full-history computation within their stated bounds."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

from alignsim.ensemble.chunks import Record, RecordError, parse_record
from alignsim.ensemble.executors import stream_tasks
from alignsim.ensemble.montecarlo import CHUNK_SIZE, run_ensemble
from alignsim.ensemble.streaming import (
    QUANTILE_ERROR,
    BlocTally,
    Histograms,
    SeriesChunk,
)
from alignsim.ensemble.summaries import (
    QUANTILES,
    bands_table,
    bloc_configurations,
    bloc_probabilities,
    horizon_table,
)
from alignsim.scenario.synthetic import random_scenario
from alignsim.simulation.compiled import compile_scenario


@pytest.fixture(scope="module")
def small():
    return compile_scenario(random_scenario(5, issues=2, steps=6, seed=3, noise=0.15))


def test_histogram_quantiles_within_half_a_bin_of_numpy():
    rng = np.random.default_rng(1)
    # 3 steps, 301 runs, 4 series: spread values, values piled at the bounds, a constant
    values = np.stack(
        [
            rng.uniform(-1, 1, (301, 4)),
            np.clip(rng.normal(0.9, 0.2, (301, 4)), -1, 1),
            np.full((301, 4), -0.123456),
        ]
    )
    histograms = Histograms.empty(3, 4)
    for start in range(0, 301, 50):  # in chunks, as the ensemble adds them
        histograms.add(SeriesChunk.of(values[:, start : start + 50]))
    streamed = histograms.quantiles(QUANTILES)
    exact = np.quantile(values, QUANTILES, axis=1).transpose(1, 2, 0)
    assert histograms.runs == 301
    assert np.abs(streamed - exact).max() <= QUANTILE_ERROR + 1e-12
    # the extremes are kept exactly, so a constant series is exact
    assert np.array_equal(streamed[2], exact[2])
    assert histograms.quantiles((0.0, 1.0))[1, :, 1] == pytest.approx(values[1].max(axis=0))


def test_histogram_memory_does_not_grow_with_runs():
    few, many = Histograms.empty(41, 13), Histograms.empty(41, 13)
    rng = np.random.default_rng(0)
    few.add(SeriesChunk.of(rng.uniform(-1, 1, (41, 10, 13))))
    for _ in range(20):
        many.add(SeriesChunk.of(rng.uniform(-1, 1, (41, 50, 13))))
    assert many.runs == 1000 and few.runs == 10
    assert many.counts.nbytes == few.counts.nbytes == 41 * 13 * 2000 * 4


def test_streamed_bands_equal_the_exact_ones_within_the_bound(small):
    runs = 2 * CHUNK_SIZE + 13
    full = run_ensemble(small, runs, seed=5, record="all")
    streamed = run_ensemble(small, runs, seed=5, record="horizon")
    assert full.every_step and not streamed.every_step
    assert streamed.history.alignment.shape == (runs, 1, 5, 5)
    assert np.array_equal(streamed.history.alignment[:, 0], full.history.alignment[:, -1])
    exact, approximate = bands_table(full), bands_table(streamed)
    pd.testing.assert_frame_equal(
        exact[["step", "kind", "name"]], approximate[["step", "kind", "name"]]
    )
    columns = ["q05", "q25", "q50", "q75", "q95"]
    gap = np.abs(exact[columns].to_numpy() - approximate[columns].to_numpy())
    assert gap.max() <= QUANTILE_ERROR + 1e-12
    assert gap.max() > 0  # it really is the streamed path
    pd.testing.assert_frame_equal(horizon_table(full), horizon_table(streamed))


def test_every_kth_step_keeps_those_steps_and_the_horizon(small):
    assert Record(4).steps(6) == (0, 4, 6)
    assert Record(None).steps(6) == (6,)
    assert Record(1).steps(3) == (0, 1, 2, 3)
    full = run_ensemble(small, 7, seed=2, record="all")
    every = run_ensemble(small, 7, seed=2, record="every:4")
    assert every.kept == (0, 4, 6) and every.steps == 6
    assert np.array_equal(every.history.alignment, full.history.alignment[:, [0, 4, 6]])


def test_record_text():
    assert parse_record("all") == Record(1)
    assert parse_record("every:3") == Record(3)
    assert parse_record("horizon") == Record(None)
    assert parse_record("auto", runs=10, steps=40, state_bytes=1000) == Record(1)
    assert parse_record("auto", runs=1000, steps=40, state_bytes=900_000) == Record(None)
    for bad in ("every:0", "every", "2", "some"):
        with pytest.raises(RecordError, match="--record"):
            parse_record(bad)


def test_bloc_tally_is_exact_under_capacity_and_bounded_above():
    labels = np.array([[0, 0, 1], [0, 1, 1], [0, 0, 1]])
    tally = BlocTally.of(["A+B | C", "A | B+C", "A+B | C"], labels)
    assert tally.exact and tally.counts == {"A+B | C": 2, "A | B+C": 1}
    # A and B together in runs 0 and 2, B and C in run 1, A and C never
    assert tally.together.tolist() == [[3, 2, 0], [2, 3, 1], [0, 1, 3]]
    # capacity 2, streams a a b c a d (six runs): Misra-Gries keeps a with a count of at
    # most 6 / 3 = 2 below its true 3
    capped = BlocTally({}, 0, np.zeros((1, 1), int), capacity=2)
    for item in "aabcad":
        capped.merge(BlocTally({item: 1}, 1, np.ones((1, 1), int)))
    assert not capped.exact and capped.runs == 6
    assert capped.error <= 6 // 3
    assert 3 - capped.error <= capped.counts["a"] <= 3


def test_streamed_bloc_tally_equals_the_per_run_landscapes(small):
    runs = CHUNK_SIZE + 9
    ensemble = run_ensemble(small, runs, seed=8, blocs=True)
    expected = bloc_probabilities(bloc_configurations(ensemble))
    pd.testing.assert_frame_equal(ensemble.blocs.table(), expected)
    assert ensemble.blocs.together.trace() == runs * 5


def test_stream_tasks_keeps_a_bounded_window_and_task_order():
    lock, running, peak = threading.Lock(), [0], [0]

    def square(shared, x):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.005)  # without the window, up to 8 would run at once
        with lock:
            running[0] -= 1
        return shared * x * x

    tasks = [(x,) for x in range(40)]
    with ThreadPoolExecutor(8) as pool:
        out = list(stream_tasks(square, tasks, executor=pool, shared=(2,), window=3))
    assert out == [(x, 2 * x * x) for x in range(40)]
    assert peak[0] <= 3
