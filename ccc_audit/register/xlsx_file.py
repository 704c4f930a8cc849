"""The register's two XLSX sheets (open and closed actions): written typed and safe, read back exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.files.reading import (
    REGISTER_LIMIT,
    REGISTER_XLSX_UNCOMPRESSED_LIMIT,
    check_regular,
)
from ccc_audit.files.workbook import open_workbook
from ccc_audit.i18n.labels import label
from ccc_audit.models.common import Grade
from ccc_audit.register.columns import (
    DATE_COLUMNS,
    STATUS_LABELS,
    Status,
    column_keys,
    key_for_header,
    status_of,
)
from ccc_audit.register.model import Register
from ccc_audit.spreadsheet.cells import Cell
from ccc_audit.spreadsheet.xlsx import choice_list, table, text_of

OPEN_SHEET = "open_sheet"
CLOSED_SHEET = "closed_sheet"
"""Label keys of the two register sheets (FedRAMP POA&M keeps open and closed items apart)."""

_WIDTHS = {
    "statement": 60,
    "evidence": 60,
    "history": 40,
    "root_cause": 30,
    "corrective_action": 30,
    "containment": 30,
    "remarks": 30,
    "requirement": 22,
    "rule_id": 30,
    "source": 26,
    "assessment": 20,
}


def sheet_names(lang: str) -> tuple[str, str]:
    """Names of the open and closed register sheets in ``lang``."""
    return label(OPEN_SHEET, lang), label(CLOSED_SHEET, lang)


def typed(key: str, value: str) -> Cell:
    """A register cell as written: a date column's ISO text as a real date, the rest as text."""
    if key in DATE_COLUMNS and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _validations(sheet: Worksheet, register: Register, last_row: int) -> None:
    lang = register.lang
    choices = {
        "status": [STATUS_LABELS[s].get(lang) for s in Status],
        "grade": [label(f"grade.{g.value}", lang) for g in Grade],
    }
    for key, values in choices.items():
        letter = get_column_letter(register.columns.index(key) + 1)
        sheet.add_data_validation(choice_list(values, f"{letter}2:{letter}{max(last_row, 2) + 200}"))


def write_register_sheets(workbook: Workbook, register: Register) -> None:
    """Add the open and closed sheets of ``register`` to ``workbook``."""
    names = sheet_names(register.lang)
    for name, closed in zip(names, (False, True), strict=True):
        rows = [r for r in register.rows if (status_of(r.get("status", "")) is Status.CLOSED) is closed]
        sheet = workbook.create_sheet(name)
        table(
            sheet,
            [register.title(key) for key in register.columns],
            [[typed(key, row.get(key, "")) for key in register.columns] for row in rows],
            [_WIDTHS.get(key, 16) for key in register.columns],
        )
        _validations(sheet, register, len(rows) + 1)


def open_xlsx(path: Path) -> Workbook:
    """Load a register workbook as it is (formulas kept as formulas), refusing what is no workbook."""
    check_regular(path, str(path), "a register", REGISTER_LIMIT)
    return open_workbook(path, str(path), REGISTER_XLSX_UNCOMPRESSED_LIMIT)


def register_sheet(workbook: Workbook, name: str, path: Path) -> Worksheet:
    """The worksheet ``name`` of ``workbook`` (a chart sheet under that name is refused)."""
    sheet = workbook[name]
    if not isinstance(sheet, Worksheet):
        raise InputError([Diagnostic(str(path), 0, 0, f'"{name}" is not a worksheet')])
    return sheet


def register_sheets(workbook: Workbook, path: Path) -> tuple[str, tuple[str, str]]:
    """The register's language and the names of its open and closed sheets in ``workbook``."""
    for lang in ("ja", "en"):
        names = sheet_names(lang)
        if all(name in workbook.sheetnames for name in names):
            return lang, names
    expected = " and ".join(f'"{n}"' for n in sheet_names("en") + sheet_names("ja"))
    raise InputError([Diagnostic(str(path), 0, 0, f"no register sheets; expected {expected}")])


def sheet_keys(sheet: Worksheet, path: Path) -> tuple[list[str], dict[str, str]]:
    """The column keys of a register sheet's header row (``column_keys``)."""
    keys, titles = column_keys([text_of(c) for c in next(sheet.iter_rows(max_row=1), ())])
    if "finding_id" not in keys:
        raise InputError(
            [
                Diagnostic(
                    str(path), 0, 0, f'sheet "{sheet.title}", row 1: no "finding_id" column in the header'
                )
            ]
        )
    return keys, titles


def read_workbook(workbook: Workbook, path: Path) -> Register:
    """The register held by the two register sheets of ``workbook``."""
    lang, names = register_sheets(workbook, path)
    register = Register(lang)
    for name in names:
        sheet = register_sheet(workbook, name, path)
        if sheet.max_row < 1 or not any(c.value is not None for c in sheet[1]):
            continue
        keys, titles = sheet_keys(sheet, path)
        for key in keys:
            if key and key_for_header(key) is None and key not in register.extra:
                register.extra.append(key)
                if key in titles:
                    register.titles[key] = titles[key]
        for cells in sheet.iter_rows(min_row=2):
            row = {
                keys[i]: text_of(c) for i, c in enumerate(cells) if i < len(keys) and keys[i] and text_of(c)
            }
            if row:
                register.rows.append(row)
    return register


def read_xlsx(path: Path) -> Register:
    """Read the register sheets of a workbook written by ccc-audit and edited in a spreadsheet."""
    return read_workbook(open_xlsx(path), path)
