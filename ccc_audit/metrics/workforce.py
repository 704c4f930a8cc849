"""Workforce metrics over the staff roster: annualised attrition and absenteeism (COPC 3.8).

Both are computed in SQL only. The roster is the population (CSS by default, every employment
type, agency staff included); one roster row is one employment spell, from ``hire_date`` to
``exit_date``, both days included (a blank ``hire_date`` means employed since before any period,
a blank ``exit_date`` still employed). A person who leaves and rejoins has two rows, and each
spell counts on its own.
"""

from __future__ import annotations

from ccc_audit.metrics.base import (
    MetricOptionError,
    MetricQuery,
    check_options,
    column_or_null,
    group_cols,
    group_names,
    option_choice,
    option_flag,
    spans_sql,
)
from ccc_audit.records.quoting import quote_text

EARLIEST = "DATE '0001-01-01'"
LATEST = "DATE '9999-12-31'"

ATTRITION_OPTIONS = {
    "role": "Roster role of the population (default CSS; * for every role).",
    "count": (
        "all (default): voluntary, involuntary, blank, backfilled program transfers and early contract "
        "ends; voluntary: exit_type voluntary only; involuntary: exit_type involuntary only."
    ),
    "level": (
        "auto (default): program level when group_by holds program, else entity level; entity or "
        "program force the level (a transfer counts only at program level, and only when backfilled)."
    ),
}

ABSENTEEISM_OPTIONS = {
    "role": "Roster role of the population (default CSS; * for every role).",
    "include_planned": "yes to count planned absence too (default no: unplanned absence only).",
}


def _role_filter(metric: str, q: MetricQuery) -> str:
    role = str(q.options.get("role", "CSS")).strip()
    if not role:
        raise MetricOptionError(f"metric {metric!r}: option role is empty")
    return "TRUE" if role == "*" else f"CAST(r.role AS VARCHAR) = {quote_text(role)}"


def _window_cte(q: MetricQuery) -> str:
    return f"w AS (SELECT label, ws, we FROM {spans_sql(q.spans)})"


def build_attrition(q: MetricQuery) -> str:
    """Annualised attrition: counted exits ÷ (average headcount × days in span ÷ 365)."""
    check_options("attrition_annualised", q, ATTRITION_OPTIONS)
    count = option_choice("attrition_annualised", q, "count", ("all", "voluntary", "involuntary"))
    level = option_choice("attrition_annualised", q, "level", ("auto", "entity", "program"))
    program_level = level == "program" or (level == "auto" and "program" in q.group_by)
    store = q.store
    select, _ = group_cols(q.group_by)
    names, p_names = group_names(q.group_by), group_names(q.group_by, "p")
    backfilled = column_or_null(store, "roster", "backfilled", "r")
    contract_end = column_or_null(store, "roster", "contract_end_date", "r")
    if count == "all":
        transfer = "coalesce(p.__backfilled, FALSE)" if program_level else "FALSE"
        counted = (
            "CASE WHEN p.__exit_type IS NULL THEN TRUE "
            "WHEN p.__exit_type IN ('voluntary', 'involuntary') THEN TRUE "
            f"WHEN p.__exit_type = 'transfer' THEN {transfer} "
            "WHEN p.__exit_type = 'contract_end' THEN coalesce(p.__exit < p.__contract_end, FALSE) "
            "ELSE FALSE END"
        )
    else:
        counted = f"coalesce(p.__exit_type = {quote_text(count)}, FALSE)"
    # The first and last day of a spell within a span; the days between are the days employed.
    first = f"greatest(coalesce(p.__hire, {EARLIEST}), w.ws)"
    last = f"least(coalesce(p.__exit, {LATEST}), w.we)"
    employed = f"date_diff('day', {first}, {last}) + 1"
    return (
        f"WITH {_window_cte(q)}, "
        f"pop AS (SELECT {select}CAST(r.hire_date AS DATE) AS __hire, CAST(r.exit_date AS DATE) AS __exit, "
        f"CAST(r.exit_type AS VARCHAR) AS __exit_type, CAST({backfilled} AS BOOLEAN) AS __backfilled, "
        f"CAST({contract_end} AS DATE) AS __contract_end FROM roster r "
        f"WHERE {_role_filter('attrition_annualised', q)} AND ({q.where})), "
        # One row per spell and span it overlaps, with the days employed in the span (overlap
        # arithmetic, no row per day), and one per counted exit; summed per group and span.
        f"facts AS (SELECT {p_names}w.label, w.ws, w.we, {employed} AS present, 0 AS exited "
        f"FROM pop p JOIN w ON {first} <= {last} "
        f"UNION ALL SELECT {p_names}w.label, w.ws, w.we, 0 AS present, 1 AS exited FROM pop p JOIN w "
        f"ON p.__exit BETWEEN w.ws AND w.we WHERE {counted}), "
        f"totals AS (SELECT {names}label, CAST(sum(exited) AS DOUBLE) AS exits, "
        "CAST(sum(present) AS DOUBLE) / (date_diff('day', ws, we) + 1) AS headcount, "
        "CAST(date_diff('day', ws, we) + 1 AS DOUBLE) AS days "
        f"FROM facts GROUP BY {names}label, ws, we) "
        f"SELECT {names}label, exits / NULLIF(headcount * days / 365.0, 0) AS value, exits AS num, "
        "headcount * days / 365.0 AS den FROM totals"
    )


