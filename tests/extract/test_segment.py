from alignsim.extract.segment import is_body, paragraphs, sentences, split_blocks

TEXT = (
    "A Title Without A Full Stop\n\n"
    "Russia and China signed a treaty in 2001. It was renewed two decades later.\n\n"
    "  Second body paragraph is here, with enough words to count.  \n\n\n"
    "12 May 2019\n"
)


def test_blocks_are_blank_line_separated_and_trimmed() -> None:
    spans = split_blocks(TEXT)
    assert [TEXT[s:e] for s, e in spans] == [
        "A Title Without A Full Stop",
        "Russia and China signed a treaty in 2001. It was renewed two decades later.",
        "Second body paragraph is here, with enough words to count.",
        "12 May 2019",
    ]


def test_body_paragraphs_leave_out_furniture() -> None:
    paras = paragraphs(TEXT)
    assert [(p.block, p.body_para) for p in paras] == [(1, 0), (2, 1), (3, 2), (4, 0)]


def test_short_text_counts_as_body() -> None:
    assert [p.body_para for p in paragraphs("Russia met China.")] == [1]
    assert not is_body("Recent Posts")
    assert is_body("This sentence has well over eight words in it, and ends.")


def test_sentence_offsets_point_into_the_whole_input() -> None:
    found = sentences(TEXT, paragraphs(TEXT))
    assert [(s.block, s.index) for s in found] == [(1, 1), (2, 1), (2, 2), (3, 1), (4, 1)]
    for sentence in found:
        assert TEXT[sentence.start : sentence.end] == sentence.text
    assert found[2].text == "It was renewed two decades later."


def test_long_blocks_are_cut_without_losing_text() -> None:
    line = "Russia and China met again today for talks.\n"
    text = line * 1000  # one block of 44,000 characters, longer than a chunk
    found = sentences(text, paragraphs(text))
    assert len(found) == 1000
    assert all(text[s.start : s.end] == s.text.strip() for s in found)


def test_progress_reports_rise_to_the_whole() -> None:
    from alignsim.extract.pipeline import extract

    seen: list[tuple[int, int]] = []
    extract(TEXT, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (2 * len(TEXT), 2 * len(TEXT))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
