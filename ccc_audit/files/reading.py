"""Bounded reads of input files: regular files only, never more than a limit per kind of file.

A device (``/dev/zero``), a FIFO or a file larger than its kind allows would otherwise grow
memory without bound or block for ever. Every refusal is an :class:`InputError` naming the file.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from ccc_audit.errors import Diagnostic, InputError

MIB = 1024 * 1024
RESULT_LIMIT = 256 * MIB
"""An ``assessment.json`` (``--baseline``, ``--previous``, ``diff``, ``register update --result``)."""
REGISTER_LIMIT = 64 * MIB
"""A corrective-action register (CSV or XLSX file)."""
MANIFEST_LIMIT = 8 * MIB
"""A YAML file: bundle manifest, rule pack, catalogue, profile."""
XLSX_UNCOMPRESSED_LIMIT = 512 * MIB
"""What the members of an XLSX record file may expand to (a zip bomb is refused before parsing)."""
REGISTER_XLSX_UNCOMPRESSED_LIMIT = 128 * MIB
"""What the members of a register workbook may expand to (openpyxl keeps it all in memory)."""
FORM_LIMIT = 16 * MIB
"""A filled-in questionnaire workbook (attestations, or a vendor's RFP answers)."""
FORM_XLSX_UNCOMPRESSED_LIMIT = 128 * MIB
"""What the members of a questionnaire workbook may expand to."""
ANY_SIZE = 1 << 62
"""No size limit (record files are read in a streaming way): only the kind of file is checked."""


def _fail(shown: str, message: str) -> InputError:
    return InputError([Diagnostic(shown, 0, 0, message)])


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def refuse_outside(path: Path, folder: Path, what: str) -> None:
    """Refuse ``path`` when it leads (through a symbolic link) outside ``folder``, the ``what``.

    Nothing of the outside file is read, so none of its content can reach a message.
    """
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError) as exc:  # a symbolic-link loop
        raise _fail(str(path), f"cannot be opened: {exc}") from None
    if not inside:
        raise _fail(
            str(path),
            f"leads outside the {what} (through a symbolic link); copy the file into the folder instead",
        )


def _size_text(size: int) -> str:
    return f"{size / MIB:.1f} MiB" if size >= MIB else f"{size} bytes"


def check_regular(path: Path, shown: str, what: str, limit: int) -> int:
    """The size of ``path``, a regular file (after symlinks) of at most ``limit`` bytes."""
    try:
        info = path.stat()
    except (OSError, ValueError) as exc:
        raise _fail(shown, f"cannot read {what}: {_reason(exc)}") from None
    return _checked(info, shown, what, limit)


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


def _checked(info: os.stat_result, shown: str, what: str, limit: int) -> int:
    if not stat.S_ISREG(info.st_mode):
        raise _fail(shown, f"is {_kind_of(info.st_mode)}, not a regular file; expected {what}")
    if info.st_size > limit:
        raise _fail(
            shown, f"{what} is {_size_text(info.st_size)}; the limit for {what} is {_size_text(limit)}"
        )
    return info.st_size


def read_bounded(path: Path, shown: str, what: str, limit: int) -> bytes:
    """The bytes of ``path``: a regular file (after symlinks) of at most ``limit`` bytes.

    The file is opened without blocking (a FIFO cannot hang the run) and checked through the open
    descriptor, and no more than ``limit`` bytes are ever read, even if the file grows meanwhile.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError) as exc:
        raise _fail(shown, f"cannot read {what}: {_reason(exc)}") from None
    try:
        _checked(os.fstat(descriptor), shown, what, limit)
    except BaseException:
        os.close(descriptor)
        raise
    with os.fdopen(descriptor, "rb") as stream:
        try:
            data = stream.read(limit + 1)
        except OSError as exc:
            raise _fail(shown, f"cannot read {what}: {_reason(exc)}") from None
    if len(data) > limit:
        raise _fail(shown, f"{what} is larger than the limit of {_size_text(limit)}")
    return data


def check_zip_expansion(path: Path, shown: str, what: str, limit: int) -> None:
    """Refuse a workbook whose members would expand beyond ``limit`` bytes (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except Exception:  # a damaged archive raises almost anything (NotImplementedError for an unknown
        return  # zip version, EOFError, ...): the reader of the file reports it in its own words
    total = sum(member.file_size for member in members)
    if total > limit:
        raise _fail(
            shown,
            f"{what} expands to {_size_text(total)} when unpacked; the limit is {_size_text(limit)} "
            "(a workbook this large, or a zip bomb)",
        )
