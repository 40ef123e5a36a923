"""The state-year frame: capabilities, UNGA ideal points and interstate conflict membership.

Rows are the COW system members of each year (the states of COW NMC); after NMC's last year
the membership of that year is carried forward (no state has entered or left the COW system
since South Sudan in 2011). Every column is NaN past its source's last year.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from alignsim.observed import raw
from alignsim.observed.codes import gw_to_ccode
from alignsim.observed.sources import source

FIRST_YEAR = 1991
NMC_COLUMNS = ("cinc", "milex", "milper", "tpop")


def nmc(raw_dir: Path) -> pd.DataFrame:
    """COW NMC rows from ``FIRST_YEAR`` on: year, ccode and the capability columns."""
    table = raw.as_int(raw.read_rda(raw_dir, "peacesciencer/cow_nmc.rda"), "ccode", "year")
    table = table[table["year"] >= FIRST_YEAR]
    return table[["year", "ccode", *NMC_COLUMNS]].reset_index(drop=True)


def members(capabilities: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """System members per year (year, ccode) to ``last_year``, NMC's last year carried on."""
    frame = capabilities[["year", "ccode"]]
    end = int(frame["year"].max())
    final = frame[frame["year"] == end]
    extra = [final.assign(year=year) for year in range(end + 1, last_year + 1)]
    out = pd.concat([frame, *extra], ignore_index=True)
    return out.sort_values(["year", "ccode"], ignore_index=True)


def blank_past(frame: pd.DataFrame, columns: list[str], last: int) -> pd.DataFrame:
    """Set ``columns`` to NaN in years after ``last`` (a source's end)."""
    frame.loc[frame["year"] > last, columns] = np.nan
    return frame


def interstate_conflict(raw_dir: Path) -> pd.DataFrame:
    """Per state-year: member of an interstate conflict (UCDP/PRIO ACD) and its top intensity.

    A state is a member when it is a primary or secondary party on either side of a conflict
    coded ``interstate`` that year; intensity 1 = 25-999, 2 = 1000+ battle deaths.
    """
    acd = raw.read_rda(raw_dir, "peacesciencer/ucdp_acd.rda")
    acd = acd[(acd["type_of_conflict"] == "interstate") & (acd["year"] >= FIRST_YEAR)]
    sides = ["gwno_a", "gwno_a_2nd", "gwno_b", "gwno_b_2nd"]
    long = acd.melt(id_vars=["year", "intensity_level"], value_vars=sides, value_name="gw")
    long = raw.as_int(long, "gw", "year")
    long["ccode"] = long["gw"].map(gw_to_ccode)
    out = long.groupby(["year", "ccode"], as_index=False)["intensity_level"].max()
    return out.rename(columns={"intensity_level": "ucdp_intensity"}).assign(ucdp_interstate=1.0)


def ideal_points(raw_dir: Path) -> pd.DataFrame:
    """Wide ideal points per (year, ccode): both releases, point with its 90% interval."""
    old = raw.voeten_2020(raw_dir)
    wide = old.pivot(index=["year", "ccode"], columns="set", values=["point", "q05", "q95"])
    wide.columns = [
        f"idealpoint_{name}" + ("" if stat == "point" else f"_{stat}")
        for stat, name in wide.columns
    ]
    new = raw.voeten_2025(raw_dir).set_index(["year", "ccode"])[["point", "q05", "q95"]]
    new.columns = ["idealpoint_2025", "idealpoint_2025_q05", "idealpoint_2025_q95"]
    return wide.join(new, how="outer").reset_index()


def ideal_point_columns() -> list[str]:
    """Ideal-point columns in panel order."""
    names = [*raw.IDEAL_POINT_SETS.values(), "2025"]
    return [f"idealpoint_{n}{s}" for n in names for s in ("", "_q05", "_q95")]


def state_year(raw_dir: Path, actors: dict[int, str], last_year: int) -> pd.DataFrame:
    """The state-year frame from ``FIRST_YEAR`` to ``last_year``."""
    capabilities = nmc(raw_dir)
    frame = members(capabilities, last_year)
    frame.insert(1, "actor", frame["ccode"].map(actors))
    frame = frame.merge(capabilities, on=["year", "ccode"], how="left")
    frame = blank_past(frame, list(NMC_COLUMNS), source("cow_nmc").last)
    frame = frame.merge(ideal_points(raw_dir), on=["year", "ccode"], how="left")
    points = ideal_point_columns()
    frame = blank_past(frame, points[:-3], source("voeten_2020").last)
    frame = blank_past(frame, points[-3:], source("voeten_2025").last)
    conflict = interstate_conflict(raw_dir)
    frame = frame.merge(conflict, on=["year", "ccode"], how="left")
    frame[["ucdp_interstate", "ucdp_intensity"]] = frame[
        ["ucdp_interstate", "ucdp_intensity"]
    ].fillna(0.0)
    frame = blank_past(frame, ["ucdp_interstate", "ucdp_intensity"], source("ucdp_acd").last)
    columns = ["year", "actor", "ccode", *NMC_COLUMNS, *ideal_point_columns()]
    return frame[[*columns, "ucdp_interstate", "ucdp_intensity"]]
