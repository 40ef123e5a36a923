"""Shared look of every figure: the Okabe & Ito (2008) palette, date axes, event marks.

Okabe, M. & Ito, K. (2008), "Color Universal Design (CUD): how to make figures and
presentations that are friendly to colorblind people" — the eight-colour palette below.
Diverging maps use ColorBrewer's 'RdBu' (Brewer 2003), which stays readable for the common
colour-vision deficiencies, centred at 0.
"""

from __future__ import annotations

import textwrap
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

#: height in inches of one line of the event key
KEY_LINE = 0.15

#: Okabe & Ito (2008) palette, colour-blind safe
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
LINESTYLES = ("-", "--", "-.", ":")
#: diverging colour map centred at 0 for alignments and positions (ColorBrewer RdBu)
DIVERGING = "RdBu"
#: colours of positive (ally) and negative (adversary) ties in network figures
POSITIVE, NEGATIVE = PALETTE[0], PALETTE[5]


def side_legend(ax: Any, extra: Any = None, middle: bool = False, title: str | None = None) -> None:
    """Legend to the right of the axes, with an optional extra handle (e.g. observed points).

    Args:
        ax: the axes.
        extra: an artist appended to the axes' own handles, labelled by its label.
        middle: centred vertically (else aligned with the top of the axes).
        title: legend title.
    """
    handles, labels = ax.get_legend_handles_labels()
    if extra is not None:
        handles, labels = [*handles, extra], [*labels, extra.get_label()]
    ax.legend(
        handles,
        labels,
        loc="center left" if middle else "upper left",
        bbox_to_anchor=(1.01, 0.5 if middle else 1.0),
        fontsize=8,
        frameon=False,
        title=title,
        title_fontsize=8,
    )


