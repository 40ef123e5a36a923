"""Ensembles on a real Dask cluster give exactly the local results."""

from __future__ import annotations

import numpy as np
import pytest
from distributed import Client, LocalCluster

from alignsim.ensemble.montecarlo import CHUNK_SIZE, run_ensemble
from alignsim.ensemble.sweep import parse_grid, run_sweep
from alignsim.scenario.synthetic import random_scenario
from alignsim.simulation.compiled import compile_scenario


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


def test_dask_client_and_address_give_the_local_results(cluster):
    compiled = compile_scenario(random_scenario(4, issues=2, steps=5, seed=12, noise=0.08))
    runs = CHUNK_SIZE + 10
    local = run_ensemble(compiled, runs, seed=21)
    with Client(cluster) as client:
        remote = run_ensemble(compiled, runs, seed=21, executor=client)
    address = "dask://" + cluster.scheduler_address.removeprefix("tcp://")
    by_address = run_ensemble(compiled, runs, seed=21, executor=address)
    for other in (remote, by_address):
        assert np.array_equal(local.history.alignment, other.history.alignment)
        assert np.array_equal(local.history.positions, other.history.positions)


def test_streamed_summaries_on_dask_equal_local(cluster):
    from alignsim.ensemble.summaries import bands_table

    compiled = compile_scenario(random_scenario(6, issues=2, steps=7, seed=4, noise=0.1))
    runs = 2 * CHUNK_SIZE + 5
    options = {"seed": 3, "record": "horizon", "blocs": True}
    local = run_ensemble(compiled, runs, **options)
    with Client(cluster) as client:
        remote = run_ensemble(compiled, runs, executor=client, **options)
    assert np.array_equal(local.histograms.counts, remote.histograms.counts)
    assert np.array_equal(local.histograms.low, remote.histograms.low)
    assert local.blocs.counts == remote.blocs.counts
    assert np.array_equal(local.blocs.together, remote.blocs.together)
    assert np.array_equal(local.history.alignment, remote.history.alignment)
    assert bands_table(local).equals(bands_table(remote))


def test_sweep_on_dask_equals_local(cluster, tmp_path):
    import yaml

    from alignsim.scenario.synthetic import random_scenario_dict

    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(random_scenario_dict(3, steps=3, seed=2), sort_keys=False))
    grid = parse_grid(["mechanisms.adjustment.rate=0.1,0.5"])
    local, _ = run_sweep(str(path), grid, 4, tmp_path / "local", seed=1)
    with Client(cluster) as client:
        remote, _ = run_sweep(str(path), grid, 4, tmp_path / "remote", seed=1, executor=client)
    assert local.equals(remote)
