"""Turn record files of every supported format into DuckDB sources of text columns.

Each reader returns a :class:`Source`: a FROM clause whose columns are the file's columns as
VARCHAR, and how a stored row's file line is computed (a CSV header is line 1; an XLSX row is its
sheet row; Parquet and JSON Lines rows count from 1).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.files.reading import XLSX_UNCOMPRESSED_LIMIT, check_zip_expansion
from ccc_audit.files.workbook import damaged_workbook
from ccc_audit.models.bundle import RecordFormat, RecordSet
from ccc_audit.records.errors import RecordDataError
from ccc_audit.records.json_lines import read_json_lines
from ccc_audit.records.quoting import quote_ident as quote_ident
from ccc_audit.records.quoting import quote_text as quote_text
from ccc_audit.records.row_copy import copy_rows, ignore_rules, is_ignored

_CSV_LINE = re.compile(r"CSV Error on Line: (\d+)")
_COLUMNS = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


@dataclass(frozen=True)
class Source:
    """A readable record file: its columns as text and its line numbering.

    ``columns`` name the table's columns (ours, once :meth:`renamed` by the mapping);
    ``headers`` are the file's own header names, which messages quote.
    """

    columns: list[str]
    headers: list[str]
    line_offset: int
    """Added to the stored row's rowid to give the file line; 0 when a __line column exists."""
    csv_file: Path | None = None
    """The (UTF-8) CSV file behind the source, when DuckDB can parse it with column types."""
    delimiter: str = ","
    skip: int = 0
    """Lines above the header (title rows)."""
    columnar: str | None = None
    """The FROM clause of a Parquet or JSON Lines file (no csv_file then)."""

    def renamed(self, names: list[str]) -> Source:
        """The same file with its columns called ``names`` (in header order)."""
        return replace(self, columns=names)

    @property
    def clause(self) -> str:
        """A FROM clause of the file's columns as text (and ``__line`` when the file has it)."""
        if self.csv_file is None:
            casts = ", ".join(
                f"CAST({quote_ident(h)} AS VARCHAR) AS {quote_ident(c)}"
                for h, c in zip(self.headers, self.columns, strict=True)
            )
            return f"(SELECT {casts} FROM {self.columnar})"
        return self.typed_clause({}, parallel=False)

    def typed_clause(self, types: dict[str, str], parallel: bool = True) -> str:
        """A read_csv clause parsing ``types`` natively; a value that does not fit is an error."""
        assert self.csv_file is not None
        names = [*self.columns, *(["__line"] if self.line_offset == 0 else [])]
        types = {"__line": "BIGINT", **types}
        spec = ", ".join(f"{quote_text(c)}: {quote_text(types.get(c, 'VARCHAR'))}" for c in names)
        return (
            f"read_csv({quote_text(str(self.csv_file))}, auto_detect=false, header=true, "
            f"delim={quote_text(self.delimiter)}, skip={self.skip}, quote='\"', escape='\"', "
            f"columns={{{spec}}}, strict_mode=true, null_padding=false"
            + (", parallel=true)" if parallel else ")")
        )


def lined_source(target: Path, columns: list[str], headers: list[str] | None = None) -> Source:
    """A source over the CSV copy ``target`` this package wrote: ``columns``, then each row's ``__line``."""
    return Source(columns, headers if headers is not None else columns, 0, target)


def _fail(shown: str, line: int, message: str) -> RecordDataError:
    return RecordDataError([Diagnostic(shown, line, 0, message)])


MAX_REPORTED = 20
MAX_HEADER_BYTES = 64 * 1024
"""The longest header row read; a longer first line (a 1 GB single-line file) is refused."""
MAX_XLSX_EXPANSION = XLSX_UNCOMPRESSED_LIMIT


def _header(path: Path, encoding: str, shown: str, delimiter: str = ",", at_line: int = 1) -> list[str]:
    """The header row at line ``at_line`` (lines above it are title rows)."""
    with path.open("rb") as stream:
        for _ in range(at_line):
            raw = stream.readline(MAX_HEADER_BYTES + 1)
            if len(raw) > MAX_HEADER_BYTES:
                raise _fail(
                    shown,
                    at_line,
                    f"the header row is longer than {MAX_HEADER_BYTES // 1024} KiB; expected column names",
                )
    try:
        first = raw.decode(encoding)
    except UnicodeDecodeError:
        raise _fail(shown, at_line, f"the header row is not valid {encoding}") from None
    try:
        reader = csv.reader(io.StringIO(first.removeprefix("\ufeff"), newline=""), delimiter=delimiter)
        row = next(reader, [])
    except csv.Error as exc:
        raise _fail(shown, at_line, f"the header row cannot be read as CSV: {exc}") from None
    names = checked_header([c.strip() for c in row], shown, at_line)
    if not all(names):
        unnamed = [str(i + 1) for i, n in enumerate(names) if not n]
        raise _fail(
            shown, at_line, f"column(s) {', '.join(unnamed)} of the header have no name; name or delete them"
        )
    return names


