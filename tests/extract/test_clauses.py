from alignsim.extract.clauses import clause_spans
from alignsim.extract.pipeline import extract


def pieces(text: str) -> list[str]:
    return [text[s:e] for s, e in clause_spans(text)]


def events(text: str) -> set[tuple[str, str, str, bool]]:
    return {(e.source, e.target, e.root, e.joint) for e in extract(text).events}


def test_comma_and_after_a_name_joins_two_clauses_when_a_verb_precedes() -> None:
    text = "Chile condemned Peru, and Brazil praised Argentina."
    assert pieces(text) == ["Chile condemned Peru, ", "and Brazil praised Argentina."]
    # the object of the first clause and the subject of the second form no group
    assert events(text) == {("CHL", "PER", "11", False), ("BRA", "ARG", "05", False)}


def test_comma_and_after_an_abbreviated_name_joins_two_clauses() -> None:
    text = "Egypt threatened the U.S., and Jordan praised Israel."
    assert pieces(text) == ["Egypt threatened the U.S., ", "and Jordan praised Israel."]
    assert events(text) == {("EGY", "USA", "13", False), ("JOR", "ISR", "05", False)}


def test_a_list_of_names_as_subject_stays_one_clause_and_one_group() -> None:
    text = "Kenya, Uganda, and Tanzania signed an accord."
    assert pieces(text) == [text]
    assert {e.pair for e in extract(text).events} == {
        ("KEN", "UGA"),
        ("KEN", "TZA"),
        ("TZA", "UGA"),
    }


def test_a_list_of_names_after_between_stays_one_clause_and_one_group() -> None:
    text = "Negotiations between Kenya, Uganda, and Tanzania went smoothly."
    assert pieces(text) == [text]
    assert {e.pair for e in extract(text).events} == {
        ("KEN", "UGA"),
        ("KEN", "TZA"),
        ("TZA", "UGA"),
    }


def test_lower_case_words_inside_a_name_keep_the_list() -> None:
    text = "Bosnia and Herzegovina, and Serbia signed an accord."
    assert pieces(text) == [text]
    assert events(text) == {("BIH", "SRB", "05", True)}


def test_a_list_after_an_opening_phrase_is_still_a_list() -> None:
    text = "In March, Kenya, Uganda, and Tanzania signed an accord."
    assert pieces(text) == [text]


def test_the_next_sentence_does_not_take_a_group_across_the_clauses() -> None:
    text = (
        "Kenya and Uganda held talks. Chile condemned Peru, and Brazil praised Argentina. "
        "The two countries signed an accord."
    )
    accords = {e.pair for e in extract(text).events if e.root == "05" and e.joint}
    # the two countries are the last pair named together (Kenya and Uganda), not Peru-Brazil
    assert ("BRA", "PER") not in accords
    assert ("KEN", "UGA") in accords
