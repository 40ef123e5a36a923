import pytest

from alignsim.extract.gazetteer import (
    _extra,
    countries,
    country_name,
    extra_patterns,
    find_mentions,
    known_code,
)


def found(sentence: str) -> list[tuple[str, str, str]]:
    mentions = find_mentions(sentence)
    for m in mentions:
        assert sentence[m.start : m.end] == m.surface
    return [(m.actor, m.surface, m.kind) for m in mentions]


def test_names_from_country_converter() -> None:
    assert found("Pakistan and the Russian Federation met the United States.") == [
        ("PAK", "Pakistan", "name"),
        ("RUS", "Russian", "name"),  # narrowed to the shortest opening words naming Russia
        ("USA", "United States", "name"),
    ]


def test_initialisms_and_demonyms() -> None:
    assert found("The U.S. and Indian navies met Chinese and Afghan officials.") == [
        ("USA", "U.S.", "name"),
        ("IND", "Indian", "name"),
        ("CHN", "Chinese", "demonym"),
        ("AFG", "Afghan", "name"),
    ]


def test_capitals_metonyms_and_prefixes() -> None:
    assert found("The Kremlin, Islamabad and the White House discussed Sino-Indian ties.") == [
        ("RUS", "Kremlin", "metonym"),
        ("PAK", "Islamabad", "capital"),
        ("USA", "White House", "metonym"),
        ("CHN", "Sino", "prefix"),
        ("IND", "Indian", "name"),
    ]


def test_officials_are_marked() -> None:
    kinds = [
        m.kind
        for m in find_mentions("Pakistan's foreign minister met the Prime Minister of India.")
    ]
    assert kinds == ["official", "official"]


def test_narrowing_keeps_qualifiers_that_open_the_name() -> None:
    assert found("South Korea and Indian Occupied Kashmir.") == [
        ("KOR", "South Korea", "name"),
        ("IND", "Indian", "name"),
    ]


def test_exclusions_of_the_name_patterns_hold() -> None:
    assert found("Ships crossed the Indian Ocean towards Latin America.") == []


def test_allowed_filters_actors() -> None:
    assert [m.actor for m in find_mentions("Russia and China met.", allowed={"CHN"})] == ["CHN"]


def test_extra_table_uses_known_codes_and_compiles() -> None:
    assert all(known_code(code) for code in _extra()["countries"])
    assert len(extra_patterns()) > 50
    assert country_name("PAK") == "Pakistan"
    assert len(countries()) > 200


@pytest.mark.parametrize("code", ["XXX", "pak", ""])
def test_unknown_codes(code: str) -> None:
    assert not known_code(code)


def test_added_capitals_and_saudi_alone() -> None:
    assert found("Buenos Aires and Lima answered Hanoi, Nairobi and Tunis.") == [
        ("ARG", "Buenos Aires", "capital"),
        ("PER", "Lima", "capital"),
        ("VNM", "Hanoi", "capital"),
        ("KEN", "Nairobi", "capital"),
        ("TUN", "Tunis", "capital"),
    ]
    # 'Saudi' alone names the kingdom; 'Saudi Arabia' stays one name
    assert found("Saudi officials visited Saudi Arabia's neighbours.") == [
        ("SAU", "Saudi", "demonym"),
        ("SAU", "Saudi Arabia", "name"),
    ]
    # every capital, alone, names its own country and no other
    for iso3, entry in _extra()["countries"].items():
        for capital in entry.get("capitals", []):
            assert [m.actor for m in find_mentions(f"They flew to {capital} today.")] == [iso3]


def test_literal_prefilter_never_hides_a_match() -> None:
    from alignsim.extract.gazetteer import _needles

    for (pattern, _, _), needle in zip(extra_patterns(), _needles(), strict=True):
        source = pattern.pattern
        if needle:
            assert needle in source
            assert "|" not in source
    # optional last letters and regex forms keep working
    assert [m.actor for m in find_mentions("Americans and Saudis met the Élysée.")] == [
        "USA",
        "SAU",
        "FRA",
    ]
