"""The corrective-action register across assessments: people's edits survive every update."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from demo_result import assess_demo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from ccc_audit.app.register_update import read_register, update_register
from ccc_audit.cli.main import cli
from ccc_audit.models.result import AssessmentResult
from ccc_audit.register.columns import (
    DATE_COLUMNS,
    HUMAN_COLUMNS,
    STATUS_LABELS,
    AssessmentState,
    Status,
    header,
    state_of,
)

DEMO = assess_demo()
FINDING_IDS = sorted(f.id for f in DEMO.findings)
TEXT_COLUMNS = sorted(HUMAN_COLUMNS - DATE_COLUMNS - {"status"})


def _assessment(ids: list[str], waived: set[str], day: dt.date) -> AssessmentResult:
    findings = [f.model_copy(update={"waived": f.id in waived}) for f in DEMO.findings if f.id in ids]
    return DEMO.model_copy(update={"findings": findings, "as_of": day})


def _edit_in_spreadsheet(path: Path, edits: list[tuple[str, str, Any]]) -> None:
    """Change cells as a person would in Excel: open the saved file, type, save."""
    book = load_workbook(path)
    for finding_id, key, value in edits:
        for sheet in book.worksheets[2:4]:
            headers = [c.value for c in sheet[1]]
            id_column = headers.index(header("finding_id", "en")) + 1
            column = headers.index(header(key, "en")) + 1
            for row in range(2, sheet.max_row + 1):
                if sheet.cell(row=row, column=id_column).value == finding_id:
                    sheet.cell(row=row, column=column).value = value
    book.save(path)


_TYPED = st.text(
    alphabet=st.sampled_from(list("abcXYZ019 =+-@/:.,()'\"\n担当是正原因佐藤")),
    min_size=1,
    max_size=12,
).filter(lambda t: not t.startswith("'") and t.strip() != "")
"""What a person types into a cell (Excel keeps a leading apostrophe out of the value)."""


@st.composite
def _human_edit(draw: st.DrawFn) -> tuple[str, str, Any]:
    finding_id = draw(st.sampled_from(FINDING_IDS))
    kind = draw(st.sampled_from(["text", "date", "status"]))
    if kind == "date":
        day = draw(st.dates(dt.date(2025, 1, 1), dt.date(2028, 12, 31)))
        return (
            finding_id,
            draw(st.sampled_from(sorted(DATE_COLUMNS - {"first_detected", "last_detected"}))),
            dt.datetime(day.year, day.month, day.day),
        )
    if kind == "status":
        return finding_id, "status", STATUS_LABELS[draw(st.sampled_from(list(Status)))].en
    return finding_id, draw(st.sampled_from(TEXT_COLUMNS)), draw(_TYPED)


_STEP = st.one_of(
    st.tuples(
        st.just("assess"),
        st.lists(st.sampled_from(FINDING_IDS), unique=True, max_size=len(FINDING_IDS)),
        st.sets(st.sampled_from(FINDING_IDS), max_size=3),
    ),
    st.tuples(st.just("edit"), st.lists(_human_edit(), min_size=1, max_size=6), st.just(set[str]())),
)


def _as_text(value: Any) -> str:
    return value.date().isoformat() if isinstance(value, dt.datetime) else str(value)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(_STEP, min_size=1, max_size=8))
def test_no_human_cell_is_ever_lost_and_ids_stay_stable(tmp_path: Path, steps: list[Any]) -> None:
    path = tmp_path / "register.xlsx"
    path.unlink(missing_ok=True)
    typed: dict[tuple[str, str], str] = {}
    ids: dict[str, str] = {}
    first: dict[str, str] = {}
    day = dt.date(2025, 1, 15)
    for kind, chosen, waived in steps:
        if kind == "edit":
            if not path.exists():
                continue
            present = {row["finding_id"] for row in read_register(path).rows}
            edits = [e for e in chosen if e[0] in present]
            _edit_in_spreadsheet(path, edits)
            for finding_id, key, value in edits:
                typed[(finding_id, key)] = _as_text(value)
            continue
        day += dt.timedelta(days=91)
        update_register(path, _assessment(chosen, waived, day), "en")
        rows = read_register(path).rows
        by_id = {row["finding_id"]: row for row in rows}
        assert len(by_id) == len(rows), "a finding has two rows"
        assert set(ids) <= set(by_id), "a row was deleted"
        for finding_id, row in by_id.items():
            assert ids.setdefault(finding_id, row["id"]) == row["id"]
            assert row["id"] == "CAR-" + finding_id.removeprefix("F-")
            assert first.setdefault(finding_id, row["first_detected"]) == row["first_detected"]
            if finding_id in chosen:
                assert row["last_detected"] == day.isoformat()
            else:
                assert state_of(row["assessment"]) is AssessmentState.RESOLVED
        for (finding_id, key), value in list(typed.items()):
            row = by_id[finding_id]
            if key in ("verification_date", "closure_date") and row.get(key) != value:
                # Reopened: the action's verification and closure dates move into the history.
                assert key not in row and f"was: {value}" in row["history"]
                del typed[(finding_id, key)]
                continue
            if key == "status" and row.get("status") != value:
                # Reopened after closure: the status people set is kept in the history.
                assert value in (STATUS_LABELS[Status.CLOSED].en, STATUS_LABELS[Status.VERIFIED_EFFECTIVE].en)
                assert row["status"] == STATUS_LABELS[Status.OPEN].en
                assert f"status was: {value}" in row["history"]
                typed[(finding_id, key)] = row["status"]
                continue
            assert row.get(key) == value, f"{finding_id} {key}: {value!r} became {row.get(key)!r}"


def test_lifecycle_new_recurring_resolved_reopened(tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    target = FINDING_IDS[0]
    others = FINDING_IDS[1:4]
    update_register(path, _assessment([target, *others], set(), dt.date(2026, 1, 15)), "en")
    _edit_in_spreadsheet(
        path,
        [
            (target, "owner", "Sato Hanako"),
            (target, "root_cause", "=no calibration plan"),
            (target, "due_date", dt.datetime(2026, 3, 31)),
            (target, "status", "closed"),
        ],
    )
    update_register(path, _assessment(others, set(), dt.date(2026, 4, 15)), "en")
    row = {r["finding_id"]: r for r in read_register(path).rows}[target]
    assert state_of(row["assessment"]) is AssessmentState.RESOLVED
    assert row["status"] == "closed"
    assert (path.parent / "register.xlsx.bak").is_file()
    book = load_workbook(path)
    assert [r[1].value for r in book.worksheets[3].iter_rows(min_row=2)] == [target]
    update_register(path, _assessment([target, *others], set(), dt.date(2026, 7, 15)), "en")
    row = {r["finding_id"]: r for r in read_register(path).rows}[target]
    assert row["status"] == "open"
    assert state_of(row["assessment"]) is AssessmentState.REOPENED
    assert row["history"] == (
        f"2026-01-15 detected ({row['grade']}); 2026-04-15 resolved by assessment; "
        "2026-07-15 reopened (status was: closed)"
    )
    assert (row["owner"], row["root_cause"], row["due_date"]) == (
        "Sato Hanako",
        "=no calibration plan",
        "2026-03-31",
    )
    assert row["first_detected"] == "2026-01-15"


def test_same_result_twice_changes_nothing(tmp_path: Path) -> None:
    for name in ("register.xlsx", "register.csv"):
        path = tmp_path / name
        update_register(path, DEMO, "ja")
        once = path.read_bytes()
        update_register(path, DEMO, "ja")
        assert path.read_bytes() == once
        assert (tmp_path / f"{name}.bak").read_bytes() == once


def test_csv_register_keeps_edits_made_in_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    update_register(path, DEMO, "ja")
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    owner = rows[0].index("担当者")
    rows[1][owner] = "'=cmd|' /C calc'!A0"  # the tool's own escaping, as a spreadsheet keeps it
    rows[2][owner] = "佐藤 花子"
    edited = io.StringIO()
    csv.writer(edited, lineterminator="\r\n").writerows(rows)
    path.write_bytes(edited.getvalue().encode("cp932"))  # as Japanese Excel saves CSV
    gone = rows[1][rows[0].index("所見ID")]
    update_register(
        path, DEMO.model_copy(update={"findings": [f for f in DEMO.findings if f.id != gone]}), "ja"
    )
    after = read_register(path).rows
    assert after[0]["finding_id"] == gone
    assert after[0]["owner"] == "=cmd|' /C calc'!A0"
    assert after[1]["owner"] == "佐藤 花子"
    assert state_of(after[0]["assessment"]) is AssessmentState.RESOLVED
    assert state_of(after[1]["assessment"]) is AssessmentState.DETECTED


def test_register_update_cli(tmp_path: Path) -> None:
    result = tmp_path / "assessment.json"
    result.write_text(DEMO.model_dump_json(), "utf-8")
    runner = CliRunner()
    done = runner.invoke(
        cli, ["register", "update", str(tmp_path / "car.xlsx"), "--result", str(result), "--lang", "en"]
    )
    assert done.exit_code == 0, done.output
    assert f"created {tmp_path / 'car.xlsx'}: {len(DEMO.findings)} new, 0 recurring" in done.output
    done = runner.invoke(
        cli, ["register", "update", str(tmp_path / "car.xlsx"), "--result", str(result), "--lang", "en"]
    )
    assert done.exit_code == 0
    assert f"0 new, {len(DEMO.findings)} recurring (0 regressed, 0 improved), 0 resolved" in done.output
    assert "previous version kept as" in done.output


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("car.xlsx", b"not a zip", "cannot be opened as an XLSX workbook"),
        ("car.csv", '\ufeff"a","b"\r\n'.encode(), 'no "finding_id" column'),
        ("car.txt", b"", "a register is a .csv or .xlsx file"),
    ],
)
def test_a_bad_register_is_an_input_error_and_is_left_alone(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    result = tmp_path / "assessment.json"
    result.write_text(DEMO.model_dump_json(), "utf-8")
    register = tmp_path / name
    register.write_bytes(content)
    done = CliRunner().invoke(cli, ["register", "update", str(register), "--result", str(result)])
    assert done.exit_code == 2
    assert message in done.output
    assert register.read_bytes() == content
    assert not (tmp_path / f"{name}.bak").exists()


def test_a_bad_result_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "assessment.json"
    bad.write_text('{"schema_version": 1, "rules": []}', "utf-8")
    done = CliRunner().invoke(cli, ["register", "update", str(tmp_path / "car.csv"), "--result", str(bad)])
    assert done.exit_code == 2
    assert f"{bad}: tool_version: Field required" in done.output
    assert not (tmp_path / "car.csv").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"organisation": "x"}', ":1:1: not an assessment result"),
        ('{"schema_version": ', ":1:20: not JSON"),
    ],
)
def test_a_file_that_is_no_result_gets_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "other.json"
    bad.write_text(content, "utf-8")
    done = CliRunner().invoke(cli, ["diff", str(bad), str(bad)])
    assert done.exit_code == 2
    assert f"{bad}{message}" in done.output and "Traceback" not in done.output
    assert done.output.count("error:") == 1


def test_register_update_speaks_the_results_language(tmp_path: Path) -> None:
    result = tmp_path / "assessment.json"
    result.write_text(DEMO.model_dump_json(), "utf-8")
    done = CliRunner().invoke(
        cli, ["register", "update", str(tmp_path / "car.xlsx"), "--result", str(result)]
    )
    assert done.exit_code == 0, done.output
    assert f"を作成: 新規 {len(DEMO.findings)}、継続 0" in done.output
