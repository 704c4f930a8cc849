"""Quality monitoring evaluations and the coaching that follows failed ones (DuckDB SQL).

Every CSS gets, in each calendar month it is in production, between 13 and 24 evaluations
(pro rata for part months, at least one). The first three of a month cover the program's three
transaction types, the first is side by side in the first two months of a quarter and the second
remote in the first and last, so that any two months of a quarter hold every type and both live
methods. Each CSS also gets one evaluation in each of the four 7-day windows after its production
start. Evaluations are made in ``mon`` (where violations are planted) and finished in
``monitoring`` with their evaluator, score and pass.
"""

from __future__ import annotations

import duckdb

from ccc_audit.generate.css_months import css_months_ctes
from ccc_audit.generate.options import PeriodWindows
from ccc_audit.generate.organisation import TRANSACTION_KINDS
from ccc_audit.generate.store import date_sql

_KINDS = "[" + ", ".join(f"'{k}'" for k in TRANSACTION_KINDS) + "]"


def build_css(con: duckdb.DuckDBPyConnection, period: PeriodWindows) -> None:
    """Table ``css``: each CSS with its production days inside the period (``a`` … ``b``)."""
    start, end = date_sql(period.start), date_sql(period.end)
    con.execute(
        f"""
        CREATE OR REPLACE TABLE css AS
        SELECT staff_id, program, site, slot, ps, until,
               greatest(ps, {start}) AS a, least(coalesce(until, {end}), {end}) AS b
        FROM staff
        WHERE role = 'CSS' AND greatest(ps, {start}) <= least(coalesce(until, {end}), {end})
        """
    )


def build_evaluations(con: duckdb.DuckDBPyConnection, period: PeriodWindows) -> None:
    """Table ``mon``: evaluations before evaluators and scores are attached."""
    other_method = (
        "CASE WHEN u3(staff_id, ms, i, 'method') < 0.04 THEN 'side_by_side' "
        "WHEN u3(staff_id, ms, i, 'method') < 0.10 THEN 'remote' ELSE 'recorded' END"
    )
    con.execute(
        f"""
        CREATE OR REPLACE TABLE mon AS
        WITH {css_months_ctes(period)},
        counted AS (
            SELECT *, datediff('day', ra, rb) + 1 AS len,
                   greatest(1, CAST(round((13 + pick(u2(staff_id, ms, 'n'), 12))
                                          * (datediff('day', ra, rb) + 1) / dim) AS INTEGER)) AS n,
                   (month(ms) - 1) % 3 AS mq,
                   pick(u2(staff_id, ms, 'rotation'), 3) AS rotation
            FROM staff_months
        ),
        regular AS (
            SELECT staff_id, program, slot,
                   'E' || strftime(ms, '%y%m') || '-' || substr(staff_id, 2) || '-'
                       || lpad(CAST(i AS VARCHAR), 2, '0') AS evaluation_id,
                   CAST(ra + pick(u3(staff_id, ms, i, 'day'), len) AS DATE) AS date,
                   CASE WHEN i <= 3 THEN (i + rotation) % 3
                        ELSE pick(u3(staff_id, ms, i, 'type'), 3) END AS kind,
                   CASE WHEN i = 1 AND mq IN (0, 1) THEN 'side_by_side'
                        WHEN i = 2 AND mq IN (0, 2) THEN 'remote'
                        ELSE {other_method} END AS method
            FROM counted JOIN range(1, 25) AS r(i) ON r.i <= counted.n
        ),
        first_weeks AS (
            SELECT c.staff_id, c.program, c.slot, c.a, c.b, k,
                   CAST(c.ps + 7 * CAST(k AS INTEGER) + pick(u2(c.staff_id, k, 'week-day'), 7) AS DATE) AS d
            FROM css c, range(4) AS t(k)
        ),
        onboarding AS (
            SELECT staff_id, program, slot,
                   'E' || strftime(d, '%y%m') || '-' || substr(staff_id, 2) || '-W'
                       || CAST(k + 1 AS VARCHAR) AS evaluation_id,
                   d AS date,
                   pick(u2(staff_id, k, 'week-type'), 3) AS kind,
                   CASE WHEN u2(staff_id, k, 'week-method') < 0.4 THEN 'side_by_side'
                        WHEN u2(staff_id, k, 'week-method') < 0.7 THEN 'remote'
                        ELSE 'recorded' END AS method
            FROM first_weeks WHERE d BETWEEN a AND b
        )
        SELECT * FROM regular UNION ALL SELECT * FROM onboarding
        """
    )


