"""``register update``: merge a result into a register file (CSV or XLSX), keeping a backup.

An application use case: it picks the file format, merges (``ccc_audit.register.merge``) and
renders the workbook with the gap report's writer, which the register package itself never imports.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.files.writing import write_atomic
from ccc_audit.models.result import AssessmentResult
from ccc_audit.register.columns import AssessmentState, state_of
from ccc_audit.register.csv_file import read_csv, render_csv
from ccc_audit.register.merge import merge
from ccc_audit.register.model import Register
from ccc_audit.register.xlsx_file import read_xlsx
from ccc_audit.reporters.xlsx_workbook import render_workbook


@dataclass(frozen=True)
class UpdateSummary:
    """What an update did."""

    created: bool
    backup: Path | None
    new: int
    recurring: int
    resolved: int
    total: int


def read_register(path: Path) -> Register:
    """Read a CSV or XLSX register (by file suffix)."""
    if path.suffix.lower() == ".csv":
        return read_csv(path)
    return read_xlsx(path)


def _render(path: Path, register: Register, result: AssessmentResult) -> bytes:
    if path.suffix.lower() == ".csv":
        return render_csv(register)
    return render_workbook(result, register, register.lang)


def update_register(path: Path, result: AssessmentResult, lang: str) -> UpdateSummary:
    """Merge ``result`` into the register at ``path`` (created in ``lang`` when missing)."""
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise InputError([Diagnostic(str(path), 0, 0, "a register is a .csv or .xlsx file")])
    created = not path.exists()
    before = Register(lang) if created else read_register(path)
    after = merge(before, result)
    content = _render(path, after, result)
    backup = None
    if not created:
        backup = path.with_name(path.name + ".bak")
        shutil.copy2(path, backup)
    write_atomic(path, content)
    known = {row.get("finding_id") for row in before.rows}
    current = {f.id for f in result.findings}
    return UpdateSummary(
        created=created,
        backup=backup,
        new=len(current - known),
        recurring=len(current & known),
        resolved=sum(
            1
            for row in after.rows
            if row.get("finding_id") not in current
            and state_of(row.get("assessment", "")) is AssessmentState.RESOLVED
        ),
        total=len(after.rows),
    )
