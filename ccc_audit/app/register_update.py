"""``register update``: merge a result into a register file (CSV or XLSX), keeping a backup.

An application use case: it picks the file format and merges (``ccc_audit.register.merge``). An
existing workbook is updated in place (``ccc_audit.register.xlsx_in_place``: only ccc-audit's own
cells change); a new one is rendered with the gap report's writer, which the register package
itself never imports. The backup and the new file are each written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.files.writing import copy_atomic, write_atomic
from ccc_audit.models.result import AssessmentResult
from ccc_audit.register.columns import AssessmentState, state_of
from ccc_audit.register.csv_file import read_csv, render_csv
from ccc_audit.register.merge import merge, raised_in_row, register_basis, row_change
from ccc_audit.register.model import Register
from ccc_audit.register.xlsx_file import open_xlsx, read_workbook, read_xlsx
from ccc_audit.register.xlsx_in_place import update_in_place
from ccc_audit.reporters.xlsx_workbook import render_workbook
from ccc_audit.results.comparison import Change, evaluated_rules
from ccc_audit.spreadsheet.xlsx import workbook_bytes


@dataclass(frozen=True)
class UpdateSummary:
    """What an update did."""

    created: bool
    backup: Path | None
    new: int
    recurring: int
    resolved: int
    total: int
    regressed: int = 0
    """Recurring findings graded higher, or no longer waived (``results.comparison``)."""
    improved: int = 0
    """Recurring findings graded lower, or newly waived."""
    not_reassessed: int = 0
    """Rows whose finding is not raised, by a rule this result did not evaluate: left as they were."""


def read_register(path: Path) -> Register:
    """Read a CSV or XLSX register (by file suffix)."""
    if path.suffix.lower() == ".csv":
        return read_csv(path)
    return read_xlsx(path)


def _render(path: Path, register: Register, result: AssessmentResult) -> bytes:
    if path.suffix.lower() == ".csv":
        return render_csv(register)
    return render_workbook(result, register, register.lang)


def _refuse_foreign_or_older(
    path: Path, register: Register, result: AssessmentResult, allow_other: bool, allow_older: bool
) -> None:
    organisations, latest = register_basis(register)
    problems = []
    organisation = result.scope.organisation_id
    if not allow_other and organisations and organisation not in organisations:
        problems.append(
            f'the result is for organisation "{organisation}" but the register is '
            f'for "{", ".join(sorted(organisations))}"; use --allow-other-organisation if this is intended'
        )
    if not allow_older and latest is not None and result.as_of.isoformat() < latest:
        problems.append(
            f"the result is of {result.as_of}, older than the register's latest assessment of {latest}; "
            "use --allow-older if this is intended"
        )
    if problems:
        raise InputError([Diagnostic(str(path), 0, 0, p) for p in problems])


def update_register(
    path: Path,
    result: AssessmentResult,
    lang: str,
    allow_other_organisation: bool = False,
    allow_older: bool = False,
) -> UpdateSummary:
    """Merge ``result`` into the register at ``path`` (created in ``lang`` when missing).

    A result for another organisation than the register's, or older than its latest assessment,
    is refused (``InputError``) unless explicitly allowed: merging it would mark the register's
    items resolved, or its newer findings as gone.
    """
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise InputError([Diagnostic(str(path), 0, 0, "a register is a .csv or .xlsx file")])
    created = not path.exists()
    in_place = not created and path.suffix.lower() == ".xlsx"
    workbook = open_xlsx(path) if in_place else None
    if workbook is not None:
        before = read_workbook(workbook, path)
    else:
        before = Register(lang) if created else read_register(path)
    _refuse_foreign_or_older(path, before, result, allow_other_organisation, allow_older)
    after = merge(before, result)
    if workbook is not None:
        changed = update_in_place(workbook, before, after, path)
        content = workbook_bytes(workbook, result.as_of) if changed else path.read_bytes()
    else:
        content = _render(path, after, result)
    backup = None
    if not created:
        backup = path.with_name(path.name + ".bak")
        copy_atomic(path, backup)
    write_atomic(path, content)
    known = {row.get("finding_id") for row in before.rows}
    current = {f.id for f in result.findings}
    rows = {row.get("finding_id"): row for row in before.rows}
    changes = [
        row_change(rows[f.id], f) for f in result.findings if f.id in rows and raised_in_row(rows[f.id])
    ]
    evaluated = evaluated_rules(result)
    left = [
        r for r in before.rows if r.get("finding_id") not in current and r.get("rule_id") not in evaluated
    ]
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
        regressed=changes.count(Change.REGRESSED),
        improved=changes.count(Change.IMPROVED),
        not_reassessed=len(left),
    )
