"""``per_entity_frequency`` check: every member of a population has n events in each window.

Compiled to one SQL query over the record store: the population (with its presence dates), the
windows each entity must be covered in (calendar windows, or windows counted from its start
date during its first months), optionally each value of a partition column, and the events.
"""

from __future__ import annotations

from typing import Any

from ccc_audit.checks.base import CheckContext, records_missing, text
from ccc_audit.models.calendar import WINDOW_NAMES_JA, windows_in
from ccc_audit.models.checks import PerEntityFrequencyCheckSpec
from ccc_audit.models.common import Window
from ccc_audit.models.result import CheckResult, FailingItem, Outcome
from ccc_audit.records.readers import quote_ident, quote_text
from ccc_audit.records.sql import spans_values, where

_STEP = {
    Window.WEEK: "INTERVAL 7 DAY",
    Window.MONTH: "INTERVAL 1 MONTH",
    Window.QUARTER: "INTERVAL 3 MONTH",
    Window.YEAR: "INTERVAL 1 YEAR",
}


def _population_sql(spec: PerEntityFrequencyCheckSpec, ctx: CheckContext) -> str:
    pop = spec.population
    store = ctx.records
    start = f"CAST({quote_ident(pop.start_column)} AS DATE)" if pop.start_column else "NULL::DATE"
    end = f"CAST({quote_ident(pop.end_column)} AS DATE)" if pop.end_column else "NULL::DATE"
    group = (
        f", CAST({quote_ident(spec.partition.observed_within)} AS VARCHAR) AS grp"
        if spec.partition and spec.partition.observed_within
        else ""
    )
    return (
        f"SELECT CAST({quote_ident(pop.id_column)} AS VARCHAR) AS entity, {start} AS s, {end} AS e, "
        f"{store.line_expr(pop.records)} AS line{group} FROM {quote_ident(pop.records)} "
        f"WHERE {quote_ident(pop.id_column)} IS NOT NULL AND {where(store, pop.records, pop.where)}"
    )


def _required_sql(spec: PerEntityFrequencyCheckSpec, ctx: CheckContext, window: Window) -> str | None:
    start, end = ctx.period
    group = ", p.grp" if spec.partition and spec.partition.observed_within else ""
    if spec.tenure is None:
        spans = windows_in(start, end, window)
        if not spans:
            return None
        present = (
            "(p.s IS NULL OR p.s <= w.ws) AND (p.e IS NULL OR w.we <= p.e)"
            if spec.full_windows_only
            else "(p.s IS NULL OR p.s <= w.we) AND (p.e IS NULL OR w.ws <= p.e)"
        )
        windows = spans_values(spans)
        return f"SELECT DISTINCT p.entity, w.label, w.ws, w.we{group} FROM pop p JOIN {windows} ON {present}"
    step = _STEP[window]
    months = spec.tenure.months
    return (
        f"SELECT DISTINCT p.entity, 'from ' || strftime(p.s, '%Y-%m-%d') || ' #' || (g.k + 1) AS label, "
        f"CAST(p.s + g.k * {step} AS DATE) AS ws, "
        f"CAST(p.s + (g.k + 1) * {step} - INTERVAL 1 DAY AS DATE) AS we{group} "
        f"FROM pop p, generate_series(0, 400) AS g(k) "
        f"WHERE p.s IS NOT NULL AND p.s + (g.k + 1) * {step} <= p.s + INTERVAL {months} MONTH "
        f"AND p.s + g.k * {step} >= DATE '{start}' "
        f"AND p.s + (g.k + 1) * {step} - INTERVAL 1 DAY <= DATE '{end}' "
        f"AND (p.e IS NULL OR p.s + (g.k + 1) * {step} - INTERVAL 1 DAY <= p.e)"
    )


def _query(
    spec: PerEntityFrequencyCheckSpec, ctx: CheckContext, window: Window, needed: int
) -> tuple[str, str] | None:
    store = ctx.records
    ev = spec.events
    required = _required_sql(spec, ctx, window)
    if required is None:
        return None
    start, end = ctx.period
    part = spec.partition
    part_col = f", CAST({quote_ident(part.column)} AS VARCHAR) AS part" if part else ""
    events = (
        f"SELECT CAST({quote_ident(ev.entity_column)} AS VARCHAR) AS entity, "
        f"CAST({quote_ident(ev.date_column)} AS DATE) AS d"
        f"{part_col} FROM {quote_ident(ev.records)} WHERE {quote_ident(ev.date_column)} IS NOT NULL "
        f"AND CAST({quote_ident(ev.date_column)} AS DATE) BETWEEN DATE '{start}' AND DATE '{end}' "
        f"AND {where(store, ev.records, ev.where)}"
    )
    if part is None:
        expanded, join_part = "SELECT *, NULL::VARCHAR AS part FROM req", ""
    elif part.values:
        values = ", ".join(f"({quote_text(v)})" for v in part.values)
        expanded, join_part = (
            f"SELECT req.*, v.part FROM req, (VALUES {values}) AS v(part)",
            " AND ev.part = r.part",
        )
    else:
        within = quote_ident(part.observed_within or "")
        expanded = (
            f"SELECT req.*, o.part FROM req JOIN (SELECT DISTINCT CAST({within} AS VARCHAR) AS grp, "
            f"CAST({quote_ident(part.column)} AS VARCHAR) AS part FROM {quote_ident(ev.records)} "
            f"WHERE {quote_ident(part.column)} IS NOT NULL AND CAST({quote_ident(ev.date_column)} AS DATE) "
            f"BETWEEN DATE '{start}' AND DATE '{end}' AND {where(store, ev.records, ev.where)}) o USING (grp)"
        )
        join_part = " AND ev.part = r.part"
    population = _population_sql(spec, ctx)
    base = f"WITH pop AS ({population}), req AS ({required}), need AS ({expanded}), ev AS ({events})"
    failing = (
        f"{base}, cnt AS (SELECT r.entity, r.label, r.ws, r.part, count(ev.d) AS n FROM need r LEFT JOIN ev "
        f"ON ev.entity = r.entity{join_part} AND ev.d BETWEEN r.ws AND r.we GROUP BY ALL) "
        "SELECT c.entity, c.label, c.part, c.n, "
        "(SELECT min(line) FROM pop WHERE pop.entity = c.entity) AS line "
        f"FROM cnt c WHERE c.n < {needed} ORDER BY c.entity, c.ws, c.part"
    )
    total = f"{base} SELECT count(DISTINCT entity) FROM need"
    return failing, total


