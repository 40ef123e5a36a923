"""Reading a text file the package is given, refusing what is not a small UTF-8 text.

Only regular files are read (a FIFO, a device such as ``/dev/zero`` or a folder is refused
at once, without reading from it), never more than the size limit plus one byte, and the
text must be UTF-8 with none of the control characters YAML forbids.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from alignsim.scenario.problems import Problem, ScenarioError

#: characters YAML 1.1 does not allow in a stream (C0 controls except tab, LF and CR; DEL;
#: C1 controls except NEL; surrogates; U+FFFE and U+FFFF)
FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NAMES = {"\x00": "NUL", "\x1b": "ESC", "\x7f": "DEL", "\ufffe": "U+FFFE", "\uffff": "U+FFFF"}
_KINDS = (
    (stat.S_ISDIR, "is a folder, not a {kind}"),
    (stat.S_ISFIFO, "is a FIFO (named pipe), not a regular file"),
    (stat.S_ISCHR, "is a device, not a regular file"),
    (stat.S_ISBLK, "is a device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)


def _refuse(name: str, line: int, message: str) -> ScenarioError:
    return ScenarioError([Problem(name, line, "", message)])


def read_bytes(path: Path, name: str, max_bytes: int, kind: str = "scenario file") -> bytes:
    """The content of a regular file of at most ``max_bytes`` bytes.

    The file is opened without blocking (a FIFO with no writer would otherwise hang) and
    checked with ``fstat`` on the open descriptor, so it cannot be swapped in between.

    Raises:
        ScenarioError: Naming the file, if it is missing, not a regular file, unreadable or
            larger than the limit.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise _refuse(name, 0, "file not found") from None
    except IsADirectoryError:
        raise _refuse(name, 0, f"is a folder, not a {kind}") from None
    except OSError as error:
        raise _refuse(name, 0, f"cannot read: {error.strerror}") from None
    try:
        mode = os.fstat(descriptor).st_mode
        for test, message in _KINDS:
            if test(mode):
                raise _refuse(name, 0, message.format(kind=kind))
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise _refuse(name, 0, f"cannot read: {error.strerror}") from None
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:
        size = max(path.stat().st_size, len(data))
        raise _refuse(name, 0, f"file is {size:,} bytes; the limit is {max_bytes:,} bytes")
    return data


def decode(data: bytes, name: str) -> str:
    """UTF-8 bytes as text (a UTF-8 byte order mark is dropped), forbidden characters refused.

    Raises:
        ScenarioError: With the line of the first undecodable byte or forbidden character.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refuse(name, 1, "is UTF-16 or UTF-32 text; save it as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        message = f"not UTF-8 text (byte 0x{byte:02x} at offset {error.start})"
        raise _refuse(name, line, message) from None
    text = text.removeprefix("\ufeff")
    if (found := FORBIDDEN.search(text)) is not None:
        char = found.group()
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        label = _NAMES.get(char, f"U+{ord(char):04X}")
        raise _refuse(name, line, f"control character {label} at column {column} (not text)")
    return text


def read_text(path: Path, name: str, max_bytes: int, kind: str = "scenario file") -> str:
    """:func:`read_bytes` then :func:`decode`."""
    return decode(read_bytes(path, name, max_bytes, kind), name)