def finish_evaluations(con: duckdb.DuckDBPyConnection, period: PeriodWindows, evaluator_slots: int) -> None:
    """Table ``monitoring``: each evaluation with the evaluator in post that day, score and pass.

    Scores run from 61 to 100 (about 15 % below the pass mark of 80); critical errors are rare
    and any of them fails the evaluation. No CSS repeats a critical error within 30 days (the
    centre meets COPC 3.5 without having to take anyone off live work).
    """
    end = date_sql(period.end)
    con.execute(
        f"""
        CREATE OR REPLACE TABLE monitoring AS
        WITH drawn AS (
            SELECT *,
                   100 - pick(u1(evaluation_id, 'score-a') * u1(evaluation_id, 'score-b'), 40) AS score,
                   u1(evaluation_id, 'customer-critical') < 0.010 AS customer_drawn,
                   u1(evaluation_id, 'business-critical') < 0.007 AS business_drawn,
                   u1(evaluation_id, 'compliance-critical') < 0.005 AS compliance_drawn
            FROM mon
        ),
        repeats AS (
            SELECT d.*, EXISTS (
                       SELECT 1 FROM drawn p
                       WHERE p.staff_id = d.staff_id AND p.date < d.date
                         AND p.date >= d.date - INTERVAL 30 DAY
                         AND (p.customer_drawn OR p.business_drawn OR p.compliance_drawn)
                   ) AS after_recent
            FROM drawn d
        ),
        scored AS (
            SELECT *,
                   customer_drawn AND NOT after_recent AS customer_critical_error,
                   business_drawn AND NOT after_recent AS business_critical_error,
                   compliance_drawn AND NOT after_recent AS compliance_critical_error
            FROM repeats
        )
        SELECT s.evaluation_id, e.staff_id AS evaluator_id, s.staff_id, s.date, s.program,
               s.program || '-' || {_KINDS}[s.kind + 1] AS transaction_type, s.method, s.score,
               s.score >= 80 AND NOT (s.customer_critical_error OR s.business_critical_error
                                      OR s.compliance_critical_error) AS passed,
               s.customer_critical_error, s.business_critical_error, s.compliance_critical_error
        FROM scored s
        JOIN staff e ON e.role = 'qa_evaluator' AND e.slot = s.slot % {evaluator_slots}
             AND s.date BETWEEN e.ps AND coalesce(e.until, {end})
        """
    )


def build_coaching(con: duckdb.DuckDBPyConnection, period: PeriodWindows) -> None:
    """Table ``coaching``: a one-to-one within 7 days of every failed evaluation.

    The coach is a supervisor of the CSS's program; every new CSS also gets a side-by-side session
    the day after production start.
    """
    start, end = date_sql(period.start), date_sql(period.end)
    con.execute(
        """
        CREATE OR REPLACE TABLE supervisors AS
        SELECT staff_id, program,
               row_number() OVER (PARTITION BY program ORDER BY staff_id) - 1 AS k,
               count(*) OVER (PARTITION BY program) AS n
        FROM staff WHERE role = 'supervisor'
        """
    )
    con.execute(
        f"""
        CREATE OR REPLACE TABLE coaching AS
        SELECT 'C' || substr(m.evaluation_id, 2) AS session_id, m.staff_id, s.staff_id AS coach_id,
               CAST(m.date + CAST(least(pick(u1(m.evaluation_id, 'coaching-day'), 8),
                                        datediff('day', m.date, c.b)) AS INTEGER) AS DATE) AS date,
               'one_to_one' AS type, m.evaluation_id AS related_evaluation_id,
               CASE WHEN m.compliance_critical_error THEN 'Compliance-critical error'
                    WHEN m.customer_critical_error THEN 'Customer-critical error'
                    WHEN m.business_critical_error THEN 'Business-critical error'
                    ELSE 'Evaluation below the pass mark' END AS topic
        FROM monitoring m
        JOIN css c ON c.staff_id = m.staff_id
        JOIN supervisors s ON s.program = c.program AND s.k = c.slot % s.n
        WHERE NOT m.passed
        UNION ALL
        SELECT 'CN-' || substr(c.staff_id, 2), c.staff_id, s.staff_id, CAST(c.ps + 1 AS DATE),
               'side_by_side', NULL, 'First days in production'
        FROM css c JOIN supervisors s ON s.program = c.program AND s.k = c.slot % s.n
        WHERE c.ps + 1 BETWEEN {start} AND least(c.b, {end})
        """
    )


MONITORING_CSV = """
SELECT evaluation_id, evaluator_id, staff_id, strftime(date, '%Y-%m-%d') AS date, program,
       transaction_type, method, score, CASE WHEN passed THEN 'yes' ELSE 'no' END AS passed,
       CASE WHEN customer_critical_error THEN 'yes' ELSE 'no' END AS customer_critical_error,
       CASE WHEN business_critical_error THEN 'yes' ELSE 'no' END AS business_critical_error,
       CASE WHEN compliance_critical_error THEN 'yes' ELSE 'no' END AS compliance_critical_error
FROM monitoring ORDER BY staff_id, date, evaluation_id
"""
"""The ``monitoring`` record set, in a total order."""

COACHING_CSV = """
SELECT session_id, staff_id, coach_id, strftime(date, '%Y-%m-%d') AS date, type,
       related_evaluation_id, topic
FROM coaching ORDER BY staff_id, date, session_id
"""
"""The ``coaching`` record set, in a total order."""
