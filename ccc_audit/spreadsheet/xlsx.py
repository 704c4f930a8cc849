"""XLSX building blocks: safe typed cells, tables with styled headers and widths, stable bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from ccc_audit.spreadsheet.cells import Cell, cell_text, needs_quote, safe

DATE_FORMAT = "yyyy-mm-dd"
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")


def sheet_title(text: str) -> str:
    """``text`` as a worksheet name: characters Excel forbids replaced, at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\']", "_", text)[:31]


def put(sheet: Worksheet, row: int, column: int, value: Cell) -> None:
    """Write one cell: text as typed, dates as real dates.

    Text that a spreadsheet could read as a formula (or whose leading apostrophe it would eat)
    is stored as text with the cell style's invisible quote prefix (``quotePrefix``), as Excel
    does for ``'=x`` typed by hand: nothing visible is added and the value reads back as is.
    A number format people chose for a date cell is kept.
    """
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"
        if cell.quotePrefix != needs_quote(value):
            cell.quotePrefix = needs_quote(value)
    elif isinstance(value, dt.date):
        cell.value = value
        if cell.number_format == "General":
            cell.number_format = DATE_FORMAT
    else:
        cell.value = value


def text_of(cell: SheetCell | MergedCell) -> str:
    """A cell read back as text; one with the quote prefix is taken exactly as stored.

    Without the prefix an apostrophe that escapes a trigger is removed once
    (:func:`ccc_audit.spreadsheet.cells.restore_exact`): workbooks written before the prefix.
    """
    if cell.quotePrefix and isinstance(cell.value, str):
        return cell.value
    return cell_text(cell.value)


def append_row(sheet: WriteOnlyWorksheet, values: Sequence[Cell], bold: bool = False) -> None:
    """Stream one row to a write-only sheet, text neutralised; ``bold`` for heading rows."""
    cells = [safe(v) for v in values]
    if not bold:
        sheet.append(cells)
        return
    styled = []
    for value in cells:
        cell = WriteOnlyCell(sheet)
        cell.value = value
        cell.font = Font(bold=True)
        styled.append(cell)
    sheet.append(styled)


def set_widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    """Widths of the first columns, in characters."""
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def table(
    sheet: Worksheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
    first_row: int = 1,
) -> None:
    """A header row (bold, filtered; frozen when it is the first row) and data rows, with widths."""
    for column, text in enumerate(headers, start=1):
        put(sheet, first_row, column, text)
        head = sheet.cell(row=first_row, column=column)
        head.font = Font(bold=True)
        head.fill = _HEADER_FILL
        head.alignment = Alignment(wrap_text=True, vertical="top")
    for offset, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            put(sheet, first_row + offset, column, value)
    set_widths(sheet, widths)
    last = get_column_letter(max(len(headers), 1))
    if first_row == 1:
        sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A{first_row}:{last}{first_row + max(len(rows), 1)}"


_STAMP = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def workbook_bytes(workbook: Workbook, when: dt.date) -> bytes:
    """The workbook as bytes that depend only on its content and ``when`` (no clock, no zip times)."""
    raw = io.BytesIO()
    workbook.save(raw)
    stamp = f"{when.isoformat()}T00:00:00Z".encode()
    source = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _STAMP.sub(lambda m: m.group(1) + stamp + m.group(3), data)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, data)
    return out.getvalue()
