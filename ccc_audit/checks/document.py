"""``document`` check: controlled documents present, approved, current, covering topics and sections."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from ccc_audit.checks.base import CheckContext
from ccc_audit.checks.kind import CheckKind
from ccc_audit.checks.sections import Found, Missing, Outline, locate, place_text, section_id
from ccc_audit.files.heading import Heading, OutlineError
from ccc_audit.files.outline import read_outline, readable
from ccc_audit.i18n.text import text
from ccc_audit.i18n.vocabulary import term, terms
from ccc_audit.models.bundle import Document
from ccc_audit.models.checks import CheckSpecBase, CountValue
from ccc_audit.models.common import Identifier, Localized, StrictModel
from ccc_audit.models.result import Bound, CheckResult, EvidenceRef, FailingItem, Outcome, Quantity


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
    """A section a document must contain, matched by heading text or cited in bundle.yaml."""

    id: Identifier | None = Field(
        default=None,
        description="Id an auditor cites the section by in documents[].sections; "
        "by default the English name in snake case (long outage -> long_outage).",
    )
    name: Localized = Field(description="How the section is named in findings.")
    headings: list[str] = Field(
        min_length=1,
        description="Accepted heading texts and synonyms, either language; compared after NFKC, "
        "case folding and removing whitespace, each may occur anywhere in a heading.",
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
        default_factory=list,
        description="Sections required in the documents (Markdown, text, DOCX, PDF, PPTX, XLSX).",
    )

    def document_sections(self) -> dict[str, set[str]]:
        """Document type → ids of the sections required in documents of that type."""
        keys = {section_id(s.name, s.id) for s in self.sections}
        return {t: set(keys) for t in self.types} if keys else {}


def _problems(document: Document, spec: DocumentCheckSpec, ctx: CheckContext) -> list[tuple[str, str, str]]:
    """Every (reason, ja, en) why a document does not count; empty when it does."""
    found: list[tuple[str, str, str]] = []
    if spec.require_approved and not (document.approved_by and document.approved_on):
        found.append(
            ("not_approved", "承認記録（承認者・承認日）がない", "has no approval record (approver and date)")
        )
    if spec.require_current:
        if document.effective_date and document.effective_date > ctx.as_of:
            found.append(
                (
                    "not_yet_effective",
                    f"発効日 {document.effective_date} が評価基準日より後",
                    f"takes effect only on {document.effective_date}",
                )
            )
        if document.next_review_date is None:
            found.append(("review_date_missing", "次回見直し日が記載されていない", "has no next review date"))
        elif document.next_review_date < ctx.as_of:
            found.append(
                (
                    "evidence_expired",
                    f"次回見直し日 {document.next_review_date} を過ぎている",
                    f"was due for review on {document.next_review_date}",
                )
            )
    return found


def _outline(document: Document, ctx: CheckContext) -> Outline:
    path = ctx.bundle.document_file(document.id)
    headings, error = _read(path, ctx.bundle.document_sha256(document.id))
    return Outline(document, headings, error)


@lru_cache(maxsize=64)
def _read(path: Path, _content_hash: str | None) -> tuple[list[Heading] | None, str | None]:
    """Headings of a file, read once per content (the hash is the cache key: rules share documents)."""
    try:
        return read_outline(path), None
    except OutlineError as exc:
        return None, str(exc)[:300]


@dataclass
class _Sections:
    """What the section search found across the documents examined."""

    found: list[Found]
    missing: list[Missing]
    unreadable: list[Outline]
    checkable: bool


def _sections(spec: DocumentCheckSpec, pool: list[Document], ctx: CheckContext) -> _Sections:
    outlines = [_outline(d, ctx) for d in pool if readable(d.path)]
    read = [o for o in outlines if o.headings is not None]
    located = [locate(section_id(s.name, s.id), s.name, s.headings, read) for s in spec.sections]
    return _Sections(
        found=[r for r in located if isinstance(r, Found)],
        missing=[r for r in located if isinstance(r, Missing)],
        unreadable=[o for o in outlines if o.headings is None],
        checkable=bool(outlines),
    )


def _section_items(result: _Sections) -> list[FailingItem]:
    items = [
        FailingItem(
            subject=o.document.id,
            detail=text(
                f"「{o.document.title}」（{o.document.path}）を読めない: {o.error}",
                f'"{o.document.title}" ({o.document.path}) cannot be read: {o.error}',
            ),
        )
        for o in result.unreadable
    ]
    items.extend(FailingItem(subject=m.name.en, detail=m.detail, label=m.name) for m in result.missing)
    return items


def _topic_gaps(spec: DocumentCheckSpec, pool: list[Document]) -> tuple[set[str], list[FailingItem]]:
    declared = {t for d in pool for t in d.topics}
    if spec.topics is None:
        return declared, []
    gaps = [
        FailingItem(
            subject=t,
            detail=text(f"トピック「{term('topic', t, 'ja')}」が扱われていない", f"topic {t} is not covered"),
            label=text(term("topic", t, "ja"), term("topic", t, "en")),
        )
        for t in spec.topics.all_of
        if t not in declared
    ]
    chosen = [t for t in spec.topics.any_of if t in declared]
    if spec.topics.any_of and len(chosen) < spec.topics.min_any:
        options = ", ".join(spec.topics.any_of)
        options_ja = terms("topic", list(spec.topics.any_of), "ja")
        gaps.append(
            FailingItem(
                subject="any_of",
                label=text("いずれかのトピック", "any of the topics"),
                detail=text(
                    f"{options_ja} のうち {spec.topics.min_any} 件以上が必要（現在 {len(chosen)} 件）",
                    f"at least {spec.topics.min_any} of {options} required ({len(chosen)} covered)",
                ),
            )
        )
    return declared, gaps


def _refs(documents: list[Document], sections: _Sections | None, ctx: CheckContext) -> list[EvidenceRef]:
    """Evidence references, each document's carrying where its required sections are."""
    refs: list[EvidenceRef] = []
    for document in documents:
        ref = ctx.document_ref(document)
        located = [f.location for f in (sections.found if sections else []) if f.document.id == document.id]
        refs.append(ref.model_copy(update={"sections": located}) if located else ref)
    return refs


