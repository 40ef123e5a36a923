"""Observed alignment points for the pairs and dates of a simulation run.

Simulated actors are matched to the panel by id (ISO3, as in the bundled scenarios) or, failing
that, by name (the panel's country names, case-insensitive). Each observed year is drawn at
1 July of that year, for the years that overlap the run's dates and the index's coverage.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

#: what a figure caption or report cites for the observed points
CITATION = (
    "Observed alignment index (docs/observed.md) from UNGA ideal points (Bailey, Strezhnev & "
    "Voeten 2017), ATOP (Leeds et al. 2002), COW MID 5 (Palmer et al. 2022), strategic "
    "rivalries (Thompson, Sakuwa & Suhas 2021), SIPRI arms transfers and ICEWS events "
    "(Boschee et al. 2015); see DATA-LICENSES.md for the citations you owe."
)


def panel_ids(actors: list[str], names: dict[str, str] | None = None) -> dict[str, str]:
    """Simulated actor id -> panel actor id, for the actors the panel knows.

    Args:
        actors: simulated actor ids.
        names: optional actor id -> display name, tried when the id is not a panel id.
    """
    from alignsim.observed.codes import countries

    table = countries()
    known = set(table["actor"])
    by_name = {str(n).casefold(): a for n, a in zip(table["name"], table["actor"], strict=True)}
    found = {}
    for actor in actors:
        if actor.upper() in known:
            found[actor] = actor.upper()
        elif names and str(names.get(actor, "")).casefold() in by_name:
            found[actor] = by_name[str(names[actor]).casefold()]
    return found


def observed_points(
    pairs: list[tuple[str, str]],
    first: Any,
    last: Any,
    names: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Observed index rows for simulated pairs over the run's years.

    Args:
        pairs: simulated pairs (actor_a, actor_b) in the run's order.
        first, last: the run's first and last dates.
        names: optional actor id -> name for actors whose id is not a panel id.

    Returns:
        Rows of actor_a, actor_b (the simulated ids and order), year, date (1 July),
        alignment, low, high, n_indicators; empty when no pair or year has data.
    """
    from alignsim.observed.index import alignment
    from alignsim.observed.load import coverage

    columns = ["actor_a", "actor_b", "year", "date", "alignment", "low", "high", "n_indicators"]
    start, end = coverage("dyad")
    years = (max(pd.Timestamp(first).year, start), min(pd.Timestamp(last).year, end))
    ids = panel_ids(sorted({a for pair in pairs for a in pair}), names)
    if years[0] > years[1] or len(ids) < 2:
        return pd.DataFrame(columns=columns)
    index = alignment(sorted(set(ids.values())), years)
    parts = []
    for a, b in pairs:
        if a not in ids or b not in ids:
            continue
        low_id, high_id = sorted((ids[a], ids[b]))
        rows = index[(index["a"] == low_id) & (index["b"] == high_id)]
        parts.append(rows.assign(actor_a=a, actor_b=b))
    if not parts:
        return pd.DataFrame(columns=columns)
    points = pd.concat(parts, ignore_index=True)
    points["date"] = pd.to_datetime(points["year"].astype(str) + "-07-01")
    points = points.astype({"alignment": float, "low": float, "high": float})
    return points[columns].reset_index(drop=True)


def matched_points(
    pairs: list[tuple[str, str]], first: Any, last: Any, names: dict[str, str] | None = None
) -> tuple[pd.DataFrame, str]:
    """Observed points of ``pairs`` over ``first``..``last`` and a one-line note of the match."""
    points = observed_points(pairs, first, last, names)
    if points.empty:
        return points, (
            "observed: no simulated pair has observed data (actor ids are matched to the "
            "panel's ISO3 ids or country names; years to the index's 1991-2023)"
        )
    matched = points.groupby(["actor_a", "actor_b"], sort=False).size()
    return points, (
        f"observed: {len(points)} yearly points for {len(matched)} of {len(pairs)} pairs, "
        f"{points['year'].min()}-{points['year'].max()} (observed alignment index, "
        "docs/observed.md; data citations in DATA-LICENSES.md)"
    )


def run_points(results: Any) -> tuple[pd.DataFrame, str]:
    """Observed points for every pair of a run, and a one-line note of what was matched.

    Args:
        results: :class:`~alignsim.results.Results` of one run.

    Returns:
        The points (see :func:`observed_points`) and a note naming the pairs, years and source.
    """
    alignment = results.alignment
    pairs = list(dict.fromkeys(zip(alignment["actor_a"], alignment["actor_b"], strict=True)))
    actors = getattr(results, "actors", None)
    names = None
    if actors is not None and {"actor", "name"} <= set(getattr(actors, "columns", ())):
        first = actors.drop_duplicates("actor")
        names = dict(zip(first["actor"], first["name"], strict=True))
    dates = alignment["date"]
    return matched_points(pairs, dates.min(), dates.max(), names)


def split_pair(name: str, actors: list[str]) -> tuple[str, str]:
    """``"A-B"`` back into its two actor ids (ids may themselves contain hyphens)."""
    for cut in range(1, len(name)):
        if name[cut] == "-" and name[:cut] in actors and name[cut + 1 :] in actors:
            return name[:cut], name[cut + 1 :]
    first, _, second = name.partition("-")
    return first, second


def ensemble_points(saved: Any) -> tuple[pd.DataFrame, str]:
    """Observed points for every pair of a saved ensemble (its bands' pair names).

    Args:
        saved: :class:`~alignsim.results.saved.SavedEnsemble`.
    """
    bands = saved.bands[saved.bands["kind"] == "pair"]
    scenario = saved.scenario if isinstance(saved.scenario, dict) else {}
    listed = scenario.get("actors") or []
    actors = [a["id"] for a in listed]
    names = {a["id"]: a.get("name", "") for a in listed}
    pairs = [split_pair(n, actors) for n in dict.fromkeys(bands["name"])]
    return matched_points(pairs, bands["date"].min(), bands["date"].max(), names)
