"""Chat metrics that need more than a ratio of two sums: COPC chat concurrency.

Concurrency = (total chat time + total wrap time) ÷ all the time spent on chat, wrap included
(handbook L1554). A session occupies its CSS from ``accepted_at`` to ``ended_at`` plus its wrap
seconds; the time a staff member spent on chat is the length of the union of those occupied
intervals (the time with at least one chat open or in wrap), found with a gaps-and-islands pass:
sessions ordered by acceptance, a new island starting whenever a session is accepted after every
earlier session of that person has ended its wrap. One chat at a time therefore gives exactly 1.0.

Where the centre measures the time its staff were logged in to chat (``chat_logged_time``),
:func:`build_logged_concurrency` divides by that measured time instead.
"""

from __future__ import annotations

from ccc_audit.metrics.base import MetricQuery, check_options, group_cols, group_names, spans_sql

_WRAP = "coalesce(CAST(r.wrap_seconds AS DOUBLE), 0)"
_CHAT = "CAST(date_diff('second', r.accepted_at, r.ended_at) AS DOUBLE)"


def build_concurrency(q: MetricQuery) -> str:
    """(Σ chat seconds + Σ wrap seconds) ÷ Σ seconds with a chat open or in wrap, per staff member."""
    check_options("chat_concurrency", q, {})
    select, _ = group_cols(q.group_by)
    names = group_names(q.group_by)
    part = f"{names}label, __staff"
    return (
        f"WITH s AS (SELECT {select}w.label, CAST(r.staff_id AS VARCHAR) AS __staff, "
        f"r.accepted_at AS __start, r.ended_at + to_seconds({_WRAP}) AS __end, "
        f"{_CHAT} AS __chat, {_WRAP} AS __wrap "
        f"FROM chat_sessions r JOIN {spans_sql(q.spans)} "
        "ON CAST(r.accepted_at AS DATE) BETWEEN w.ws AND w.we "
        "WHERE r.staff_id IS NOT NULL AND r.accepted_at IS NOT NULL AND r.ended_at IS NOT NULL "
        f"AND r.ended_at >= r.accepted_at AND ({q.where})), "
        # Latest end (wrap included) among the person's earlier sessions: a later start opens an island.
        f"ordered AS (SELECT *, max(__end) OVER (PARTITION BY {part} ORDER BY __start, __end "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS __open_until FROM s), "
        "islands AS (SELECT *, "
        "sum(CASE WHEN __open_until IS NULL OR __start > __open_until THEN 1 ELSE 0 END) "
        f"OVER (PARTITION BY {part} ORDER BY __start, __end ROWS UNBOUNDED PRECEDING) AS __island "
        "FROM ordered), "
        f"per_island AS (SELECT {names}label, sum(__chat) + sum(__wrap) AS handled, "
        "CAST(date_diff('millisecond', min(__start), max(__end)) AS DOUBLE) / 1000 AS busy "
        f"FROM islands GROUP BY {part}, __island) "
        f"SELECT {names}label, sum(handled) / NULLIF(sum(busy), 0) AS value, sum(handled) AS num, "
        f"sum(busy) AS den FROM per_island GROUP BY {names}label"
    )


def build_logged_concurrency(q: MetricQuery) -> str:
    """(Σ chat + wrap seconds) ÷ Σ measured seconds logged in to chat, over the staff-days measured.

    The main record set is ``chat_logged_time`` (alias ``r``): only the days a staff member's
    logged-in chat time was measured count, with the sessions that person accepted that day.
    """
    check_options("chat_concurrency_logged", q, {})
    select, _ = group_cols(q.group_by)
    names = group_names(q.group_by)
    return (
        f"WITH d AS (SELECT {select}w.label, CAST(r.staff_id AS VARCHAR) AS __staff, r.date AS __day, "
        "sum(CAST(r.logged_seconds AS DOUBLE)) AS __logged "
        f"FROM chat_logged_time r JOIN {spans_sql(q.spans)} ON r.date BETWEEN w.ws AND w.we "
        f"WHERE r.logged_seconds IS NOT NULL AND ({q.where}) GROUP BY ALL), "
        f"c AS (SELECT CAST(r.staff_id AS VARCHAR) AS __staff, CAST(r.accepted_at AS DATE) AS __day, "
        f"sum({_CHAT} + {_WRAP}) AS __handled FROM chat_sessions r "
        "WHERE r.staff_id IS NOT NULL AND r.accepted_at IS NOT NULL AND r.ended_at IS NOT NULL "
        "AND r.ended_at >= r.accepted_at GROUP BY ALL) "
        f"SELECT {names}label, sum(coalesce(c.__handled, 0)) / NULLIF(sum(__logged), 0) AS value, "
        f"sum(coalesce(c.__handled, 0)) AS num, sum(__logged) AS den "
        f"FROM d LEFT JOIN c USING (__staff, __day) GROUP BY {names}label"
    )