def _where(sections: _Sections | None) -> tuple[str, str]:
    """`` 節の位置: …`` / `` Sections found: …`` naming each found heading and its place."""
    if sections is None or not sections.found:
        return "", ""
    ja, en = [], []
    for f in sections.found:
        place = place_text(f.location)
        ja.append(f"{f.name.ja}「{f.location.heading}」（{f.document.id}、{place.ja}）")
        en.append(f'{f.name.en} "{f.location.heading}" ({f.document.id}, {place.en})')
    return "節の位置: " + "、".join(ja) + "。", " Sections found: " + "; ".join(en) + "."


def _missing_documents(kinds: str, kinds_ja: str, needed: int) -> CheckResult:
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


def evaluate(spec: DocumentCheckSpec, ctx: CheckContext) -> CheckResult:
    """Evaluate a document check, reporting every problem of every document at once."""
    kinds = ", ".join(spec.types)
    kinds_ja = terms("document_type", list(spec.types), "ja")
    needed = ctx.count(spec.min_count)
    candidates = [d for d in ctx.bundle.model.documents if d.type in spec.types]
    if not candidates:
        return _missing_documents(kinds, kinds_ja, needed)
    problems = {d.id: _problems(d, spec, ctx) for d in candidates}
    valid = [d for d in candidates if not problems[d.id]]
    pool = valid or candidates  # with no valid document, still say what else is wrong
    declared, topic_gaps = _topic_gaps(spec, pool)
    sections = _sections(spec, pool, ctx) if spec.sections else None
    section_items = _section_items(sections) if sections else []
    where_ja, where_en = _where(sections)
    evidence = _refs(candidates if len(valid) < needed else valid, sections, ctx)
    if len(valid) < needed:
        failing = [
            FailingItem(subject=d.id, detail=text(f"「{d.title}」は{p[1]}", f'"{d.title}" {p[2]}'))
            for d in candidates
            for p in problems[d.id]
        ]
        first = next((problems[d.id][0] for d in candidates if problems[d.id]), None)
        failing += topic_gaps + section_items
        return CheckResult(
            kind="document",
            outcome=Outcome.FAIL,
            reason=first[0] if first else "too_few_documents",
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
    if topic_gaps:
        gaps = topic_gaps + section_items
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
            evidence=evidence,
            failing=gaps,
        )
    if sections is not None and not sections.checkable:
        return CheckResult(
            kind="document",
            outcome=Outcome.WARN,
            reason="sections_not_checkable",
            message=text(
                "文書の形式（Markdown、テキスト、DOCX、PDF、PPTX、XLSX 以外）"
                "から必須の節を自動確認できない。",
                "The documents are in a format whose headings cannot be read (not Markdown, text, "
                "DOCX, PDF, PPTX or XLSX), so their required sections could not be checked.",
            ),
            evidence=evidence,
        )
    if sections is not None and sections.missing:
        return _sections_result(spec, sections, section_items, (where_ja, where_en), evidence)
    names = "、".join(f"「{d.title}」" for d in valid)
    return CheckResult(
        kind="document",
        outcome=Outcome.PASS,
        reason="evidence_sufficient",
        message=text(
            f"有効な文書 {names} を確認した。" + where_ja,
            "Valid document(s) found: " + ", ".join(f'"{d.title}"' for d in valid) + "." + where_en,
        ),
        measured=str(len(valid)),
        required=f">= {needed}",
        values=[Quantity(value=len(valid), unit="documents")],
        bound=Bound(min=needed, unit="documents"),
        evidence=evidence,
    )


