"""Damaged copies of a good XLSX workbook, one per kind of damage met in the field.

Each makes a different layer raise: ``zipfile`` (``BadZipFile``, ``NotImplementedError`` for a
zip version it does not know, ``RuntimeError`` for an encrypted member), ``zlib.error``, the XML
parser (``ParseError``) or openpyxl (``KeyError`` for a missing part). ``NotImplementedError``
was found by ``tests/test_reader_fuzz.py``: one overwritten byte in the central directory.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable

CENTRAL = b"PK\x01\x02"
LOCAL = b"PK\x03\x04"


def _rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = change(info.filename, source.read(info.filename))
            if body is not None:
                target.writestr(info.filename, body)
    return out.getvalue()


def _future_version(data: bytes) -> bytes:
    changed = bytearray(data)
    struct.pack_into("<H", changed, changed.index(CENTRAL) + 6, 112)  # "version needed": 11.2
    return bytes(changed)


def _encrypted(data: bytes) -> bytes:
    changed = bytearray(data)
    for signature, flags in ((CENTRAL, 8), (LOCAL, 6)):
        at = changed.find(signature)
        while at >= 0:
            changed[at + flags] |= 1  # general-purpose flag bit 0: encrypted
            at = changed.find(signature, at + 4)
    return bytes(changed)


def _sheet(name: str) -> bool:
    return name.startswith("xl/worksheets/")


def _garbled_deflate(data: bytes) -> bytes:
    info = next(i for i in zipfile.ZipFile(io.BytesIO(data)).infolist() if _sheet(i.filename))
    changed = bytearray(data)
    name_length, extra_length = struct.unpack_from("<HH", changed, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    for at in range(start, start + min(info.compress_size, 40)):
        changed[at] ^= 0x5A
    return bytes(changed)


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "not_a_zip": lambda _: b"not a zip at all",
    "truncated": lambda data: data[: len(data) // 2],
    "future_zip_version": _future_version,
    "encrypted_member": _encrypted,
    "garbled_sheet_xml": lambda data: _rezip(data, lambda n, b: b"<unclosed" if _sheet(n) else b),
    "no_content_types": lambda data: _rezip(data, lambda n, b: None if n == "[Content_Types].xml" else b),
    "garbled_deflate": _garbled_deflate,
}
"""Kind of damage → how to do it to a good workbook's bytes."""
