"""Mandatory (knock-out) criteria: each vendor's answers, with the reason in words."""

from __future__ import annotations

from ccc_audit.i18n.text import text
from ccc_audit.rfp.inputs import LoadedVendor
from ccc_audit.rfp.result import KnockoutOutcome, KnockoutStatus
from ccc_audit.rfp.rubric import LoadedRubric


def knockouts(rubric: LoadedRubric, vendor: LoadedVendor) -> list[KnockoutOutcome]:
    """Every knock-out criterion applied to one vendor's response."""
    out = []
    for ko in rubric.model.knockouts:
        given = vendor.model.knockouts.get(ko.id)
        title_ja, title_en = ko.title.ja, ko.title.en
        if given is None:
            status = KnockoutStatus.UNANSWERED
            reason = text(
                f"必須要件「{title_ja}」に回答していない。", f'No answer to the mandatory "{title_en}".'
            )
        elif not given.answer:
            status = KnockoutStatus.NOT_MET
            reason = text(
                f"必須要件「{title_ja}」を満たさないと回答した。",
                f'Answered that it does not meet "{title_en}".',
            )
        elif not given.evidence:
            status = KnockoutStatus.UNSUPPORTED
            reason = text(
                f"必須要件「{title_ja}」を満たすと回答したが、証拠を示していない。",
                f'Claims to meet "{title_en}" but offers no evidence.',
            )
        else:
            status = KnockoutStatus.MET
            reason = text(f"「{title_ja}」を満たし、証拠を示した。", f'Meets "{title_en}", with evidence.')
        out.append(
            KnockoutOutcome(
                knockout=ko.id, status=status, reason=reason, evidence=given.evidence if given else []
            )
        )
    return out
