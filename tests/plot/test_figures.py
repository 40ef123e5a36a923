"""Every figure draws what the results hold: values, counts, colours and sizes."""

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import PathCollection

from alignsim.plot import (
    PALETTE,
    blocs_figure,
    heatmap_figure,
    landscape_figure,
    network_figure,
    positions_figure,
    profiles_figure,
    trajectories_figure,
)
from alignsim.plot._common import NEGATIVE, POSITIVE
from alignsim.plot.blocs import _membership, blocs_table
from alignsim.plot.network import sides_to_blocs


def test_trajectories_draw_one_line_per_pair_and_per_group(tiny):
    figure = trajectories_figure(tiny)
    top, low = figure.axes[0], figure.axes[1]
    labels = [line.get_label() for line in top.get_lines() if not line.get_label().startswith("_")]
    assert labels == ["A–B", "A–C", "B–C"]
    pair = next(line for line in top.get_lines() if line.get_label() == "A–C")
    np.testing.assert_allclose(pair.get_ydata(), [-0.4, -0.5, -0.6])
    assert low.get_lines()[0].get_label() == "AB"
    key_text = "\n".join(t.get_text() for t in figure.axes[-1].texts)
    assert "1  2020-04  First event" in key_text and "3  2020-07  Third event" in key_text


def test_heatmap_shows_the_matrix_with_a_blank_diagonal_on_a_centred_map(tiny):
    figure = heatmap_figure(tiny, at="2020-05-15")
    ax = figure.axes[0]
    image = ax.get_images()[0]
    data = np.ma.filled(image.get_array(), np.nan)
    assert np.isnan(np.diag(data)).all()
    assert data[0, 1] == pytest.approx(0.6) and data[2, 1] == pytest.approx(0.02)
    assert image.get_clim() == (-1, 1)
    assert image.get_cmap().name.startswith("RdBu")
    assert sorted(t.get_text() for t in ax.texts) == sorted(
        ["+0.60", "+0.60", "-0.50", "-0.50", "+0.02", "+0.02"]
    )
    assert "2020-04-01 (step 1)" in ax.get_title(loc="left")


def _edges(ax):
    return [line for line in ax.get_lines() if len(line.get_xdata()) == 2]


def test_network_colours_ties_by_sign_and_skips_weak_ones(tiny):
    figure = network_figure(tiny, at=1, capability={"A": 4.0, "B": 1.0, "C": 2.0})
    ax = figure.axes[0]
    edges = _edges(ax)
    assert len(edges) == 2  # B-C (0.02) is below the 0.05 threshold
    colours = sorted(mcolors.to_hex(e.get_color()) for e in edges)
    assert colours == sorted([POSITIVE.lower(), NEGATIVE.lower()])
    nodes = next(c for c in ax.collections if isinstance(c, PathCollection))
    areas = nodes.get_sizes()
    assert areas[0] / areas[2] == pytest.approx(2.0)  # A has twice C's capability


def test_network_places_allies_closer_than_adversaries(tiny):
    figure = network_figure(tiny, at=2)
    nodes = next(c for c in figure.axes[0].collections if isinstance(c, PathCollection))
    a, b, c = nodes.get_offsets()
    assert np.linalg.norm(a - b) < np.linalg.norm(a - c)


def test_network_landscape_blocs_colour_allies_alike(tiny):
    figure = network_figure(tiny, at=2, blocs="landscape")
    nodes = next(c for c in figure.axes[0].collections if isinstance(c, PathCollection))
    a, b, c = (mcolors.to_hex(x) for x in nodes.get_facecolors())
    assert a == b != c
    with pytest.raises(ValueError, match="landscape"):
        network_figure(tiny, blocs="nonsense")


def test_sides_text_parses_into_blocs():
    assert sides_to_blocs("CHN+PAK | IND+USA") == {
        "CHN": "bloc 1",
        "PAK": "bloc 1",
        "IND": "bloc 2",
        "USA": "bloc 2",
    }
    assert _membership("C | A+B", ["A", "B", "C"]) == [0, 0, 1]


def test_profiles_dot_area_follows_salience_and_colour_the_scale(tiny):
    figure = profiles_figure(tiny, at=0, scales={"trade": (-1, 1), "delay": (4, 10)})
    ax = figure.axes[0]
    dots = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(dots) == 6
    areas = [float(d.get_sizes()[0]) for d in dots]
    assert areas[0] == pytest.approx(900.0) and areas[1] == pytest.approx(225.0)
    # A on delay is 4 = the low end of 4..10: the darkest red of RdBu
    low_end = mcolors.to_hex(dots[1].get_facecolors()[0])
    assert low_end == mcolors.to_hex(plt.get_cmap("RdBu")(0.0))


def test_positions_one_panel_per_issue_one_line_per_actor(tiny):
    figure = positions_figure(tiny)
    panels = [ax for ax in figure.axes if ax.get_title(loc="left")]
    assert [ax.get_title(loc="left") for ax in panels] == ["trade", "delay"]
    for ax in panels:
        assert [line.get_label() for line in ax.get_lines()][:3] == ["A", "B", "C"]
    delay = panels[1].get_lines()[1]
    np.testing.assert_allclose(delay.get_ydata(), [10.0, 10.1, 10.2])
    with pytest.raises(ValueError, match="nowhere"):
        positions_figure(tiny, issues=["nowhere"])


