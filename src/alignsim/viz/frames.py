"""Figures of the interactive page that are drawn once and then updated in place each step.

Making a matplotlib figure and laying it out costs far more than drawing a few lines, so
each figure is built once per run (axes, ticks, legends, event marks) and saved as a
background; a step only changes the data of the artists that move (marked *animated*, so
the background leaves them out), draws them over the background and encodes the pixels as
a PNG with light compression. ``benchmarks/viz_step.py`` times this against drawing the
report figures afresh each step.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from alignsim.analysis.indices import cohesion
from alignsim.plot._common import (
    DIVERGING,
    NEGATIVE,
    PALETTE,
    POSITIVE,
    date_axis,
    light_grid,
    style,
)
from alignsim.plot.network import MAX_NODE_AREA, MIN_NODE_AREA, sides_to_blocs

#: resolution of the page's figures
DPI = 72


class Frame:
    """A figure whose animated artists are redrawn over a saved background."""

    def __init__(self, figure: Figure, animated: list[Any]):
        self.figure, self.animated = figure, animated
        for artist in animated:
            artist.set_animated(True)
        self.figure.canvas.draw()
        self.background = self.figure.canvas.copy_from_bbox(self.figure.bbox)

    def png(self) -> bytes:
        """The figure with the animated artists' current data, as PNG bytes."""
        canvas = self.figure.canvas
        canvas.restore_region(self.background)
        for artist in self.animated:
            if artist.get_visible():
                artist.axes.draw_artist(artist) if artist.axes else self.figure.draw_artist(artist)
        pixels = np.asarray(canvas.buffer_rgba())
        buffer = io.BytesIO()
        Image.fromarray(pixels[..., :3]).save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue()


def new_figure(width: float, height: float) -> Figure:
    """A figure outside pyplot's registry (freed with its frame), on an Agg canvas."""
    figure = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def trajectories_frame(compiled: Any, title: str) -> tuple[Frame, Any]:
    """Pairs' alignment (top) and groups' cohesion (bottom) over the whole calendar.

    Returns:
        The frame and ``update(alignment)``, which sets the lines to an alignment history
        ``(steps so far + 1, n, n)``.
    """
    n = len(compiled.actors)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    dates = np.array(compiled.dates, dtype="datetime64[D]")
    figure = new_figure(11, 6.2)
    top, low = figure.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 1.6]})
    figure.subplots_adjust(left=0.07, right=0.84, top=0.9, bottom=0.07, hspace=0.08)
    pair_lines = [
        top.plot([], [], label=f"{compiled.actors[i]}–{compiled.actors[j]}", lw=1.5, **style(k))[0]
        for k, (i, j) in enumerate(pairs)
    ]
    group_lines = [
        low.plot([], [], label=name, lw=2, **style(k))[0] for k, name in enumerate(compiled.groups)
    ]
    for ax, label in ((top, "alignment"), (low, "group cohesion")):
        ax.set_xlim(dates[0], dates[-1])
        ax.set_ylim(-1.05, 1.05)
        ax.axhline(0, color="0.3", linewidth=0.6)
        ax.set_ylabel(label)
        light_grid(ax)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    _mark_events(top, low, compiled)
    date_axis(low)
    top.set_title(
        f"{title}\nalignment trajectories (dotted lines: events)", fontsize=10, loc="left"
    )
    frame = Frame(figure, [*pair_lines, *group_lines])
    groups = list(compiled.groups.values())

    def update(alignment: np.ndarray) -> None:
        shown = dates[: alignment.shape[0]]
        for line, (i, j) in zip(pair_lines, pairs, strict=True):
            line.set_data(shown, alignment[:, i, j])
        for line, members in zip(group_lines, groups, strict=True):
            line.set_data(shown, cohesion(alignment, members))

    return frame, update


def _mark_events(top: Any, low: Any, compiled: Any) -> None:
    for step, events in compiled.schedule.items():
        for event in events:
            when = np.datetime64(event.date or compiled.dates[step], "D")
            for ax in (top, low):
                ax.axvline(when, color="0.6", linestyle=":", linewidth=0.9, zorder=0)


def heatmap_frame(compiled: Any) -> tuple[Frame, Any]:
    """The alignment matrix; ``update(alignment, date)`` sets its colours, values and title."""
    actors = list(compiled.actors)
    n = len(actors)
    side = min(max(3.2, 0.62 * n + 1.6), 14)
    figure = new_figure(side + 1.3, side)
    ax = figure.subplots()
    figure.subplots_adjust(left=0.12, right=0.98, top=0.88, bottom=0.1)
    cmap = colormaps[DIVERGING].with_extremes(bad="0.88")
    image = ax.imshow(np.zeros((n, n)), cmap=cmap, vmin=-1, vmax=1)
    ax.set_xticks(range(n), actors, rotation=45 if n > 6 else 0)
    ax.set_yticks(range(n), actors)
    ax.tick_params(length=0)
    for edge in ax.spines.values():
        edge.set_visible(False)
    figure.colorbar(image, ax=ax, shrink=0.8, ticks=[-1, -0.5, 0, 0.5, 1])
    texts = {
        (i, j): ax.text(j, i, "", ha="center", va="center", fontsize=9)
        for i in range(n)
        for j in range(n)
        if i != j and n <= 12
    }
    title = ax.set_title("", fontsize=10, loc="left")
    frame = Frame(figure, [image, *texts.values(), title])

    def update(alignment: np.ndarray, date: Any) -> None:
        image.set_data(np.where(np.eye(n, dtype=bool), np.nan, alignment))
        for (i, j), text in texts.items():
            value = alignment[i, j]
            text.set_text(f"{value:+.2f}")
            text.set_color("white" if abs(value) > 0.55 else "0.1")
        title.set_text(f"alignment on {date:%Y-%m-%d}")

    return frame, update