def checked_header(names: list[str], shown: str, line: int) -> list[str]:
    """``names`` if they name columns, each once; else a located error."""
    if not any(names):
        raise _fail(shown, line, "the file is empty; expected a header row naming the columns")
    if len(set(names)) != len(names):
        repeated = sorted({n for n in names if names.count(n) > 1})
        raise _fail(shown, line, f"the header repeats column(s) {', '.join(repeated)}")
    return names


def _transcode(path: Path, source: str, target: Path, shown: str) -> None:
    """Re-encode a CP932 / Shift_JIS file as UTF-8, naming the line of the first bad byte."""
    decoder = codecs.getincrementaldecoder(source)()
    line = 1
    with path.open("rb") as raw, target.open("w", encoding="utf-8", newline="") as out:
        for block in iter(lambda: raw.read(1 << 20), b""):
            try:
                text = decoder.decode(block)
            except UnicodeDecodeError as exc:
                line += block[: exc.start].count(b"\n")
                raise _fail(shown, line, f"the file is not valid {source}") from None
            line += text.count("\n")
            out.write(text)
        out.write(decoder.decode(b"", final=True))


_BINARY_KINDS = (
    (
        b"PK\x03\x04",
        "a workbook or other ZIP file (XLSX, XLSM, ODS), not CSV text; name it .xlsx, or declare "
        "format: xlsx for the record set",
    ),
    (b"\xd0\xcf\x11\xe0", "an Excel 97-2003 workbook (.xls), which cannot be read; save it as .xlsx or CSV"),
    (b"PAR1", "a Parquet file, not CSV text; name it .parquet, or declare format: parquet"),
)


def _refuse_binary(head: bytes, shown: str) -> None:
    """Refuse a workbook or Parquet file declared (or named) as CSV, saying what it is."""
    for magic, what in _BINARY_KINDS:
        if head.startswith(magic):
            raise _fail(shown, 1, f"the file is {what}")


def read_csv(path: Path, spec: RecordSet, shown: str, scratch: Path, name: str, encoding: str) -> Source:
    """A CSV source in ``encoding``: UTF-8 (BOM or not) is read directly, CP932 / Shift_JIS via UTF-8.

    UTF-8 is validated by DuckDB while it reads (see :func:`is_invalid_unicode`), so that a
    large file is not decoded twice.
    """
    source = path
    with path.open("rb") as stream:
        head = stream.read(65536)
    _refuse_binary(head, shown)
    if encoding in ("utf-8", "utf-8-sig"):
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not merely a character cut at the block's end
                line = head[: exc.start].count(b"\n") + 1
                raise _fail(
                    shown,
                    line,
                    f"the file is not valid {encoding}; if Japanese Excel saved it, declare encoding: cp932",
                ) from None
    if encoding in ("cp932", "shift_jis"):
        source = scratch / f"{name}.utf8.csv"
        try:
            _transcode(path, encoding, source, shown)
        except RecordDataError:
            if spec.encoding == "auto":
                raise _fail(
                    shown, 0, "the file is neither UTF-8 nor CP932 (Shift_JIS); save it as UTF-8"
                ) from None
            raise
    at = spec.header_line
    headers = _header(source, "utf-8-sig", shown, spec.delimiter, at)
    if spec.read_by_row():
        target = scratch / f"{name}.rows.csv"
        copy_rows(source, spec, headers, shown, target)
        return Source(headers, headers, 0, target)
    return Source(headers, headers, at + 1, source, spec.delimiter, at - 1)


def is_invalid_unicode(error: duckdb.Error) -> bool:
    """Whether DuckDB refused a CSV file for bytes that are not UTF-8."""
    return "Invalid unicode" in str(error)


def explain_csv_error(error: duckdb.Error, shown: str) -> RecordDataError:
    """A located error from DuckDB's CSV reader message."""
    text = str(error)
    line = _CSV_LINE.search(text)
    counts = _COLUMNS.search(text)
    where = int(line[1]) if line else 0
    if is_invalid_unicode(error):
        return _fail(
            shown, where, "the file is not valid UTF-8; if Japanese Excel saved it, declare encoding: cp932"
        )
    if counts:
        return _fail(shown, where, f"the row has {counts[2]} cells; the header has {counts[1]}")
    return _fail(shown, where, "the file cannot be read as CSV: " + text.splitlines()[0])


def _excel_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def _xlsx_header(
    header: tuple[object, ...], shown: str, line: int
) -> tuple[list[tuple[int, str]], list[int]]:
    """The titled columns of a header row as (position, title), and the untitled positions.

    Columns are kept at their positions, so an untitled cell never shifts the later columns; a
    repeated title is an error.
    """
    titles = ["" if c is None else str(c).strip() for c in header]
    while titles and not titles[-1]:
        titles.pop()
    if not titles:
        raise _fail(shown, line, "the sheet is empty; expected a header row naming the columns")
    repeated = sorted({t for t in titles if t and titles.count(t) > 1})
    if repeated:
        raise _fail(shown, line, f"the header repeats column(s) {', '.join(repeated)}")
    return [(i, t) for i, t in enumerate(titles) if t], [i for i, t in enumerate(titles) if not t]


