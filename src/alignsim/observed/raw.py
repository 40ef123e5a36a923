"""Readers of the vendored raw files (build time only: ``.rda`` files need pyreadr).

Each reader returns the source's table as published, with COW codes and years as integers;
no value is changed here.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

#: Voeten issue sets: file suffix -> panel name
IDEAL_POINT_SETS = {
    "All": "all",
    "Important": "important",
    "HumanRights": "humanrights",
    "MiddleEast": "middleeast",
    "Nuclear": "nuclear",
    "NoNukes": "nonukes",
}


def read_rda(raw: Path, name: str) -> pd.DataFrame:
    """The single table of ``raw/name`` (an R data file)."""
    import pyreadr

    tables = pyreadr.read_r(str(raw / name))
    (table,) = tables.values()
    return table


def as_int(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``frame`` with ``columns`` cast to int64 (rows missing any of them dropped)."""
    frame = frame.dropna(subset=list(columns)).copy()
    for column in columns:
        frame[column] = frame[column].astype("int64")
    return frame


def voeten_2020(raw: Path) -> pd.DataFrame:
    """April 2020 ideal points, long: ccode, year (session + 1945), set, point, q05, q95."""
    parts = []
    for suffix, name in IDEAL_POINT_SETS.items():
        tag = "" if suffix == "All" else suffix
        wanted = ["ccode", "session", f"IdealPoint{tag}", f"Q5%{tag}", f"Q95%{tag}"]
        path = raw / "voeten-idealpoints" / f"Idealpointestimates{suffix}_Apr2020.csv"
        # country names are Latin-1 in some files; only the numeric columns are read
        table = pd.read_csv(path, usecols=wanted, encoding="latin-1")
        part = pd.DataFrame(
            {
                "ccode": table["ccode"].astype("int64"),
                "year": table["session"].astype("int64") + 1945,
                "set": name,
                "point": table[f"IdealPoint{tag}"],
                "q05": table[f"Q5%{tag}"],
                "q95": table[f"Q95%{tag}"],
            }
        )
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def voeten_2025(raw: Path) -> pd.DataFrame:
    """July 2025 ideal points (``idealpointall``): ccode, iso3c, year, point, q05, q95."""
    table = pd.read_stata(raw / "voeten-idealpoints-2025" / "IdealpointsJuly2025.dta")
    out = pd.DataFrame(
        {
            "ccode": table["ccode"].astype("int64"),
            "iso3c": table["iso3c"].astype(str),
            "year": table["year"].astype("int64"),
            "point": table["idealpointall"].astype("float64"),
            "q05": table["q5all"].astype("float64"),
            "q95": table["q95all"].astype("float64"),
        }
    )
    return out.dropna(subset=["point"])
