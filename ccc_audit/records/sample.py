"""A first look at an export: its encoding, delimiter, header row and a sample of its rows.

Used by ``ccc-audit map`` to propose a mapping; the engine itself reads files with
:mod:`ccc_audit.records.readers`. Only the first rows are read, so a large export costs little.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.files.reading import XLSX_UNCOMPRESSED_LIMIT
from ccc_audit.files.workbook import read_workbook

SAMPLE_ROWS = 20_000
"""Rows of a workbook read after the header (labels that occur rarely should still be seen)."""
SAMPLE_BYTES = 4 << 20
"""Bytes of a text export read for the sample."""
DELIMITERS = (",", "|", "\t", ";")


@dataclass(frozen=True)
class Sample:
    """The shape and first rows of an export."""

    headers: list[str]
    rows: list[list[str]]
    header_row: int
    """1-based line / sheet row of the header."""
    delimiter: str = ","
    encoding: str | None = None
    """The text encoding found (None for a workbook)."""
    tail: tuple[list[str], ...] = ()
    """The last rows of the file (a totals row sits there)."""

    def values(self, header: str) -> list[str]:
        """The non-blank cells of column ``header`` in the sample."""
        index = self.headers.index(header)
        return [r[index].strip() for r in self.rows if index < len(r) and r[index].strip()]


def _decode(raw: bytes, shown: str) -> tuple[str, str]:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            if encoding == "utf-8-sig" and exc.start >= len(raw) - 4:  # a character cut at the end
                return raw[: exc.start].decode(encoding), encoding
    raise InputError([Diagnostic(shown, 1, 0, "the file is neither UTF-8 nor CP932 (Shift_JIS)")])


def _header_index(rows: list[list[str]]) -> int:
    """The header: the first row as wide as most rows, with every cell filled (title rows are narrower)."""
    filled = [sum(1 for c in r if str(c).strip()) for r in rows[:50]]
    if not filled:
        return 0
    width = Counter(filled).most_common(1)[0][0]
    return next((i for i, n in enumerate(filled) if n >= width and n > 1), 0)


def _text_sample(path: Path, shown: str) -> Sample:
    with path.open("rb") as stream:
        raw = stream.read(SAMPLE_BYTES)
    text, encoding = _decode(raw, shown)
    lines = text.splitlines()
    if len(raw) == SAMPLE_BYTES:
        lines = lines[:-1]  # cut off by the sample's size
    delimiter = max(
        DELIMITERS, key=lambda d: Counter(line.count(d) for line in lines[:50]).most_common(1)[0][0]
    )
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    at = _header_index(rows)
    headers = [c.strip() for c in rows[at]] if rows else []
    with path.open("rb") as stream:
        stream.seek(max(0, path.stat().st_size - 4096))
        end = stream.read().decode(encoding, errors="ignore").splitlines()[-3:]
    tail = tuple(csv.reader(io.StringIO("\n".join(end)), delimiter=delimiter))
    shown_encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    return Sample(headers, rows[at + 1 :], at + 1, delimiter, shown_encoding, tail)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_sample(path: Path, shown: str) -> Sample:
    def first_rows(book: Any) -> tuple[list[list[str]], tuple[list[str], ...]]:
        sheet = book.worksheets[0]
        head = [
            [_cell_text(v) for v in row]
            for row in sheet.iter_rows(values_only=True, max_row=SAMPLE_ROWS + 50)
        ]
        last = sheet.max_row or 0
        return head, tuple(
            [_cell_text(v) for v in row]
            for row in sheet.iter_rows(values_only=True, min_row=max(1, last - 2))
        )

    rows, tail = read_workbook(path, shown, XLSX_UNCOMPRESSED_LIMIT, first_rows)
    at = _header_index(rows)
    headers = [c.strip() for c in rows[at] if c.strip()] if rows else []
    return Sample(headers, rows[at + 1 :], at + 1, tail=tail)


def read_sample(path: Path) -> Sample:
    """The header and first rows of a CSV (any delimiter, UTF-8 or CP932) or XLSX export."""
    shown = str(path)
    if not path.is_file():
        raise InputError([Diagnostic(shown, 0, 0, "no such file")])
    sample = _xlsx_sample(path, shown) if path.suffix.lower() == ".xlsx" else _text_sample(path, shown)
    if not any(sample.headers):
        raise InputError(
            [Diagnostic(shown, 1, 0, "the file is empty; expected a header row naming the columns")]
        )
    return sample
