"""``per_entity_frequency`` check: every member of a population has n events in each window.

Compiled to one SQL query over the record store: the population (with its presence dates), the
windows each entity must be covered in (calendar windows, or windows counted from its start
date during its first months), optionally each value of a partition column, and the events.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from ccc_audit.checks.base import CheckContext, records_missing
from ccc_audit.checks.entity_counts import COUNT, ENTITY, LABEL, shared_rows, window_counts
from ccc_audit.checks.kind import CheckKind
from ccc_audit.checks.per_entity_gaps import entity_result, gap_query, rolling_result, shortfall_texts
from ccc_audit.checks.per_entity_parts import EventSpec, PartitionSpec, PopulationSpec, TenureSpec
from ccc_audit.i18n.text import text
from ccc_audit.models.calendar import WINDOW_NAMES_JA, windows_in
from ccc_audit.models.checks import CheckSpecBase, CountValue, WindowValue
from ccc_audit.models.common import Localized, Window
from ccc_audit.models.result import CheckResult, FailingItem, Outcome
from ccc_audit.records.quoting import quote_ident, quote_text
from ccc_audit.records.sql import spans_values, where


class PerEntityFrequencyCheckSpec(CheckSpecBase):
    """Each entity of a population has at least n events in every window it was present."""

    kind: Literal["per_entity_frequency"] = Field(description="Check kind.")
    activity: Localized = Field(description="What the events are, for findings.")
    population: PopulationSpec = Field(description="Who must have events.")
    events: EventSpec = Field(description="The events counted.")
    window: WindowValue = Field(description="week, month, quarter or year.")
    min_count: CountValue = Field(default=1, description="Events needed per entity per window.")
    full_windows_only: bool = Field(
        default=True,
        description="Only windows the entity spent entirely in the population are checked.",
    )
    tenure: TenureSpec | None = Field(
        default=None,
        description="Check windows counted from each entity's start date, in its first months only.",
    )
    partition: PartitionSpec | None = Field(
        default=None, description="Require min_count events for each value of a column."
    )
    rolling: bool = Field(
        default=False,
        description=(
            "At most one window's length (year: 12 months) between an entity's events, the first due "
            "one window after its start date or its last event before the period, instead of an event "
            "in every calendar or fiscal window. Needs min_count 1; no tenure or partition."
        ),
    )

    @model_validator(mode="after")
    def _rolling_alone(self) -> PerEntityFrequencyCheckSpec:
        if self.rolling and (self.min_count != 1 or self.tenure or self.partition):
            raise ValueError("rolling takes min_count 1 and no tenure or partition")
        return self


_STEP = {
    Window.WEEK: "INTERVAL 7 DAY",
    Window.MONTH: "INTERVAL 1 MONTH",
    Window.QUARTER: "INTERVAL 3 MONTH",
    Window.YEAR: "INTERVAL 1 YEAR",
}

_MOST = {
    Window.WEEK: lambda months: months * 31 // 7,
    Window.MONTH: lambda months: months,
    Window.QUARTER: lambda months: months // 3,
    Window.YEAR: lambda months: months // 12,
}
"""The most windows of each length that fit in a tenure of so many months (a month has <= 31 days)."""


def _population_sql(spec: PerEntityFrequencyCheckSpec, ctx: CheckContext) -> str:
    pop = spec.population
    store = ctx.records
    start = f"CAST({quote_ident(pop.start_column)} AS DATE)" if pop.start_column else "CAST(NULL AS DATE)"
    end = f"CAST({quote_ident(pop.end_column)} AS DATE)" if pop.end_column else "CAST(NULL AS DATE)"
    group = (
        f", CAST({quote_ident(spec.partition.observed_within)} AS VARCHAR) AS grp"
        if spec.partition and spec.partition.observed_within
        else ""
    )
    listed = (
        f"SELECT CAST({quote_ident(pop.id_column)} AS VARCHAR) AS entity, {start} AS s, {end} AS e, "
        f"{store.line_expr(pop.records)} AS line{group} FROM {quote_ident(pop.records)} "
        f"WHERE {quote_ident(pop.id_column)} IS NOT NULL AND {where(store, pop.records, pop.where)}"
    )
    # one row per presence: a population drawn from events (evaluators from the monitoring) repeats it
    grp = ", grp" if group else ""
    return shared_rows(
        store,
        f"SELECT entity, s, e, min(line) AS line{grp} FROM ({listed}) AS listed GROUP BY entity, s, e{grp}",
    )


def _required_sql(spec: PerEntityFrequencyCheckSpec, ctx: CheckContext, window: Window) -> str | None:
    start, end = ctx.period
    group = ", p.grp" if spec.partition and spec.partition.observed_within else ""
    if spec.tenure is None:
        spans = windows_in(start, end, window, ctx.anchor)
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
    last = max(_MOST[window](months) - 1, 0)  # no more windows than fit in the tenure
    return (
        f"SELECT DISTINCT p.entity, 'from ' || strftime(p.s, '%Y-%m-%d') || ' #' || (g.k + 1) AS label, "
        f"CAST(p.s + g.k * {step} AS DATE) AS ws, "
        f"CAST(p.s + (g.k + 1) * {step} - INTERVAL 1 DAY AS DATE) AS we{group} "
        f"FROM pop p, generate_series(0, {last}) AS g(k) "
        f"WHERE p.s IS NOT NULL AND p.s + (g.k + 1) * {step} <= p.s + INTERVAL {months} MONTH "
        f"AND p.s + g.k * {step} >= DATE '{start}' "
        f"AND p.s + (g.k + 1) * {step} - INTERVAL 1 DAY <= DATE '{end}' "
        f"AND (p.e IS NULL OR p.s + (g.k + 1) * {step} - INTERVAL 1 DAY <= p.e)"
    )


def _query(spec: PerEntityFrequencyCheckSpec, ctx: CheckContext, window: Window, needed: int) -> str | None:
    """SQL giving first the population's size (kind 0), then each short window (kind 1), in order.

    Rows: kind, entity, label, part, count, line, window start.
    """
    store = ctx.records
    ev = spec.events
    required = _required_sql(spec, ctx, window)
    if required is None:
        return None
    start, end = ctx.period
    part = spec.partition
    filters = where(store, ev.records, ev.where)
    if spec.tenure is None:  # calendar windows: the counts of this record set shared by the run
        spans = windows_in(start, end, window, ctx.anchor)
        table = window_counts(store, ev, part.column if part else None, spans, ctx.period)
        part_col = f"CAST({quote_ident(part.column)} AS VARCHAR)" if part else ""
        events = (
            f"SELECT {ENTITY} AS entity, {LABEL} AS label{f', {part_col} AS part' if part else ''}, "
            f"sum({COUNT}) AS n FROM {table} WHERE {LABEL} IS NOT NULL AND {filters} "
            f"GROUP BY {ENTITY}, {LABEL}{f', {part_col}' if part else ''}"
        )
        observed = f"SELECT DISTINCT {ENTITY} AS entity, {part_col} AS part FROM {table} WHERE {filters}"
        in_window, counted = "ev.label = r.label", "coalesce(sum(ev.n), 0)"
    else:
        part_col = f", CAST({quote_ident(part.column)} AS VARCHAR) AS part" if part else ""
        events = (
            f"SELECT CAST({quote_ident(ev.entity_column)} AS VARCHAR) AS entity, "
            f"CAST({quote_ident(ev.date_column)} AS DATE) AS d"
            f"{part_col} FROM {quote_ident(ev.records)} WHERE {quote_ident(ev.date_column)} IS NOT NULL "
            f"AND CAST({quote_ident(ev.date_column)} AS DATE) BETWEEN DATE '{start}' AND DATE '{end}' "
            f"AND {filters}"
        )
        observed = "SELECT DISTINCT entity, part FROM ev"
        in_window, counted = "ev.d BETWEEN r.ws AND r.we", "count(ev.d)"
    if part is None:
        expanded, join_part = "SELECT *, CAST(NULL AS VARCHAR) AS part FROM req", ""
    elif part.values:
        values = ", ".join(f"({quote_text(v)})" for v in part.values)
        expanded, join_part = (
            f"SELECT req.*, v.part FROM req, (VALUES {values}) AS v(part)",
            " AND ev.part = r.part",
        )
    elif part.observed_per_entity:
        expanded = f"SELECT req.*, o.part FROM req JOIN ({observed}) o USING (entity)"
        join_part = " AND ev.part = r.part"
    else:
        within = quote_ident(part.observed_within or "")
        expanded = (
            f"SELECT req.*, o.part FROM req JOIN (SELECT DISTINCT CAST({within} AS VARCHAR) AS grp, "
            f"CAST({quote_ident(part.column)} AS VARCHAR) AS part FROM {quote_ident(ev.records)} "
            f"WHERE {quote_ident(part.column)} IS NOT NULL AND CAST({quote_ident(ev.date_column)} AS DATE) "
            f"BETWEEN DATE '{start}' AND DATE '{end}' AND {filters}) o USING (grp)"
        )
        join_part = " AND ev.part = r.part"
    population = _population_sql(spec, ctx)
    return (
        f"WITH pop AS ({population}), req AS ({required}), ev AS ({events}), need AS ({expanded}), "
        f"cnt AS (SELECT r.entity, r.label, r.ws, r.part, {counted} AS n FROM need r LEFT JOIN ev "
        f"ON ev.entity = r.entity{join_part} AND {in_window} GROUP BY r.entity, r.label, r.ws, r.part), "
        "lines AS (SELECT entity, min(line) AS line FROM pop GROUP BY entity) "
        "SELECT 1 AS kind, c.entity, c.label, c.part, c.n, l.line, c.ws FROM cnt c "
        f"LEFT JOIN lines l ON l.entity = c.entity WHERE c.n < {needed} "
        "UNION ALL SELECT 0, NULL, NULL, NULL, count(DISTINCT entity), NULL, NULL FROM need "
        "ORDER BY kind, entity, ws, part"
    )


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


def _nobody_due(spec: PerEntityFrequencyCheckSpec, ctx: CheckContext, window: Window) -> bool:
    """Whether the population is empty in the period (then the events it would need do not matter)."""
    pop = spec.population
    columns = [pop.id_column, *(c for c in (pop.start_column, pop.end_column) if c)]
    ctx.records.require(pop.records, columns, f"rule {ctx.rule_id}")
    required = _required_sql(spec, ctx, window)
    if required is None:
        return False
    population = _population_sql(spec, ctx)
    if spec.partition and spec.partition.observed_within:
        return False  # the population's groups are observed in the events
    found = ctx.records.query(f"WITH pop AS ({population}), req AS ({required}) SELECT count(*) FROM req")
    return int(found[0][0]) == 0


def _nobody_in_population(spec: PerEntityFrequencyCheckSpec) -> CheckResult:
    activity = spec.activity
    return CheckResult(
        kind="per_entity_frequency",
        outcome=Outcome.NOT_ASSESSED,
        reason="population_empty",
        message=text(
            f"{activity.ja}の対象者が期間内にいない。",
            f"No one in the population for {activity.en} during the period.",
        ),
        population=0,
        failing_count=0,
    )


def evaluate(spec: PerEntityFrequencyCheckSpec, ctx: CheckContext) -> CheckResult:
    """Evaluate a per-entity frequency check."""
    window = ctx.window(spec.window)
    needed = ctx.count(spec.min_count)
    store = ctx.records
    pop, ev = spec.population, spec.events
    absent = [n for n in dict.fromkeys((pop.records, ev.records)) if not store.has(n)]
    required_text = f">= {needed} per {window.value}"
    if absent == [ev.records] and _nobody_due(spec, ctx, window):
        return _nobody_in_population(spec)
    if absent:
        return records_missing("per_entity_frequency", absent, required_text)
    for name, columns in needs(spec).items():
        store.require(name, columns, f"rule {ctx.rule_id}")
    activity = spec.activity
    if spec.rolling:
        ev = spec.events
        rows = store.query(
            gap_query(
                store,
                _population_sql(spec, ctx),
                (ev.records, ev.entity_column, ev.date_column, ev.where),
                ctx.period,
                window,
            )
        )  # the count judged first, then the shortfalls, from the same CTEs
        shortfalls = [row[1:6] for row in rows[1:]]
        return _result(spec, ctx, window, needed, shortfalls, int(rows[0][5]), activity)
    query = _query(spec, ctx, window, needed)
    if query is None:
        return CheckResult(
            kind="per_entity_frequency",
            outcome=Outcome.NOT_ASSESSED,
            reason="period_too_short",
            message=text(
                f"監査期間に完全な{WINDOW_NAMES_JA[window]}の区間がない。",
                f"The audit period holds no whole {window.value}.",
            ),
        )
    rows = store.query(query)  # the total first, then the short windows, from the same counts
    total = int(rows[0][4])
    return _result(spec, ctx, window, needed, [row[1:6] for row in rows[1:]], total, activity)


def _result(
    spec: PerEntityFrequencyCheckSpec,
    ctx: CheckContext,
    window: Window,
    needed: int,
    rows: list[tuple[Any, ...]],
    total: int,
    activity: Any,
) -> CheckResult:
    short: dict[str, list[tuple[str, str]]] = {}
    lines: dict[str, int] = {}
    for row in rows:
        if spec.rolling:
            shown = shortfall_texts(row)
        else:
            _, label, part, count, _ = row
            en = f"{label}{f' {part}' if part is not None else ''} ({count}/{needed})"
            shown = (en, en)
        short.setdefault(str(row[0]), []).append(shown)
        lines[str(row[0])] = int(row[-1])
    failing = [
        FailingItem(
            subject=entity,
            detail=text(
                ("超過: " if spec.rolling else "不足: ") + ", ".join(ja for ja, _ in items),
                ("overdue: " if spec.rolling else "short in ") + ", ".join(en for _, en in items),
            ),
        )
        for entity, items in short.items()
    ]
    pop = spec.population
    evidence = [
        ctx.records_ref(pop.records, list(lines.values()), list(short)),
        ctx.records_ref(spec.events.records),
    ]
    if spec.rolling:
        return rolling_result(window, rows, total, activity, evidence, failing)
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
        message = text(
            f"{activity.ja}の対象者が期間内にいない。",
            f"No one in the population for {activity.en} during the period.",
        )
        return entity_result("population_empty", message, 0, [], required, evidence)
    if failing:
        share = len(failing) / total
        message = text(
            f"対象 {total} 名中 {len(failing)} 名（{share:.0%}）で、"
            f"{unit_ja}ごとの{activity.ja}{scope_ja}が {needed} 回に満たない期間がある。",
            f"{len(failing)} of {total} ({share:.0%}) fall short of {needed} {activity.en} "
            f"per {unit}{scope} at least once.",
        )
        return entity_result("threshold_breached", message, total, failing, required, evidence)
    message = text(
        f"対象 {total} 名全員が{unit_ja}ごとに {needed} 回以上の{activity.ja}{scope_ja}を受けている。",
        f"All {total} had at least {needed} {activity.en} per {unit}{scope}.",
    )
    return entity_result("all_entities_met", message, total, [], required, evidence)


def docs_line(spec: PerEntityFrequencyCheckSpec, lang: str) -> str:
    """Line describing a ``per_entity_frequency`` check in the rule reference (``docs/rules``)."""
    every = f"<= 1 {spec.window} apart" if spec.rolling else f"{spec.min_count} / {spec.window}"
    return f"`per_entity_frequency`: {spec.activity.get(lang)} ({every})"


KIND = CheckKind(
    name="per_entity_frequency",
    spec=PerEntityFrequencyCheckSpec,
    evaluate=evaluate,
    docs_line=docs_line,
    record_needs=needs,
    population=lambda spec: [spec.population.records],
)
"""The ``per_entity_frequency`` check kind, registered in :mod:`ccc_audit.checks.registry`."""
