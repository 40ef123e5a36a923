"""Reading the input file: existence, size limit, binary data and UTF-8."""

from __future__ import annotations

from pathlib import Path

from alignsim.extract.errors import ExtractError

#: largest input accepted, in bytes (about 37,000 words, a long report; far above an article,
#: and reading the worst text of this size takes under 5 s of CPU: see docs/limits.md)
MAX_BYTES = 250_000


def read_text(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    """Read a plain-text article as UTF-8.

    Args:
        path: the file to read.
        max_bytes: the largest size accepted.

    Returns:
        The decoded text, normalised by :func:`normalise` (offsets refer to the normalised
        text, counted in characters).

    Raises:
        ExtractError: the file is missing, a folder, too large, binary, not UTF-8 or empty.
    """
    file = Path(path)
    if not file.exists():
        raise ExtractError("no such file")
    if not file.is_file():
        raise ExtractError("not a regular file")
    size = file.stat().st_size
    if size > max_bytes:
        raise ExtractError(
            f"file is {size:,} bytes; the limit is {max_bytes:,} bytes (split it into articles)"
        )
    try:
        data = file.read_bytes()
    except OSError as error:
        raise ExtractError(f"cannot read: {error.strerror or error}") from None
    return decode_text(data)


def normalise(text: str) -> str:
    """Drop a leading byte order mark and turn CR LF and lone CR line ends into LF.

    Old Mac files end lines with CR only; without this their blank lines would not
    separate paragraphs. Every offset the extractor reports refers to the text after this
    step (one character shorter per CR LF and without the BOM).
    """
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def decode_text(data: bytes) -> str:
    """Decode bytes as UTF-8 text (normalised), refusing binary data and empty text.

    Raises:
        ExtractError: NUL bytes, invalid UTF-8, or nothing but white space.
    """
    if b"\x00" in data:
        raise ExtractError(f"binary data (NUL byte at offset {data.index(b'\x00')}), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ExtractError(
            f"not UTF-8 text (invalid byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    text = normalise(text)
    if not text.strip(" \t\n\f\v"):
        raise ExtractError("empty text")
    return text
