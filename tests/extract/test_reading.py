from pathlib import Path

import pytest

from alignsim.extract.errors import ExtractError
from alignsim.extract.reading import decode_text, read_text


def test_reads_utf8_text_with_line_ends_normalised(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffÜnïcode text\r\n\r\nSecond block.\rThird line.\r".encode())
    assert read_text(path) == "Ünïcode text\n\nSecond block.\nThird line.\n"


def test_cr_only_line_ends_separate_paragraphs() -> None:
    from alignsim.extract.pipeline import extract

    lines = [
        "Kuwait and Qatar signed a trade agreement in May 2014 after long talks.",
        "",
        "Bahrain criticized Qatar in 2017 over its ties with a regional rival.",
    ]
    for newline in ("\r", "\r\n", "\n"):
        text = "\ufeff" + newline.join(lines) + newline
        extraction = extract(text)
        assert [p.body_para for p in extraction.paragraphs] == [1, 2]
        assert [(e.evidence.body_para, e.pair) for e in extraction.events] == [
            (1, ("KWT", "QAT")),
            (2, ("BHR", "QAT")),
        ]
        # offsets refer to the normalised text: no BOM, LF line ends
        normalised = "\n".join(lines) + "\n"
        assert extraction.text == normalised
        for event in extraction.events:
            assert event.cue in normalised[event.evidence.start : event.evidence.end]


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", "\ufeff \n".encode()])
def test_empty_text_is_refused(data: bytes) -> None:
    with pytest.raises(ExtractError, match="empty text"):
        decode_text(data)


def test_invalid_utf8_names_the_byte_and_offset() -> None:
    with pytest.raises(ExtractError, match=r"invalid byte 0xe9 at offset 6"):
        decode_text(b"Caf\xc3\xa9 \xe9t\xe9")


def test_nul_bytes_mean_binary_data() -> None:
    with pytest.raises(ExtractError, match=r"NUL byte at offset 3"):
        decode_text(b"abc\x00def")


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300)
    with pytest.raises(ExtractError, match="1,500 bytes; the limit is 1,000 bytes"):
        read_text(path, max_bytes=1000)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(ExtractError, match="not a regular file"):
        read_text(tmp_path)
