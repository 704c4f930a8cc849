"""Update a register workbook in place: only ccc-audit's own cells change, people's work stays.

The workbook is the one people keep: sheets they added, comments, fills, widths, number formats,
formulas and columns of their own. Rows are found by finding id; of each row only the cells
whose text the merge changed are written (ccc-audit's columns, and status, verification and
closure dates when a finding recurs); new findings are appended below the last filled row. A row
whose status moved it across the open / closed line is moved to the other sheet with its values,
styles and comments, matched column by column by header.
"""

from __future__ import annotations

from copy import copy
from pathlib import Path
from typing import cast

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, Protection
from openpyxl.styles.fills import Fill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from ccc_audit.register.columns import KEYS, Status, status_of
from ccc_audit.register.model import Register
from ccc_audit.register.xlsx_file import register_sheet, register_sheets, sheet_keys, typed
from ccc_audit.spreadsheet.xlsx import put, text_of


def _last_row(sheet: Worksheet) -> int:
    last = 1
    for cells in sheet.iter_rows(min_row=2):
        if any(c.value is not None for c in cells):
            last = cells[0].row or last
    return last


def _write(sheet: Worksheet, row: int, column: int, key: str, value: str) -> None:
    if value:
        put(sheet, row, column, typed(key, value))
    else:
        sheet.cell(row=row, column=column).value = None


def _stretch_filter(sheet: Worksheet) -> None:
    if not sheet.auto_filter.ref:
        return
    low_col, low_row, high_col, _ = range_boundaries(sheet.auto_filter.ref)
    if low_col and low_row and high_col:
        last = max(_last_row(sheet), low_row + 1)
        sheet.auto_filter.ref = f"{get_column_letter(low_col)}{low_row}:{get_column_letter(high_col)}{last}"


def _column(keys: list[str], key: str) -> int | None:
    return keys.index(key) + 1 if key in keys else None


def _copy_style(cell: Cell | MergedCell, to: Cell | MergedCell) -> None:
    to.font = cast(Font, copy(cell.font))
    to.fill = cast(Fill, copy(cell.fill))
    to.border = cast(Border, copy(cell.border))
    to.alignment = cast(Alignment, copy(cell.alignment))
    to.protection = cast(Protection, copy(cell.protection))
    to.number_format = cell.number_format
    to.quotePrefix = cell.quotePrefix


def _move(source: Worksheet, row: int, target: Worksheet, path: Path) -> None:
    """Copy row ``row`` of ``source`` to the end of ``target`` (values, styles, comments)."""
    source_keys, _ = sheet_keys(source, path)
    target_keys, _ = sheet_keys(target, path)
    destination = _last_row(target) + 1
    for index, cell in enumerate(source[row], start=1):
        key = source_keys[index - 1] if index <= len(source_keys) else ""
        column = _column(target_keys, key) if key else index
        if column is None:
            column = len(target_keys) + 1
            head = target.cell(row=1, column=column)
            head.value = source.cell(row=1, column=index).value
            _copy_style(source.cell(row=1, column=index), head)
            target_keys.append(key)
        moved = target.cell(row=destination, column=column)
        moved.value = cell.value
        moved.data_type = cell.data_type
        if cell.has_style:
            _copy_style(cell, moved)
        if cell.comment is not None:
            moved.comment = Comment(cell.comment.text, cell.comment.author)
        if cell.hyperlink is not None:
            moved.hyperlink = copy(cell.hyperlink)


def update_in_place(workbook: Workbook, before: Register, after: Register, path: Path) -> bool:
    """Bring the register sheets of ``workbook`` (read as ``before``) to ``after``.

    False when no cell had to change (the caller then leaves the file's bytes as they are).
    """
    touched = False
    _, names = register_sheets(workbook, path)
    open_sheet, closed_sheet = (register_sheet(workbook, name, path) for name in names)
    keys = {sheet.title: sheet_keys(sheet, path)[0] for sheet in (open_sheet, closed_sheet)}
    where: dict[str, tuple[Worksheet, int]] = {}
    for sheet in (open_sheet, closed_sheet):
        column = keys[sheet.title].index("finding_id") + 1
        for row in range(2, sheet.max_row + 1):
            ident = text_of(sheet.cell(row=row, column=column))
            if ident and ident not in where:
                where[ident] = (sheet, row)
    prior: dict[str, dict[str, str]] = {}
    for old in before.rows:
        prior.setdefault(old.get("finding_id", ""), old)
    moves: list[tuple[Worksheet, int, Worksheet]] = []
    for new in after.rows:
        ident = new.get("finding_id", "")
        if not ident:
            continue
        if ident in where:
            sheet, row = where[ident]
            changed = [k for k in KEYS if new.get(k, "") != prior.get(ident, {}).get(k, "")]
        else:
            sheet, row = open_sheet, _last_row(open_sheet) + 1
            changed = [k for k in KEYS if new.get(k)]
            where[ident] = (sheet, row)
        for key in changed:
            touched = True
            place = _column(keys[sheet.title], key)
            if place is not None:
                _write(sheet, row, place, key, new.get(key, ""))
        closed = status_of(new.get("status", "")) is Status.CLOSED
        if closed != (sheet is closed_sheet):
            moves.append((sheet, row, closed_sheet if closed else open_sheet))
    for sheet, row, target in moves:
        _move(sheet, row, target, path)
    for sheet, row, _ in sorted(moves, key=lambda m: (m[0].title, -m[1])):
        sheet.delete_rows(row)
    _stretch_filter(open_sheet)
    _stretch_filter(closed_sheet)
    return touched or bool(moves)
