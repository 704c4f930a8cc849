"""Record tables read from a bundle's record files, each file read once per run."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Protocol

from ccc_audit.errors import Diagnostic
from ccc_audit.loading.bundle import LoadedBundle
from ccc_audit.models.checks import RowFilter

_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")


class RecordDataError(Exception):
    """A record file cannot be read as required (bad encoding, shape, column or value)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


@dataclass
class Table:
    """The rows of one record file, with the file line each row starts on."""

    name: str
    shown: str
    columns: list[str]
    rows: list[list[str]]
    lines: list[int]
    _dates: dict[str, list[dt.date | None]] = field(default_factory=dict)

    def _index(self, column: str) -> int:
        if column not in self.columns:
            raise RecordDataError(
                [
                    Diagnostic(
                        self.shown,
                        1,
                        1,
                        f'column "{column}" is missing; the header has: {", ".join(self.columns)}',
                    )
                ]
            )
        return self.columns.index(column)

    def values(self, column: str) -> list[str]:
        """Stripped text of ``column`` in every row."""
        i = self._index(column)
        return [row[i].strip() for row in self.rows]

    def dates(self, column: str) -> list[dt.date | None]:
        """``column`` parsed as dates (ISO 8601 or YYYY/MM/DD; blank is None)."""
        if column not in self._dates:
            problems: list[Diagnostic] = []
            parsed: list[dt.date | None] = []
            for line, text in zip(self.lines, self.values(column), strict=True):
                parsed.append(_parse_date(text) if text else None)
                if text and parsed[-1] is None and len(problems) < 20:
                    problems.append(
                        Diagnostic(
                            self.shown,
                            line,
                            0,
                            f'column "{column}": "{text}" is not a date (expected YYYY-MM-DD or YYYY/MM/DD)',
                        )
                    )
            if problems:
                raise RecordDataError(problems)
            self._dates[column] = parsed
        return self._dates[column]

    def mask(self, where: list[RowFilter]) -> list[bool]:
        """Which rows pass every filter."""
        keep = [True] * len(self.rows)
        for rule in where:
            accepted = set(rule.values)
            keep = [k and v in accepted for k, v in zip(keep, self.values(rule.column), strict=True)]
        return keep


def _parse_date(text: str) -> dt.date | None:
    match = _DATE.match(text)
    if not match:
        try:
            return dt.date.fromisoformat(text[:10]) if len(text) >= 10 and text[10:11] in ("T", " ") else None
        except ValueError:
            return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


class RecordStore(Protocol):
    """What record-based checks read through; ``None`` when the bundle lacks the set."""

    def table(self, name: str) -> Table | None:
        """The record set ``name``."""
        ...


class CsvRecordStore:
    """Reads CSV record files of a bundle lazily, once each."""

    def __init__(self, bundle: LoadedBundle) -> None:
        self.bundle = bundle
        self._tables: dict[str, Table] = {}

    def table(self, name: str) -> Table | None:
        """The record set ``name``, parsed on first use."""
        if name not in self.bundle.model.records:
            return None
        if name not in self._tables:
            self._tables[name] = self._read(name)
        return self._tables[name]

    def _read(self, name: str) -> Table:
        spec = self.bundle.model.records[name]
        path = self.bundle.record_file(name)
        shown = str(self.bundle.root / spec.path)
        raw = path.read_bytes()
        try:
            text = raw.decode(spec.encoding)
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise RecordDataError(
                [
                    Diagnostic(
                        shown,
                        line,
                        0,
                        f"the file is not valid {spec.encoding}; "
                        "declare its encoding (utf-8, utf-8-sig, cp932) in bundle.yaml",
                    )
                ]
            ) from None
        text = text.removeprefix("\ufeff")
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader)
        except StopIteration:
            raise RecordDataError(
                [Diagnostic(shown, 1, 1, "the file is empty; expected a header row")]
            ) from None
        columns = [c.strip() for c in header]
        rows: list[list[str]] = []
        lines: list[int] = []
        problems: list[Diagnostic] = []
        start = reader.line_num + 1
        for row in reader:
            if not any(cell.strip() for cell in row):
                start = reader.line_num + 1
                continue
            if len(row) != len(columns) and len(problems) < 20:
                problems.append(
                    Diagnostic(
                        shown,
                        start,
                        0,
                        f"the row has {len(row)} cells; the header has {len(columns)}",
                    )
                )
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
        if problems:
            raise RecordDataError(problems)
        return Table(name, shown, columns, rows, lines)