def style(index: int) -> dict[str, Any]:
    """Colour and line style for the ``index``-th series (8 colours x 4 styles)."""
    return {
        "color": PALETTE[index % len(PALETTE)],
        "linestyle": LINESTYLES[(index // len(PALETTE)) % len(LINESTYLES)],
    }


def event_marks(events: pd.DataFrame) -> list[tuple[pd.Timestamp, list[int]]]:
    """Event dates in order with the 1-based numbers of the events at each date."""
    ordered = events.sort_values(["date", "id"], kind="stable").reset_index(drop=True)
    marks: dict[pd.Timestamp, list[int]] = {}
    for number, row in enumerate(ordered.itertuples(), start=1):
        marks.setdefault(pd.Timestamp(row.date), []).append(number)
    return list(marks.items())


def mark_events(ax: Any, events: pd.DataFrame, label: bool = True) -> None:
    """Dotted vertical lines at event dates; with ``label``, event numbers above the axes.

    Numbers follow :func:`event_key` (events sorted by date, then id), so a figure can list
    the events once in a key instead of writing long labels over the data.
    """
    for when, numbers in event_marks(events):
        ax.axvline(when, color="0.6", linestyle=":", linewidth=0.9, zorder=0)
        if label:
            ax.annotate(
                ",".join(map(str, numbers)),
                xy=(when, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(0, 2),
                textcoords="offset points",
                fontsize=7,
                color="0.3",
                ha="center",
                va="bottom",
            )


def event_key(events: pd.DataFrame) -> list[str]:
    """Lines ``"n  YYYY-MM  id: label"`` in the numbering of :func:`mark_events`."""
    ordered = events.sort_values(["date", "id"], kind="stable")
    return [
        f"{n}  {pd.Timestamp(row.date):%Y-%m}  {row.label}"
        for n, row in enumerate(ordered.itertuples(), start=1)
    ]


def draw_event_key(ax: Any, events: pd.DataFrame, columns: int = 2) -> None:
    """Write the event key in ``columns`` columns into an empty axes (its frame hidden)."""
    ax.set_axis_off()
    lines = event_key(events)
    if not lines:
        return
    per_column = -(-len(lines) // columns)
    for c in range(columns):
        chunk = lines[c * per_column : (c + 1) * per_column]
        ax.text(
            c / columns,
            1.0,
            "\n".join(chunk),
            transform=ax.transAxes,
            fontsize=7.5,
            va="top",
            ha="left",
            color="0.2",
            linespacing=1.35,
        )


def date_axis(ax: Any) -> None:
    """Concise automatic date ticks on the x axis."""
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def light_grid(ax: Any) -> None:
    """A faint grid behind the data."""
    ax.grid(True, color="0.92", linewidth=0.6)
    ax.set_axisbelow(True)


def actors_of(results: Any) -> list[str]:
    """Actor ids in scenario order, read from the alignment table."""
    first = results.alignment[results.alignment["step"] == results.alignment["step"].min()]
    return list(dict.fromkeys([*first["actor_a"], *first["actor_b"]]))


def step_at(results: Any, at: Any = None) -> int:
    """The last recorded step on or before ``at`` (default: the last step).

    Args:
        results: Results of one run.
        at: A date (``"2019-06"``, ``"2019-06-30"``, a Timestamp), a step number, or None.

    Raises:
        ValueError: If the date or step is outside the run.
    """
    table = results.system if not results.system.empty else results.alignment
    steps = table[["step", "date"]].drop_duplicates().sort_values("step")
    if at is None:
        return int(steps["step"].iloc[-1])
    if isinstance(at, int | np.integer):
        if not steps["step"].min() <= at <= steps["step"].max():
            raise ValueError(
                f"step {at} is outside the run (steps {steps['step'].min()}..{steps['step'].max()})"
            )
        return int(at)
    when = pd.Timestamp(at)
    before = steps[steps["date"] <= when]
    if before.empty:
        first = pd.Timestamp(steps["date"].iloc[0])
        raise ValueError(f"date {when:%Y-%m-%d} is before the run starts ({first:%Y-%m-%d})")
    return int(before["step"].iloc[-1])


def date_of(results: Any, step: int) -> pd.Timestamp:
    """Calendar date of a recorded step."""
    rows = results.alignment[results.alignment["step"] == step]
    return pd.Timestamp(rows["date"].iloc[0])


def alignment_matrix(results: Any, step: int) -> tuple[list[str], np.ndarray]:
    """Actor ids and the symmetric alignment matrix (zero diagonal) at ``step``."""
    actors = actors_of(results)
    index = {a: i for i, a in enumerate(actors)}
    matrix = np.zeros((len(actors), len(actors)))
    rows = results.alignment[results.alignment["step"] == step]
    for row in rows.itertuples():
        i, j = index[row.actor_a], index[row.actor_b]
        matrix[i, j] = matrix[j, i] = row.value
    return actors, matrix


def figure_title(
    results: Any,
    what: str,
    two_lines: bool = False,
    width: float | None = None,
    fontsize: float = 10.0,
) -> str:
    """``"<scenario title> — <what> (seed s)"``; with ``two_lines`` the title goes on top.

    With ``width`` (inches) every line is wrapped to fit a title of that width in
    ``fontsize`` points, so a long scenario title (a draft's file name) is never cut.
    """
    title = results.meta.get("title") or results.meta.get("scenario", "")
    seed = results.meta.get("seed")
    suffix = f" (seed {seed})" if seed is not None else ""
    if not title:
        text = f"{what}{suffix}"
    else:
        text = f"{title}\n{what}{suffix}" if two_lines else f"{title} — {what}{suffix}"
    if width is None:
        return text
    columns = max(20, int(width * 72 / (0.62 * fontsize)))
    return "\n".join(textwrap.fill(line, columns) for line in text.split("\n"))


def capability_at(results: Any, step: int) -> dict[str, float] | None:
    """Actor -> capability at ``step`` from the results' ``actors`` table, if it has one."""
    table = getattr(results, "actors", None)
    if table is None or not isinstance(table, pd.DataFrame) or "capability" not in table:
        return None
    rows = table[table["step"] == step]
    if rows.empty:
        return None
    return dict(zip(rows["actor"], rows["capability"].astype(float), strict=True))
