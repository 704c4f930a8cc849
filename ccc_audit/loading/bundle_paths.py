"""Resolve file paths of a bundle so that they never escape the bundle folder."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath, PureWindowsPath


class UnsafePathError(ValueError):
    """A bundle path that is unsafe or does not lead to a file."""


def resolve_in_bundle(root: Path, relative: str) -> Path:
    """The file ``relative`` names inside ``root``; raise UnsafePathError when unsafe or missing."""
    if (
        PurePosixPath(relative).is_absolute()
        or PureWindowsPath(relative).is_absolute()
        or PureWindowsPath(relative).drive
    ):
        raise UnsafePathError(f'"{relative}" is an absolute path; give a path relative to the bundle folder')
    parts = PurePosixPath(relative.replace("\\", "/")).parts
    if ".." in parts:
        raise UnsafePathError(f'"{relative}" contains ".."; paths must stay inside the bundle folder')
    base = root.resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base):
        raise UnsafePathError(
            f'"{relative}" leads outside the bundle folder (through a symbolic link); '
            "copy the file into the bundle instead"
        )
    if not target.exists():
        raise UnsafePathError(f'file "{relative}" not found in the bundle folder')
    if not target.is_file():
        raise UnsafePathError(f'"{relative}" is not a regular file')
    return target


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's content."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
