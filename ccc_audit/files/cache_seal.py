"""Seals for cached artefacts: an HMAC recorded when an entry is written, checked when it is served.

Every cache of ccc-audit (file hashes, parsed record tables) stores, next to each entry, an
HMAC-SHA256 of the entry's content under a random key kept in the cache folder (``seal.key``,
created once, readable by its owner only). An entry whose seal is missing or does not match —
corrupt, truncated, edited by hand — is not served: the caller recomputes it and reports a
fault, so a cache can cost time but never change a result.

What this protects against: corruption, partial writes and edits by anyone who cannot read the
key (a copied or tampered cache file, a hand-edited ``file-hashes.json``). Someone who can read
the key can forge a seal; the key is as private as the user's home folder.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_FILE = "seal.key"
_KEY_BYTES = 32


def seal_key(cache_dir: Path) -> bytes | None:
    """The cache folder's sealing key, created on first use; None when it cannot be read or made."""
    path = cache_dir / KEY_FILE
    try:
        key = path.read_bytes()
        if len(key) == _KEY_BYTES:
            return key
    except FileNotFoundError:
        pass
    except OSError:
        return None
    key = secrets.token_bytes(_KEY_BYTES)
    partial = path.with_name(f"{KEY_FILE}.{os.getpid()}.tmp")
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        partial.replace(path)  # a key replaced under a running process only invalidates its seals
        return path.read_bytes() if path.stat().st_size == _KEY_BYTES else None
    except OSError:
        partial.unlink(missing_ok=True)
        return None


def seal_bytes(key: bytes, data: bytes) -> str:
    """Hex HMAC-SHA256 of ``data``."""
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def seal_file(key: bytes, path: Path) -> str:
    """Hex HMAC-SHA256 of a file's content (read in blocks)."""
    mac = hmac.new(key, digestmod=hashlib.sha256)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            mac.update(block)
    return mac.hexdigest()


def matches(expected: str, actual: str) -> bool:
    """Constant-time comparison of two seals."""
    return hmac.compare_digest(expected.encode(), actual.encode())
