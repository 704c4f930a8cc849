"""An XLSX register is updated in place: people's sheets, comments, fills, widths and formulas stay."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from demo_result import assess_demo
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from ccc_audit.app.register_update import read_register, update_register
from ccc_audit.files.writing import copy_atomic
from ccc_audit.models.result import AssessmentResult
from ccc_audit.register.columns import header

DEMO = assess_demo()
IDS = sorted(f.id for f in DEMO.findings)
HOSTILE = "=SUM(A1:A9)"


def _assessment(ids: list[str], day: dt.date, hostile: str | None = None) -> AssessmentResult:
    findings = []
    for finding in DEMO.findings:
        if finding.id not in ids:
            continue
        if finding.id == hostile:
            said = finding.statement.nonconformity.model_copy(update={"en": HOSTILE})
            finding = finding.model_copy(
                update={"statement": finding.statement.model_copy(update={"nonconformity": said})}
            )
        findings.append(finding)
    return DEMO.model_copy(update={"findings": findings, "as_of": day})


def _cell(path: Path, finding_id: str, key: str) -> tuple[str, int, int]:
    book = load_workbook(path)
    for sheet in book.worksheets[2:4]:
        headers = [c.value for c in sheet[1]]
        for row in range(2, sheet.max_row + 1):
            if sheet.cell(row=row, column=headers.index(header("finding_id", "en")) + 1).value == finding_id:
                return sheet.title, row, headers.index(header(key, "en")) + 1
    raise AssertionError(finding_id)


def _edit(path: Path, kept: str) -> None:
    """A person's edits with Excel: a sheet, a comment, a fill, a width, a formula, a column."""
    title, row, owner = _cell(path, kept, "owner")
    book = load_workbook(path)
    book.create_sheet("Budget").cell(row=1, column=1).value = "people's own sheet"
    sheet = book[title]
    sheet.cell(row=row, column=owner).value = "Sato"
    sheet.cell(row=row, column=owner).comment = Comment("ask Sato first", "QA lead")
    sheet.cell(row=row, column=owner + 1).fill = PatternFill("solid", fgColor="FFFF00")
    sheet.column_dimensions["Q"].width = 41.5
    remarks = [c.value for c in sheet[1]].index(header("remarks", "en")) + 1
    sheet.cell(row=row, column=remarks).value = "=1+2"
    sheet.cell(row=1, column=remarks + 1).value = "Cost"
    sheet.cell(row=row, column=remarks + 1).value = 1200.5
    book.save(path)


def _assert_kept(path: Path, kept: str) -> None:
    title, row, owner = _cell(path, kept, "owner")
    book = load_workbook(path)
    assert book["Budget"]["A1"].value == "people's own sheet"
    sheet = book[title]
    comment = sheet.cell(row=row, column=owner).comment
    assert comment is not None and comment.text == "ask Sato first"
    assert sheet.cell(row=row, column=owner + 1).fill.fgColor.rgb == "00FFFF00"
    assert sheet.column_dimensions["Q"].width == 41.5
    remarks = [c.value for c in sheet[1]].index(header("remarks", "en")) + 1
    assert sheet.cell(row=row, column=remarks).data_type == "f"
    assert sheet.cell(row=row, column=remarks).value == "=1+2"
    assert sheet.cell(row=row, column=remarks + 1).value == 1200.5


def test_people_edits_survive_three_updates(tmp_path: Path) -> None:
    path = tmp_path / "car.xlsx"
    kept = IDS[1]
    update_register(path, _assessment(IDS[:3], dt.date(2026, 1, 15)), "en")
    _edit(path, kept)
    steps = [IDS[:4], IDS[1:4], IDS[:4]]  # a new finding, one resolved, then it recurs
    for number, ids in enumerate(steps, start=1):
        update_register(path, _assessment(ids, dt.date(2026, 1 + 3 * number, 15)), "en")
        _assert_kept(path, kept)
        assert {r["finding_id"] for r in read_register(path).rows} == set(IDS[:4])
    assert (tmp_path / "car.xlsx.bak").stat().st_size > 0


def test_a_neutralised_tool_value_has_an_invisible_quote_prefix(tmp_path: Path) -> None:
    path = tmp_path / "car.xlsx"
    update_register(path, _assessment(IDS[:2], dt.date(2026, 1, 15)), "en")
    update_register(path, _assessment(IDS[:2], dt.date(2026, 4, 15), hostile=IDS[0]), "en")
    title, row, column = _cell(path, IDS[0], "statement")
    cell = load_workbook(path)[title].cell(row=row, column=column)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (HOSTILE, "s", True)
    assert {r["finding_id"]: r for r in read_register(path).rows}[IDS[0]]["statement"] == HOSTILE