def _untitled_value(shown: str, row: int, index: int, header_line: int) -> Diagnostic:
    letter = _column_letter(index)
    return Diagnostic(
        shown,
        row,
        index + 1,
        f"cell {letter}{row} holds a value but its column has no title ({letter}{header_line} is empty); "
        "give the column a title or delete it",
    )


def _unsaved_formulas(
    path: Path, sheet_name: str, blanks: list[tuple[int, int]], shown: str
) -> list[Diagnostic]:
    """Cells among ``blanks`` (row, column) that hold a formula whose value was never saved."""
    import openpyxl

    if not blanks:
        return []
    wanted = set(blanks)
    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        problems = []
        for row in book[sheet_name].iter_rows():
            for cell in row:
                position = (getattr(cell, "row", 0), getattr(cell, "column", 0))
                if position in wanted and isinstance(cell.value, str) and cell.value.startswith("="):
                    problems.append(
                        Diagnostic(
                            shown,
                            position[0],
                            position[1],
                            f"cell {_column_letter(position[1] - 1)}{position[0]} holds a formula "
                            f"({cell.value[:40]}) whose value was never saved; open the workbook in Excel "
                            "or LibreOffice and save it, so that the value is stored",
                        )
                    )
                    if len(problems) >= MAX_REPORTED:
                        return problems
        return problems
    finally:
        book.close()


def read_xlsx(path: Path, spec: RecordSet, shown: str, scratch: Path, name: str) -> Source:
    """The first (or named) sheet of a workbook, through a CSV copy; Excel dates become dates.

    Cells are read by their position under the header, a formula cell by its saved value; a
    formula with no saved value (a workbook written by a program that does not calculate) is an
    error at its cell, not a blank.
    """
    try:
        check_zip_expansion(path, shown, "an XLSX workbook", MAX_XLSX_EXPANSION)
    except InputError as exc:
        raise RecordDataError(exc.diagnostics) from None
    try:
        return _read_xlsx(path, spec, shown, scratch, name)
    except RecordDataError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error on a damaged workbook
        raise RecordDataError(damaged_workbook(shown, exc, path).diagnostics) from None


def _read_xlsx(path: Path, spec: RecordSet, shown: str, scratch: Path, name: str) -> Source:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    blanks: list[tuple[int, int]] = []
    try:
        if spec.sheet is not None and spec.sheet not in book.sheetnames:
            raise _fail(shown, 0, f'no sheet "{spec.sheet}"; the workbook has: {", ".join(book.sheetnames)}')
        sheet = book[spec.sheet] if spec.sheet else book.worksheets[0]
        sheet_name = sheet.title
        rows = sheet.iter_rows(values_only=True)
        at = spec.header_line
        for _ in range(at - 1):
            next(rows, None)
        titled, untitled = _xlsx_header(tuple(next(rows, ())), shown, at)
        columns = [title for _, title in titled]
        ignored = ignore_rules(spec, columns, shown)
        problems: list[Diagnostic] = []
        target = scratch / f"{name}.xlsx.csv"
        with target.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([*columns, "__line"])
            for number, row in enumerate(rows, start=at + 1):
                for index in untitled:
                    if index < len(row) and row[index] not in (None, "") and len(problems) < MAX_REPORTED:
                        problems.append(_untitled_value(shown, number, index, at))
                        untitled = [i for i in untitled if i != index]  # once per column
                cells = [_excel_text(row[i]) if i < len(row) else None for i, _ in titled]
                texts = [c or "" for c in cells]
                if any(texts) and not is_ignored(texts, ignored):
                    blanks.extend(
                        (number, i + 1) for (i, _), c in zip(titled, cells, strict=True) if c is None
                    )
                    writer.writerow([*texts, number])
    finally:
        book.close()
    problems.extend(_unsaved_formulas(path, sheet_name, blanks[:100_000], shown))
    if problems:
        raise RecordDataError(problems)
    return lined_source(target, columns)


def read_columnar(
    con: duckdb.DuckDBPyConnection, path: Path, spec: RecordSet, shown: str, scratch: Path, name: str
) -> Source:
    """A Parquet source (every column as text, rows counted from 1) or a JSON Lines one (file lines)."""
    if spec.file_format() is RecordFormat.JSONL:
        target = scratch / f"{name}.jsonl.csv"
        return lined_source(target, read_json_lines(path, shown, target))
    clause = f"read_parquet({quote_text(str(path))})"
    try:
        columns = con.sql(f"SELECT * FROM {clause} LIMIT 0").columns
    except duckdb.Error as exc:
        raise _fail(shown, 0, f"the file cannot be read as Parquet: {str(exc).splitlines()[0]}") from None
    return Source(list(columns), list(columns), 1, columnar=clause)
