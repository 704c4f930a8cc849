"""The corrective-action register as CSV (UTF-8 with BOM, cells neutralised)."""

from __future__ import annotations

import csv
import io

from ccc_audit.models.result import AssessmentResult
from ccc_audit.progress import Progress
from ccc_audit.reporters.labels import label
from ccc_audit.reporters.spreadsheet_safety import neutralise

COLUMNS: list[tuple[str, str, str]] = [
    ("id", "管理番号", "ID"),
    ("finding_id", "所見ID", "Finding id"),
    ("source", "出典", "Source"),
    ("requirement", "要求事項・条項", "Requirement / clause"),
    ("rule_id", "規則", "Rule"),
    ("statement", "不適合の記述", "Finding statement"),
    ("evidence", "客観的証拠", "Objective evidence"),
    ("grade", "等級", "Grade"),
    ("severity", "重要度", "Severity"),
    ("first_detected", "初回検出日", "First detected"),
    ("containment", "修正（応急処置）", "Containment"),
    ("root_cause", "根本原因", "Root cause"),
    ("root_cause_method", "原因分析手法", "Root-cause method"),
    ("corrective_action", "是正処置", "Corrective action"),
    ("owner", "担当者", "Owner"),
    ("due_date", "期限", "Due date"),
    ("status", "状況", "Status"),
    ("verification_date", "有効性確認日", "Verification date"),
    ("verification_method", "有効性確認方法", "Verification method"),
    ("verifier", "確認者", "Verifier"),
    ("closure_date", "完了日", "Closure date"),
    ("remarks", "備考", "Remarks"),
]
"""(key, Japanese header, English header) of every register column."""


class CsvRegisterReporter:
    """Writes ``corrective-actions.csv``: one row per finding, human columns left blank."""

    name = "csv"

    def filename(self, _lang: str) -> str:
        """Language-independent file name."""
        return "corrective-actions.csv"

    def render(self, result: AssessmentResult, lang: str, _progress: Progress | None = None) -> bytes:
        """CSV with BOM so that Excel on Japanese Windows reads it as UTF-8."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
        writer.writerow([ja if lang == "ja" else en for _, ja, en in COLUMNS])
        source = f"ccc-audit {result.tool_version} ({result.as_of})"
        for finding in sorted(result.findings, key=lambda f: f.id):
            row = {
                "id": "CAR-" + finding.id.removeprefix("F-"),
                "finding_id": finding.id,
                "source": source,
                "requirement": " / ".join(finding.requirements),
                "rule_id": finding.rule_id,
                "statement": finding.statement.nonconformity.get(lang),
                "evidence": finding.statement.evidence.get(lang),
                "grade": label(f"grade.{finding.grade.value}", lang),
                "severity": finding.severity.value,
                "first_detected": result.as_of.isoformat(),
                "status": ("免除" if lang == "ja" else "waived")
                if finding.waived
                else ("未着手" if lang == "ja" else "open"),
            }
            writer.writerow([neutralise(row.get(key, "")) for key, _, _ in COLUMNS])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