def test_a_reopened_row_moves_its_closure_dates_into_the_history(tmp_path: Path) -> None:
    path = tmp_path / "car.xlsx"
    target = IDS[0]
    update_register(path, _assessment(IDS[:2], dt.date(2026, 1, 15)), "en")
    title, row, status = _cell(path, target, "status")
    book = load_workbook(path)
    sheet = book[title]
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=row, column=status).value = "closed"
    sheet.cell(row=row, column=headers.index("Verification date") + 1).value = dt.datetime(2026, 3, 1)
    sheet.cell(row=row, column=headers.index("Closure date") + 1).value = dt.datetime(2026, 3, 31)
    book.save(path)
    update_register(path, _assessment(IDS[1:2], dt.date(2026, 4, 15)), "en")
    update_register(path, _assessment(IDS[:2], dt.date(2026, 7, 15)), "en")
    got = {r["finding_id"]: r for r in read_register(path).rows}[target]
    assert "verification_date" not in got and "closure_date" not in got
    assert got["status"] == "open"
    assert got["history"].endswith(
        "2026-07-15 reopened (status was: closed, verification date was: 2026-03-01, "
        "closure date was: 2026-03-31)"
    )
    assert _cell(path, target, "status")[0] == load_workbook(path).worksheets[2].title


def test_a_backup_interrupted_mid_copy_leaves_no_empty_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, backup = tmp_path / "car.xlsx", tmp_path / "car.xlsx.bak"
    source.write_bytes(b"new content")
    backup.write_bytes(b"old backup")

    def killed(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(shutil, "copyfileobj", killed)
    with pytest.raises(KeyboardInterrupt):
        copy_atomic(source, backup)
    assert backup.read_bytes() == b"old backup"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["car.xlsx", "car.xlsx.bak"]
    monkeypatch.undo()
    copy_atomic(source, backup)
    assert backup.read_bytes() == b"new content"


def test_csv_keeps_a_persons_apostrophe_and_both_remarks_columns(tmp_path: Path) -> None:
    path = tmp_path / "car.csv"
    update_register(path, _assessment(IDS[:2], dt.date(2026, 1, 15)), "en")
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    owner = rows[0].index("Owner")
    rows[1][owner] = "'Sato (acting)"  # typed in a text editor: the apostrophe is the person's
    rows[0].append("Remarks")
    rows[1].append("second remark")
    rows[2].append("")
    rows[1][rows[0].index("Remarks")] = "first remark"
    edited = io.StringIO()
    csv.writer(edited, lineterminator="\r\n").writerows(rows)
    path.write_text(edited.getvalue(), "utf-8")
    for day in (dt.date(2026, 4, 15), dt.date(2026, 7, 15)):
        update_register(path, _assessment(IDS[:2], day), "en")
        row = read_register(path).rows[0]
        assert row["owner"] == "'Sato (acting)"
        assert (row["remarks"], row["remarks#2"]) == ("first remark", "second remark")
    header_row = next(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert header_row.count("Remarks") == 2


def test_a_libreoffice_saved_register_keeps_peoples_work_over_three_updates(tmp_path: Path) -> None:
    """The register as LibreOffice Calc saved it (tests/fixtures/register/README.md) updated three times."""
    path = tmp_path / "car.xlsx"
    shutil.copy(Path(__file__).parent / "fixtures" / "register" / "car-libreoffice.xlsx", path)
    kept = IDS[1]

    def people(where: Path) -> tuple[object, ...]:
        title, row, owner = _cell(where, kept, "owner")
        book = load_workbook(where)
        sheet = book[title]
        comment = sheet.cell(row=row, column=owner).comment
        return (
            book["Budget"]["A1"].value,
            comment.text if comment else None,
            sheet.cell(row=row, column=owner + 1).fill.fgColor.rgb,
            sheet.column_dimensions["Q"].width,
        )

    saved = people(path)
    assert saved[0] == "people's own sheet" and saved[1] == "ask Sato first" and saved[3] == 41.5
    steps = [IDS[:4], IDS[1:4], IDS[:4]]  # a new finding, one resolved, then it recurs
    for number, ids in enumerate(steps, start=1):
        update_register(path, _assessment(ids, dt.date(2026, 1 + 3 * number, 15)), "en")
        assert people(path) == saved, f"update {number}"
        assert {r["finding_id"] for r in read_register(path).rows} == set(IDS[:4])
