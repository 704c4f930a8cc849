"""``periodic`` check: a recurring activity occurs at least n times in every window of the period."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ccc_audit.checks.base import CheckContext, text
from ccc_audit.engine.calendar import WINDOW_NAMES_JA, window_of, windows_in
from ccc_audit.models.checks import DocumentSource, PeriodicCheckSpec
from ccc_audit.models.result import CheckResult, EvidenceRef, FailingItem, Outcome


def _occurrences(
    spec: PeriodicCheckSpec, ctx: CheckContext
) -> tuple[list[dt.date], list[EvidenceRef]] | None:
    source = spec.source
    if isinstance(source, DocumentSource):
        documents = [d for d in ctx.bundle.model.documents if d.type in source.documents]
        dated = [d.effective_date or d.approved_on for d in documents]
        return [d for d in dated if d is not None], [ctx.document_ref(d) for d in documents]
    table = ctx.records.table(source.records)
    if table is None:
        return None
    keep = table.mask(source.where)
    rows = zip(table.dates(source.date_column), keep, strict=True)
    return [d for d, k in rows if k and d is not None], [ctx.records_ref(source.records)]


def evaluate(spec: PeriodicCheckSpec, ctx: CheckContext) -> CheckResult:
    """Evaluate a periodic check."""
    window = ctx.window(spec.window)
    needed = ctx.count(spec.min_count)
    found = _occurrences(spec, ctx)
    if found is None:
        name = getattr(spec.source, "records", "")
        return CheckResult(
            kind="periodic",
            outcome=Outcome.FAIL,
            reason="evidence_missing",
            message=text(
                f"記録セット {name} が提出されていない。",
                f"The record set {name} was not supplied.",
            ),
            required=f">= {needed} per {window.value}",
        )
    dates, evidence = found
    start, end = ctx.period
    spans = windows_in(start, end, window)
    if not spans:
        return CheckResult(
            kind="periodic",
            outcome=Outcome.NOT_APPLICABLE,
            reason="period_too_short",
            message=text(
                f"監査期間に完全な{WINDOW_NAMES_JA[window]}の区間がない。",
                f"The audit period holds no whole {window.value}.",
            ),
        )
    counts = Counter(window_of(d, window).label for d in dates if start <= d <= end)
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
        required=f">= {needed} per {window.value}",
        evidence=evidence,
        population=len(spans),
        failing_count=0,
    )
