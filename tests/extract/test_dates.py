from alignsim.extract.dates import absolute_dates, resolve_dates


def isos(sentence: str) -> list[str]:
    return [d.iso() for d in absolute_dates(sentence)]


def test_absolute_dates_with_their_precision() -> None:
    assert isos("Talks began in March 2019 and ended on 13th April, 2019.") == [
        "2019-03",
        "2019-04-13",
    ]
    assert isos("In May, 2018 and again on July 4, 2020, and in 1971.") == [
        "2018-05",
        "2020-07-04",
        "1971",
    ]


def test_money_decades_and_counts_are_not_years() -> None:
    assert isos("A $2019 fee, the 1990s, 12,2015 units and 3.2019 points.") == []


def test_relative_dates_follow_the_last_date() -> None:
    resolved = resolve_dates(
        [
            ("The visit was in 2003.", 0),
            ("A return visit came four years later.", 23),
            ("During that year, trade grew.", 62),
            ("Talks opened in March 2019; a month earlier there was a deal.", 92),
        ]
    )
    flat = [(d.surface, d.iso(), d.relative) for ds in resolved for d in ds]
    assert flat == [
        ("2003", "2003", False),
        ("four years later", "2007", True),
        ("that year", "2007", True),
        ("March 2019", "2019-03", False),
        ("a month earlier", "2019-02", True),
    ]
    assert resolved[1][0].start == 23 + len("A return visit came ")


def test_relative_date_without_anchor_is_dropped() -> None:
    assert resolve_dates([("Two years later nothing had changed.", 0)]) == [[]]