def _sections_result(
    spec: DocumentCheckSpec,
    sections: _Sections,
    items: list[FailingItem],
    where: tuple[str, str],
    evidence: list[EvidenceRef],
) -> CheckResult:
    """Sections missing: ``fail``, or ``not_assessed`` when an unreadable document may hold them."""
    plain = {m.name.en for m in sections.missing if not m.cited}
    notes = [i for i in items if i.subject not in plain]  # unreadable files, absent cited headings
    total = len(spec.sections)
    found = total - len(sections.missing)
    undecided = bool(sections.unreadable)
    lead_ja = "読めない文書があり、必須の節を確認できない: " if undecided else "必須の節が見つからない: "
    lead_en = (
        "A document could not be read, so required sections could not be checked: "
        if undecided
        else "Required sections are missing: "
    )
    return CheckResult(
        kind="document",
        outcome=Outcome.NOT_ASSESSED if undecided else Outcome.FAIL,
        reason="document_unreadable" if undecided else "sections_missing",
        message=text(
            lead_ja
            + "、".join(m.name.ja for m in sections.missing)
            + "。"
            + "".join(f"{i.detail.ja}。" for i in notes)
            + where[0],
            lead_en
            + ", ".join(m.name.en for m in sections.missing)
            + "."
            + "".join(f" {i.detail.en}." for i in notes)
            + where[1],
        ),
        measured=f"{found}/{total}",
        required=f"{total}/{total}",
        values=[Quantity(value=found, unit="sections", out_of=total)],
        bound=Bound(min=total, unit="sections"),
        evidence=evidence,
        failing=items,
    )


def _required_topics(spec: DocumentCheckSpec) -> str:
    assert spec.topics is not None
    parts = list(spec.topics.all_of)
    if spec.topics.any_of:
        parts.append(f"{spec.topics.min_any} of ({', '.join(spec.topics.any_of)})")
    return " + ".join(parts)


def docs_line(spec: DocumentCheckSpec, _lang: str) -> str:
    """Line describing a ``document`` check in the rule reference (``docs/rules``)."""
    line = f"`document`: {', '.join(spec.types)}"
    if spec.sections:
        line += "; sections " + ", ".join(f"`{section_id(s.name, s.id)}`" for s in spec.sections)
    return line


KIND = CheckKind(
    name="document",
    spec=DocumentCheckSpec,
    evaluate=evaluate,
    docs_line=docs_line,
)
"""The ``document`` check kind, registered in :mod:`ccc_audit.checks.registry`."""
