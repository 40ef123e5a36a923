"""The dyad-year frame: every pair of COW system members per year with the dyadic sources.

Event sources (ATOP, MIDs, rivalries, SIPRI) list only pairs where something happened, so a
pair they do not list is a zero within their coverage. Measured quantities (trade, IGOs,
ICEWS, UNGA measures, ideal points) are NaN where the source gives no value. Every column is
NaN past its source's last year.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from alignsim.observed import raw
from alignsim.observed.dyads import attach, attach_flow, symmetric
from alignsim.observed.sources import source

ATOP = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]
RIVALRY_TYPES = ("positional", "spatial", "ideological", "interventionary")


def _rda(raw_dir: Path, name: str, first_year: int, *codes: str) -> pd.DataFrame:
    table = raw.as_int(raw.read_rda(raw_dir, f"peacesciencer/{name}.rda"), "year", *codes)
    return table[table["year"] >= first_year]


def atop(raw_dir: Path, first_year: int) -> pd.DataFrame:
    """ATOP obligations, both orientations: year, c1, c2, atop_*."""
    table = _rda(raw_dir, "atop_alliance", first_year, "ccode1", "ccode2")
    return table.rename(columns={"ccode1": "c1", "ccode2": "c2"})[["year", "c1", "c2", *ATOP]]


def disputes(raw_dir: Path, first_year: int, name: str, prefix: str) -> pd.DataFrame:
    """MID onset, ongoing and highest hostility level (1-5) of each pair-year.

    Hostility is the higher of the two states' own highest hostility levels in the disputes
    they shared that year (0 in the frame when they had none).
    """
    table = _rda(raw_dir, name, first_year, "ccode1", "ccode2")
    table = table.assign(hostlev=table[["hostlev1", "hostlev2"]].max(axis=1))
    grouped = table.groupby(["year", "ccode1", "ccode2"], as_index=False).agg(
        onset=(f"{prefix}onset", "max"),
        ongoing=(f"{prefix}ongoing", "max"),
        hostlev=("hostlev", "max"),
    )
    grouped.columns = ["year", "c1", "c2", *(f"{prefix}_{c}" for c in grouped.columns[3:])]
    return grouped


def rivalries(raw_dir: Path, first_year: int) -> pd.DataFrame:
    """Strategic rivalry (TSS) per pair-year, both orientations: rivalry, rivalry_type."""
    table = raw.as_int(
        raw.read_rda(raw_dir, "peacesciencer/tss_rivalries.rda"), "ccode1", "ccode2", "start", "end"
    )
    rows = []
    for record in table.itertuples(index=False):
        kind = "+".join(t for t in RIVALRY_TYPES if getattr(record, t) == 1)
        for year in range(max(record.start, first_year), record.end + 1):
            rows.append((year, record.ccode1, record.ccode2, 1.0, kind))
    frame = pd.DataFrame(rows, columns=["year", "c1", "c2", "rivalry", "rivalry_type"])
    frame = frame.groupby(["year", "c1", "c2"], as_index=False).agg(
        rivalry=("rivalry", "max"),
        rivalry_type=("rivalry_type", lambda s: "+".join(sorted(set(s)))),
    )
    return symmetric(frame)


def arms(raw_dir: Path, first_year: int) -> pd.DataFrame:
    """SIPRI deliveries supplier -> recipient (TIV millions): year, c1, c2, value."""
    table = pd.read_csv(raw_dir / "sipri-360info" / "sipri-exports-processed.csv")
    table = raw.as_int(table, "supplier_cown", "recipient_cown", "year")
    table = table[table["year"] >= first_year]
    table = table.rename(columns={"supplier_cown": "c1", "recipient_cown": "c2"})
    return table.groupby(["year", "c1", "c2"], as_index=False)["value"].sum()


def trade(raw_dir: Path, first_year: int) -> pd.DataFrame:
    """COW trade as exporter -> importer flows (current million USD): year, c1, c2, value.

    ``flow1`` is country 1's imports from country 2, i.e. the flow from 2 to 1.
    """
    table = _rda(raw_dir, "cow_trade_ndy", first_year, "ccode1", "ccode2")
    into_1 = table[["year", "ccode2", "ccode1", "flow1"]]
    into_1.columns = ["year", "c1", "c2", "value"]
    into_2 = table[["year", "ccode1", "ccode2", "flow2"]]
    into_2.columns = ["year", "c1", "c2", "value"]
    return pd.concat([into_1, into_2], ignore_index=True)


def igos(raw_dir: Path, first_year: int) -> pd.DataFrame:
    """Shared IGO memberships, both orientations: year, c1, c2, igo_shared."""
    table = _rda(raw_dir, "cow_igo_ndy", first_year, "ccode1", "ccode2")
    table = table.rename(columns={"ccode1": "c1", "ccode2": "c2", "dyadigos": "igo_shared"})
    return symmetric(table[["year", "c1", "c2", "igo_shared"]])


def icews(raw_dir: Path, iso3: dict[str, int]) -> pd.DataFrame:
    """ICEWS cooperation, both directions pooled: icews_coop_share, icews_coop, icews_events."""
    table = raw.read_rda(raw_dir, "netify-icews/icews.rda")
    unknown = sorted((set(table["i_iso3c"]) | set(table["j_iso3c"])) - set(iso3))
    if unknown:
        raise ValueError(f"ICEWS ISO3 codes without a COW code: {unknown}")
    coop = table["verbCoop"] + table["matlCoop"]
    events = coop + table["verbConf"] + table["matlConf"]
    directed = pd.DataFrame(
        {
            "year": table["year"].astype("int64"),
            "c1": table["i_iso3c"].map(iso3).astype("int64"),
            "c2": table["j_iso3c"].map(iso3).astype("int64"),
            "icews_coop": coop,
            "icews_events": events,
        }
    )
    swapped = directed.rename(columns={"c1": "c2", "c2": "c1"})
    pooled = pd.concat([directed, swapped]).groupby(["year", "c1", "c2"], as_index=False).sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        share = pooled["icews_coop"] / pooled["icews_events"].where(pooled["icews_events"] > 0)
    pooled.insert(3, "icews_coop_share", share.round(4))
    return pooled


def ideal_point_distance(frame: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """Absolute distance between the two states' ideal points (both releases)."""
    for column, name in (
        ("idealpoint_all", "idealpoint_distance"),
        ("idealpoint_2025", "idealpoint_distance_2025"),
    ):
        point = states.set_index(["year", "ccode"])[column]
        left = point.reindex(pd.MultiIndex.from_arrays([frame["year"], frame["ccode_a"]]))
        right = point.reindex(pd.MultiIndex.from_arrays([frame["year"], frame["ccode_b"]]))
        frame[name] = np.round(np.abs(left.to_numpy() - right.to_numpy()), 4)
    return frame


