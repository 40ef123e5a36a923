"""UNGA vote similarity per dyad-year from the ``unvotes`` roll calls.

A year is the session's opening year (session + 1945), as in Voeten's ideal points. Sets of
roll calls: all (``all``), each ``unvotes`` issue (``me`` Middle East, ``nu`` nuclear weapons,
``di`` arms control and disarmament, ``hr`` human rights, ``co`` colonialism, ``ec`` economic
development) and the votes the US State Department rated important (``imp``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from alignsim.observed import raw
from alignsim.observed.unga import VOTE_CODES, similarity

SETS = ("all", "me", "nu", "di", "hr", "co", "ec", "imp")
MEASURES = ("n", "agree", "s", "kappa")
DECIMALS = 4


def columns() -> list[str]:
    """The UNGA similarity columns in panel order."""
    return [f"unga_{s}_{m}" for s in SETS for m in MEASURES]


def roll_calls(raw_dir: Path, iso2: dict[str, int], first_year: int) -> tuple[pd.DataFrame, dict]:
    """Votes (year, rcid, ccode, code) from ``first_year`` on, and the roll calls of each set."""
    votes = raw.read_rda(raw_dir, "unvotes/un_votes.rda")
    calls = raw.read_rda(raw_dir, "unvotes/un_roll_calls.rda")
    issues = raw.read_rda(raw_dir, "unvotes/un_roll_call_issues.rda")
    calls = raw.as_int(calls, "rcid", "session")
    calls["year"] = calls["session"] + 1945
    calls = calls[calls["year"] >= first_year]
    votes = raw.as_int(votes, "rcid").merge(calls[["rcid", "year"]], on="rcid")
    unknown = sorted(set(votes["country_code"]) - set(iso2))
    if unknown:
        raise ValueError(f"unvotes country codes without a COW code: {unknown}")
    votes["ccode"] = votes["country_code"].map(iso2).astype("int64")
    votes["code"] = votes["vote"].astype(str).map(VOTE_CODES).astype("int64")
    members = {"all": set(calls["rcid"])}
    for short in SETS[1:-1]:
        members[short] = set(issues.loc[issues["short_name"] == short, "rcid"].astype("int64"))
    important = pd.to_numeric(calls["importantvote"], errors="coerce") == 1
    members["imp"] = set(calls.loc[important, "rcid"])
    return votes[["year", "rcid", "ccode", "code"]], members


def year_table(votes: pd.DataFrame, members: dict[str, set]) -> pd.DataFrame:
    """Directed (both orientations) similarity rows of one year: c1, c2, unga_* columns."""
    states = np.sort(votes["ccode"].unique())
    calls = np.sort(votes["rcid"].unique())
    matrix = np.zeros((len(states), len(calls)), dtype=np.int8)
    matrix[np.searchsorted(states, votes["ccode"]), np.searchsorted(calls, votes["rcid"])] = votes[
        "code"
    ]
    first, second = np.nonzero(~np.eye(len(states), dtype=bool))
    out = {"c1": states[first], "c2": states[second]}
    for name in SETS:
        keep = np.isin(calls, list(members[name]))
        result = similarity(matrix[:, keep])
        out[f"unga_{name}_n"] = result.common[first, second]
        for measure, values in (
            ("agree", result.agreement),
            ("s", result.s_score),
            ("kappa", result.kappa),
        ):
            out[f"unga_{name}_{measure}"] = np.round(values[first, second], DECIMALS)
    return pd.DataFrame(out)


def unga_table(raw_dir: Path, iso2: dict[str, int], first_year: int) -> pd.DataFrame:
    """Directed (both orientations) UNGA similarity rows: year, c1, c2, unga_* columns."""
    votes, members = roll_calls(raw_dir, iso2, first_year)
    parts = [year_table(group, members).assign(year=year) for year, group in votes.groupby("year")]
    return pd.concat(parts, ignore_index=True)
