"""Which output folders alignsim may write into, and which it may replace.

alignsim never deletes what it did not write. Every result folder it writes holds a
manifest, :data:`MANIFEST`, listing the entries it wrote; ``force`` replaces a folder only
if each of its entries is listed there (or, for folders written before manifests existed,
if it holds only alignsim's kinds of files beside a ``summary.json`` that alignsim wrote).
The current folder (and its parents), the home folder and the file system root are never
written into as a whole.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

#: the manifest of a result folder: ``{"written_by": "alignsim", "files": [...]}``
MANIFEST = ".alignsim.json"
#: suffixes of the files alignsim writes into result folders (for folders without manifest)
_LEGACY_SUFFIXES = (".csv", ".json", ".png", ".parquet", ".html", ".txt")
#: largest manifest or summary read to recognise a folder
_MAX_READ = 1_000_000


def _json(path: Path) -> object:
    try:
        if not path.is_file() or path.stat().st_size > _MAX_READ:
            return None
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def listed_entries(folder: Path) -> set[str] | None:
    """The entries of ``folder`` alignsim wrote, or ``None`` if it is not an alignsim result.

    Returns:
        The names to remove when the folder is replaced (the manifest included).
    """
    try:
        present = {entry.name for entry in folder.iterdir()}
    except OSError:
        return None
    manifest = _json(folder / MANIFEST)
    if isinstance(manifest, dict) and manifest.get("written_by") == "alignsim":
        files = manifest.get("files")
        if isinstance(files, list) and all(isinstance(f, str) for f in files):
            listed = {f for f in files if f and "/" not in f and f not in (".", "..")}
            return present if present <= listed | {MANIFEST} else None
    summary = _json(folder / "summary.json")
    if not (isinstance(summary, dict) and "alignsim_version" in summary):
        return None
    for name in present:
        entry = folder / name
        if entry.is_symlink() or not entry.is_file() or not name.endswith(_LEGACY_SUFFIXES):
            return None
    return present


def protected_reason(out: Path) -> str | None:
    """Why ``out`` may never be written into as a whole (``None`` if it may be)."""
    try:
        target = out.resolve()
        cwd = Path.cwd().resolve()
    except (OSError, RuntimeError):
        return None
    if target == Path(target.anchor):
        return "is the root of the file system"
    if target == Path.home().resolve():
        return "is your home folder"
    if target == cwd:
        return "is the current folder"
    if target in cwd.parents:
        return "holds the current folder"
    return None


def check_free(path: str | os.PathLike[str], force: bool, hint: str) -> Path:
    """``path`` as a Path, if it may be written: absent, an empty folder, or (with ``force``)
    an earlier alignsim result.

    Args:
        path: The output folder.
        force: Accept a folder holding an earlier alignsim result (it will be replaced).
        hint: How to replace it, in the caller's terms (a keyword, or ``--force``).

    Raises:
        FileExistsError: In one line naming the folder: a protected folder (the current one,
            home, the root), a file, a non-empty folder without ``force``, or a folder with
            anything alignsim did not write.
    """
    out = Path(path)
    if (reason := protected_reason(out)) is not None:
        raise FileExistsError(f"{out}: {reason}; name a new folder for the results")
    if not out.exists() and not out.is_symlink():
        return out
    if out.is_symlink() or not out.is_dir():
        raise FileExistsError(f"{out}: is not a folder; name a new folder for the results")
    try:
        empty = not any(out.iterdir())
    except OSError as error:
        raise FileExistsError(f"{out}: cannot be read ({error.strerror})") from None
    if empty:
        return out
    if not force:
        raise FileExistsError(f"{out}: output folder is not empty ({hint})")
    if listed_entries(out) is None:
        raise FileExistsError(
            f"{out}: holds files alignsim did not write; it is only replaced when it holds an "
            "earlier alignsim result (left untouched: choose another folder)"
        )
    return out


def write_manifest(folder: Path) -> None:
    """List every entry of ``folder`` in its manifest (the last file written)."""
    from alignsim import __version__

    names = sorted(entry.name for entry in folder.iterdir() if entry.name != MANIFEST)
    text = json.dumps({"written_by": "alignsim", "version": __version__, "files": names})
    (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")


def note_written(file: Path) -> None:
    """Add ``file`` to the manifest of the alignsim result folder it was written into (a
    report or a figure drawn later), so that a later ``force`` may replace it too."""
    manifest = _json(file.parent / MANIFEST)
    if not (isinstance(manifest, dict) and manifest.get("written_by") == "alignsim"):
        return
    files = manifest.get("files")
    if not isinstance(files, list) or file.name in files:
        return
    manifest["files"] = sorted([*files, file.name])
    temporary = file.parent / f".{MANIFEST}.{os.getpid()}"
    temporary.write_text(json.dumps(manifest) + "\n", encoding="utf-8")
    os.replace(temporary, file.parent / MANIFEST)


def remove_result(folder: Path) -> bool:
    """Delete an alignsim result folder, only the entries it lists; whether it is gone."""
    import shutil

    names = listed_entries(folder)
    if names is None:
        return False
    for name in names:
        entry = folder / name
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        return False
    return True
