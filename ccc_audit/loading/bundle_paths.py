"""Resolve file paths of a bundle so that they never escape the bundle folder."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any


class UnsafePathError(ValueError):
    """A bundle path that is unsafe or does not lead to a file."""


def resolve_in_bundle(root: Path, relative: str) -> Path:
    """The file ``relative`` names inside ``root``; raise UnsafePathError when unsafe or missing."""
    if "\0" in relative:
        raise UnsafePathError(f'"{relative}" contains a NUL character, which no file name can hold')
    try:
        return _resolve_in_bundle(root, relative)
    except (OSError, ValueError) as exc:  # a symbolic-link loop, a name too long
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UnsafePathError(f'"{relative}" cannot be opened: {reason}') from None


def _resolve_in_bundle(root: Path, relative: str) -> Path:
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


class HashCache:
    """SHA-256 of files remembered by path, size, modification time and inode between runs.

    The same stat check git and make rely on: a file whose size, mtime (ns) and inode are
    unchanged is not read again. Without a cache file every hash is computed.
    """

    def __init__(self, store: Path | None = None) -> None:
        self.store = store
        self.entries: dict[str, list[Any]] = {}
        self.changed = False
        if store is not None and store.is_file():
            try:
                loaded = json.loads(store.read_text("utf-8"))
                self.entries = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self.entries = {}

    def sha256(self, path: Path) -> str:
        """The file's SHA-256, from the cache when its stat is unchanged."""
        known = self.known(path)
        if known is not None:
            return known
        digest = sha256_of(path)
        self.remember(path, digest)
        return digest

    def known(self, path: Path) -> str | None:
        """The remembered SHA-256 if the file's stat is unchanged, else None."""
        if self.store is None:
            return None
        info = path.stat()
        entry = self.entries.get(str(path.resolve()))
        stamp = [info.st_size, info.st_mtime_ns, info.st_ino]
        if isinstance(entry, list) and len(entry) == 4 and entry[:3] == stamp:
            return str(entry[3])
        return None

    def remember(self, path: Path, digest: str) -> None:
        """Record a file's SHA-256 against its current stat."""
        if self.store is None:
            return
        info = path.stat()
        self.entries[str(path.resolve())] = [info.st_size, info.st_mtime_ns, info.st_ino, digest]
        self.changed = True

    def save(self) -> None:
        """Write the cache back if it changed (a failure to write only costs time next run)."""
        if self.store is None or not self.changed:
            return
        try:
            self.store.parent.mkdir(parents=True, exist_ok=True)
            partial = self.store.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(self.entries, sort_keys=True), "utf-8")
            partial.replace(self.store)
        except OSError:
            pass
