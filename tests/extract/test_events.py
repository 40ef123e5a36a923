from alignsim.extract.pipeline import extract


def readings(text: str) -> list[tuple[str, str, str, str, str | None]]:
    return [
        (
            e.source,
            e.target,
            "joint" if e.joint else "directed",
            e.root,
            e.date.iso() if e.date else None,
        )
        for e in extract(text).events
        if e.sign
    ]


def test_joint_drills_and_a_reaction_that_refers_back() -> None:
    text = "In 2012, Chile and Peru held joint naval exercises, in spite of protests from Bolivia."
    assert readings(text) == [
        ("CHL", "PER", "joint", "06", "2012"),
        ("BOL", "CHL", "directed", "14", "2012"),
        ("BOL", "PER", "directed", "14", "2012"),
    ]


def test_directed_event_with_modifier_source_and_target() -> None:
    text = "Canadian sanctions against Iran followed in 2010."
    assert readings(text) == [("CAN", "IRN", "directed", "16", "2010")]


def test_experiencer_voice_reverses_the_roles() -> None:
    assert set(readings("The Greek-Cypriot pact worries Turkey.")) == {
        ("GRC", "CYP", "joint", "05", None),
        ("TUR", "GRC", "directed", "11", None),
        ("TUR", "CYP", "directed", "11", None),
    }


def test_plural_anaphor_takes_the_two_actors_of_the_clause_before() -> None:
    text = (
        "Norway lifted its ban on Danish ships in 2018, "
        "which let the two countries sign a fishing accord in 2019."
    )
    assert set(readings(text)) == {
        ("NOR", "DNK", "directed", "08", "2018"),
        ("NOR", "DNK", "joint", "05", "2019"),
    }


def test_agentless_nominal_cue_is_skipped() -> None:
    assert readings("An attack on a base in Kenya angered nobody in particular.") == []


def test_places_are_not_targets() -> None:
    assert readings("Egypt met officials in Sudan.") == []
    assert readings("Egypt met Sudan.") == [("EGY", "SDN", "directed", "04", None)]


def test_name_modifiers_form_no_group() -> None:
    text = (
        "Both countries back the China-Pakistan Economic Corridor, "
        "and Iran and Iraq signed an accord."
    )
    assert {e.pair for e in extract(text).events if e.sign} == {("IRN", "IRQ")}


def test_evidence_points_at_the_words() -> None:
    text = "Title Line\n\nAfter talks, Japan and Korea signed a trade agreement in May 2015.\n"
    (event,) = [e for e in extract(text).events if e.root == "06"]
    ev = event.evidence
    assert (ev.block, ev.body_para, ev.sentence) == (2, 1, 1)
    assert text[ev.start : ev.end] == "Japan and Korea signed a trade agreement"
    assert event.date is not None and text[event.date.start : event.date.end] == "May 2015"


def test_comma_and_after_a_common_word_starts_a_new_clause() -> None:
    from alignsim.extract.clauses import clause_spans

    text = "Chad criticized Niger for stalling a trade deal, and Mali rejected the plan."
    assert [text[s:e] for s, e in clause_spans(text)] == [
        "Chad criticized Niger for stalling a trade deal, ",
        "and Mali rejected the plan.",
    ]
    # the deal is no Chad-Mali or Chad-Niger cooperation; Mali's rejection answers both
    assert set(readings(text)) == {
        ("TCD", "NER", "directed", "11", None),
        ("MLI", "TCD", "directed", "12", None),
        ("MLI", "NER", "directed", "12", None),
    }
    # after a name, ', and' ends a list and cuts nothing
    listed = "Chad, Niger, and Mali held joint drills."
    assert clause_spans(listed) == [(0, len(listed))]
    assert {e.pair for e in extract(listed).events} == {
        ("NER", "TCD"),
        ("MLI", "TCD"),
        ("MLI", "NER"),
    }


def test_singular_exercise_needs_a_qualifier() -> None:
    text = "Egypt and Jordan held a joint military exercise in 2019."
    assert readings(text) == [("EGY", "JOR", "joint", "06", "2019")]
    assert readings("Egypt and Jordan will exercise restraint.") == []


def test_the_two_governments_are_the_clause_actors_not_the_place() -> None:
    text = "Peru hosted Chile in Bolivia, where the two governments signed an accord."
    # hosting (04, +1) and the accord (05, +3.5): one reading per pair and sign, the stronger
    assert readings(text) == [("PER", "CHL", "joint", "05", None)]
    text = "Saudi and Iran held talks in Baghdad, and the two countries signed an accord."
    assert {e.pair for e in extract(text).events} == {("IRN", "SAU")}


def test_co_recipients_and_co_partners_are_not_paired() -> None:
    assert set(readings("Laos and Nepal received aid from Japan.")) == {
        ("JPN", "LAO", "directed", "07", None),
        ("JPN", "NPL", "directed", "07", None),
    }
    assert {
        e.pair for e in extract("Iran expanded security cooperation with Iraq and Syria.").events
    } == {
        ("IRN", "IRQ"),
        ("IRN", "SYR"),
    }
    assert set(readings("Chile and Peru signed an accord with Bolivia.")) == {
        ("CHL", "BOL", "directed", "05", None),
        ("PER", "BOL", "directed", "05", None),
    }
    # a joint cue's own group still acts together
    assert {e.pair for e in extract("Chile and Peru held joint drills with Bolivia.").events} == {
        ("CHL", "PER"),
        ("BOL", "CHL"),
        ("BOL", "PER"),
    }


def test_an_adjectival_agent_does_not_reach_back_to_earlier_actors() -> None:
    text = "Iran and Iraq signed a pact; it answered a Saudi-Emirati encirclement."
    assert {e.pair for e in extract(text).events} == {("IRN", "IRQ")}
    # a clause subject with no object still answers the earlier event
    text = "Iran and Iraq signed a pact; Riyadh protested."
    assert {e.pair for e in extract(text).events if e.sign < 0} == {("IRN", "SAU"), ("IRQ", "SAU")}
