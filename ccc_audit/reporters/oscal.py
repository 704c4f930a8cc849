"""OSCAL JSON exports: assessment results and a plan of action and milestones (POA&M).

Every uuid is derived (uuid5) from the organisation and a stable key (finding id, requirement
ref), so the same item keeps its uuid from one assessment to the next, as OSCAL asks.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any
from urllib.parse import quote

from ccc_audit.i18n.labels import label
from ccc_audit.models.result import AssessmentResult, Conformity, EvidenceRef, Finding, RequirementResult
from ccc_audit.reporters.base import Report
from ccc_audit.safe_text import inert_json

OSCAL_VERSION = "1.1.2"
NAMESPACE = uuid.UUID("6f1c1b0e-8d0b-5d8e-9a59-1c2d3e4f5a6b")
PROPS_NS = "https://ccc-audit.invalid/ns/oscal"
"""Namespace of ccc-audit's own properties (grade, severity, finding id, waived)."""

Json = dict[str, Any]


def stable_uuid(result: AssessmentResult, *key: str) -> str:
    """A uuid that depends only on the organisation and ``key``."""
    return str(uuid.uuid5(NAMESPACE, "|".join((result.scope.organisation_id, *key))))


def token(ref: str) -> str:
    """An OSCAL token from a requirement ref (``copc-cx-r7:2.7`` → ``copc-cx-r7_2.7``)."""
    text = re.sub(r"[^A-Za-z0-9._-]", "_", ref)
    return text if re.match(r"[A-Za-z_]", text) else "_" + text


def _timestamp(result: AssessmentResult) -> str:
    return f"{result.as_of.isoformat()}T00:00:00+00:00"


def _prop(name: str, value: str) -> Json:
    return {"name": name, "ns": PROPS_NS, "value": value}


def _metadata(result: AssessmentResult, lang: str, kind: str) -> Json:
    return {
        "title": f"{label('title', lang)}: {result.scope.organisation} ({kind})",
        "last-modified": _timestamp(result),
        "version": result.as_of.isoformat(),
        "oscal-version": OSCAL_VERSION,
        "props": [_prop("tool", f"ccc-audit {result.tool_version}")],
    }


def _evidence(ref: EvidenceRef) -> Json:
    entry: Json = {"description": f"{ref.kind} {ref.id}" + (f" sha256 {ref.sha256}" if ref.sha256 else "")}
    if ref.path:
        entry["href"] = quote(ref.path)
    return entry


def _observation(result: AssessmentResult, finding: Finding, lang: str) -> Json:
    observation: Json = {
        "uuid": stable_uuid(result, "observation", finding.id),
        "title": finding.title.get(lang),
        "description": finding.statement.evidence.get(lang),
        "props": [
            _prop("finding-id", finding.id),
            _prop("grade", finding.grade.value),
            _prop("severity", finding.severity.value),
            _prop("waived", "true" if finding.waived else "false"),
        ],
        "methods": ["EXAMINE"],
        "collected": _timestamp(result),
    }
    if finding.evidence:
        observation["relevant-evidence"] = [_evidence(ref) for ref in finding.evidence]
    return observation


_STATE = {Conformity.COMPLIANT: "satisfied"}
"""OSCAL objective status by conformity; every other assessed conformity is not satisfied."""


def _objectives(result: AssessmentResult) -> list[tuple[RequirementResult, list[Finding]]]:
    """Each requirement that was assessed or carries a finding, with its findings in id order.

    One OSCAL finding per objective, so that an objective has one status; a finding mapped to
    several requirements appears under each.
    """
    raised: dict[str, list[Finding]] = {}
    for finding in sorted(result.findings, key=lambda f: f.id):
        for ref in finding.requirements:
            raised.setdefault(ref, []).append(finding)
    assessed = (Conformity.COMPLIANT, Conformity.PARTIALLY_COMPLIANT, Conformity.NON_COMPLIANT)
    return [
        (q, raised.get(q.ref, []))
        for q in result.requirements
        if (q.assessable and q.conformity in assessed) or q.ref in raised
    ]


