"""Record files as people and other programs write them: read, and every problem at its line.

The refusals are in ``tests/hostile_records.py`` (run by ``test_broken_inputs.py``); these are the
files that must be read, and read right: a bare carriage return in a quoted cell, an untitled
empty column in a workbook, mixed JSON types, a rehired person, and dates far outside the period
reported as a notice instead of silently ignored.
"""

from __future__ import annotations

import json
from pathlib import Path

from bundle_factory import copy_minimal
from click.testing import CliRunner, Result

from ccc_audit.cli.main import cli

AS_OF = "2026-01-15"


def _bundle(tmp: Path, name: str, body: bytes | str) -> Path:
    bundle = copy_minimal(tmp / "bundle")
    (bundle / "records" / "monitoring.csv").unlink()
    (bundle / "records" / name).write_bytes(body.encode("utf-8") if isinstance(body, str) else body)
    manifest = bundle / "bundle.yaml"
    manifest.write_text(
        manifest.read_text("utf-8").replace("records/monitoring.csv", f"records/{name}"), "utf-8"
    )
    return bundle


def _validate(bundle: Path) -> Result:
    return CliRunner().invoke(cli, ["validate", str(bundle), "--as-of", AS_OF])


def test_a_bare_carriage_return_inside_quotes_is_read(tmp_path: Path) -> None:
    bundle = _bundle(
        tmp_path, "monitoring.csv", 'evaluation_id,staff_id,date,comment\nEV1,S001,2025-01-15,"a\rb"\n'
    )

    result = _validate(bundle)

    assert result.exit_code == 0, result.output


def test_an_untitled_empty_workbook_column_shifts_nothing(tmp_path: Path) -> None:
    from hostile_records import _workbook

    rows: list[list[object]] = [
        ["evaluation_id", None, "staff_id", "date"],
        ["EV1", None, "S001", "2025-01-15"],
        ["EV2", None, "S002", "2025-02-31"],
    ]
    bundle = _bundle(tmp_path, "monitoring.xlsx", _workbook(rows))

    result = _validate(bundle)

    assert result.exit_code == 2
    assert 'monitoring.xlsx:3: column "date": "2025-02-31" is not a date' in result.output


def test_json_lines_mixing_text_and_numbers_are_read(tmp_path: Path) -> None:
    lines = [
        {"evaluation_id": "EV1", "staff_id": "S001", "date": "2025-01-15", "score": 80},
        {"evaluation_id": "EV2", "staff_id": "S001", "date": "2025-02-15", "score": "85.5"},
        {
            "evaluation_id": "EV3",
            "staff_id": "S001",
            "date": "2025-03-15",
            "score": None,
            "critical_error": True,
        },
    ]
    bundle = _bundle(tmp_path, "monitoring.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")

    result = _validate(bundle)

    assert result.exit_code == 0, result.output


def test_a_rehired_person_has_two_rows_of_one_staff_id(tmp_path: Path) -> None:
    bundle = copy_minimal(tmp_path / "bundle")
    roster = bundle / "records" / "roster.csv"
    roster.write_text(
        "staff_id,role,hire_date,production_start,exit_date\n"
        "S001,CSS,2020-04-01,2020-04-15,2022-03-31\n"
        "S001,CSS,2024-04-01,2024-04-15,\n"
        "S002,CSS,2024-10-01,2024-10-15,\n",
        "utf-8",
    )

    result = _validate(bundle)

    assert result.exit_code == 0, result.output


def test_a_date_far_outside_the_period_is_a_notice_with_its_line(tmp_path: Path) -> None:
    body = "evaluation_id,staff_id,date\nEV1,S001,2025-01-15\nEV2,S001,2099-01-15\nEV3,S001,1901-01-01\n"
    bundle = _bundle(tmp_path, "monitoring.csv", body)

    checked = _validate(bundle)
    assessed = CliRunner().invoke(
        cli,
        [
            "assess",
            str(bundle),
            "--pack",
            "copc-cx-r7-core",
            "--as-of",
            AS_OF,
            "--out",
            str(tmp_path / "out"),
            "--format",
            "json",
        ],
    )

    assert checked.exit_code == 0, checked.output
    assert '2 row(s) of column "date"' in checked.stderr
    assert "monitoring.csv:3: 2099-01-15" in checked.stderr
    assert assessed.exit_code in (0, 1), assessed.output
    notices = json.loads((tmp_path / "out" / "assessment.json").read_text("utf-8"))["notices"]
    found = [n for n in notices if n["code"] == "dates_outside_period"]
    assert len(found) == 1 and "monitoring.csv:3: 2099-01-15" in found[0]["message"]["en"]
    assert "監査期間から大きく外れた日付" in found[0]["message"]["ja"]


def test_a_contract_ending_years_ahead_is_no_outlier(tmp_path: Path) -> None:
    bundle = copy_minimal(tmp_path / "bundle")
    roster = bundle / "records" / "roster.csv"
    roster.write_text(
        "staff_id,role,production_start,exit_date,contract_end_date\nS001,CSS,2024-04-01,,2031-03-31\n",
        "utf-8",
    )

    result = _validate(bundle)

    assert result.exit_code == 0, result.output
    assert "far outside" not in result.stderr


def test_lines_stay_exact_in_a_large_file_with_blank_and_multi_line_rows(tmp_path: Path) -> None:
    rows = [f"EV{i:06d},S001,2025-01-15\n" for i in range(200_000)]
    rows[10] = '"EV\n000010",S001,2025-01-15\n'  # one row over two lines
    rows.insert(20, "\n")  # a blank line
    rows[150_000] = "EV150000,S001,2025-02-30\n"
    bundle = _bundle(tmp_path, "monitoring.csv", "evaluation_id,staff_id,date\n" + "".join(rows))

    result = _validate(bundle)

    # header line 1; rows before index 150,000 take 150,000 lines, one more for the split row
    assert f"monitoring.csv:{150_000 + 2 + 1}:" in result.output, result.output
