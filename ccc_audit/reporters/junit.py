"""JUnit XML: one test suite per rule pack, one test case per rule and subject.

CI systems key test cases on classname + name, so each pair is unique (the pack id and the
rule id with its subject). Findings that fail the gate are ``failure`` elements in the
requirement / objective evidence / statement of nonconformity shape; rules that could not be
evaluated are ``error``; not applicable, excluded and unanswered rules are ``skipped``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from ccc_audit.i18n.labels import label
from ccc_audit.models.result import Finding, Outcome, RuleResult
from ccc_audit.reporters.base import Report, line_of, rule_line
from ccc_audit.safe_text import strip_bidi

_SKIPPED = (Outcome.NOT_APPLICABLE, Outcome.EXCLUDED, Outcome.MANUAL, Outcome.NOT_ASSESSED)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot carry at all, even escaped."""


def _xml_safe(root: ET.Element) -> None:
    """Replace characters XML cannot carry by U+FFFD, and drop bidi controls, everywhere."""
    for element in root.iter():
        if element.text:
            element.text = _NOT_XML.sub("\ufffd", strip_bidi(element.text))
        for key, value in element.attrib.items():
            element.set(key, _NOT_XML.sub("\ufffd", strip_bidi(value)))


def finding_text(report: Report, finding: Finding, lang: str) -> str:
    """A finding in the ISO 19011 shape, with its id, grade and location."""
    statement = finding.statement
    status = report.verdict.status(finding.id)
    change = f" ({label(f'gate.change.{status.change.value}', lang)})" if status else ""
    return "\n".join(
        [
            f"{label('statement.requirement', lang)}: {statement.requirement.get(lang)}",
            f"{label('statement.evidence', lang)}: {statement.evidence.get(lang)}",
            f"{label('statement.nonconformity', lang)}: {statement.nonconformity.get(lang)}",
            f"{label('finding_id', lang)}: {finding.id}{change}; {label('grade', lang)}: "
            f"{label(f'grade.{finding.grade.value}', lang)}; "
            f"{report.manifest}:{line_of(finding.evidence)}",
            f"{label('corrective_action', lang)}: {finding.corrective_action.get(lang)}",
        ]
    )


def _messages(rule: RuleResult, lang: str) -> str:
    lines = (f"{c.kind}: {c.outcome.value} ({c.reason}): {c.message.get(lang)}" for c in rule.checks)
    return "\n".join(dict.fromkeys(lines))


def _case(report: Report, rule: RuleResult, lang: str, tally: Counter[str]) -> ET.Element:
    result = report.result
    finding = next((f for f in result.findings if f.id == rule.finding_id), None)
    subject = finding.subject if finding else result.scope.organisation_id
    line = rule_line(rule)
    case = ET.Element(
        "testcase",
        {
            "classname": rule.pack_id,
            "name": f"{rule.rule_id} [{subject}]",
            "file": report.manifest,
            "line": str(line),
            "time": "0",
        },
    )
    status = report.verdict.status(rule.finding_id)
    tally["tests"] += 1
    if rule.outcome is Outcome.ERROR:
        tally["errors"] += 1
        error = ET.SubElement(
            case, "error", {"message": f"{rule.rule_id}: {rule.reason}", "type": rule.reason}
        )
        error.text = _messages(rule, lang)
    elif finding is not None and status is not None and status.blocking:
        tally["failures"] += 1
        grade = label(f"grade.{finding.grade.value}", lang)
        failure = ET.SubElement(
            case, "failure", {"message": f"{grade}: {finding.title.get(lang)}", "type": finding.grade.value}
        )
        failure.text = finding_text(report, finding, lang)
    elif rule.outcome in _SKIPPED:
        tally["skipped"] += 1
        ET.SubElement(case, "skipped", {"message": f"{rule.outcome.value}: {rule.reason}"})
    if finding is not None and status is not None and not status.blocking:
        out = ET.SubElement(case, "system-out")
        why = label(f"gate.why.{status.why_not}", lang) if status.why_not else ""
        out.text = f"{why}\n{finding_text(report, finding, lang)}"
    elif rule.outcome is Outcome.WARN:
        ET.SubElement(case, "system-out").text = _messages(rule, lang)
    return case


def _expiring_suite(report: Report, lang: str) -> ET.Element:
    """Evidence that lapses within the horizon: passing test cases whose system-out warns."""
    items = report.expiring
    suite = ET.Element(
        "testsuite",
        {
            "name": "ccc-audit.expiring",
            "tests": str(len(items)),
            "failures": "0",
            "errors": "0",
            "skipped": "0",
            "time": "0",
            "timestamp": f"{report.result.as_of.isoformat()}T00:00:00",
        },
    )
    for item in items:
        case = ET.SubElement(
            suite,
            "testcase",
            {
                "classname": "ccc-audit.expiring",
                "name": f"{item.kind} [{item.subject}]",
                "file": report.manifest,
                "line": str(item.line or 1),
                "time": "0",
            },
        )
        title = label("gate.expiring.title", lang)
        out = ET.SubElement(case, "system-out")
        out.text = f"{title}: {item.message.get(lang)}\n{report.manifest}:{item.line or 1}"
    return suite


class JunitReporter:
    """Writes ``ccc-audit.junit.xml``."""

    name = "junit"

    def filename(self, _lang: str) -> str:
        """Language-independent file name."""
        return "ccc-audit.junit.xml"

    def render(self, report: Report, lang: str) -> bytes:
        """Test suites in pack order, test cases in rule order; times are 0 so output is stable."""
        root = ET.Element("testsuites", {"name": "ccc-audit"})
        totals: Counter[str] = Counter()
        packs = list(dict.fromkeys(r.pack_id for r in report.result.rules))
        for pack in packs:
            tally: Counter[str] = Counter()
            cases = [_case(report, r, lang, tally) for r in report.result.rules if r.pack_id == pack]
            suite = ET.SubElement(
                root,
                "testsuite",
                {
                    "name": pack,
                    "tests": str(tally["tests"]),
                    "failures": str(tally["failures"]),
                    "errors": str(tally["errors"]),
                    "skipped": str(tally["skipped"]),
                    "time": "0",
                    "timestamp": f"{report.result.as_of.isoformat()}T00:00:00",
                },
            )
            properties = ET.SubElement(suite, "properties")
            for name, value in (
                ("as_of", report.result.as_of.isoformat()),
                ("fail_on", report.verdict.fail_on.value),
                ("bundle", report.manifest),
            ):
                ET.SubElement(properties, "property", {"name": name, "value": value})
            suite.extend(cases)
            totals.update(tally)
        if report.expiring:
            root.append(_expiring_suite(report, lang))
            totals["tests"] += len(report.expiring)
        for key in ("tests", "failures", "errors", "skipped"):
            root.set(key, str(totals[key]))
        root.set("time", "0")
        _xml_safe(root)
        ET.indent(root)
        data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
        return data + b"\n"
