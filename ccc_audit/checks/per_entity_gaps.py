"""The rolling mode of ``per_entity_frequency``: at most one window's length between occurrences.

"At least annually" for a person means no more than 12 months between two occurrences, not one
in each calendar or fiscal year (two re-verifications 23 months apart would pass the latter).
Each entity's clock starts at:

- its last occurrence before the audit period (on or after its start date), when the records hold
  one;
- else its start date (production start), when the first one falls due inside the period or later;
- else the day before the period: the records hold no occurrence that must have happened before
  the period, and the check gives the benefit of the doubt about history it was not given.

From there each occurrence must follow the previous one (or the clock start) within one window
(``year``: 12 months, ``quarter``: 3, ``month``: 1, ``week``: 7 days). A due date passed without an
occurrence, up to the period end or the entity's end date, is a shortfall. Entities whose first
due date falls after that are not judged.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ccc_audit.i18n.text import text
from ccc_audit.models.calendar import WINDOW_NAMES_JA
from ccc_audit.models.checks import RowFilter
from ccc_audit.models.common import Localized, Window
from ccc_audit.models.result import Bound, CheckResult, EvidenceRef, FailingItem, Outcome, Quantity
from ccc_audit.records.quoting import quote_ident
from ccc_audit.records.sql import where

if TYPE_CHECKING:
    from ccc_audit.records.duck_store import DuckRecordStore

GAP = {
    Window.WEEK: "INTERVAL 7 DAY",
    Window.MONTH: "INTERVAL 1 MONTH",
    Window.QUARTER: "INTERVAL 3 MONTH",
    Window.YEAR: "INTERVAL 12 MONTH",
}


def gap_query(
    store: DuckRecordStore,
    population: str,
    events: tuple[str, str, str, list[RowFilter]],
    period: tuple[dt.date, dt.date],
    window: Window,
) -> str:
    """SQL giving first the count of entities judged (kind 0), then the shortfalls (kind 1) in order.

    Rows: kind, entity, due, done or NULL, horizon, line (the count for kind 0), clock.

    ``population`` is SQL giving (entity, s, e, line); ``events`` is (record set, entity column,
    date column, filters).
    """
    records, entity_column, date_column, filters = events
    start, end = period
    gap = GAP[window]
    date = f"CAST({quote_ident(date_column)} AS DATE)"
    before = start - dt.timedelta(days=1)
    base = (
        f"WITH pop AS ({population}), "
        f"ev AS (SELECT CAST({quote_ident(entity_column)} AS VARCHAR) AS entity, {date} AS d "
        f"FROM {quote_ident(records)} WHERE {quote_ident(date_column)} IS NOT NULL "
        f"AND {date} <= DATE '{end}' AND {where(store, records, filters)}), "
        "base AS (SELECT entity, s, min(line) AS line, "
        f"least(coalesce(max(e), DATE '{end}'), DATE '{end}') AS h FROM pop "
        f"WHERE (s IS NULL OR s <= DATE '{end}') AND (e IS NULL OR e >= DATE '{start}') GROUP BY entity, s), "
        "prior AS (SELECT b.entity, b.s, max(ev.d) AS last FROM base b JOIN ev ON ev.entity = b.entity "
        f"AND ev.d < DATE '{start}' AND (b.s IS NULL OR ev.d >= b.s) GROUP BY b.entity, b.s), "
        "clock AS (SELECT b.entity, b.s, b.h, b.line, CASE WHEN pr.last IS NOT NULL THEN pr.last "
        f"WHEN b.s IS NOT NULL AND CAST(b.s + {gap} AS DATE) >= DATE '{start}' THEN b.s "
        f"ELSE DATE '{before}' END AS c FROM base b "
        "LEFT JOIN prior pr ON pr.entity = b.entity AND pr.s IS NOT DISTINCT FROM b.s), "
        f"judged AS (SELECT * FROM clock WHERE CAST(c + {gap} AS DATE) <= h)"
    )
    return (
        f"{base}, chain AS (SELECT entity, s, h, line, c AS a FROM judged UNION ALL "
        "SELECT j.entity, j.s, j.h, j.line, ev.d FROM judged j JOIN ev ON ev.entity = j.entity "
        "AND ev.d > j.c AND ev.d <= j.h), "
        "gaps AS (SELECT entity, h, line, a, lead(a) OVER (PARTITION BY entity, s ORDER BY a) AS b "
        "FROM chain) "
        f"SELECT 1 AS kind, entity, CAST(a + {gap} AS DATE) AS due, b, h, line, a FROM gaps "
        f"WHERE CAST(a + {gap} AS DATE) < coalesce(b, h + INTERVAL 1 DAY) "
        "UNION ALL SELECT 0, NULL, NULL, NULL, NULL, count(DISTINCT entity), NULL FROM judged "
        "ORDER BY kind, entity, a"
    )


def shortfall_texts(row: tuple[Any, ...]) -> tuple[str, str]:
    """(ja, en) description of one shortfall row (entity, due, done, horizon, line)."""
    _, due, done, horizon, _ = row
    if done is None:
        return f"期限 {due}、{horizon} までに実施なし", f"due {due}, none by {horizon}"
    return f"期限 {due}、実施 {done}", f"due {due}, done {done}"


def entity_result(
    reason: str,
    message: Localized,
    total: int,
    failing: list[FailingItem],
    required: str,
    evidence: list[EvidenceRef],
) -> CheckResult:
    """A per-entity result: not assessed with no one to judge, fail with anyone short, else pass."""
    if total == 0:
        return CheckResult(
            kind="per_entity_frequency",
            outcome=Outcome.NOT_ASSESSED,
            reason=reason,
            message=message,
            evidence=evidence,
            population=0,
            failing_count=0,
        )
    met = total - len(failing)
    return CheckResult(
        kind="per_entity_frequency",
        outcome=Outcome.FAIL if failing else Outcome.PASS,
        reason=reason,
        message=message,
        measured=f"{met}/{total} met",
        required=required,
        values=[Quantity(value=met, unit="people", out_of=total)],
        bound=Bound(min=total, unit="people"),
        evidence=evidence,
        failing=failing,
        population=total,
        failing_count=len(failing),
    )


def rolling_result(
    window: Window,
    rows: list[tuple[Any, ...]],
    total: int,
    activity: Any,
    evidence: list[EvidenceRef],
    failing: list[FailingItem],
) -> CheckResult:
    """The rolling check's result, from its shortfall rows and failing items."""
    gap_ja = f"1{WINDOW_NAMES_JA[window]}"
    required = f"<= 1 {window.value} between events"
    if total == 0:
        message = text(
            f"期間内に{activity.ja}の期限が来た対象者がいない。",
            f"No one's {activity.en} fell due during the period.",
        )
        return entity_result("population_empty", message, 0, [], required, evidence)
    if failing:
        share = len(failing) / total
        message = text(
            f"対象 {total} 名中 {len(failing)} 名（{share:.0%}）で、{activity.ja}の間隔が{gap_ja}を超えた。",
            f"{len(failing)} of {total} ({share:.0%}) went more than a {window.value} "
            f"without {activity.en} ({len(rows)} overdue date(s)).",
        )
        return entity_result("threshold_breached", message, total, failing, required, evidence)
    message = text(
        f"対象 {total} 名全員の{activity.ja}の間隔が{gap_ja}以内。",
        f"All {total} had {activity.en} at most a {window.value} apart.",
    )
    return entity_result("all_entities_met", message, total, [], required, evidence)
