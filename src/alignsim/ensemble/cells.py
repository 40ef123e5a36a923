"""A sweep's cell files: written atomically with page checksums and a SHA-256 of their
content in the file's metadata, checked before they are trusted, so a damaged cell is
noticed (and computed again) instead of crashing a resume or entering the results."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from alignsim.results.storage import staged_file

if TYPE_CHECKING:
    import pandas as pd


class CellError(ValueError):
    """A cell file that cannot be read back intact; the message names the file."""


#: key of the content digest in the Parquet metadata
DIGEST_KEY = b"alignsim_sha256"


def content_digest(frame: pd.DataFrame) -> str:
    """SHA-256 of a table's columns and values (written as CSV with exact floats)."""
    import hashlib

    text = frame.to_csv(index=False, float_format="%.17g")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_cell(frame: pd.DataFrame, path: Path) -> None:
    """Write a cell's table as Parquet, atomically, with a CRC on every page and the SHA-256
    of its content in the file's metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    metadata = {**(table.schema.metadata or {}), DIGEST_KEY: content_digest(frame).encode()}
    with staged_file(path) as temporary:
        pq.write_table(table.replace_schema_metadata(metadata), temporary, write_page_checksum=True)


def read_cell(path: Path) -> pd.DataFrame:
    """Read a cell's table, verifying the page checksums (cells written before checksums
    existed are read without them).

    Raises:
        CellError: If the file is truncated, corrupted or not Parquet.
    """
    import pyarrow.parquet as pq

    if path.is_symlink() or not path.is_file():  # a FIFO would block the reader forever
        raise CellError(f"{path}: not a regular file")
    try:
        table = pq.read_table(path, page_checksum_verification=True)
        frame = table.to_pandas()
    except Exception as error:  # pyarrow raises several kinds for damaged files
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise CellError(f"{path}: damaged cell file ({reason[:200]})") from None
    stored = (table.schema.metadata or {}).get(DIGEST_KEY)
    if stored is not None and stored.decode("ascii", "replace") != content_digest(frame):
        raise CellError(f"{path}: damaged cell file (its content does not match its checksum)")
    return frame


def damage(path: Path) -> str | None:
    """Why the cell file at ``path`` cannot be trusted, or ``None`` if it reads intact."""
    try:
        read_cell(path)
    except CellError as error:
        return str(error)
    return None
