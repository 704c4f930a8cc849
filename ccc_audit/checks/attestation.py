"""``attestation`` check: a self-assessment answer exists, is supported by evidence and is recent."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ccc_audit.checks.base import CheckContext
from ccc_audit.checks.kind import CheckKind
from ccc_audit.i18n.text import text
from ccc_audit.models.bundle import Answer
from ccc_audit.models.calendar import add_months
from ccc_audit.models.checks import CheckSpecBase, MonthsValue
from ccc_audit.models.common import Identifier, Localized
from ccc_audit.models.result import CheckResult, EvidenceRef, Outcome


class AttestationCheckSpec(CheckSpecBase):
    """A self-assessment answer exists, is supported by evidence and is recent."""

    kind: Literal["attestation"] = Field(description="Check kind.")
    question: Localized = Field(description="The question put to the organisation.")
    question_id: Identifier | None = Field(
        default=None, description="Attestation key; the rule id when omitted."
    )
    max_age_months: MonthsValue = Field(default=12, description="Older answers are stale.")
    require_evidence: bool = Field(
        default=True, description="A 'yes' must cite at least one evidence reference."
    )


def evaluate(spec: AttestationCheckSpec, ctx: CheckContext) -> CheckResult:
    """Evaluate an attestation check."""
    key = spec.question_id or ctx.rule_id
    answer = next((a for a in ctx.bundle.model.attestations if a.id == key), None)
    if answer is None:
        return CheckResult(
            kind="attestation",
            outcome=Outcome.MANUAL,
            reason="attestation_missing",
            message=text(
                f"自己評価の回答がない（質問: {spec.question.ja}）",
                f"No self-assessment answer (question: {spec.question.en})",
            ),
            required="answer",
            evidence=[ctx.section_ref("attestations")],
        )
    cited = EvidenceRef(kind="attestation", id=key, line=ctx.bundle.entry_line("attestation", key))
    evidence = [cited] + [_cite(ctx, ref) for ref in answer.evidence]
    who = f"{answer.answered_by}, {answer.answered_on}"
    oldest = add_months(ctx.as_of, -ctx.count(spec.max_age_months))
    if answer.answered_on < oldest:
        months = ctx.count(spec.max_age_months)
        return CheckResult(
            kind="attestation",
            outcome=Outcome.FAIL,
            reason="attestation_stale",
            message=text(
                f"回答（{who}）が {months} か月より古い。",
                f"The answer ({who}) is older than {months} months.",
            ),
            measured=str(answer.answered_on),
            required=f">= {oldest}",
            evidence=evidence,
        )
    if answer.answer is Answer.NOT_APPLICABLE:
        if not answer.rationale:
            return CheckResult(
                kind="attestation",
                outcome=Outcome.FAIL,
                reason="rationale_missing",
                message=text(
                    f"「該当なし」の回答（{who}）に理由がない。",
                    f'The "not applicable" answer ({who}) gives no rationale.',
                ),
                evidence=evidence,
            )
        return CheckResult(
            kind="attestation",
            outcome=Outcome.NOT_APPLICABLE,
            reason="attested_not_applicable",
            message=text(
                f"該当なしと回答（{who}）: {answer.rationale}",
                f"Answered not applicable ({who}): {answer.rationale}",
            ),
            evidence=evidence,
        )
    if answer.answer is Answer.NO:
        return CheckResult(
            kind="attestation",
            outcome=Outcome.FAIL,
            reason="attested_no",
            message=text(
                f"「いいえ」と回答（{who}）。{answer.rationale or ''}",
                f'Answered "no" ({who}). {answer.rationale or ""}'.strip(),
            ),
            measured="no",
            required="yes",
            evidence=evidence,
        )
    if answer.answer is Answer.PARTIAL:
        return CheckResult(
            kind="attestation",
            outcome=Outcome.FAIL,
            reason="attested_partial",
            message=text(
                f"「一部」と回答（{who}）。{answer.rationale or ''}",
                f'Answered "partial" ({who}). {answer.rationale or ""}'.strip(),
            ),
            measured="partial",
            required="yes",
            evidence=evidence,
        )
    if spec.require_evidence and not answer.evidence:
        return CheckResult(
            kind="attestation",
            outcome=Outcome.FAIL,
            reason="unsupported_attestation",
            message=text(
                f"「はい」と回答（{who}）したが、裏付ける証拠が示されていない。",
                f'Answered "yes" ({who}) but cited no supporting evidence.',
            ),
            measured="yes, no evidence",
            required="yes, with evidence",
            evidence=evidence,
        )
    return CheckResult(
        kind="attestation",
        outcome=Outcome.PASS,
        reason="attested",
        message=text(
            f"「はい」と回答（{who}）、証拠: {', '.join(answer.evidence) or '-'}",
            f'Answered "yes" ({who}), evidence: {", ".join(answer.evidence) or "-"}',
        ),
        measured="yes",
        required="yes",
        evidence=evidence,
    )


def _cite(ctx: CheckContext, ref: str) -> EvidenceRef:
    document = next((d for d in ctx.bundle.model.documents if d.id == ref), None)
    if document is not None:
        return ctx.document_ref(document)
    return ctx.records_ref(ref)


def _one_line(value: str) -> str:
    return " ".join(value.split()).replace("|", "\\|")


def docs_line(spec: AttestationCheckSpec, lang: str) -> str:
    """Line describing a ``attestation`` check in the rule reference (``docs/rules``)."""
    return f"`attestation`: {_one_line(spec.question.get(lang))}"


KIND = CheckKind(
    name="attestation",
    spec=AttestationCheckSpec,
    evaluate=evaluate,
    docs_line=docs_line,
)
"""The ``attestation`` check kind, registered in :mod:`ccc_audit.checks.registry`."""
