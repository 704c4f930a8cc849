"""Snapshot tests of the demo's reports: one reviewable file per report and language."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from ccc_audit.engine.assess import Assessment, run
from ccc_audit.loading.setup import prepare
from ccc_audit.models.result import AssessmentResult
from ccc_audit.render import render_all
from ccc_audit.reporters.spreadsheet_safety import restore
from ccc_audit.resources import demo_bundle, demo_client_bundle

AS_OF = dt.date(2026, 1, 15)


class MarkdownSnapshot(SingleFileSnapshotExtension):
    """Stores a snapshot as a readable ``.md`` file."""

    _write_mode = WriteMode.TEXT
    file_extension = "md"


class JsonSnapshot(SingleFileSnapshotExtension):
    """Stores a snapshot as a readable ``.json`` file."""

    _write_mode = WriteMode.TEXT
    file_extension = "json"


class CsvSnapshot(SingleFileSnapshotExtension):
    """Stores a snapshot as a ``.csv`` file (bytes, to keep the BOM and CRLF visible to diff)."""

    file_extension = "csv"


@pytest.fixture(scope="module")
def demo_result() -> AssessmentResult:
    setup = prepare(bundle=demo_bundle())
    assert setup.bundle is not None
    return run(Assessment(setup.library, setup.bundle, setup.tailoring, AS_OF, "ja"))


@pytest.fixture(scope="module")
def demo_files(demo_result: AssessmentResult) -> dict[str, bytes]:
    return render_all(demo_result, ["json", "md", "csv"], ["ja", "en"])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_markdown_gap_report(demo_files: dict[str, bytes], lang: str, snapshot: SnapshotAssertion) -> None:
    assert demo_files[f"gap-report.{lang}.md"].decode("utf-8") == snapshot(extension_class=MarkdownSnapshot)


def test_json_result(demo_files: dict[str, bytes], snapshot: SnapshotAssertion) -> None:
    assert demo_files["assessment.json"].decode("utf-8") == snapshot(extension_class=JsonSnapshot)


def test_csv_register(demo_files: dict[str, bytes], snapshot: SnapshotAssertion) -> None:
    assert demo_files["corrective-actions.csv"] == snapshot(extension_class=CsvSnapshot)


def test_markdown_report_has_every_required_part(demo_files: dict[str, bytes]) -> None:
    en = demo_files["gap-report.en.md"].decode("utf-8")
    for heading in (
        "Audit period",
        "Audit criteria",
        "## Summary",
        "## Results per requirement",
        "## Findings",
        "Objective evidence",
        "Statement of nonconformity",
        "## Evidence index",
        "## Sampling caveat",
    ):
        assert heading in en
    ja = demo_files["gap-report.ja.md"].decode("utf-8")
    for heading in (
        "監査期間",
        "監査基準",
        "監査所見",
        "客観的証拠",
        "不適合の記述",
        "サンプリングに関する注意",
    ):
        assert heading in ja


def test_demo_shows_a_mix_of_conformity_each_explained(demo_result: AssessmentResult) -> None:
    assessable = [r for r in demo_result.requirements if r.assessable]
    statuses = {r.conformity.value for r in assessable}
    assert {"compliant", "partially_compliant", "non_compliant", "not_applicable"} <= statuses
    for requirement in assessable:
        if requirement.conformity.value in ("partially_compliant", "non_compliant"):
            assert requirement.findings, f"{requirement.ref} is not compliant but cites no finding"
    for finding in demo_result.findings:
        assert finding.statement.nonconformity.en and finding.statement.nonconformity.ja
        assert finding.evidence or finding.failing


def test_demo_finds_the_planted_gaps(demo_result: AssessmentResult) -> None:
    by_rule = {f.rule_id: f for f in demo_result.findings}
    monitoring = by_rule["copc.3.5.monthly-monitoring"]
    assert sorted(item.subject for item in monitoring.failing) == ["E1034", "E1061", "E1062", "E1063"]
    assert "2025-03" in next(i for i in monitoring.failing if i.subject == "E1063").detail.en
    calibration = by_rule["copc.2.7.evaluator-calibration"]
    assert [i.subject for i in calibration.failing] == ["E1036"]
    assert "2025-Q3" in calibration.failing[0].detail.en
    reviews = by_rule["iso18295-1.6.annual-competence-review"]
    assert sorted(i.subject for i in reviews.failing) == ["E1023", "E1027", "E1055"]
    assert "2025-Q3" in by_rule["iso18295-1.4.3.cx-measurement"].statement.nonconformity.en
    assert (
        by_rule["iso18295-1.4.2.information-accuracy"].statement.nonconformity.en.count(
            "no supporting evidence"
        )
        == 1
    )
    assert by_rule["iso18295-1.7.workforce-plan"].waived
    assert [n.code for n in demo_result.notices] == ["waiver_expired"]


def test_csv_register_is_excel_safe(demo_files: dict[str, bytes]) -> None:
    raw = demo_files["corrective-actions.csv"]
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "管理番号"
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), cell
            restore(cell)


def test_json_result_matches_its_schema(demo_files: dict[str, bytes]) -> None:
    import jsonschema

    schema = json.loads(
        (Path(__file__).parent.parent / "ccc_audit" / "json_schemas" / "result.schema.json").read_text(
            "utf-8"
        )
    )
    jsonschema.validate(json.loads(demo_files["assessment.json"]), schema)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_client_markdown_gap_report(lang: str, snapshot: SnapshotAssertion) -> None:
    """The demo client organisation, assessed on ISO 18295-2 (the other standards do not apply)."""
    setup = prepare(bundle=demo_client_bundle())
    assert setup.bundle is not None
    result = run(Assessment(setup.library, setup.bundle, setup.tailoring, AS_OF, lang))
    report = render_all(result, ["md"], [lang])[f"gap-report.{lang}.md"].decode("utf-8")
    assert report == snapshot(extension_class=MarkdownSnapshot)
