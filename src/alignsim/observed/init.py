"""A scenario drawn from the observed panel at a year (``alignsim init --from-observed``).

Rules (docs/observed-data.md, "Scenarios from observed data"):

- capability: the state's CINC (its share of world capabilities, COW NMC) in the year, or in
  the latest earlier year NMC covers (NMC ends in 2022);
- relations: initial alignment = the observed alignment index in the year (with its 90 %
  interval in the note); economic tie = total bilateral trade (both directions, billions of
  current US dollars, COW trade; latest year up to the start, to 2014); rivalry = an active
  strategic rivalry (Thompson, Sakuwa & Suhas; latest year up to the start, to 2020). Pairs
  without any of these start neutral, as the scenario format says;
- interests: one issue per UNGA issue set (all votes, human rights, Middle East, nuclear; 2020
  release to 2019, only "all" from the 2025 release for 2020-2023): the position is the
  state's ideal point standardised over every state with a value that year, halved and clipped
  to [-1, 1] (higher = voting more like the United States on that set). Votes say nothing
  about how much an issue matters, so every salience is a placeholder 0.5 marked
  ``placeholder:``, as is every position without an ideal point.

Every value cites its dataset (one scenario source per dataset, ``para: 1``) with a note that
names the year and the value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from alignsim.observed.sources import source

#: scenario issue id -> (panel column stem, label)
ISSUE_SETS = {
    "unga_all": ("all", "UNGA votes: all roll calls"),
    "unga_humanrights": ("humanrights", "UNGA votes: human rights"),
    "unga_middleeast": ("middleeast", "UNGA votes: Middle East"),
    "unga_nuclear": ("nuclear", "UNGA votes: nuclear weapons"),
}
PLACEHOLDER_SALIENCE = 0.5
INDEX_SOURCE = "observed_index"


def _cite(source_id: str, note: str) -> dict[str, Any]:
    return {"source": source_id, "para": 1, "note": note}


def _latest(frame: Any, column: str, year: int) -> Any:
    """Rows of the latest year <= ``year`` where ``column`` is known (one per key)."""
    known = frame[(frame["year"] <= year) & frame[column].notna()]
    return known.sort_values("year")


def _issue_positions(states: Any, year: int) -> tuple[dict[str, str], dict[str, Any]]:
    """Issue ids with their panel columns, and per issue a frame of positions (actor-indexed)."""
    if year <= source("voeten_2020").last:
        columns = {issue: f"idealpoint_{stem}" for issue, (stem, _) in ISSUE_SETS.items()}
    else:
        columns = {"unga_all": "idealpoint_2025"}
    this_year = states[states["year"] == year].set_index("actor")
    positions = {}
    for issue, column in columns.items():
        values = this_year[column]
        z = (values - values.mean()) / values.std(ddof=0)
        positions[issue] = {"point": values, "z": z, "position": np.clip(z / 2, -1, 1).round(3)}
    return columns, positions


def _actor(actor: str, state_rows: Any, year: int, columns: dict, positions: dict) -> dict:
    rows = _latest(state_rows, "cinc", year)
    if rows.empty:
        from alignsim.observed.load import ObservedError

        raise ObservedError(f"{actor}: no CINC (COW NMC) in or before {year}")
    latest = rows.iloc[-1]
    cinc_year = int(latest["year"])
    interests = {}
    for issue, column in columns.items():
        release = "voeten_2025" if column == "idealpoint_2025" else "voeten_2020"
        point = positions[issue]["point"].get(actor, np.nan)
        if np.isnan(point):
            position = 0.0
            note = f"placeholder: no {column} for {actor} in {year}; set by the analyst"
        else:
            position = float(positions[issue]["position"][actor])
            note = (
                f"{column} {year} = {point:.3f}, z = {positions[issue]['z'][actor]:.2f} over "
                f"{positions[issue]['point'].notna().sum()} states; position = clip(z/2); "
                "salience 0.5 is a placeholder: votes do not show it, set by the analyst"
            )
        interests[issue] = {
            "position": position,
            "salience": PLACEHOLDER_SALIENCE,
            "citation": _cite(release, note),
        }
    return {
        "capability": round(float(latest["cinc"]), 9),
        "capability_citation": _cite(
            "cow_nmc", f"CINC {cinc_year} = {latest['cinc']:.9f} (ccode {int(latest['ccode'])})"
        ),
        "interests": interests,
    }


def _pair_values(dyads: Any, year: int) -> Any:
    """Per pair: trade (latest year <= ``year``) and rivalry (same), with their years."""
    import pandas as pd

    upto = dyads[dyads["year"] <= year]
    traded = upto[upto[["trade_a_to_b", "trade_b_to_a"]].notna().any(axis=1)]
    trade = traded.sort_values("year").groupby(["a", "b"]).tail(1)
    trade = trade[["a", "b", "year", "trade_a_to_b", "trade_b_to_a"]].rename(
        columns={"year": "trade_year"}
    )
    rivals = upto[upto["rivalry"].notna()].sort_values("year").groupby(["a", "b"]).tail(1)
    rivals = rivals[["a", "b", "year", "rivalry"]].rename(columns={"year": "rivalry_year"})
    return pd.merge(trade, rivals, on=["a", "b"], how="outer")


def _relation(row: Any, year: int) -> dict[str, Any] | None:
    parts, relation = [], {"pair": [row.a, row.b]}
    cited = None
    if not np.isnan(row.alignment):
        relation["alignment"] = round(float(row.alignment), 3)
        parts.append(
            f"alignment index {year} = {row.alignment:.3f} (90%: {row.low:.3f} to {row.high:.3f})"
        )
        cited = INDEX_SOURCE
    if not np.isnan(row.trade_year):
        total = np.nansum([row.trade_a_to_b, row.trade_b_to_a])
        relation["economic_tie"] = round(float(total) / 1000, 6)
        parts.append(
            f"economic tie = COW trade {int(row.trade_year)} (cow_trade): {row.a} to {row.b} "
            f"{row.trade_a_to_b:g} + {row.b} to {row.a} {row.trade_b_to_a:g} million USD, "
            "in billions"
        )
        cited = cited or "cow_trade"
    if not np.isnan(row.rivalry_year):
        relation["rivalry"] = bool(row.rivalry == 1)
        parts.append(f"rivalry = TSS {int(row.rivalry_year)} (tss_rivalries): {int(row.rivalry)}")
        cited = cited or "tss_rivalries"
    if cited is None:
        return None
    relation["citation"] = _cite(cited, "; ".join(parts))
    return relation


def _sources(used: set[str], panel_last: int) -> list[dict[str, Any]]:
    entries = []
    for source_id in sorted(used - {INDEX_SOURCE}):
        record = source(source_id)
        entries.append(
            {"id": record.id, "title": record.title, "author": record.author, "date": record.date}
        )
    if INDEX_SOURCE in used:
        entries.append(
            {
                "id": INDEX_SOURCE,
                "title": "alignsim observed alignment index (docs/observed.md): dynamic factor "
                f"model of ATOP, COW MID, TSS rivalries, ICEWS, SIPRI and UNGA ideal points, data "
                f"to {panel_last}",
                "author": "alignsim; data as cited in DATA-LICENSES.md",
                "date": str(panel_last),
            }
        )
    return entries


def scenario_from_observed(
    year: int,
    actors: Sequence[str] | str = "all",
    steps: int = 40,
    unit: str = "quarter",
) -> dict[str, Any]:
    """A scenario (as a dict ready for YAML) whose starting state is the panel at ``year``.

    Args:
        year: the start year (the run starts in January of it); 1991 to the index's last year.
        actors: ISO3-style actor ids, or ``"all"`` for every state with CINC data that year.
        steps: number of steps after the start.
        unit: ``month``, ``quarter`` or ``year``.

    Returns:
        A dict with the keys of scenario format 1 (version, name, title, description, sources,
        time, issues, actors, relations); every value carries a citation of its dataset and
        year, and placeholders say so in their note.

    Raises:
        ObservedError: an unknown actor id, a year outside the panel, an actor without CINC
            data, or fewer than two actors.
    """
    from alignsim.observed.codes import countries
    from alignsim.observed.index import alignment
    from alignsim.observed.load import ObservedError, coverage, panel

    states = panel(years=(1991, year), level="state") if year >= 1991 else None
    if states is None or year not in set(states["year"]):
        panel(years=year, level="state")  # raises the coverage error
    if isinstance(actors, str) and actors.lower() == "all":
        present = states[(states["year"] <= year) & states["cinc"].notna()]
        ids = sorted(set(states.loc[states["year"] == year, "actor"]) & set(present["actor"]))
    else:
        ids = sorted(dict.fromkeys(str(a).strip().upper() for a in actors))
        states = panel(ids, (1991, year), level="state")
    if len(ids) < 2:
        raise ObservedError("give at least two actors")
    index = alignment(ids, year)
    dyads = panel(ids, (1991, year))
    pairs = _pair_values(dyads, year).merge(
        index[["a", "b", "alignment", "low", "high"]], on=["a", "b"], how="outer"
    )
    columns, positions = _issue_positions(panel(years=year, level="state"), year)
    names = dict(zip(countries()["actor"], countries()["name"], strict=True))
    actor_entries = []
    for actor in ids:
        entry = _actor(actor, states[states["actor"] == actor], year, columns, positions)
        actor_entries.append({"id": actor, "name": names[actor], **entry})
    relations = [r for r in (_relation(row, year) for row in pairs.itertuples()) if r]
    used = {"cow_nmc"} | {c["source"] for r in relations for c in [r["citation"]]}
    used |= {i["citation"]["source"] for a in actor_entries for i in a["interests"].values()}
    issues = [
        {
            "id": issue,
            "label": ISSUE_SETS[issue][1],
            "citation": _cite(
                "voeten_2025" if column == "idealpoint_2025" else "voeten_2020",
                f"issue set of the {column} ideal points; +1 = votes like the United States",
            ),
        }
        for issue, column in columns.items()
    ]
    listed = ", ".join(ids) if len(ids) <= 12 else f"{len(ids)} states"
    return {
        "version": 1,
        "name": f"observed_{year}",
        "title": f"Observed starting state, {year}: {listed}",
        "description": (
            f"Drawn from alignsim's observed panel at {year} by alignsim init --from-observed: "
            "capabilities are CINC, initial alignments the observed index, economic ties "
            "bilateral trade, interests UNGA ideal points by issue set (rules in "
            "docs/observed-data.md). Saliences are placeholders for the analyst."
        ),
        "sources": _sources(used, coverage("dyad")[1]),
        "time": {"start": f"{year}-01", "unit": unit, "steps": steps},
        "issues": issues,
        "actors": actor_entries,
        "relations": relations,
    }