def add_sources(
    frame: pd.DataFrame, raw_dir: Path, first_year: int, iso3: dict[str, int]
) -> pd.DataFrame:
    """Attach every dyadic source except UNGA votes and ideal points."""
    last = {s: source(s).last for s in ("atop", "cow_mid", "gml_mid", "tss_rivalries")}
    frame = attach(frame, atop(raw_dir, first_year), last["atop"], absent_is_zero=True)
    for name, prefix, sid in (
        ("cow_mid_ddydisps", "cowmid", "cow_mid"),
        ("gml_mid_ddydisps", "gmlmid", "gml_mid"),
    ):
        table = disputes(raw_dir, first_year, name, prefix)
        frame = attach(frame, table, source(sid).last, absent_is_zero=True)
    rivals = rivalries(raw_dir, first_year)
    ends = last["tss_rivalries"]
    frame = attach(frame, rivals.drop(columns="rivalry_type"), ends, absent_is_zero=True)
    frame = attach(frame, rivals.drop(columns="rivalry"), ends, absent_is_zero=False)
    frame = attach_flow(frame, arms(raw_dir, first_year), "tiv", source("sipri").last, True)
    frame = attach_flow(frame, trade(raw_dir, first_year), "trade", source("cow_trade").last, False)
    frame = attach(frame, igos(raw_dir, first_year), source("cow_igo").last, absent_is_zero=False)
    icews_source = source("icews")
    return attach(frame, icews(raw_dir, iso3), icews_source.last, False, icews_source.first)
