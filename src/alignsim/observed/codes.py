"""Country codes: COW numeric codes, the ISO3-style actor ids scenarios use, and the codes of
the sources (ISO2 in ``unvotes``, Gleditsch-Ward in UCDP, ISO3 in ICEWS).

The panel identifies a state by its Correlates of War code (``ccode``) and by an actor id, the
ISO3 code scenarios use (USA, RUS, CHN, IND, PAK, ...). COW continuity is kept: the Soviet Union
is COW 365 and actor ``RUS`` before 1992; Yugoslavia / Serbia and Montenegro / Serbia is COW 345
and actor ``SRB`` throughout. The table is built once from the raw files (the ISO3 codes the
Voeten ideal-point release attaches to COW codes, and country_converter's table for states it
lacks) and shipped as ``countries.csv`` with the panel, so loading needs neither.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from typing import Any

#: actor ids fixed by hand where the ISO3 code of a COW code changed over time
ACTOR_OVERRIDES = {345: "SRB", 365: "RUS", 315: "CSK", 255: "DEU", 679: "YEM"}

#: ISO2 codes of ``unvotes`` that are not today's ISO2 code of the COW state
UNVOTES_ALIASES = {"YU": 345, "CS": 315}

#: Gleditsch-Ward codes that differ from the COW code of the same state (Gleditsch & Ward
#: 1999, "A revised list of independent states since the Congress of Vienna")
GW_TO_COW = {260: 255, 340: 345, 678: 679, 970: 946, 971: 970, 972: 955, 973: 947}

#: names of states that no longer exist (absent from country_converter's table)
NAMES = {315: "Czechoslovakia"}


def _coco_rows() -> list[dict[str, str]]:
    """country_converter's table (build time only)."""
    path = resources.files("country_converter") / "country_data.tsv"
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def build_country_table(ccodes: list[int], voeten_iso3: dict[int, str]) -> list[dict[str, Any]]:
    """One row per COW code: ccode, actor (ISO3-style id), iso2, name.

    Args:
        ccodes: the COW codes the panel covers.
        voeten_iso3: ISO3 code per COW code as given by the Voeten July 2025 release.

    Raises:
        ValueError: a COW code without an actor id, or two codes sharing one.
    """
    coco = _coco_rows()
    by_iso3 = {row["ISO3"]: row for row in coco if row["ISO3"]}
    by_gw = {int(row["GWcode"]): row for row in coco if row["GWcode"].strip()}
    table = []
    for code in sorted(ccodes):
        actor = ACTOR_OVERRIDES.get(code) or voeten_iso3.get(code) or ""
        if not actor and code in by_gw:
            actor = by_gw[code]["ISO3"]
        if not actor:
            raise ValueError(f"COW code {code} has no ISO3 actor id")
        row = by_iso3.get(actor, {})
        # a few ISO2 cells of coco's table are regular expressions such as ``^GB$|^UK$``
        iso2 = row.get("ISO2", "").split("|")[0].strip("^$")
        name = NAMES.get(code) or row.get("name_short", actor)
        table.append({"ccode": code, "actor": actor, "iso2": iso2, "name": name})
    actors = [row["actor"] for row in table]
    if len(set(actors)) != len(actors):
        raise ValueError("two COW codes share an actor id")
    return table


def iso2_to_ccode(table: list[dict[str, Any]]) -> dict[str, int]:
    """``unvotes`` ISO2 code -> COW code."""
    mapping = {row["iso2"]: row["ccode"] for row in table if row["iso2"]}
    mapping.update(UNVOTES_ALIASES)
    return mapping


def gw_to_ccode(gw: int) -> int:
    """Gleditsch-Ward code -> COW code (identical except for a few states)."""
    return GW_TO_COW.get(gw, gw)


@cache
def countries() -> Any:
    """The shipped country table as a DataFrame (ccode, actor, iso2, name)."""
    import pandas as pd

    path = resources.files("alignsim.observed") / "data" / "countries.csv"
    with path.open("rb") as handle:
        return pd.read_csv(handle, keep_default_na=False, dtype={"iso2": str})


def actor_to_ccode() -> dict[str, int]:
    """Actor id -> COW code, from the shipped table."""
    table = countries()
    return dict(zip(table["actor"], table["ccode"].astype(int), strict=True))
