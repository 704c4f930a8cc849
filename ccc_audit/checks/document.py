"""``document`` check: controlled documents present, approved, current, covering topics and sections."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from markdown_it import MarkdownIt
from pydantic import Field, model_validator

from ccc_audit.checks.base import CheckContext
from ccc_audit.checks.kind import CheckKind
from ccc_audit.i18n.text import text
from ccc_audit.i18n.vocabulary import term, terms
from ccc_audit.models.bundle import Document
from ccc_audit.models.checks import CheckSpecBase, CountValue
from ccc_audit.models.common import Identifier, Localized, StrictModel
from ccc_audit.models.result import Bound, CheckResult, FailingItem, Outcome, Quantity


class TopicRequirement(StrictModel):
    """Topics a document set must declare: all of one list, and at least n of another."""

    all_of: list[Identifier] = Field(default_factory=list, description="Topics all required.")
    any_of: list[Identifier] = Field(default_factory=list, description="Topics to choose from.")
    min_any: int = Field(default=1, ge=0, description="How many of any_of are required.")

    @model_validator(mode="after")
    def _min_any_reachable(self) -> TopicRequirement:
        if self.any_of and self.min_any > len(self.any_of):
            raise ValueError("min_any is larger than the number of topics in any_of")
        return self


class SectionRequirement(StrictModel):
    """A section a Markdown or text document must contain, matched by heading text."""

    name: Localized = Field(description="How the section is named in findings.")
    headings: list[str] = Field(
        min_length=1, description="Accepted heading texts (case-insensitive, either language)."
    )


class DocumentCheckSpec(CheckSpecBase):
    """Documents of given types exist, are approved, current, and cover topics and sections."""

    kind: Literal["document"] = Field(description="Check kind.")
    types: list[Identifier] = Field(min_length=1, description="Accepted document types.")
    min_count: CountValue = Field(default=1, description="How many such documents are needed.")
    require_approved: bool = Field(default=True, description="Approval (by and on) is required.")
    require_current: bool = Field(
        default=True, description="Effective on, and not past its next review at, the as-of date."
    )
    topics: TopicRequirement | None = Field(
        default=None, description="Topics the matching documents must declare between them."
    )
    sections: list[SectionRequirement] = Field(
        default_factory=list, description="Sections required in Markdown / text documents."
    )


_TEXT_SUFFIXES = {".md", ".markdown", ".txt"}
_PARSER = MarkdownIt("commonmark")


def _problem(document: Document, spec: DocumentCheckSpec, ctx: CheckContext) -> tuple[str, str, str] | None:
    """(reason, ja, en) of why a document does not count, or None when it does."""
    if spec.require_approved and not (document.approved_by and document.approved_on):
        return (
            "not_approved",
            "承認記録（承認者・承認日）がない",
            "has no approval record (approver and date)",
        )
    if spec.require_current:
        if document.effective_date and document.effective_date > ctx.as_of:
            return (
                "not_yet_effective",
                f"発効日 {document.effective_date} が評価基準日より後",
                f"takes effect only on {document.effective_date}",
            )
        if document.next_review_date is None:
            return (
                "review_date_missing",
                "次回見直し日が記載されていない",
                "has no next review date",
            )
        if document.next_review_date < ctx.as_of:
            return (
                "evidence_expired",
                f"次回見直し日 {document.next_review_date} を過ぎている",
                f"was due for review on {document.next_review_date}",
            )
    return None


def headings(path: Path) -> list[str]:
    """Heading texts of a Markdown or text document, in order."""
    tokens = _PARSER.parse(path.read_text(encoding="utf-8", errors="replace"))
    found: list[str] = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and i + 1 < len(tokens):
            found.append(tokens[i + 1].content.strip())
    return found


def _has_section(section: SectionRequirement, titles: list[str]) -> bool:
    wanted = [h.casefold() for h in section.headings]
    return any(w in title.casefold() for title in titles for w in wanted)


def evaluate(spec: DocumentCheckSpec, ctx: CheckContext) -> CheckResult:
    """Evaluate a document check."""
    kinds = ", ".join(spec.types)
    kinds_ja = terms("document_type", list(spec.types), "ja")
    needed = ctx.count(spec.min_count)
    candidates = [d for d in ctx.bundle.model.documents if d.type in spec.types]
    evidence = [ctx.document_ref(d) for d in candidates]
    valid: list[Document] = []
    failing: list[FailingItem] = []
    for document in candidates:
        problem = _problem(document, spec, ctx)
        if problem is None:
            valid.append(document)
        else:
            failing.append(
                FailingItem(
                    subject=document.id,
                    detail=text(f"「{document.title}」は{problem[1]}", f'"{document.title}" {problem[2]}'),
                )
            )
    if len(valid) < needed:
        if not candidates:
            return CheckResult(
                kind="document",
                outcome=Outcome.FAIL,
                reason="evidence_missing",
                message=text(
                    f"種別「{kinds_ja}」の文書が提出されていない。",
                    f"No document of type {kinds} was supplied.",
                ),
                measured="0",
                required=f">= {needed}",
                values=[Quantity(value=0, unit="documents")],
                bound=Bound(min=needed, unit="documents"),
            )
        invalid = [d for d in candidates if d not in valid]
        first_problem = _problem(invalid[0], spec, ctx) if invalid else None
        return CheckResult(
            kind="document",
            outcome=Outcome.FAIL,
            reason=first_problem[0] if first_problem else "too_few_documents",
            message=text(
                f"種別「{kinds_ja}」の有効な文書は {len(valid)} 件（必要 {needed} 件）。"
                + " ".join(f.detail.ja for f in failing),
                f"{len(valid)} valid document(s) of type {kinds} (required {needed}). "
                + " ".join(f.detail.en for f in failing),
            ),
            measured=str(len(valid)),
            required=f">= {needed}",
            values=[Quantity(value=len(valid), unit="documents")],
            bound=Bound(min=needed, unit="documents"),
            evidence=evidence,
            failing=failing,
        )
    valid_refs = [ctx.document_ref(d) for d in valid]
    if spec.topics is not None:
        declared = {t for d in valid for t in d.topics}
        missing = [t for t in spec.topics.all_of if t not in declared]
        chosen = [t for t in spec.topics.any_of if t in declared]
        short = len(chosen) < spec.topics.min_any if spec.topics.any_of else False
        if missing or short:
            gaps = [
                FailingItem(
                    subject=t,
                    detail=text(
                        f"トピック「{term('topic', t, 'ja')}」が扱われていない", f"topic {t} is not covered"
                    ),
                )
                for t in missing
            ]
            if short:
                options = ", ".join(spec.topics.any_of)
                options_ja = terms("topic", list(spec.topics.any_of), "ja")
                gaps.append(
                    FailingItem(
                        subject="any_of",
                        detail=text(
                            f"{options_ja} のうち {spec.topics.min_any} 件以上が必要"
                            f"（現在 {len(chosen)} 件）",
                            f"at least {spec.topics.min_any} of {options} required ({len(chosen)} covered)",
                        ),
                    )
                )
            return CheckResult(
                kind="document",
                outcome=Outcome.FAIL,
                reason="topics_missing",
                message=text(
                    "文書が必要なトピックを網羅していない: " + "; ".join(g.detail.ja for g in gaps),
                    "The documents do not cover the required topics: " + "; ".join(g.detail.en for g in gaps),
                ),
                measured=", ".join(sorted(declared)) or "-",
                required=_required_topics(spec),
                evidence=valid_refs,
                failing=gaps,
            )
    if spec.sections:
        readable = [d for d in valid if Path(d.path).suffix.lower() in _TEXT_SUFFIXES]
        if not readable:
            return CheckResult(
                kind="document",
                outcome=Outcome.WARN,
                reason="sections_not_checkable",
                message=text(
                    "文書がMarkdown／テキストでないため、必須の節を自動確認できない。",
                    "The documents are not Markdown or text, "
                    "so their required sections could not be checked.",
                ),
                evidence=valid_refs,
            )
        titles = [h for d in readable for h in headings(ctx.bundle.document_file(d.id))]
        absent = [s for s in spec.sections if not _has_section(s, titles)]
        if absent:
            gaps = [
                FailingItem(
                    subject=s.name.en,
                    detail=text(f"節「{s.name.ja}」がない", f'no "{s.name.en}" section'),
                )
                for s in absent
            ]
            found = len(spec.sections) - len(absent)
            return CheckResult(
                kind="document",
                outcome=Outcome.FAIL,
                reason="sections_missing",
                message=text(
                    "必須の節が見つからない: " + "、".join(s.name.ja for s in absent),
                    "Required sections are missing: " + ", ".join(s.name.en for s in absent),
                ),
                measured=f"{len(spec.sections) - len(absent)}/{len(spec.sections)}",
                required=f"{len(spec.sections)}/{len(spec.sections)}",
                values=[Quantity(value=found, unit="sections", out_of=len(spec.sections))],
                bound=Bound(min=len(spec.sections), unit="sections"),
                evidence=valid_refs,
                failing=gaps,
            )
    names = "、".join(f"「{d.title}」" for d in valid)
    return CheckResult(
        kind="document",
        outcome=Outcome.PASS,
        reason="evidence_sufficient",
        message=text(
            f"有効な文書 {names} を確認した。",
            "Valid document(s) found: " + ", ".join(f'"{d.title}"' for d in valid) + ".",
        ),
        measured=str(len(valid)),
        required=f">= {needed}",
        values=[Quantity(value=len(valid), unit="documents")],
        bound=Bound(min=needed, unit="documents"),
        evidence=valid_refs,
    )


def _required_topics(spec: DocumentCheckSpec) -> str:
    assert spec.topics is not None
    parts = list(spec.topics.all_of)
    if spec.topics.any_of:
        parts.append(f"{spec.topics.min_any} of ({', '.join(spec.topics.any_of)})")
    return " + ".join(parts)


def docs_line(spec: DocumentCheckSpec, _lang: str) -> str:
    """Line describing a ``document`` check in the rule reference (``docs/rules``)."""
    return f"`document`: {', '.join(spec.types)}"


KIND = CheckKind(
    name="document",
    spec=DocumentCheckSpec,
    evaluate=evaluate,
    docs_line=docs_line,
)
"""The ``document`` check kind, registered in :mod:`ccc_audit.checks.registry`."""
