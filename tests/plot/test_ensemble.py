"""Ensemble folders read back, and the figure of bloc configuration probabilities."""

import json

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignsim.plot import bloc_probabilities_figure, wilson_interval
from alignsim.results.saved import ResultsDirError, folder_kind, load_ensemble_dir


@pytest.fixture(scope="module")
def ensemble_and_folder(tmp_path_factory):
    from alignsim.ensemble.montecarlo import run_ensemble
    from alignsim.ensemble.store import write_ensemble

    ensemble = run_ensemble("casa_2019", 20, seed=4, steps=6)
    folder = tmp_path_factory.mktemp("ensemble") / "out"
    write_ensemble(ensemble, folder, plot=False)
    return ensemble, folder


def test_an_ensemble_folder_reads_back_with_its_bands_events_and_blocs(ensemble_and_folder):
    from alignsim.ensemble.summaries import bands_table, bloc_configurations, bloc_probabilities
    from alignsim.results.run import events_table

    ensemble, folder = ensemble_and_folder
    assert folder_kind(folder) == "ensemble"
    saved = load_ensemble_dir(folder)
    expected = bands_table(ensemble)
    np.testing.assert_allclose(saved.bands["q50"], expected["q50"], rtol=1e-9)
    assert list(saved.bands["date"]) == list(expected["date"])
    assert list(saved.events["id"]) == list(events_table(ensemble.compiled, 6)["id"])
    blocs = bloc_probabilities(bloc_configurations(ensemble))
    assert list(saved.blocs["configuration"]) == list(blocs["configuration"])
    assert saved.blocs["runs"].sum() == 20
    assert saved.meta["runs"] == 20 and saved.meta["seed"] == 4
    assert "group_cohesion_at_horizon" not in saved.meta
    assert saved.horizon_step == 6 and saved.missing == []
    groups = saved.at_horizon("group")
    summary = json.loads((folder / "summary.json").read_text())
    for row in groups.itertuples():
        # summary.json keeps 6 decimals: equal to within half a unit of the last one
        assert row.q50 == pytest.approx(
            summary["group_cohesion_at_horizon"][row.name]["q50"], abs=5e-7
        )


def test_older_ensemble_folders_without_events_read_with_no_events(ensemble_and_folder, tmp_path):
    _, folder = ensemble_and_folder
    for name in ("bands.csv", "summary.json"):
        (tmp_path / name).write_bytes((folder / name).read_bytes())
    saved = load_ensemble_dir(tmp_path)
    assert saved.events.empty and list(saved.events.columns) == ["id", "label", "step", "date"]
    assert saved.blocs is None and saved.horizon is None
    assert saved.missing == ["horizon.csv", "blocs.csv", "events.csv"]


def test_ensemble_folder_problems_name_each_file(ensemble_and_folder, tmp_path):
    _, folder = ensemble_and_folder
    text = (folder / "bands.csv").read_text().replace("q95", "q96")
    (tmp_path / "bands.csv").write_text(text)
    (tmp_path / "blocs.csv").write_text("configuration,share\nA | B,1\n")
    with pytest.raises(ResultsDirError) as caught:
        load_ensemble_dir(tmp_path)
    assert caught.value.problems[0].startswith(f"{tmp_path / 'summary.json'}: file not found")
    assert caught.value.problems[1:] == [
        f"{tmp_path / 'bands.csv'}: missing column(s) q95",
        f"{tmp_path / 'blocs.csv'}: missing column(s) runs, probability",
    ]


def test_folder_kinds(tmp_path):
    assert folder_kind(tmp_path) == "run"
    (tmp_path / "compare.csv").write_text("outcome\n")
    assert folder_kind(tmp_path) == "compare"


def test_wilson_interval_matches_hand_computed_values():
    # 5 of 10: centre (0.5 + 0.19208) / 1.38416 = 0.5, half 1.41602 * sqrt(0.025 + 0.009604);
    # 0 of 10: upper end z^2 / (n + z^2) = 3.8416 / 13.8416
    np.testing.assert_allclose(
        wilson_interval(np.array([5, 0]), 10),
        [[0.23659, 0.76341], [0.0, 0.27754]],
        atol=1e-5,
    )
    np.testing.assert_allclose(wilson_interval(np.array([20]), 20), [[0.83887, 1.0]], atol=1e-5)


@given(st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_interval_holds_the_observed_share_inside_zero_one(case):
    successes, trials = case
    low, high = wilson_interval(np.array([successes]), trials)[0]
    assert 0.0 <= low <= successes / trials <= high <= 1.0
    assert high - low > 0.0


def test_bloc_bars_are_the_shares_and_the_tail_is_one_bar():
    blocs = pd.DataFrame(
        {
            "configuration": ["A+B | C", "A | B+C", "A+B+C", "A+C | B"],
            "runs": [5, 3, 1, 1],
            "probability": [0.5, 0.3, 0.1, 0.1],
        }
    )
    figure = bloc_probabilities_figure(blocs, "title", top=2)
    ax = figure.axes[0]
    widths = [patch.get_width() for patch in ax.patches]
    np.testing.assert_allclose(widths, [0.5, 0.3, 0.2])
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert labels == ["A+B | C", "A | B+C", "2 other configurations"]
    notes = [text.get_text() for text in ax.texts]
    assert notes == ["50% (5 of 10 runs)", "30% (3 of 10 runs)", "20% (2 of 10 runs)"]
    # an approximate tally of 40 runs that itemises 10: shares are of all 40 runs
    figure = bloc_probabilities_figure(blocs, "title", top=2, runs=40)
    ax = figure.axes[0]
    widths = [patch.get_width() for patch in ax.patches]
    np.testing.assert_allclose(widths, [5 / 40, 3 / 40, 2 / 40, 30 / 40])
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert labels[-1] == "not itemised by the tally"
    assert ax.texts[0].get_text() == "12% (5 of 40 runs)"


def test_differences_put_each_dot_at_its_difference_and_colour_clear_ones():
    from alignsim.plot import PALETTE, differences_figure

    table = pd.DataFrame(
        [
            ("cohesion", "G1", 0.4, 0.3, -0.1, -0.15, -0.05),
            ("cohesion", "G2", 0.3, 0.31, 0.01, -0.02, 0.04),
            ("bloc", "A | B", 0.5, 0.7, 0.2, 0.05, 0.35),
        ],
        columns=["outcome", "name", "a", "b", "difference", "low", "high"],
    )
    figure = differences_figure(table)
    cohesion, bloc = figure.axes
    dots = cohesion.collections[-1]
    np.testing.assert_allclose(dots.get_offsets()[:, 0], [-0.1, 0.01])
    colours = [mcolors.to_hex(c) for c in dots.get_facecolors()]
    assert colours == [PALETTE[0].lower(), mcolors.to_hex("0.45")]
    assert [t.get_text() for t in bloc.get_yticklabels()] == ["A | B"]
    assert [t.get_text() for t in bloc.texts] == ["+20%"]
