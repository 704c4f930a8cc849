"""SARIF 2.1.0 for code scanning: one result per failing or review-needed rule, located in bundle.yaml.

``ruleId`` is the rule id and ``partialFingerprints`` carries the stable finding id, so GitHub
keeps one alert per gap across runs. ``kind`` is fail / review / open (and, with
``--sarif-all``, pass / notApplicable too, and resolved findings as ``absent``): code-scanning
UIs may show any result as an alert, so passes are left out by default. ``level`` (major: error,
minor: warning, observation: note) is only set on failures, as the specification requires.
Waived findings carry an accepted suppression; with a baseline each result has its
``baselineState``. Evidence that lapses within the ``--warn-expiring`` horizon is a ``note``
under the rule ``ccc-audit/expiring``. URIs are relative to the repository root
(``Report.sarif_dir``), where code scanning looks for the file.
"""

from __future__ import annotations

import json
from typing import Any

from ccc_audit import __version__
from ccc_audit.engine.findings import finding_id
from ccc_audit.models.common import Grade
from ccc_audit.models.result import Finding, Outcome, RuleResult
from ccc_audit.reporters.base import Report, checks_message, line_of, rule_line
from ccc_audit.results.comparison import Change
from ccc_audit.results.expiring import Expiring
from ccc_audit.safe_text import inert_json

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL_OF_GRADE = {Grade.MAJOR: "error", Grade.MINOR: "warning", Grade.OBSERVATION: "note"}
_KIND_OF_OUTCOME = {
    Outcome.PASS: "pass",
    Outcome.FAIL: "fail",
    Outcome.WARN: "review",
    Outcome.MANUAL: "review",
    Outcome.NOT_ASSESSED: "review",
    Outcome.NOT_APPLICABLE: "notApplicable",
    Outcome.EXCLUDED: "notApplicable",
    Outcome.ERROR: "open",
}
_BASELINE_STATE = {
    Change.NEW: "new",
    Change.FIRST_ASSESSED: "new",
    Change.REGRESSED: "updated",
    Change.IMPROVED: "updated",
    Change.UNCHANGED: "unchanged",
}
FINGERPRINT = "cccAuditFindingId/v1"
SHOWN_BY_DEFAULT = frozenset({"fail", "review", "open"})
"""Result kinds listed without ``--sarif-all``: what someone has to act on or look at."""
EXPIRING_RULE = "ccc-audit/expiring"


def _location(report: Report, line: int) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": report.manifest_uri},
            "region": {"startLine": line},
        }
    }


def _rule(rule: RuleResult, finding: Finding | None, lang: str) -> dict[str, Any]:
    title = rule.title.get(lang)
    refs = ", ".join(rule.requirements)
    help_text = f"{title} ({refs}). `ccc-audit rules show {rule.rule_id}` explains the rule."
    if finding is not None:
        help_text += "\n\n" + finding.corrective_action.get(lang)
    return {
        "id": rule.rule_id,
        "name": rule.rule_id,
        "shortDescription": {"text": title},
        "fullDescription": {"text": f"{title} ({refs})"},
        "help": {"text": help_text, "markdown": help_text},
        "properties": {"tags": [rule.pack_id, *rule.requirements], "severity": rule.severity.value},
    }


def _message(rule: RuleResult, finding: Finding | None, lang: str) -> str:
    if finding is not None:
        return finding.statement.nonconformity.get(lang)
    return checks_message(rule, lang) or f"{rule.outcome.value}: {rule.reason}"


def _result(
    report: Report, index: int, rule: RuleResult, finding: Finding | None, lang: str
) -> dict[str, Any]:
    subject = finding.subject if finding else report.result.scope.organisation_id
    line = line_of(finding.evidence) if finding else rule_line(rule)
    kind = _KIND_OF_OUTCOME[rule.outcome]
    entry: dict[str, Any] = {"ruleId": rule.rule_id, "ruleIndex": index, "kind": kind}
    if finding is not None:
        entry["level"] = LEVEL_OF_GRADE[finding.grade]
    elif rule.outcome is not Outcome.FAIL:
        entry["level"] = "none"
    entry["message"] = {"text": _message(rule, finding, lang)}
    entry["locations"] = [_location(report, line)]
    entry["partialFingerprints"] = {FINGERPRINT: finding.id if finding else finding_id(rule.rule_id, subject)}
    properties: dict[str, Any] = {
        "outcome": rule.outcome.value,
        "reason": rule.reason,
        "requirements": rule.requirements,
    }
    status = report.verdict.status(rule.finding_id)
    if finding is not None and status is not None:
        properties.update(grade=finding.grade.value, findingId=finding.id, blocking=status.blocking)
        if report.verdict.has_baseline:
            entry["baselineState"] = _BASELINE_STATE[status.change]
        if rule.waiver is not None:
            entry["suppressions"] = [
                {
                    "kind": "external",
                    "status": "accepted",
                    "justification": f"{rule.waiver.justification} (approved by {rule.waiver.approved_by}, "
                    f"until {rule.waiver.expires.isoformat()})",
                }
            ]
    elif report.verdict.has_baseline:
        entry["baselineState"] = "unchanged"
    entry["properties"] = properties
    return entry


