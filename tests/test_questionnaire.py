"""The self-assessment questionnaire: export to XLSX, fill in as in Excel, import into the bundle."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from ccc_audit.cli.main import cli
from ccc_audit.resources import demo_bundle

HOSTILE = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1,2)", "\tTab"]


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    target = tmp_path / "bundle"
    shutil.copytree(demo_bundle(), target)
    return target


def _export(bundle: Path, out: Path, lang: str = "en") -> None:
    done = CliRunner().invoke(
        cli, ["questionnaire", "export", str(bundle), "--out", str(out), "--lang", lang]
    )
    assert done.exit_code == 0, done.output


def _import(workbook: Path, bundle: Path) -> tuple[int, str]:
    done = CliRunner().invoke(cli, ["questionnaire", "import", str(workbook), str(bundle)])
    return done.exit_code, done.output


def test_export_lists_every_question_with_the_current_answers(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.xlsx"
    _export(bundle, out)
    sheet = load_workbook(out)["Self-assessment"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    heads = [c.value for c in sheet[1]]
    assert heads == [
        "Question id",
        "Rule",
        "Requirements",
        "Question",
        "Guidance (why the rule exists)",
        "Evidence expected",
        "Answer",
        "Rationale",
        "Evidence (document ids, record sets)",
        "Answered by",
        "Answered on",
    ]
    by_id = {r[0]: r for r in rows}
    assert by_id["copc.1.3.benchmarked-targets"][6] == "partial"
    assert by_id["copc.1.3.benchmarked-targets"][8] == "business-plan-2025"
    assert by_id["copc.1.3.benchmarked-targets"][10] == dt.datetime(2025, 12, 10)
    assert all(r[3] for r in rows), "a question without text"
    assert any(r[6] is None for r in rows), "the demo leaves questions unanswered"
    rule = sheet.data_validations.dataValidation[0]
    assert rule.formula1 == '"yes,no,partial,not applicable"'


def test_round_trip_leaves_the_manifest_unchanged(bundle: Path, tmp_path: Path) -> None:
    before = (bundle / "bundle.yaml").read_bytes()
    for lang in ("ja", "en"):
        _export(bundle, tmp_path / f"q.{lang}.xlsx", lang)
        code, output = _import(tmp_path / f"q.{lang}.xlsx", bundle)
        assert code == 0, output
        assert (bundle / "bundle.yaml").read_bytes() == before


def test_answers_typed_in_a_spreadsheet_reach_the_bundle(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.xlsx"
    _export(bundle, out, "ja")
    book = load_workbook(out)
    sheet = book.worksheets[0]
    col = {str(c.value): index for index, c in enumerate(sheet[1], start=1)}
    unanswered = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, col["回答"]).value is None]
    assert len(unanswered) >= 1
    row = unanswered[0]
    key = sheet.cell(row, col["質問ID"]).value
    sheet.cell(row, col["回答"]).value = "いいえ"
    sheet.cell(row, col["理由・説明"]).value = HOSTILE[0]
    evidence = col["証拠（文書ID・記録セット名、カンマ区切り）"]
    sheet.cell(row, evidence).value = "business-plan-2025、monitoring"
    sheet.cell(row, col["回答者"]).value = HOSTILE[1]
    sheet.cell(row, col["回答日"]).value = dt.datetime(2026, 1, 10)
    book.save(out)
    before = (bundle / "bundle.yaml").read_text("utf-8")
    code, output = _import(out, bundle)
    assert code == 0, output
    count = len(yaml.safe_load(before)["attestations"])
    assert output.endswith(f"{count + 1} answers imported, {count + 1} in the bundle\n")
    after = (bundle / "bundle.yaml").read_text("utf-8")
    head = before.split("attestations:")[0]
    assert after.startswith(head), "lines before the attestations block changed"
    assert after.split("waivers:")[1] == before.split("waivers:")[1]
    answers = {a["id"]: a for a in yaml.safe_load(after)["attestations"]}
    assert answers[key] == {
        "id": key,
        "answer": "no",
        "rationale": HOSTILE[0],
        "evidence": ["business-plan-2025", "monitoring"],
        "answered_by": HOSTILE[1],
        "answered_on": dt.date(2026, 1, 10),
    }
    done = CliRunner().invoke(cli, ["validate", str(bundle), "--as-of", "2025-06-01"])
    assert done.exit_code == 0, done.output


def test_hostile_rationales_are_inert_in_the_workbook_and_come_back_unchanged(
    bundle: Path, tmp_path: Path
) -> None:
    manifest = bundle / "bundle.yaml"
    data = yaml.safe_load(manifest.read_text("utf-8"))
    text = manifest.read_text("utf-8")
    for attestation, hostile in zip(data["attestations"], HOSTILE, strict=False):
        old = f'rationale: "{attestation["rationale"]}"'
        assert old in text
        text = text.replace(old, "rationale: " + yaml.safe_dump(hostile, allow_unicode=True).split("\n")[0])
    manifest.write_text(text, "utf-8")
    before = yaml.safe_load(text)["attestations"]
    out = tmp_path / "q.xlsx"
    _export(bundle, out)
    for row in load_workbook(out).worksheets[0].iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@", "\t")):
                assert cell.quotePrefix, f"{cell.coordinate} is shown as text, never run: {cell.value}"
    code, output = _import(out, bundle)
    assert code == 0, output
    assert yaml.safe_load(manifest.read_text("utf-8"))["attestations"] == before


def test_invalid_answers_are_reported_by_sheet_and_cell(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.xlsx"
    _export(bundle, out)
    book = load_workbook(out)
    sheet = book.worksheets[0]
    answered = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 7).value]
    assert len(answered) >= 4
    bad_answer, bad_date, bad_ref, nobody = answered[:4]
    unknown = sheet.max_row
    sheet[f"G{bad_answer}"] = "maybe"
    sheet[f"K{bad_date}"] = "next week"
    sheet[f"I{bad_ref}"] = "no-such-document"
    sheet[f"J{nobody}"] = None
    sheet[f"A{unknown}"] = "no.such.question"
    book.save(out)
    before = (bundle / "bundle.yaml").read_bytes()
    code, output = _import(out, bundle)
    assert code == 2
    where = f'{out}: sheet "Self-assessment", cell'
    assert f'{where} G{bad_answer}: "maybe" is not an answer; expected はい / yes, いいえ / no' in output
    assert f'{where} K{bad_date}: "next week" is not a date (expected YYYY-MM-DD or YYYY/M/D' in output
    assert f'{where} I{bad_ref}: "no-such-document" is neither a document id nor a record set' in output
    assert f"{where} J{nobody}: who answered is missing" in output
    assert f'{where} A{unknown}: unknown question id "no.such.question"' in output
    assert "nothing was written" in output
    assert (bundle / "bundle.yaml").read_bytes() == before


def test_a_file_that_is_not_a_questionnaire_is_an_input_error(bundle: Path, tmp_path: Path) -> None:
    bad = tmp_path / "q.xlsx"
    bad.write_bytes(b"nope")
    code, output = _import(bad, bundle)
    assert code == 2
    assert "cannot be opened as an XLSX workbook" in output
