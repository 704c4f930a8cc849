"""Findings in the ISO 19011 shape, with ids stable across runs."""

from __future__ import annotations

import hashlib

from ccc_audit.engine.gap_statement import gap_statement
from ccc_audit.i18n.vocabulary import term
from ccc_audit.loading.library import Library
from ccc_audit.models.common import Grade, Localized
from ccc_audit.models.result import CheckResult, EvidenceRef, Finding, Outcome, Statement
from ccc_audit.models.rulepack import Rule


def finding_id(rule_id: str, subject: str) -> str:
    """A stable id from rule id and subject only, never from row order or run time."""
    digest = hashlib.sha256(f"{rule_id}|{subject}".encode()).hexdigest()[:10].upper()
    return f"F-{digest}"


def _describe(ref: EvidenceRef, lang: str) -> str:
    where = f" ({ref.path})" if ref.path else ""
    if lang == "ja":
        return f"{term('evidence_kind', ref.kind, lang)} {ref.id}{where}"
    return f"{ref.kind}:{ref.id}{where}"


EVIDENCE_QUALITY = frozenset(
    {
        "attestation_stale",
        "unsupported_attestation",
        "rationale_missing",
        "evidence_expired",
        "not_approved",
        "not_yet_effective",
        "review_date_missing",
        "evidence_incomplete",
    }
)
"""Reasons of a failed check that speak of the evidence, not of the requirement being unmet."""


def nature_of(checks: list[CheckResult]) -> str:
    """evidence_quality when every failed check failed on its evidence's quality, else substantive."""
    failed = [c for c in checks if c.outcome is Outcome.FAIL]
    quality = bool(failed) and all(c.reason in EVIDENCE_QUALITY for c in failed)
    return "evidence_quality" if quality else "substantive"


def build_finding(
    library: Library,
    rule: Rule,
    subject: str,
    grade: Grade,
    checks: list[CheckResult],
    waived: bool,
    requirements: list[str] | None = None,
) -> Finding:
    """The finding a failed rule raises, against ``requirements`` (default: every one the rule verifies).

    The engine passes only the requirements that apply to the bundle, so that no requirement the
    scope excludes carries a finding.
    """
    refs = list(rule.requirements) if requirements is None else requirements
    requirement_ja: list[str] = []
    requirement_en: list[str] = []
    for ref in refs:
        node = library.nodes[ref].node
        para = node.paraphrase or node.title
        requirement_ja.append(f"{ref} {node.title.ja}: {para.ja}")
        requirement_en.append(f"{ref} {node.title.en}: {para.en}")
    failed = [c for c in checks if c.outcome is Outcome.FAIL]
    evidence: list[EvidenceRef] = []
    for check in checks:
        for cited in check.evidence:
            if cited not in evidence:
                evidence.append(cited)
    examined_ja = "、".join(_describe(r, "ja") for r in evidence) or "-"
    examined_en = ", ".join(_describe(r, "en") for r in evidence) or "-"
    measured = "; ".join(c.measured for c in failed if c.measured) or None
    required = "; ".join(c.required for c in failed if c.required) or None
    statement = Statement(
        requirement=Localized(ja="\n".join(requirement_ja), en="\n".join(requirement_en)),
        evidence=Localized(
            ja=f"確認した証拠: {examined_ja}。" + " ".join(dict.fromkeys(c.message.ja for c in checks)),
            en=f"Examined: {examined_en}. " + " ".join(dict.fromkeys(c.message.en for c in checks)),
        ),
        nonconformity=gap_statement(
            library, rule, refs, failed, measured, required, nature_of(checks) == "evidence_quality"
        ),
    )
    return Finding(
        id=finding_id(rule.id, subject),
        rule_id=rule.id,
        subject=subject,
        grade=grade,
        severity=rule.severity,
        requirements=refs,
        title=rule.title,
        statement=statement,
        evidence=evidence,
        failing=[item for c in failed for item in c.failing],
        measured=measured,
        required=required,
        values=[q for c in failed for q in c.values],
        bound=next((c.bound for c in failed if c.bound), None),
        corrective_action=rule.corrective_action,
        waived=waived,
        nature="evidence_quality" if nature_of(checks) == "evidence_quality" else "substantive",
    )