def _resolved(report: Report, index: dict[str, int], finding: Finding, lang: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"ruleId": finding.rule_id}
    if finding.rule_id in index:
        entry["ruleIndex"] = index[finding.rule_id]
    entry.update(
        kind="pass",
        level="none",
        message={"text": f"{finding.id}: {finding.title.get(lang)}"},
        locations=[_location(report, line_of(finding.evidence))],
        partialFingerprints={FINGERPRINT: finding.id},
        baselineState="absent",
        properties={"findingId": finding.id, "resolved": True},
    )
    return entry


def _expiring_rule() -> dict[str, Any]:
    text = (
        "Evidence that is current today but lapses within the --warn-expiring horizon: a document "
        "due for review, a waiver about to lapse, a self-assessment answer about to turn stale."
    )
    return {
        "id": EXPIRING_RULE,
        "name": "expiring-evidence",
        "shortDescription": {"text": "Evidence expires soon"},
        "fullDescription": {"text": text},
        "help": {"text": text, "markdown": text},
        "defaultConfiguration": {"level": "note"},
    }


def _expiring(report: Report, index: int, item: Expiring, lang: str) -> dict[str, Any]:
    return {
        "ruleId": EXPIRING_RULE,
        "ruleIndex": index,
        "kind": "fail",
        "level": "note",
        "message": {"text": item.message.get(lang)},
        "locations": [_location(report, item.line or 1)],
        "partialFingerprints": {FINGERPRINT: f"expiring:{item.kind}:{item.subject}"},
        "properties": {"lapsesOn": item.lapses_on.isoformat(), "evidenceKind": item.kind},
    }


class SarifReporter:
    """Writes ``ccc-audit.sarif``."""

    name = "sarif"

    def filename(self, _lang: str) -> str:
        """Language-independent file name."""
        return "ccc-audit.sarif"

    def render(self, report: Report, lang: str) -> bytes:
        """One run: the rules, their results, expiring evidence, and the run's notices.

        Only failing and review-needed results are listed unless ``sarif_all`` is set.
        """
        result = report.result
        findings = {f.id: f for f in result.findings}
        index = {rule.rule_id: i for i, rule in enumerate(result.rules)}
        rules = [_rule(r, findings.get(r.finding_id or ""), lang) for r in result.rules]
        results = [
            _result(report, i, r, findings.get(r.finding_id or ""), lang) for i, r in enumerate(result.rules)
        ]
        if report.sarif_all:
            results += [_resolved(report, index, f, lang) for f in report.verdict.resolved]
        else:
            results = [r for r in results if r["kind"] in SHOWN_BY_DEFAULT]
        if report.expiring:
            index[EXPIRING_RULE] = len(rules)
            rules.append(_expiring_rule())
            results += [_expiring(report, index[EXPIRING_RULE], e, lang) for e in report.expiring]
        notifications = [
            {
                "level": "warning",
                "message": {"text": n.message.get(lang)},
                "locations": [_location(report, n.line or 1)],
                "descriptor": {"id": n.code},
            }
            for n in result.notices
        ]
        run = {
            "tool": {
                "driver": {
                    "name": "ccc-audit",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "rules": rules,
                }
            },
            "invocations": [
                {
                    "executionSuccessful": not report.verdict.errors,
                    "toolExecutionNotifications": notifications,
                }
            ],
            "results": results,
            "properties": {"asOf": result.as_of.isoformat(), "failOn": report.verdict.fail_on.value},
        }
        document = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
        return (inert_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n").encode("utf-8")
