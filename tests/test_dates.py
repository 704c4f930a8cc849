"""One date syntax everywhere: `YYYY-MM-DD` and `YYYY/M/D` in bundle.yaml, questionnaire and records."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from bundle_factory import write_bundle
from click.testing import CliRunner
from openpyxl import load_workbook

from ccc_audit.cli.main import cli
from ccc_audit.errors import InputError
from ccc_audit.loading.bundle import load_bundle
from ccc_audit.resources import demo_bundle


def _bundle_with(root: Path, approved_on: str, next_review: str) -> Path:
    bundle = write_bundle(root, {"documents": [{"id": "plan", "type": "business_plan", "title": "事業計画"}]})
    manifest = bundle / "bundle.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace(
        "  title: 事業計画\n",
        f"  title: 事業計画\n  approved_on: {approved_on}\n  next_review_date: {next_review}\n",
    )
    text = text.replace("  start: 2025-01-01", "  start: 2025/1/1")
    manifest.write_text(text, encoding="utf-8")
    return bundle


@pytest.mark.parametrize(
    "approved_on, next_review",
    [('"2024/12/20"', "2026/10/8"), ("2024-12-20", "2026-10-08"), ("2024/12/20", '"2026-10-8"')],
)
def test_bundle_dates_are_accepted_in_either_syntax(
    approved_on: str, next_review: str, tmp_path: Path
) -> None:
    bundle = load_bundle(_bundle_with(tmp_path / "b", approved_on, next_review))
    document = bundle.model.documents[0]
    assert (document.approved_on, document.next_review_date) == (dt.date(2024, 12, 20), dt.date(2026, 10, 8))
    assert bundle.model.audit_period.start == dt.date(2025, 1, 1)


@pytest.mark.parametrize("written", ['"14.02.2025"', '"2024/2/30"', "20241220", '"2024-12-20 10:00"'])
def test_a_date_written_otherwise_is_a_friendly_located_error(written: str, tmp_path: Path) -> None:
    root = _bundle_with(tmp_path / "b", written, "2026-10-08")
    with pytest.raises(InputError) as caught:
        load_bundle(root)
    [problem] = caught.value.diagnostics
    line = next(
        n
        for n, text in enumerate((root / "bundle.yaml").read_text("utf-8").splitlines(), 1)
        if "approved_on" in text
    )
    assert problem.line == line and problem.column > 0
    assert "documents[0].approved_on: expected a date written YYYY-MM-DD or YYYY/M/D" in problem.message
    assert "separator" not in problem.message and "Input should" not in problem.message


def test_questionnaire_answers_dated_with_slashes_are_imported(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    shutil.copytree(demo_bundle(), bundle)
    out = tmp_path / "q.xlsx"
    runner = CliRunner()
    done = runner.invoke(cli, ["questionnaire", "export", str(bundle), "--out", str(out), "--lang", "en"])
    assert done.exit_code == 0, done.output
    book = load_workbook(out)
    sheet = book.worksheets[0]
    answered = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 7).value]
    sheet[f"K{answered[0]}"] = "2026/1/8"
    book.save(out)
    done = runner.invoke(cli, ["questionnaire", "import", str(out), str(bundle)])
    assert done.exit_code == 0, done.output
    assert "answered_on: 2026-01-08" in (bundle / "bundle.yaml").read_text("utf-8")


def test_record_files_accept_the_same_dates_and_say_so_when_wrong(tmp_path: Path) -> None:
    root = write_bundle(
        tmp_path / "b",
        {
            "records": {
                "roster": {
                    "columns": ["staff_id", "role", "hire_date"],
                    "rows": [
                        ["a1", "css", "2026/4/3"],
                        ["a2", "css", "2025-10-08"],
                        ["a3", "css", "14.02.2025"],
                    ],
                }
            }
        },
    )
    done = CliRunner().invoke(cli, ["validate", str(root), "--as-of", "2026-06-30"])
    assert done.exit_code == 2
    assert "14.02.2025" in done.output and "YYYY-MM-DD or YYYY/M/D" in done.output
    assert "2026/4/3" not in done.output and "2025-10-08" not in done.output
    assert "1 problem found" in done.output
