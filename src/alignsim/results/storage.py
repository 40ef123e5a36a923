"""Writing result folders atomically, and tables as CSV, in one way for every command."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: how a Python caller replaces a non-empty folder (the CLI says ``--force`` instead)
PYTHON_HINT = "pass force=True to replace it"


def check_free(path: str | os.PathLike[str], force: bool = False, hint: str = PYTHON_HINT) -> Path:
    """``path`` as a Path, if it is absent, an empty folder, or ``force`` is set.

    Args:
        path: The output folder.
        force: Accept a non-empty folder.
        hint: How to replace it, in the caller's terms (a keyword, or ``--force``).

    Raises:
        FileExistsError: If ``path`` is a non-empty folder (or a file) and ``force`` is false.
    """
    out = Path(path)
    if out.exists() and (not out.is_dir() or any(out.iterdir())) and not force:
        raise FileExistsError(f"{out}: output folder is not empty ({hint})")
    return out


@contextmanager
def staged_folder(path: str | os.PathLike[str], force: bool = False) -> Iterator[Path]:
    """A temporary folder beside ``path`` that becomes ``path`` only if the block succeeds.

    An interrupted or failed block leaves neither a half-written ``path`` nor the temporary
    folder; a replaced folder is kept until the new one is in place.

    Raises:
        FileExistsError: If ``path`` is a non-empty folder and ``force`` is false.
    """
    out = check_free(path, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        yield staging
        staging.chmod(0o777 & ~_umask())  # mkdtemp makes it owner-only
        if out.exists():
            backup = out.with_name(f".{out.name}.old")
            shutil.rmtree(backup, ignore_errors=True)
            out.rename(backup)
            staging.rename(out)
            shutil.rmtree(backup, ignore_errors=True)
        else:
            staging.rename(out)
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
