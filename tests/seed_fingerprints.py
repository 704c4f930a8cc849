"""Fingerprints of the seed documents, so that tests can prove we do not copy them.

The seeds (the COPC handbook, the ISO 18295-2 introduction and three articles, see
``/work/shared/domain/README.md``) are copyrighted and are not part of the repository. What
the repository keeps is their *winnowed fingerprints* (Schleimer, Wilkerson and Aiken, 2003):
the text is normalised (NFKC, lower case, whitespace removed), every run of ``K`` characters is
hashed, and of every ``W`` consecutive hashes the smallest is kept. Any run of ``K + W - 1``
characters that a text shares with a seed therefore shares at least one kept hash, while the
hashes cannot be turned back into the seed's sentences.

A text that contains no ``K``-character run hashing to a kept fingerprint shares no run of
``K + W - 1`` characters with the seed, and most shared runs of ``K`` or more are caught too.

Rebuild after a seed changes: ``python tests/seed_fingerprints.py /work/shared/seeds``.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

K = 25
"""Length of a hashed run, in normalised characters: the bound the tests enforce."""

W = 6
"""Winnowing window: every shared run of K + W - 1 = 30 characters is always detected."""

FINGERPRINTS = Path(__file__).resolve().parent / "fixtures" / "seed-fingerprints"
_HASH_BYTES = 6
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFKC, lower case, no whitespace (line breaks in the seeds fall mid-sentence)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).lower()


def run_hashes(text: str) -> list[int]:
    """Hash of every K-character run of the normalised text, in order."""
    flat = normalise(text)
    return [
        int.from_bytes(hashlib.blake2b(flat[i : i + K].encode("utf-8"), digest_size=_HASH_BYTES).digest())
        for i in range(len(flat) - K + 1)
    ]


def winnow(hashes: list[int]) -> set[int]:
    """The smallest hash of every window of W consecutive hashes."""
    if len(hashes) <= W:
        return {min(hashes)} if hashes else set()
    return {min(hashes[i : i + W]) for i in range(len(hashes) - W + 1)}


def shares_a_run(text: str, fingerprints: set[int]) -> bool:
    """Whether some K-character run of ``text`` hashes to one of ``fingerprints``."""
    return any(h in fingerprints for h in run_hashes(text))


def encode(fingerprints: Iterable[int]) -> bytes:
    """Sorted fingerprints, packed big-endian."""
    return b"".join(h.to_bytes(_HASH_BYTES) for h in sorted(fingerprints))


def decode(data: bytes) -> set[int]:
    """Fingerprints from :func:`encode`'s bytes."""
    return {int.from_bytes(data[i : i + _HASH_BYTES]) for i in range(0, len(data), _HASH_BYTES)}


def load_all() -> dict[str, set[int]]:
    """Fingerprints of every seed, by seed file name."""
    return {path.stem: decode(path.read_bytes()) for path in sorted(FINGERPRINTS.glob("*.bin"))}


def main(seeds: Path) -> None:
    """Write the fingerprints of every ``*.txt`` seed in ``seeds``."""
    FINGERPRINTS.mkdir(parents=True, exist_ok=True)
    for path in sorted(seeds.glob("*.txt")):
        fingerprints = winnow(run_hashes(path.read_text(encoding="utf-8")))
        (FINGERPRINTS / f"{path.stem}.bin").write_bytes(encode(fingerprints))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
