"""Coordinated groups when a name carries a leading "the" ("the United States")."""

from alignsim.extract.gazetteer import find_mentions
from alignsim.extract.groups import coordinated_groups
from alignsim.extract.pipeline import extract


def groups_of(sentence: str) -> list[tuple[tuple[str, ...], str]]:
    mentions = find_mentions(sentence)
    return [(g.actors, g.before) for g in coordinated_groups(sentence, mentions, 0)]


def pairs(text: str) -> set[tuple[str, str, bool]]:
    return {(e.source, e.target, e.joint) for e in extract(text).events if e.sign}


def test_a_list_item_with_the_joins_the_list() -> None:
    sentence = "Envoys from Peru, the Philippines and Kenya met on Tuesday."
    assert groups_of(sentence) == [(("PER", "PHL", "KEN"), "from")]


def test_the_after_and_joins_a_pair() -> None:
    assert groups_of("Chile and the Netherlands agreed.") == [(("CHL", "NLD"), "")]
    assert groups_of("the Netherlands and the Philippines agreed.") == [(("NLD", "PHL"), "")]


def test_a_bare_the_between_two_names_joins_nothing() -> None:
    assert groups_of("Ghana the United States") == [(("GHA",), ""), (("USA",), "ghana")]


def test_a_comma_with_the_but_no_and_later_does_not_join() -> None:
    sentence = "Officials in Peru, the Philippines reacted."
    assert groups_of(sentence) == [(("PER",), "in"), (("PHL",), "peru")]


def test_the_word_before_a_group_passes_over_its_article() -> None:
    assert groups_of("Exercises near the Philippines began.") == [(("PHL",), "near")]


def test_three_way_talks_with_a_the_name_give_all_three_pairs() -> None:
    text = "Negotiations between Brazil, the United States, and Egypt resumed."
    assert pairs(text) == {
        ("BRA", "USA", True),
        ("BRA", "EGY", True),
        ("USA", "EGY", True),
    }


def test_a_place_with_the_is_not_a_participant() -> None:
    assert pairs("Kenya held talks in the Netherlands.") == set()
    assert pairs("Kenya and Chile held talks in the Philippines.") == {("KEN", "CHL", True)}


def test_a_list_does_not_name_one_actor_twice() -> None:
    sentence = "As the embargo hurt Peru, the United States and Peru signed an accord."
    assert groups_of(sentence) == [(("PER",), "hurt"), (("USA", "PER"), "peru")]
    assert pairs(sentence) == {("USA", "PER", True)}
