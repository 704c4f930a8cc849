"""The statement of nonconformity: the gap against the requirement, not the evidence sentence again.

The objective-evidence statement says what was examined and observed. The statement of
nonconformity names the requirement (clause and title), says which condition of it is not met
and how far short the evidence falls: measured against required, and the entities, windows or
elements that fall short (the first few, then a count). Only where a failed check gives none of
that does it fall back to a phrase for the check's reason, and only for reasons it has no phrase
for, to the check's own message.
"""

from __future__ import annotations

from ccc_audit.i18n.vocabulary import value_text
from ccc_audit.loading.library import Library
from ccc_audit.models.common import Localized
from ccc_audit.models.result import CheckResult, FailingItem
from ccc_audit.models.rulepack import Rule

SHOWN = 3
"""Entities named in the statement; the rest are counted (the finding lists them all)."""

REASONS: dict[str, tuple[str, str]] = {
    "attestation_stale": (
        "回答が古く、評価期間の状況を示していない",
        "the answer is too old to speak for the period",
    ),
    "unsupported_attestation": ("回答を裏づける証拠がない", "the answer has no supporting evidence"),
    "rationale_missing": ("回答の根拠が記されていない", "the answer gives no rationale"),
    "evidence_expired": ("有効な版の文書がない", "no current version of the document"),
    "not_approved": ("文書が承認されていない", "the document is not approved"),
    "not_yet_effective": ("文書がまだ発効していない", "the document is not yet in effect"),
    "review_date_missing": ("文書に次回見直し日がない", "the document has no next review date"),
    "evidence_incomplete": ("証拠が一部しかない", "the evidence is incomplete"),
    "evidence_missing": (
        "要求を満たすことを示す証拠が提出されていない",
        "no evidence that it is met was supplied",
    ),
    "attested_no": (
        "組織自身が満たしていないと回答している",
        "the organisation itself answers that it is not met",
    ),
    "attested_partial": (
        "組織自身が一部のみ満たすと回答している",
        "the organisation itself answers that it is only partly met",
    ),
}
"""Why a check failed, as the gap it leaves (ja, en), for checks that name no entity or number."""


def _where(library: Library, refs: list[str], lang: str) -> str:
    titles = [f"{ref} {library.nodes[ref].node.title.get(lang)}" for ref in refs]
    return ("、" if lang == "ja" else "; ").join(titles)


def _falling_short(items: list[FailingItem], lang: str) -> str:
    named = [
        f"{i.shown('ja')}（{i.detail.ja}）" if lang == "ja" else f"{i.shown('en')} ({i.detail.en})"
        for i in items
    ]
    shown = ("、" if lang == "ja" else "; ").join(named[:SHOWN])
    more = len(items) - SHOWN
    if lang == "ja":
        return f"不足 {len(items)} 件: {shown}" + (f" ほか {more} 件" if more > 0 else "")
    return f"falls short for {len(items)}: {shown}" + (f"; and {more} more" if more > 0 else "")


def gap_statement(
    library: Library,
    rule: Rule,
    refs: list[str],
    failed: list[CheckResult],
    measured: str | None,
    required: str | None,
    evidence_quality: bool,
) -> Localized:
    """The statement of nonconformity of a finding, in Japanese and English."""
    texts: dict[str, str] = {}
    items = [item for check in failed for item in check.failing]
    for lang in ("ja", "en"):
        where, title = _where(library, refs, lang), rule.title.get(lang)
        gaps: list[str] = []
        if measured and required:
            gaps.append(
                f"実測 {value_text(measured, 'ja')}（要求 {value_text(required, 'ja')}）"
                if lang == "ja"
                else f"measured {measured} against {required}"
            )
        if items:
            gaps.append(_falling_short(items, lang))
        if not gaps or evidence_quality:
            index = 0 if lang == "ja" else 1
            phrases = [REASONS[c.reason][index] for c in failed if c.reason in REASONS]
            others = [c.message.get(lang) for c in failed if c.reason not in REASONS]
            gaps = list(dict.fromkeys(phrases + gaps + others))
        if lang == "ja":
            lead = (
                f"{where}の要求に対し、証拠は「{title}」を示していない"
                if evidence_quality
                else f"{where}の要求「{title}」を満たしていない"
            )
            texts[lang] = lead + ("。" + "。".join(gaps) if gaps else "") + "。"
        else:
            lead = (
                f'{where}: the evidence does not show that "{title}" is met'
                if evidence_quality
                else f'{where}: "{title}" is not met'
            )
            texts[lang] = lead + (" — " + "; ".join(gaps) if gaps else "") + "."
    return Localized(ja=texts["ja"], en=texts["en"])
