"""Snapshot tests of the demo's reports: one reviewable file per report and language."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from demo_result import assess_demo
from snapshot_files import CsvSnapshot, HtmlSnapshot, JsonSnapshot, MarkdownSnapshot
from syrupy.assertion import SnapshotAssertion

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.app.render import render_all
from ccc_audit.models.result import AssessmentResult
from ccc_audit.reporters.base import Report
from ccc_audit.resources import demo_client_bundle
from ccc_audit.results.verdict import decide
from ccc_audit.spreadsheet.cells import restore

AS_OF = dt.date(2026, 1, 15)


@pytest.fixture(scope="module")
def demo_result() -> AssessmentResult:
    return assess_demo()


@pytest.fixture(scope="module")
def demo_files(demo_result: AssessmentResult) -> dict[str, bytes]:
    return render_all(Report(decide(demo_result)), ["json", "md", "csv", "html"], ["ja", "en"])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_markdown_gap_report(demo_files: dict[str, bytes], lang: str, snapshot: SnapshotAssertion) -> None:
    assert demo_files[f"gap-report.{lang}.md"].decode("utf-8") == snapshot(extension_class=MarkdownSnapshot)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_html_gap_report(demo_files: dict[str, bytes], lang: str, snapshot: SnapshotAssertion) -> None:
    assert demo_files[f"gap-report.{lang}.html"].decode("utf-8") == snapshot(extension_class=HtmlSnapshot)


def test_html_report_is_self_contained_and_complete(demo_files: dict[str, bytes]) -> None:
    for lang in ("ja", "en"):
        html = demo_files[f"gap-report.{lang}.html"].decode("utf-8")
        assert f'<html lang="{lang}">' in html
        inline = html.replace('xmlns="http://www.w3.org/2000/svg"', "").replace('src="data:', "")
        for external in ("http://", "https://", "<link", "src=", "@import"):
            assert external not in inline  # the engagement logo is the only src, a data: URI
        assert "@media print" in html
        assert html.count("<svg") >= 2
    en = demo_files["gap-report.en.html"].decode("utf-8")
    for part in (
        "Executive summary",
        "Top risks",
        "Conformity by category",
        "Points by COPC category",
        "Results per requirement",
        "Statement of nonconformity",
        "Objective evidence",
        "Evidence index",
        "Declared deviations",
        "Waivers applied",
        "Sampling caveat",
        "copc-cx-r7-core 0.1.0",
    ):
        assert part in en, part


def test_html_escapes_data_and_pack_markdown(demo_result: AssessmentResult) -> None:
    hostile = "<img src=x onerror=alert(1)>"
    finding = demo_result.findings[0]
    tampered = demo_result.model_copy(
        update={
            "scope": demo_result.scope.model_copy(update={"organisation": hostile}),
            "findings": [
                finding.model_copy(
                    update={
                        "corrective_action": finding.corrective_action.model_copy(
                            update={"en": "1. Fix it\n\n<script>alert(1)</script> [x](javascript:alert(1))"}
                        )
                    }
                ),
                *demo_result.findings[1:],
            ],
        }
    )
    html = render_all(tampered, ["html"], ["en"])["gap-report.en.html"].decode("utf-8")
    assert hostile not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert "<ol>\n<li>Fix it</li>\n</ol>" in html


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


def test_html_caps_huge_failing_lists(demo_result: AssessmentResult) -> None:
    from ccc_audit.models.common import Localized
    from ccc_audit.models.result import EvidenceRef, FailingItem

    detail = Localized(ja="不足", en="short")
    failing = [FailingItem(subject=f"E{n:06d}", detail=detail) for n in range(50_000)]
    rows = EvidenceRef(
        kind="records", id="monitoring", path="records/monitoring.csv", rows=list(range(50_000))
    )
    big = demo_result.findings[0].model_copy(update={"failing": failing, "evidence": [rows]})
    huge = demo_result.model_copy(update={"findings": [big, *demo_result.findings[1:]]})
    html = render_all(huge, ["html"], ["en"])["gap-report.en.html"].decode("utf-8")
    plain = render_all(demo_result, ["html"], ["en"])["gap-report.en.html"].decode("utf-8")
    assert len(html) - len(plain) < 10_000
    assert "What falls short (50000)" in html
    assert "and 49980 more" in html and "and 49990 more" in html
    assert "E000019" in html and "E000020" not in html


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_client_markdown_gap_report(lang: str, snapshot: SnapshotAssertion) -> None:
    """The demo client organisation, assessed on ISO 18295-2 (the other standards do not apply)."""
    result = assess(AssessOptions(demo_client_bundle(), AS_OF, language=lang)).result
    report = render_all(result, ["md"], [lang])[f"gap-report.{lang}.md"].decode("utf-8")
    assert report == snapshot(extension_class=MarkdownSnapshot)