def needs(spec: PerEntityFrequencyCheckSpec) -> dict[str, list[str]]:
    """Record sets the check reads, with the columns it needs in each."""
    pop, ev, part = spec.population, spec.events, spec.partition
    extra_pop = [part.observed_within] if part and part.observed_within else []
    needed = {
        pop.records: [
            pop.id_column,
            *(f.column for f in pop.where),
            *(c for c in (pop.start_column, pop.end_column) if c),
            *extra_pop,
        ]
    }
    needed.setdefault(ev.records, []).extend(
        [
            ev.entity_column,
            ev.date_column,
            *(f.column for f in ev.where),
            *([part.column] if part else []),
            *extra_pop,
        ]
    )
    return needed


def evaluate(spec: PerEntityFrequencyCheckSpec, ctx: CheckContext) -> CheckResult:
    """Evaluate a per-entity frequency check."""
    window = ctx.window(spec.window)
    needed = ctx.count(spec.min_count)
    store = ctx.records
    pop, ev = spec.population, spec.events
    absent = [n for n in dict.fromkeys((pop.records, ev.records)) if not store.has(n)]
    required_text = f">= {needed} per {window.value}"
    if absent:
        return records_missing("per_entity_frequency", absent, required_text)
    for name, columns in needs(spec).items():
        store.require(name, columns, f"rule {ctx.rule_id}")
    queries = _query(spec, ctx, window, needed)
    activity = spec.activity
    if queries is None:
        return CheckResult(
            kind="per_entity_frequency",
            outcome=Outcome.NOT_APPLICABLE,
            reason="period_too_short",
            message=text(
                f"監査期間に完全な{WINDOW_NAMES_JA[window]}の区間がない。",
                f"The audit period holds no whole {window.value}.",
            ),
        )
    failing_rows = store.query(queries[0])
    total_row = store.query(queries[1])
    total = int(total_row[0][0]) if total_row else 0
    return _result(spec, ctx, window, needed, failing_rows, total, activity)


def _result(
    spec: PerEntityFrequencyCheckSpec,
    ctx: CheckContext,
    window: Window,
    needed: int,
    rows: list[tuple[Any, ...]],
    total: int,
    activity: Any,
) -> CheckResult:
    short: dict[str, list[str]] = {}
    lines: dict[str, int] = {}
    for entity, label, part, count, line in rows:
        shown = f"{label}{f' {part}' if part is not None else ''} ({count}/{needed})"
        short.setdefault(entity, []).append(shown)
        lines[entity] = int(line)
    failing = [
        FailingItem(subject=entity, detail=text(f"不足: {', '.join(items)}", f"short in {', '.join(items)}"))
        for entity, items in short.items()
    ]
    pop = spec.population
    evidence = [
        ctx.records_ref(pop.records, list(lines.values()), list(short)),
        ctx.records_ref(spec.events.records),
    ]
    unit = (
        window.value if spec.tenure is None else f"{window.value} of the first {spec.tenure.months} month(s)"
    )
    unit_ja = (
        WINDOW_NAMES_JA[window]
        if spec.tenure is None
        else f"最初の{spec.tenure.months}か月の各{WINDOW_NAMES_JA[window]}"
    )
    scope = f" for each {spec.partition.column}" if spec.partition else ""
    scope_ja = f"（{spec.partition.column}ごと）" if spec.partition else ""
    required = (
        f">= {needed} per {window.value}{scope}, every {window.value}"
        if spec.tenure is None
        else f">= {needed} per {unit}{scope}"
    )
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
                f"{unit_ja}ごとの{activity.ja}{scope_ja}が {needed} 回に満たない期間がある。",
                f"{len(failing)} of {total} ({share:.0%}) fall short of {needed} {activity.en} "
                f"per {unit}{scope} at least once.",
            ),
            measured=f"{total - len(failing)}/{total} met",
            required=required,
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
            f"対象 {total} 名全員が{unit_ja}ごとに {needed} 回以上の{activity.ja}{scope_ja}を受けている。",
            f"All {total} had at least {needed} {activity.en} per {unit}{scope}.",
        ),
        measured=f"{total}/{total} met",
        required=required,
        evidence=evidence,
        population=total,
        failing_count=0,
    )
