"""Exact file lines for CSV rows when a row's line cannot be derived from its position.

DuckDB's CSV reader skips blank lines and reads a quoted cell across line breaks, so "row n is
line n + 1" holds only for files with one line per row. :func:`one_line_per_row` tells cheaply
whether that holds; :func:`read_csv_lined` rewrites any other file, through Python's csv module,
into a CSV carrying each row's first line in a ``__line`` column, and locates a ragged row or an
overlong cell on its own line.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from ccc_audit.errors import Diagnostic
from ccc_audit.loading.line_ends import LineEnds, count_line_ends
from ccc_audit.records.errors import RecordDataError

MAX_CELL_CHARS = 1 << 20
"""The longest cell read on this path; a longer one is refused at its line (a runaway quote)."""
MAX_REPORTED = 20


def one_line_per_row(path: Path, rows: int, header_line: int = 1, ends: LineEnds | None = None) -> bool:
    """Whether ``path`` (title rows, a header at ``header_line`` and ``rows`` rows) has one line per row.

    False when a row spans lines (a quoted line break), when blank lines lie between rows, or
    when a bare carriage return, which editors show as a line break, appears anywhere. ``ends``
    are the file's line ends if already counted (by the pass that hashed it).
    """
    if ends is None or ends.path != path:
        ends = count_line_ends(path)
    return not ends.bare_carriage_return and ends.lines == rows + header_line


def read_csv_lined(
    source: Path,
    columns: list[str],
    shown: str,
    target: Path,
    delimiter: str = ",",
    header_line: int = 1,
    left_out: Callable[[list[str]], bool] | None = None,
) -> None:
    """Rewrite UTF-8 CSV ``source`` into ``target`` with each row's first file line appended.

    Rows start below the header at ``header_line`` (lines above it are title rows); a row
    ``left_out`` accepts (a totals row) is not copied.

    Blank lines are skipped, as DuckDB skips them; line breaks inside a cell become LF. A row
    whose cell count differs from the header's, or a cell longer than :data:`MAX_CELL_CHARS`, is
    an error at the row's own line.
    """
    problems: list[Diagnostic] = []
    previous = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL_CHARS)
    try:
        with (
            source.open("r", encoding="utf-8-sig", newline="") as raw,
            target.open("w", encoding="utf-8", newline="") as out,
        ):
            reader = csv.reader(raw, strict=True, delimiter=delimiter)
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow([*columns, "__line"])
            for _ in range(header_line):
                raw.readline()
            consumed = header_line
            while True:
                start = consumed + 1
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    problems.append(Diagnostic(shown, start, 0, _explain(str(exc))))
                    break
                except UnicodeDecodeError:
                    problems.append(Diagnostic(shown, start, 0, "the file is not valid UTF-8"))
                    break
                consumed = header_line + reader.line_num
                if not any(cell for cell in row) or (left_out is not None and left_out(row)):
                    continue
                if len(row) != len(columns):
                    counts = f"the row has {len(row)} cells; the header has {len(columns)}"
                    problems.append(Diagnostic(shown, start, 0, counts))
                    if len(problems) >= MAX_REPORTED:
                        break
                    continue
                writer.writerow([*(_one_newline(cell) for cell in row), start])
    finally:
        csv.field_size_limit(previous)
    if problems:
        raise RecordDataError(problems)


def _one_newline(cell: str) -> str:
    """A cell's line breaks as LF: DuckDB's reader refuses a bare CR even inside quotes."""
    return cell.replace("\r\n", "\n").replace("\r", "\n") if "\r" in cell else cell


def _explain(message: str) -> str:
    if "field larger than field limit" in message:
        return f'a cell is longer than {MAX_CELL_CHARS:,} characters; is a quote (") left open?'
    return f"the file cannot be read as CSV: {message}"
