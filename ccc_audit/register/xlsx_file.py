"""The register's two XLSX sheets (open and closed actions): written typed and safe, read back exactly."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.files.reading import (
    REGISTER_LIMIT,
    REGISTER_XLSX_UNCOMPRESSED_LIMIT,
    check_regular,
    check_zip_expansion,
)
from ccc_audit.i18n.labels import label
from ccc_audit.models.common import Grade
from ccc_audit.register.columns import DATE_COLUMNS, STATUS_LABELS, Status, header, key_for_header, status_of
from ccc_audit.register.model import Register
from ccc_audit.spreadsheet.cells import Cell, cell_text
from ccc_audit.spreadsheet.xlsx import table

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


def _typed(key: str, value: str) -> Cell:
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
        rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        rule.add(f"{letter}2:{letter}{max(last_row, 2) + 200}")
        sheet.add_data_validation(rule)


def write_register_sheets(workbook: Workbook, register: Register) -> None:
    """Add the open and closed sheets of ``register`` to ``workbook``."""
    names = sheet_names(register.lang)
    for name, closed in zip(names, (False, True), strict=True):
        rows = [r for r in register.rows if (status_of(r.get("status", "")) is Status.CLOSED) is closed]
        sheet = workbook.create_sheet(name)
        table(
            sheet,
            [header(key, register.lang) for key in register.columns],
            [[_typed(key, row.get(key, "")) for key in register.columns] for row in rows],
            [_WIDTHS.get(key, 16) for key in register.columns],
        )
        _validations(sheet, register, len(rows) + 1)


def read_xlsx(path: Path) -> Register:
    """Read the register sheets of a workbook written by ccc-audit and edited in a spreadsheet."""
    check_regular(path, str(path), "a register", REGISTER_LIMIT)
    check_zip_expansion(path, str(path), "an XLSX workbook", REGISTER_XLSX_UNCOMPRESSED_LIMIT)
    try:
        workbook = load_workbook(path)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError([Diagnostic(str(path), 0, 0, f"not an XLSX workbook ({exc})")]) from None
    for lang in ("ja", "en"):
        names = sheet_names(lang)
        if all(name in workbook.sheetnames for name in names):
            break
    else:
        expected = " and ".join(f'"{n}"' for n in sheet_names("en") + sheet_names("ja"))
        raise InputError([Diagnostic(str(path), 0, 0, f"no register sheets; expected {expected}")])
    register = Register(lang)
    for name in names:
        sheet = workbook[name]
        grid = list(sheet.iter_rows(values_only=True))
        if not grid:
            continue
        keys = [key_for_header(cell_text(c)) or cell_text(c) for c in grid[0]]
        if "finding_id" not in keys:
            raise InputError(
                [Diagnostic(str(path), 0, 0, f'sheet "{name}", row 1: no "finding_id" column in the header')]
            )
        for extra in keys:
            if extra and key_for_header(extra) is None and extra not in register.extra:
                register.extra.append(extra)
        for cells in grid[1:]:
            row = {
                keys[i]: cell_text(c)
                for i, c in enumerate(cells)
                if i < len(keys) and keys[i] and cell_text(c)
            }
            if row:
                register.rows.append(row)
    return register
