"""Count a file's line ends in the pass that hashes it, so that large record files are read once less.

A record file's rows can be placed on their file lines by position only when the file has one
line per row (:func:`ccc_audit.records.lined_csv.one_line_per_row`). Deciding that needs the
number of line ends, which the background hash of the file (:mod:`ccc_audit.loading.bundle`)
counts as it goes; a file whose hash came from the hash cache is counted when it is loaded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

BLOCK = 1 << 24


@dataclass(frozen=True)
class LineEnds:
    """The line ends of one file as it was read."""

    path: Path
    newlines: int
    """LF bytes."""
    bare_carriage_return: bool
    """Whether a CR not followed by LF appears: editors show it as a line break."""
    ends_with_newline: bool
    """Whether the last byte is LF (True for an empty file: no line follows)."""

    @property
    def lines(self) -> int:
        """Lines in the file, the last counted whether or not a newline ends it."""
        return self.newlines + (0 if self.ends_with_newline else 1)


class _Counter:
    def __init__(self) -> None:
        self.newlines = 0
        self.carriage_returns = 0
        self.crlf = 0
        self.last = b""

    def update(self, block: bytes) -> None:
        self.newlines += block.count(b"\n")
        if b"\r" in block or self.last == b"\r":  # a memchr, far cheaper than counting; CRs are rare
            self.carriage_returns += block.count(b"\r")
            self.crlf += block.count(b"\r\n") + (1 if self.last == b"\r" and block[:1] == b"\n" else 0)
        self.last = block[-1:]

    def result(self, path: Path) -> LineEnds:
        bare = self.carriage_returns != self.crlf
        return LineEnds(path, self.newlines, bare, self.last in (b"\n", b""))


def count_line_ends(path: Path) -> LineEnds:
    """The line ends of ``path``."""
    return _scan(path, None)


def hash_and_count(path: Path) -> tuple[str, LineEnds]:
    """Hex SHA-256 of ``path`` and its line ends, from one read of the file."""
    digest = hashlib.sha256()
    ends = _scan(path, digest)
    return digest.hexdigest(), ends


def _scan(path: Path, digest: hashlib._Hash | None) -> LineEnds:
    counter = _Counter()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(BLOCK), b""):
            if digest is not None:
                digest.update(block)
            counter.update(block)
    return counter.result(path)