def test_blocs_table_prefers_the_runs_own_table_and_otherwise_solves(tiny, tiny_with_blocs):
    assert list(blocs_table(tiny_with_blocs)["sides"]) == ["A+B | C", "A+B+C", "A | B+C"]
    solved = blocs_table(tiny)
    # A and B allied, both hostile to or neutral with C: C alone at every step
    assert solved["sides"].iloc[0] == "A+B | C"
    assert solved["sides"].iloc[2] == "A+B | C"


def test_blocs_figure_colours_each_actor_by_its_bloc(tiny_with_blocs):
    figure = blocs_figure(tiny_with_blocs)
    mesh = figure.axes[0].collections[0]
    grid = np.asarray(mesh.get_array()).reshape(3, 3)
    np.testing.assert_array_equal(grid, [[0, 0, 0], [0, 0, 1], [1, 0, 1]])


def test_blocs_figure_lists_the_numbered_events_in_a_key(tiny_with_blocs):
    figure = blocs_figure(tiny_with_blocs)
    numbers = [t.get_text() for t in figure.axes[0].texts]
    assert numbers == ["1,2", "3"]  # same date: numbered by id, as in trajectories
    key = "\n".join(t.get_text() for t in figure.axes[1].texts)
    assert key.splitlines() == [
        "1  2020-04  First event",
        "2  2020-04  Second event",
        "3  2020-07  Third event",
    ]


def test_landscape_figure_lists_the_sizes_it_used(tiny):
    figure = landscape_figure(tiny, at=2)
    entries = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    # capabilities 4, 1, 2 from the actors table: shares 4/7, 1/7, 2/7
    assert entries[2:] == [
        "sizes (capability, share)",
        "A  4  (57%)",
        "B  1  (14%)",
        "C  2  (29%)",
    ]
    equal = landscape_figure(tiny, at=2, capability={})
    texts = [t.get_text() for t in equal.axes[0].get_legend().get_texts()]
    assert texts == ["global minimum", "local minimum"]
    assert "(equal sizes)" in equal.axes[0].get_title(loc="left")


def test_landscape_figure_lists_every_minimum_with_the_global_first(tiny):
    figure = landscape_figure(tiny, at=2, capability={"A": 1.0, "B": 1.0, "C": 1.0})
    ax = figure.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("A+B | C")
    dots = ax.collections[-1]
    assert mcolors.to_hex(dots.get_facecolors()[0]) == PALETTE[0].lower()


def test_network_takes_capabilities_from_the_results_actors_table(tiny):
    nodes = next(
        c for c in network_figure(tiny).axes[0].collections if isinstance(c, PathCollection)
    )
    areas = nodes.get_sizes()
    assert areas[0] / areas[1] == pytest.approx(4.0)
    tiny.actors = tiny.actors.iloc[0:0]
    nodes = next(
        c for c in network_figure(tiny).axes[0].collections if isinstance(c, PathCollection)
    )
    assert len(set(nodes.get_sizes())) == 1


def test_network_names_actors_without_a_capability(tiny):
    with pytest.raises(ValueError, match="no capability for B, C"):
        network_figure(tiny, capability={"A": 1.0})


def test_many_pairs_are_grey_with_those_that_changed_most_in_colour(tiny):
    from alignsim.plot.trajectories import highlighted_pairs

    # changes from step 0 to 2: A-B 0.2, A-C 0.2, B-C 0.3
    assert highlighted_pairs(tiny, max_pairs=3, highlight=1) == (
        [("A", "B"), ("A", "C"), ("B", "C")],
        "",
    )
    assert highlighted_pairs(tiny, max_pairs=2, highlight=1) == ([("B", "C")], "that changed most")
    tiny.meta["groups_members"] = {"AB": ["A", "B"]}
    assert highlighted_pairs(tiny, max_pairs=2, highlight=1) == ([("A", "B")], "inside groups")
    figure = trajectories_figure(tiny, max_pairs=2, highlight=1)
    top = figure.axes[0]
    grey = [line for line in top.get_lines() if line.get_color() == "0.8"]
    assert len(grey) == 3
    assert "grey: all 3 pairs; coloured: the 1 inside groups" in top.get_title(loc="left")


def test_notebook_helpers_are_public(tiny):
    from alignsim import plot

    actors, matrix = plot.alignment_matrix(tiny, 2)
    assert actors == ["A", "B", "C"] == plot.actors_of(tiny)
    np.testing.assert_allclose(matrix, [[0, 0.7, -0.6], [0.7, 0, -0.3], [-0.6, -0.3, 0]])
    assert plot.capability_at(tiny, 2) == {"A": 4.0, "B": 1.0, "C": 2.0}
    assert {"alignment_matrix", "actors_of", "capability_at", "event_key"} <= set(plot.__all__)