def mds_layout(alignment: np.ndarray, previous: np.ndarray | None = None) -> np.ndarray:
    """Node positions ``(n, 2)`` whose distances follow ``1.25 - alignment``, within [-1, 1].

    Classical multidimensional scaling (Torgerson 1952): the two leading eigenvectors of
    the double-centred squared target distances, a closed form that costs microseconds
    where an iterative layout (Kamada & Kawai 1989, used by the report's network figure)
    costs a large share of a step. Allies are drawn close, adversaries apart. With
    ``previous`` positions the result is rotated and reflected onto them (orthogonal
    Procrustes, Schoenemann 1966), so the picture does not flip from one step to the next.
    """
    n = alignment.shape[0]
    if n < 3:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])[:n]
    target = 1.25 - np.asarray(alignment, dtype=float)
    np.fill_diagonal(target, 0.0)
    centring = np.eye(n) - 1.0 / n
    gram = -0.5 * centring @ (target**2) @ centring
    values, vectors = np.linalg.eigh(gram)
    top = np.argsort(values)[::-1][:2]
    xy = vectors[:, top] * np.sqrt(np.clip(values[top], 1e-12, None))
    if previous is not None:
        left, _, right = np.linalg.svd(xy.T @ previous)
        xy = xy @ (left @ right)
    return xy / max(float(np.abs(xy).max()), 1e-12)


def network_frame(compiled: Any, min_tie: float = 0.05) -> tuple[Frame, Any]:
    """The signed network; ``update(alignment, capability, blocs, date)`` redraws its parts.

    Nodes are coloured by landscape bloc (named above the figures on the page), their area
    follows capability; ties are blue and solid when positive, vermilion and dashed when
    negative, wider when stronger (as :func:`alignsim.plot.network_figure`).
    """
    actors = list(compiled.actors)
    n = len(actors)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    figure = new_figure(6.4, 5.6)
    ax = figure.subplots()
    figure.subplots_adjust(left=0.02, right=0.98, top=0.9, bottom=0.02)
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.set_axis_off()
    edges = [ax.plot([], [], zorder=1, solid_capstyle="round")[0] for _ in pairs]
    values = [
        ax.text(
            0,
            0,
            "",
            fontsize=7.5,
            ha="center",
            va="center",
            zorder=3,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
        )
        for _ in pairs
    ]
    nodes = ax.scatter(np.zeros(n), np.zeros(n), s=MIN_NODE_AREA, edgecolors="0.2", zorder=2)
    labels = [
        ax.text(
            0,
            0,
            a,
            fontsize=10,
            fontweight="bold",
            ha="center",
            va="center",
            zorder=4,
            bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.7},
        )
        for a in actors
    ]
    title = ax.set_title("", fontsize=10, loc="left")
    ax.text(
        0.0,
        0.0,
        "colours: the blocs named above; blue solid ties positive, vermilion dashed negative",
        transform=ax.transAxes,
        fontsize=7,
        color="0.35",
        va="top",
    )
    frame = Frame(figure, [*edges, *values, nodes, *labels, title])

    previous: list[np.ndarray] = []

    def update(
        alignment: np.ndarray, capability: np.ndarray, blocs: dict[str, str], date: Any
    ) -> None:
        xy = mds_layout(alignment, previous[-1] if previous else None)
        previous[:] = [xy]
        for edge, text, (i, j) in zip(edges, values, pairs, strict=True):
            value = alignment[i, j]
            shown = abs(value) >= min_tie
            edge.set_visible(shown)
            text.set_visible(shown and abs(value) >= 0.15 and n <= 10)
            edge.set_data(xy[[i, j], 0], xy[[i, j], 1])
            edge.set_color(POSITIVE if value > 0 else NEGATIVE)
            edge.set_linestyle("-" if value > 0 else (0, (4, 2)))
            edge.set_linewidth(0.8 + 6.0 * abs(value))
            text.set_position(xy[[i, j]].mean(axis=0))
            text.set_text(f"{value:+.2f}")
        areas = np.maximum(MAX_NODE_AREA * capability / capability.max(), MIN_NODE_AREA) / 2
        order = list(dict.fromkeys(blocs[a] for a in actors))
        nodes.set_offsets(xy)
        nodes.set_sizes(areas)
        nodes.set_facecolors([PALETTE[(order.index(blocs[a]) + 1) % len(PALETTE)] for a in actors])
        for label, point in zip(labels, xy, strict=True):
            label.set_position(point)
        title.set_text(f"alignment network on {date:%Y-%m-%d}")

    return frame, update


class LiveFigures:
    """The page's three figures for one run, redrawn only when the run has moved on."""

    def __init__(self, model: Any):
        compiled = model.compiled
        self.trajectories, self._trajectories = trajectories_frame(compiled, model.source.title)
        self.heatmap, self._heatmap = heatmap_frame(compiled)
        self.network, self._network = network_frame(compiled)
        self.step = -1
        self.images: tuple[bytes, bytes, bytes] = (b"", b"", b"")

    def images_of(self, model: Any) -> tuple[bytes, bytes, bytes]:
        """PNGs of the trajectories, heatmap and network at the model's last step."""
        step = len(model.history) - 1
        if step != self.step:
            state, date = model.history[-1], model.compiled.dates[step]
            alignment = np.stack([s.alignment for s in model.history])
            self._trajectories(alignment)
            self._heatmap(state.alignment, date)
            blocs = sides_to_blocs(model.current_blocs()["sides"])
            self._network(state.alignment, np.asarray(state.capability), blocs, date)
            self.images = (self.trajectories.png(), self.heatmap.png(), self.network.png())
            self.step = step
        return self.images
