"""``per_entity_frequency`` check: every member of a population has n events in each window.

This is the record-based check of the core engine: it reads only through the
:class:`~ccc_audit.records.store.RecordStore` interface.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ccc_audit.checks.base import CheckContext, text
from ccc_audit.engine.calendar import WINDOW_NAMES_JA, Span, window_of, windows_in
from ccc_audit.models.checks import PerEntityFrequencyCheckSpec
from ccc_audit.models.result import CheckResult, FailingItem, Outcome


def _present(span: Span, start: dt.date | None, end: dt.date | None, whole: bool) -> bool:
    if whole:
        return (start is None or start <= span.start) and (end is None or span.end <= end)
    return (start is None or start <= span.end) and (end is None or span.start <= end)


def evaluate(spec: PerEntityFrequencyCheckSpec, ctx: CheckContext) -> CheckResult:
    """Evaluate a per-entity frequency check."""
    window = ctx.window(spec.window)
    needed = ctx.count(spec.min_count)
    roster = ctx.records.table(spec.population.records)
    events = ctx.records.table(spec.events.records)
    absent = [n for n, t in ((spec.population.records, roster), (spec.events.records, events)) if t is None]
    if roster is None or events is None:
        return CheckResult(
            kind="per_entity_frequency",
            outcome=Outcome.FAIL,
            reason="evidence_missing",
            message=text(
                f"記録セット {', '.join(absent)} が提出されていない。",
                f"Record set(s) {', '.join(absent)} not supplied.",
            ),
            required=f">= {needed} per {window.value}",
        )
    pop = spec.population
    ids = roster.values(pop.id_column)
    starts = roster.dates(pop.start_column) if pop.start_column else [None] * len(ids)
    ends = roster.dates(pop.end_column) if pop.end_column else [None] * len(ids)
    keep = roster.mask(pop.where)
    period_start, period_end = ctx.period
    spans = windows_in(period_start, period_end, window)
    members: dict[str, tuple[list[Span], int]] = {}
    for entity, start, end, kept, line in zip(ids, starts, ends, keep, roster.lines, strict=True):
        if kept and entity:
            required = [s for s in spans if _present(s, start, end, spec.full_windows_only)]
            if required:
                members[entity] = (required, line)
    who = spec.events.entity_column
    counts = Counter(
        (entity, window_of(day, window).label)
        for entity, day, kept in zip(
            events.values(who),
            events.dates(spec.events.date_column),
            events.mask(spec.events.where),
            strict=True,
        )
        if kept and day is not None and period_start <= day <= period_end
    )
    failing: list[FailingItem] = []
    rows: list[int] = []
    for entity in sorted(members):
        required, line = members[entity]
        short = [s for s in required if counts[(entity, s.label)] < needed]
        if short:
            rows.append(line)
            listed = ", ".join(f"{s.label} ({counts[(entity, s.label)]}/{needed})" for s in short)
            failing.append(FailingItem(subject=entity, detail=text(f"不足: {listed}", f"short in {listed}")))
    evidence = [
        ctx.records_ref(pop.records, rows, [item.subject for item in failing]),
        ctx.records_ref(spec.events.records),
    ]
    activity = spec.activity
    total = len(members)
    if total == 0:
        return CheckResult(
            kind="per_entity_frequency",
            outcome=Outcome.NOT_APPLICABLE,
            reason="population_empty",
            message=text(
                f"{activity.ja}の対象者が期間内にいない。",
                f"No one in the population for {activity.en} during the period.",
            ),
            evidence=evidence,
            population=0,
            failing_count=0,
        )
    if failing:
        share = len(failing) / total
        return CheckResult(
            kind="per_entity_frequency",
            outcome=Outcome.FAIL,
            reason="threshold_breached",
            message=text(
                f"対象 {total} 名中 {len(failing)} 名（{share:.0%}）で、"
                f"{WINDOW_NAMES_JA[window]}ごとの{activity.ja}が {needed} 回に満たない期間がある。",
                f"{len(failing)} of {total} ({share:.0%}) fall short of {needed} {activity.en} "
                f"per {window.value} in at least one {window.value}.",
            ),
            measured=f"{total - len(failing)}/{total} met",
            required=f">= {needed} per {window.value}, every {window.value}",
            evidence=evidence,
            failing=failing,
            population=total,
            failing_count=len(failing),
        )
    return CheckResult(
        kind="per_entity_frequency",
        outcome=Outcome.PASS,
        reason="all_entities_met",
        message=text(
            f"対象 {total} 名全員が{WINDOW_NAMES_JA[window]}ごとに"
            f" {needed} 回以上の{activity.ja}を受けている。",
            f"All {total} had at least {needed} {activity.en} in every {window.value}.",
        ),
        measured=f"{total}/{total} met",
        required=f">= {needed} per {window.value}, every {window.value}",
        evidence=evidence,
        population=total,
        failing_count=0,
    )