def build_absenteeism(q: MetricQuery) -> str:
    """Absenteeism: absent hours ÷ scheduled hours of the roster population."""
    check_options("absenteeism_rate", q, ABSENTEEISM_OPTIONS)
    include_planned = option_flag("absenteeism_rate", q, "include_planned", False)
    store = q.store
    select, _ = group_cols(q.group_by)
    names, p_names = group_names(q.group_by), group_names(q.group_by, "p")
    hire = column_or_null(store, "roster", "hire_date", "r")
    leave = column_or_null(store, "roster", "exit_date", "r")
    activity = column_or_null(store, "schedules", "activity", "s")
    sched_date = column_or_null(store, "schedules", "date", "s")
    planned_col = column_or_null(store, "absence", "planned", "a")
    type_col = column_or_null(store, "absence", "type", "a")
    planned = f"coalesce(CAST({planned_col} AS BOOLEAN), CAST({type_col} AS VARCHAR) = 'planned', FALSE)"
    keep = "TRUE" if include_planned else f"NOT {planned}"
    in_spell = f"coalesce(p.__hire, {EARLIEST}) <= x.__day AND coalesce(p.__exit, {LATEST}) >= x.__day"

    def attributed(source: str, key: str, absent: str, scheduled: str) -> str:
        # Each absence row and each staff-day of schedule goes to the one roster spell of its staff
        # member that holds its day (the latest hired, should spells overlap), and to the span
        # holding the day.
        return (
            f"SELECT {p_names}w.label, {absent} AS absent, {scheduled} AS scheduled FROM {source} x "
            f"JOIN pop p ON p.__sid = x.__sid AND {in_spell} JOIN w ON x.__day BETWEEN w.ws AND w.we "
            f"QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY p.__hire DESC NULLS LAST) = 1"
        )

    return (
        f"WITH {_window_cte(q)}, "
        f"pop AS (SELECT {select}CAST(r.staff_id AS VARCHAR) AS __sid, CAST({hire} AS DATE) AS __hire, "
        f"CAST({leave} AS DATE) AS __exit FROM roster r "
        f"WHERE {_role_filter('absenteeism_rate', q)} AND ({q.where})), "
        # Scheduled hours per staff member and day (every activity but offline).
        "sched_day AS (SELECT CAST(s.staff_id AS VARCHAR) AS __sid, "
        f"coalesce(CAST({sched_date} AS DATE), CAST(s.interval_start AS DATE)) AS __day, "
        "sum(CAST(s.scheduled_minutes AS DOUBLE)) / 60 AS __hours FROM schedules s "
        f"WHERE s.scheduled_minutes IS NOT NULL AND CAST({activity} AS VARCHAR) IS DISTINCT FROM 'offline' "
        "GROUP BY __sid, __day), "
        "absn AS (SELECT row_number() OVER () AS __id, CAST(a.staff_id AS VARCHAR) AS __sid, "
        "CAST(a.date AS DATE) AS __day, coalesce(CAST(a.hours AS DOUBLE), sd.__hours, 0) AS __hours "
        "FROM absence a LEFT JOIN sched_day sd "
        "ON sd.__sid = CAST(a.staff_id AS VARCHAR) AND sd.__day = CAST(a.date AS DATE) "
        f"WHERE a.date IS NOT NULL AND {keep}), "
        f"facts AS (SELECT * FROM ({attributed('absn', 'x.__id', 'x.__hours', '0.0')}) "
        f"UNION ALL SELECT * FROM ({attributed('sched_day', 'x.__sid, x.__day', '0.0', 'x.__hours')})) "
        f"SELECT {names}label, sum(absent) / NULLIF(sum(scheduled), 0) AS value, sum(absent) AS num, "
        f"sum(scheduled) AS den FROM facts GROUP BY {names}label"
    )
