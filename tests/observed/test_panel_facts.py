"""Facts of the shipped panel checked against values looked up in the raw files."""

import math

import pytest

import alignsim.observed as observed
from alignsim.observed import ObservedError


def dyad(a, b, year):
    frame = observed.panel([a, b], year)
    assert len(frame) == 1
    return frame.iloc[0]


def state(actor, year):
    frame = observed.panel([actor], year, level="state")
    assert len(frame) == 1
    return frame.iloc[0]


def test_capabilities_are_cow_nmc_values():
    # cow_nmc.rda: ccode 2, 2000: cinc 0.14289317, milex 303136000, tpop 278357
    usa = state("USA", 2000)
    assert usa["ccode"] == 2
    assert usa["cinc"] == pytest.approx(0.14289317, abs=1e-8)
    assert usa["milex"] == 303136000
    assert usa["tpop"] == 278357
    # ccode 710, 2012: cinc 0.22036418
    assert state("CHN", 2012)["cinc"] == pytest.approx(0.22036418, abs=1e-8)


def test_russia_is_the_soviet_union_cow_365_before_1992():
    rus = state("RUS", 1991)
    assert rus["ccode"] == 365
    # cow_nmc.rda: ccode 365, 1991 (the Soviet Union's last year): cinc 0.10323294
    assert rus["cinc"] == pytest.approx(0.10323294, abs=1e-8)
    assert dyad("RUS", "USA", 1991)["ccode_a"] == 365


def test_alliances_and_rivalries():
    # atop_alliance.rda: 2-200 in 2000: defense 1, nonagg 1, consul 1, offense 0
    usa_gbr = dyad("GBR", "USA", 2000)
    assert (usa_gbr["atop_defense"], usa_gbr["atop_offense"], usa_gbr["atop_consul"]) == (1, 0, 1)
    # tss_rivalries.rda: India-Pakistan 1947-2020, positional and spatial
    ind_pak = dyad("IND", "PAK", 2000)
    assert ind_pak["rivalry"] == 1
    assert ind_pak["rivalry_type"] == "positional+spatial"
    assert dyad("IND", "PAK", 2020)["rivalry"] == 1
    assert dyad("CHN", "PAK", 2000)["rivalry"] == 0


def test_directed_flows_keep_their_direction():
    # cow_trade_ndy.rda 2-710 in 2014: flow1 (US imports from China) 472525, flow2 183283
    chn_usa = dyad("CHN", "USA", 2014)
    assert chn_usa["trade_a_to_b"] == 472525
    assert chn_usa["trade_b_to_a"] == 183283
    # sipri-exports-processed.csv: Russia -> India 2010 value 2294, nothing India -> Russia
    ind_rus = dyad("IND", "RUS", 2010)
    assert ind_rus["tiv_b_to_a"] == 2294
    assert ind_rus["tiv_a_to_b"] == 0


def test_missing_past_each_sources_end_is_nan_not_zero():
    assert math.isnan(state("USA", 2023)["cinc"])
    assert math.isnan(state("USA", 2020)["idealpoint_all"])
    assert not math.isnan(state("USA", 2023)["idealpoint_2025"])
    assert state("RUS", 2024)["ucdp_interstate"] == 1
    late = dyad("IND", "PAK", 2019)
    for column in ("atop_defense", "cowmid_hostlev", "gmlmid_onset", "trade_a_to_b", "igo_shared"):
        assert math.isnan(late[column]), column
    assert late["rivalry"] == 1 and late["unga_all_n"] > 0
    assert math.isnan(dyad("IND", "PAK", 2001)["icews_coop_share"])
    assert math.isnan(dyad("IND", "PAK", 2015)["icews_coop_share"])
    assert math.isnan(dyad("IND", "PAK", 2021)["rivalry"])


def test_every_pair_of_system_members_is_present():
    dyads = observed.panel(years=2014)
    states = observed.panel(years=2014, level="state")
    n = len(states)
    assert len(dyads) == n * (n - 1) // 2
    assert (dyads["a"] < dyads["b"]).all()


def test_bad_requests_raise_one_clear_error():
    with pytest.raises(ObservedError, match="unknown actor codes: XYZ"):
        observed.panel(["USA", "XYZ"])
    with pytest.raises(ObservedError, match="outside the panel's coverage 1991-2023: 1980-1981"):
        observed.panel(years=(1980, 1981))
    with pytest.raises(ObservedError, match="level"):
        observed.panel(level="region")


def test_the_shipped_panel_loads_without_the_build_time_dependencies():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "sys.modules['pyreadr'] = None\n"
        "sys.modules['country_converter'] = None\n"
        "import alignsim.observed as o\n"
        "print(len(o.panel(['USA', 'CHN'], 2014)), len(o.panel(level='state', years=2014)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "195"]
