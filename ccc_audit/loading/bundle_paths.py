"""Resolve file paths of a bundle so that they never escape the bundle folder."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from ccc_audit.files.cache_seal import matches, seal_bytes, seal_key


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

    Each entry carries a seal (HMAC, :mod:`ccc_audit.files.cache_seal`) of its path, stat and
    hash, made when it is remembered and checked when it is served: an entry that was edited
    (a hash of ``000…``), a store that cannot be parsed, read or written, is a fault listed in
    :attr:`faults`, and the file is hashed again, so the evidence index only ever cites the hash
    the file has.
    """

    def __init__(self, store: Path | None = None) -> None:
        self.store = store
        self.entries: dict[str, list[Any]] = {}
        self.changed = False
        self.faults: list[str] = []
        """Why cached hashes were not used (each a short sentence naming the cache file)."""
        self._key: bytes | None = None
        if store is None:
            return
        self._key = seal_key(store.parent)
        if self._key is None:
            self.faults.append(f"{store.parent}: the cache's sealing key cannot be read or created")
            self.store = None
            return
        if not store.exists():
            return
        try:
            loaded = json.loads(store.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            self.faults.append(f"{store}: unreadable ({type(exc).__name__}); every file was hashed again")
            return
        if isinstance(loaded, dict):
            self.entries = loaded
        else:
            self.faults.append(f"{store}: not a hash cache; every file was hashed again")

    def _seal(self, name: str, stamp: list[Any], digest: str) -> str:
        assert self._key is not None
        return seal_bytes(self._key, json.dumps([name, *stamp, digest]).encode())

    def sha256(self, path: Path) -> str:
        """The file's SHA-256, from the cache when its stat is unchanged and its entry is intact."""
        known = self.known(path)
        if known is not None:
            return known
        digest = sha256_of(path)
        self.remember(path, digest)
        return digest

    def known(self, path: Path) -> str | None:
        """The remembered SHA-256 if the file's stat is unchanged and the entry's seal holds, else None."""
        if self.store is None:
            return None
        info = path.stat()
        name = str(path.resolve())
        entry = self.entries.get(name)
        stamp = [info.st_size, info.st_mtime_ns, info.st_ino]
        if not (isinstance(entry, list) and len(entry) in (4, 5) and entry[:3] == stamp):
            return None
        digest = entry[3]
        if (
            len(entry) == 5
            and isinstance(digest, str)
            and isinstance(entry[4], str)
            and matches(entry[4], self._seal(name, stamp, digest))
        ):
            return digest
        self.faults.append(
            f"{self.store}: the entry for {name} fails its integrity check; the file was hashed again"
        )
        return None

    def remember(self, path: Path, digest: str) -> None:
        """Record a file's SHA-256 against its current stat, sealed."""
        if self.store is None:
            return
        info = path.stat()
        name = str(path.resolve())
        stamp = [info.st_size, info.st_mtime_ns, info.st_ino]
        self.entries[name] = [*stamp, digest, self._seal(name, stamp, digest)]
        self.changed = True

    def save(self) -> None:
        """Write the cache back if it changed (a failure to write is a fault, and only costs time)."""
        if self.store is None or not self.changed:
            return
        partial = self.store.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.store.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(json.dumps(self.entries, sort_keys=True), "utf-8")
            partial.replace(self.store)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            self.faults.append(f"{self.store}: cannot be written ({exc.strerror or exc})")
