"""Writing result folders atomically, and tables as CSV, in one way for every command."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from alignsim.results import ownership

if TYPE_CHECKING:
    import pandas as pd


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: how a Python caller replaces a non-empty folder (the CLI says ``--force`` instead)
PYTHON_HINT = "pass force=True to replace it"


def check_free(path: str | os.PathLike[str], force: bool = False, hint: str = PYTHON_HINT) -> Path:
    """``path`` as a Path, if it is absent, an empty folder, or (with ``force``) an earlier
    alignsim result; see :func:`alignsim.results.ownership.check_free`.

    Raises:
        FileExistsError: In one line naming the folder and why it is refused.
    """
    return ownership.check_free(path, force, hint)


@contextmanager
def _parent_locked(parent: Path) -> Iterator[None]:
    """An exclusive lock on the folder ``parent`` (held for a check and a rename only)."""
    import fcntl

    descriptor = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


@contextmanager
def staged_folder(path: str | os.PathLike[str], force: bool = False) -> Iterator[Path]:
    """A temporary folder beside ``path`` that becomes ``path`` only if the block succeeds.

    An interrupted or failed block leaves neither a half-written ``path`` nor the temporary
    folder. The folder gets a manifest of what was written (so a later ``force`` knows what
    it may remove). Checking ``path`` again and renaming happen under a lock on the parent
    folder: of two writers to one new folder exactly one wins, the other gets
    ``FileExistsError``; with ``force`` the last one wins, and the folder always holds one
    complete result. A replaced folder loses only the entries its manifest lists.

    Raises:
        FileExistsError: See :func:`check_free` (also when another writer got there first).
    """
    out = check_free(path, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        yield staging
        ownership.write_manifest(staging)
        staging.chmod(0o777 & ~_umask())  # mkdtemp makes it owner-only
        with _parent_locked(out.parent):
            check_free(out, force)
            if out.is_dir() and any(out.iterdir()):
                backup = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
                out.rename(backup)  # onto the empty folder just made
                staging.rename(out)
                ownership.remove_result(backup)
            else:
                staging.rename(out)  # also onto an empty folder
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def staged_file(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary file path beside ``path`` that replaces ``path`` only if the block succeeds.

    The temporary name keeps ``path``'s suffix (so writers that look at it, like
    matplotlib's ``savefig``, pick the right format) and the final file honours the umask.
    """
    out = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=out.suffix, dir=out.parent)
    os.close(handle)
    staging = Path(temporary)
    try:
        yield staging
        staging.chmod(0o666 & ~_umask())  # mkstemp makes it owner-only
        os.replace(staging, out)
        ownership.note_written(out)
    finally:
        staging.unlink(missing_ok=True)


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text to ``path`` atomically (see :func:`staged_file`)."""
    with staged_file(path) as staging:
        staging.write_text(text, encoding="utf-8")


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """A table as CSV with ISO dates and 10 significant digits (stable across runs)."""
    import pandas as pd

    frame = frame.copy()
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    frame.to_csv(path, index=False, float_format="%.10g")
