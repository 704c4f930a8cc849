"""GitLab code quality report: a JSON array of issues, one per unwaived finding or error."""

from __future__ import annotations

import json
from typing import Any

from ccc_audit.models.common import Grade
from ccc_audit.reporters.base import Report, checks_message, line_of, rule_line
from ccc_audit.safe_text import inert_json

SEVERITY_OF_GRADE = {Grade.MAJOR: "major", Grade.MINOR: "minor", Grade.OBSERVATION: "info"}
"""Our grades keep their names: GitLab's severities are info, minor, major, critical and blocker,
and the two above major are left to what is not a finding: an evaluation error is a blocker."""
ERROR_SEVERITY = "blocker"


def _issue(
    description: str, check: str, fingerprint: str, severity: str, path: str, line: int
) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": description,
        "check_name": check,
        "fingerprint": fingerprint,
        "severity": severity,
        "categories": ["Compliance"],
        "location": {"path": path, "lines": {"begin": line}},
    }


class GitlabReporter:
    """Writes ``gl-code-quality-report.json`` (declare it as ``artifacts:reports:codequality``)."""

    name = "gitlab"

    def filename(self, _lang: str) -> str:
        """Language-independent file name."""
        return "gl-code-quality-report.json"

    def render(self, report: Report, lang: str) -> bytes:
        """Issues sorted as the result lists them; the fingerprint is the stable finding id."""
        issues = [
            _issue(
                f"{s.finding.id}: {s.finding.statement.nonconformity.get(lang)}",
                s.finding.rule_id,
                s.finding.id,
                SEVERITY_OF_GRADE[s.finding.grade],
                report.manifest,
                line_of(s.finding.evidence),
            )
            for s in report.verdict.statuses
            if not s.finding.waived
        ]
        issues += [
            _issue(
                checks_message(rule, lang),
                rule.rule_id,
                f"error:{rule.rule_id}",
                ERROR_SEVERITY,
                report.manifest,
                rule_line(rule),
            )
            for rule in report.verdict.errors
        ]
        return (inert_json(json.dumps(issues, ensure_ascii=False, indent=2)) + "\n").encode("utf-8")
