"""``periodic`` check: a recurring activity occurs at least n times in every window of the period."""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import Field

from ccc_audit.checks.base import CheckContext, records_missing
from ccc_audit.checks.entity_counts import window_days
from ccc_audit.checks.kind import CheckKind
from ccc_audit.i18n.text import text
from ccc_audit.models.calendar import WINDOW_NAMES_JA, Span, window_of, windows_in
from ccc_audit.models.checks import CheckSpecBase, CountValue, RowFilter, WindowValue
from ccc_audit.models.common import Identifier, Localized, StrictModel, Window
from ccc_audit.models.result import Bound, CheckResult, EvidenceRef, FailingItem, Outcome, Quantity
from ccc_audit.records.quoting import quote_ident
from ccc_audit.records.sql import where


class DocumentSource(StrictModel):
    """Dated documents of given types; the effective date is the occurrence date."""

    documents: list[Identifier] = Field(min_length=1, description="Document types counted.")


class RecordSource(StrictModel):
    """Dated rows of a record set."""

    records: Identifier = Field(description="Record set name in the bundle manifest.")
    date_column: str = Field(min_length=1, description="Column holding the occurrence date.")
    where: list[RowFilter] = Field(default_factory=list, description="Row filters, all applied.")


class PeriodicCheckSpec(CheckSpecBase):
    """A recurring activity occurs at least n times in every window of the audit period."""

    kind: Literal["periodic"] = Field(description="Check kind.")
    activity: Localized = Field(description="What the activity is, for findings.")
    source: DocumentSource | RecordSource = Field(description="Where occurrences come from.")
    window: WindowValue = Field(description="week, month, quarter or year.")
    min_count: CountValue = Field(default=1, description="Occurrences needed in every window.")


def _document_counts(
    source: DocumentSource, ctx: CheckContext, window: Window
) -> tuple[Counter[str], list[EvidenceRef]]:
    documents = [d for d in ctx.bundle.model.documents if d.type in source.documents]
    start, end = ctx.period
    dated = [d.effective_date or d.approved_on for d in documents]
    counts = Counter(
        window_of(d, window, ctx.anchor).label for d in dated if d is not None and start <= d <= end
    )
    return counts, [ctx.document_ref(d) for d in documents] or [ctx.section_ref("documents")]


def _record_counts(source: RecordSource, ctx: CheckContext, spans: list[Span], rule: str) -> Counter[str]:
    store = ctx.records
    store.require(source.records, [source.date_column, *(f.column for f in source.where)], f"rule {rule}")
    date = quote_ident(source.date_column)
    rows = store.query(
        f"SELECT m.label, count(*) FROM {quote_ident(source.records)} r JOIN ({window_days(spans)}) m "
        f"ON m.day = CAST(r.{date} AS DATE) WHERE {where(store, source.records, source.where, 'r')} "
        "GROUP BY m.label"
    )
    return Counter({label: int(n) for label, n in rows})


def evaluate(spec: PeriodicCheckSpec, ctx: CheckContext) -> CheckResult:
    """Evaluate a periodic check."""
    window = ctx.window(spec.window)
    needed = ctx.count(spec.min_count)
    start, end = ctx.period
    spans = windows_in(start, end, window, ctx.anchor)
    source = spec.source
    if isinstance(source, RecordSource) and not ctx.records.has(source.records):
        return records_missing("periodic", [source.records], f">= {needed} per {window.value}")
    if not spans:
        return CheckResult(
            kind="periodic",
            outcome=Outcome.NOT_ASSESSED,
            reason="period_too_short",
            message=text(
                f"監査期間に完全な{WINDOW_NAMES_JA[window]}の区間がない。",
                f"The audit period holds no whole {window.value}.",
            ),
        )
    if isinstance(source, DocumentSource):
        counts, evidence = _document_counts(source, ctx, window)
    else:
        counts, evidence = _record_counts(source, ctx, spans, ctx.rule_id), [ctx.records_ref(source.records)]
    short = [s for s in spans if counts[s.label] < needed]
    activity = spec.activity
    if short:
        labels = ", ".join(s.label for s in short)
        return CheckResult(
            kind="periodic",
            outcome=Outcome.FAIL,
            reason="missing_windows",
            message=text(
                f"{activity.ja}が実施されていない期間: {labels}（各期間 {needed} 回以上が必要）",
                f"No {activity.en} in {labels} (at least {needed} required in every {window.value}).",
            ),
            measured=f"{len(spans) - len(short)}/{len(spans)} {window.value}s",
            values=[Quantity(value=len(spans) - len(short), unit=f"{window.value}s", out_of=len(spans))],
            bound=Bound(min=len(spans), unit=f"{window.value}s"),
            required=f">= {needed} per {window.value}",
            evidence=evidence,
            failing=[
                FailingItem(
                    subject=s.label,
                    detail=text(f"{counts[s.label]} 回", f"{counts[s.label]} occurrence(s)"),
                )
                for s in short
            ],
            population=len(spans),
            failing_count=len(short),
        )
    return CheckResult(
        kind="periodic",
        outcome=Outcome.PASS,
        reason="all_windows_covered",
        message=text(
            f"{activity.ja}は全 {len(spans)} 期間で実施されている。",
            f"{activity.en.capitalize()} occurred in all {len(spans)} {window.value}s.",
        ),
        measured=f"{len(spans)}/{len(spans)} {window.value}s",
        values=[Quantity(value=len(spans), unit=f"{window.value}s", out_of=len(spans))],
        bound=Bound(min=len(spans), unit=f"{window.value}s"),
        required=f">= {needed} per {window.value}",
        evidence=evidence,
        population=len(spans),
        failing_count=0,
    )


def docs_line(spec: PeriodicCheckSpec, lang: str) -> str:
    """Line describing a ``periodic`` check in the rule reference (``docs/rules``)."""
    return f"`periodic`: {spec.activity.get(lang)} ({spec.min_count} / {spec.window})"


KIND = CheckKind(
    name="periodic",
    spec=PeriodicCheckSpec,
    evaluate=evaluate,
    docs_line=docs_line,
)
"""The ``periodic`` check kind, registered in :mod:`ccc_audit.checks.registry`."""
