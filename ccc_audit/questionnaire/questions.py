"""The questions of the loaded rule packs and the vocabulary of the questionnaire sheet."""

from __future__ import annotations

from dataclasses import dataclass

from ccc_audit.checks.attestation import AttestationCheckSpec
from ccc_audit.engine.applicability import rule_applies
from ccc_audit.loading.library import Library
from ccc_audit.models.bundle import Answer, Bundle
from ccc_audit.models.common import Localized

L = Localized

SHEET = L(ja="自己評価", en="Self-assessment")

COLUMNS: list[tuple[str, Localized, int]] = [
    ("id", L(ja="質問ID", en="Question id"), 34),
    ("rule", L(ja="規則", en="Rule"), 34),
    ("requirements", L(ja="要求事項", en="Requirements"), 18),
    ("question", L(ja="質問", en="Question"), 50),
    ("guidance", L(ja="指針（規則の趣旨）", en="Guidance (why the rule exists)"), 50),
    ("evidence_expected", L(ja="求められる証拠", en="Evidence expected"), 40),
    ("answer", L(ja="回答", en="Answer"), 14),
    ("rationale", L(ja="理由・説明", en="Rationale"), 50),
    (
        "evidence",
        L(ja="証拠（文書ID・記録セット名、カンマ区切り）", en="Evidence (document ids, record sets)"),
        30,
    ),
    ("answered_by", L(ja="回答者", en="Answered by"), 24),
    ("answered_on", L(ja="回答日", en="Answered on"), 14),
]
"""Key, header and width of every questionnaire column, in sheet order."""

ANSWER_LABELS: dict[Answer, Localized] = {
    Answer.YES: L(ja="はい", en="yes"),
    Answer.NO: L(ja="いいえ", en="no"),
    Answer.PARTIAL: L(ja="一部", en="partial"),
    Answer.NOT_APPLICABLE: L(ja="該当なし", en="not applicable"),
}


def answer_of(text: str) -> Answer | None:
    """The answer a cell names (label in either language, or the key), None if it names none."""
    for answer, names in ANSWER_LABELS.items():
        if text.strip() in (answer.value, names.ja, names.en):
            return answer
    return None


@dataclass(frozen=True)
class Question:
    """One attestation question, once per key, in rule-pack order."""

    key: str
    rule_id: str
    requirements: list[str]
    question: Localized
    guidance: Localized
    evidence: Localized


def questions(library: Library, bundle: Bundle | None = None) -> list[Question]:
    """Every question the loaded rule packs put to the organisation.

    With ``bundle``, only the questions of rules that apply to its role and scope (an
    inbound-only centre is not asked about outbound work).
    """
    found: dict[str, Question] = {}
    for _, rule in library.rules():
        if bundle is not None and not rule_applies(rule.applies_to, bundle):
            continue
        for check in rule.checks:
            if isinstance(check, AttestationCheckSpec):
                key = check.question_id or rule.id
                found.setdefault(
                    key,
                    Question(
                        key, rule.id, list(rule.requirements), check.question, rule.rationale, rule.evidence
                    ),
                )
    return list(found.values())
