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
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ccc_audit.spreadsheet.cells import Cell, cell_text, needs_quote, safe

DATE_FORMAT = "yyyy-mm-dd"
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0"
PERCENT_FORMAT = "0.0%"
MONEY_FORMAT = "#,##0"
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_WRAP = Alignment(wrap_text=True, vertical="top")


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


def choice_list(values: Sequence[str], cells: str, error: str = "") -> DataValidation:
    """A dropdown of ``values`` on ``cells`` (``F2:F40``) that refuses anything else (stop style)."""
    rule = DataValidation(
        type="list", formula1='"' + ",".join(values) + '"', allow_blank=True, showErrorMessage=True
    )
    rule.errorStyle = "stop"
    rule.error = error or " / ".join(values)
    rule.add(cells)
    return rule


def set_widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    """Widths of the first columns, in characters."""
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def print_setup(sheet: Worksheet, title_row: int | None = 1) -> None:
    """Print landscape on A4, one page wide and as many down as needed, with gridlines.

    The header row ``title_row`` is repeated at the top of every printed page.
    """
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.gridLines = True
    if title_row is not None:
        sheet.print_title_rows = f"{title_row}:{title_row}"


def _number_format(value: Cell) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return INTEGER_FORMAT if isinstance(value, int) or value.is_integer() else DECIMAL_FORMAT


def table(
    sheet: Worksheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
    first_row: int = 1,
    formats: dict[int, str] | None = None,
) -> None:
    """A header row and data rows that read on screen and print on paper.

    The header is bold, filtered, repeated on printed pages and frozen when it is the first row;
    data cells wrap at the top, numbers get thousands separators (``formats``: a number format by
    column, 1-based, instead) and the sheet prints landscape, fitted to the page width.
    """
    for column, text in enumerate(headers, start=1):
        put(sheet, first_row, column, text)
        head = sheet.cell(row=first_row, column=column)
        head.font = Font(bold=True)
        head.fill = _HEADER_FILL
        head.alignment = _WRAP
    for offset, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            put(sheet, first_row + offset, column, value)
            cell = sheet.cell(row=first_row + offset, column=column)
            cell.alignment = _WRAP
            chosen = (formats or {}).get(column) or _number_format(value)
            if chosen and value is not None and not isinstance(value, str | dt.date):
                cell.number_format = chosen
            if isinstance(value, str) and column <= len(widths):
                fit_row_height(sheet, first_row + offset, value, widths[column - 1])
    set_widths(sheet, widths)
    last = get_column_letter(max(len(headers), 1))
    if first_row == 1:
        sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A{first_row}:{last}{first_row + max(len(rows), 1)}"
    print_setup(sheet, first_row)


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


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (CJK counts double)."""
    wide = sum(2 if ord(ch) >= 0x2E80 else 1 for line in text.splitlines() for ch in line)
    return max(text.count("\n") + 1, -(-wide // max(int(width) - 2, 1)))


def fit_row_height(sheet: Worksheet, row: int, text: str, width: float) -> None:
    """Give ``row`` the height its wrapped ``text`` needs in a column ``width`` characters wide.

    LibreOffice does not grow a row for wrapped text on opening, so without a height a second
    line is printed over the next row.
    """
    lines = lines_needed(text, width)
    if lines > 1:
        sheet.row_dimensions[row].height = max(sheet.row_dimensions[row].height or 0, 15 * lines)