def _finding(
    result: AssessmentResult, requirement: RequirementResult, raised: list[Finding], lang: str
) -> Json:
    entry: Json = {
        "uuid": stable_uuid(result, "finding", requirement.ref),
        "title": f"{requirement.ref} {requirement.title.get(lang)}",
        "description": label(f"conformity.{requirement.conformity.value}", lang),
        "props": [_prop("conformity", requirement.conformity.value)],
        "target": {
            "type": "objective-id",
            "target-id": token(requirement.ref),
            "status": {"state": _STATE.get(requirement.conformity, "not-satisfied")},
        },
    }
    if raised:
        entry["related-observations"] = [
            {"observation-uuid": stable_uuid(result, "observation", f.id)} for f in raised
        ]
    return entry


def assessment_results(result: AssessmentResult, lang: str) -> Json:
    """The OSCAL assessment-results document of ``result``."""
    findings = sorted(result.findings, key=lambda f: f.id)
    scope = result.scope
    body: Json = {
        "uuid": stable_uuid(result, "assessment-results", result.as_of.isoformat()),
        "title": label("title", lang),
        "description": f"{scope.organisation}: {scope.period_start} – {scope.period_end}",
        "start": _timestamp(result),
        "reviewed-controls": {"control-selections": [{"include-all": {}}]},
    }
    if findings:
        body["observations"] = [_observation(result, f, lang) for f in findings]
    objectives = _objectives(result)
    if objectives:
        body["findings"] = [_finding(result, q, raised, lang) for q, raised in objectives]
    return {
        "assessment-results": {
            "uuid": stable_uuid(result, "assessment-results-document", result.as_of.isoformat()),
            "metadata": _metadata(result, lang, "assessment results"),
            "import-ap": {"href": "#ccc-audit-rule-packs"},
            "results": [body],
        }
    }


def plan_of_action(result: AssessmentResult, lang: str) -> Json:
    """The OSCAL POA&M of ``result``: one item per finding, its uuid stable across assessments."""
    findings = sorted(result.findings, key=lambda f: f.id)
    items = [
        {
            "uuid": stable_uuid(result, "poam-item", f.id),
            "title": f"{f.id}: {f.title.get(lang)}",
            "description": f.corrective_action.get(lang),
            "props": [_prop("finding-id", f.id), _prop("grade", f.grade.value)],
            "related-findings": [
                {"finding-uuid": stable_uuid(result, "finding", ref)} for ref in f.requirements
            ],
            "related-observations": [{"observation-uuid": stable_uuid(result, "observation", f.id)}],
        }
        for f in findings
    ]
    document: Json = {
        "uuid": stable_uuid(result, "poam-document", result.as_of.isoformat()),
        "metadata": _metadata(result, lang, "POA&M"),
        "system-id": {"id": result.scope.organisation_id},
    }
    if findings:
        document["observations"] = [_observation(result, f, lang) for f in findings]
        cited = {ref for f in findings for ref in f.requirements}
        document["findings"] = [
            _finding(result, q, raised, lang) for q, raised in _objectives(result) if q.ref in cited
        ]
    document["poam-items"] = items
    return {"plan-of-action-and-milestones": document}


def _dump(document: Json) -> bytes:
    return inert_json(json.dumps(document, ensure_ascii=False, indent=2)).encode("utf-8") + b"\n"


class OscalResultsReporter:
    """Writes ``oscal-assessment-results.json``."""

    name = "oscal-ar"

    def filename(self, _lang: str) -> str:
        """Language-independent file name (the first language requested is used)."""
        return "oscal-assessment-results.json"

    def render(self, report: Report, lang: str) -> bytes:
        """OSCAL JSON."""
        return _dump(assessment_results(report.result, lang))


class OscalPoamReporter:
    """Writes ``oscal-poam.json``."""

    name = "oscal-poam"

    def filename(self, _lang: str) -> str:
        """Language-independent file name (the first language requested is used)."""
        return "oscal-poam.json"

    def render(self, report: Report, lang: str) -> bytes:
        """OSCAL JSON."""
        return _dump(plan_of_action(report.result, lang))
