"""The observed-data part of a report: matched pairs, first and last points, sources."""

from __future__ import annotations

from typing import Any

from alignsim.report.html import esc, table

#: added to a trajectories caption when observed points are drawn
OBSERVED_CAPTION = (
    " Dots with bars: the observed alignment index of the pair in that year (1 July) "
    "with its 90 % interval (see Observed data)."
)


def observed_section(points: Any, matched: str) -> str:
    """The Observed data section: what was matched, first and last points, the sources."""
    from alignsim.observed.overlay import CITATION

    parts = ["<h2>Observed data</h2>", f"<p>{esc(matched)}.</p>"]
    if not points.empty:
        rows = []
        for (a, b), group in points.groupby(["actor_a", "actor_b"], sort=False):
            first, last = group.iloc[0], group.iloc[-1]
            rows.append(
                [
                    f"{a}–{b}",
                    f"{int(first['year'])}–{int(last['year'])}",
                    f"{first['alignment']:+.2f} [{first['low']:+.2f}, {first['high']:+.2f}]",
                    f"{last['alignment']:+.2f} [{last['low']:+.2f}, {last['high']:+.2f}]",
                ]
            )
        parts.append(table(["pair", "years", "first observed", "last observed"], rows))
    parts.append(f"<p>Source: {esc(CITATION)}</p>")
    return "\n".join(parts)
