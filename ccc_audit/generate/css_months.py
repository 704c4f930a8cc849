"""The SQL every per-CSS monthly table starts from: each CSS month and its days in production."""

from __future__ import annotations

from ccc_audit.generate.options import PeriodWindows
from ccc_audit.generate.store import date_sql


def css_months_ctes(period: PeriodWindows) -> str:
    """CTEs ``months`` and ``staff_months`` over table ``css`` (staff_id, program, slot, a, b).

    ``staff_months`` has one row per CSS and calendar month in production: ms (first of the
    month), ra … rb (the days in production that month) and dim (days in the month).
    """
    start, end = date_sql(period.start), date_sql(period.end)
    return f"""months AS (
        SELECT CAST(m AS DATE) AS ms, CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS me
        FROM generate_series(CAST(date_trunc('month', {start}) AS TIMESTAMP),
                             CAST({end} AS TIMESTAMP), INTERVAL 1 MONTH) AS t(m)
    ),
    staff_months AS (
        SELECT c.staff_id, c.program, c.slot, months.ms,
               greatest(c.a, months.ms) AS ra, least(c.b, months.me) AS rb,
               datediff('day', months.ms, months.me) + 1 AS dim
        FROM css c JOIN months ON months.ms <= c.b AND months.me >= c.a
    )"""
