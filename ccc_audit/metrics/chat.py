"""Chat metrics that need more than a ratio of two sums: COPC chat concurrency.

Concurrency = (total chat time + total wrap time) ÷ total time spent chatting. A session's chat
time runs from ``accepted_at`` to ``ended_at``; the time a staff member spent chatting is the
length of the union of their session intervals (the time with at least one chat open), found
with a gaps-and-islands pass: sessions ordered by acceptance, a new island starting whenever a
session is accepted after every earlier session of that person has ended.
"""

from __future__ import annotations

from ccc_audit.metrics.base import MetricQuery, check_options, group_cols, group_names, spans_sql


def build_concurrency(q: MetricQuery) -> str:
    """(Σ chat seconds + Σ wrap seconds) ÷ Σ seconds with at least one chat open, per staff member."""
    check_options("chat_concurrency", q, {})
    select, _ = group_cols(q.group_by)
    names = group_names(q.group_by)
    part = f"{names}label, __staff"
    return (
        f"WITH s AS (SELECT {select}w.label, CAST(r.staff_id AS VARCHAR) AS __staff, "
        "r.accepted_at AS __start, r.ended_at AS __end, "
        "CAST(date_diff('second', r.accepted_at, r.ended_at) AS DOUBLE) AS __chat, "
        "coalesce(CAST(r.wrap_seconds AS DOUBLE), 0) AS __wrap "
        f"FROM chat_sessions r JOIN {spans_sql(q.spans)} "
        "ON CAST(r.accepted_at AS DATE) BETWEEN w.ws AND w.we "
        "WHERE r.staff_id IS NOT NULL AND r.accepted_at IS NOT NULL AND r.ended_at IS NOT NULL "
        f"AND r.ended_at >= r.accepted_at AND ({q.where})), "
        # Latest end among the person's earlier sessions: a session starting after it opens an island.
        f"ordered AS (SELECT *, max(__end) OVER (PARTITION BY {part} ORDER BY __start, __end "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS __open_until FROM s), "
        "islands AS (SELECT *, "
        "sum(CASE WHEN __open_until IS NULL OR __start > __open_until THEN 1 ELSE 0 END) "
        f"OVER (PARTITION BY {part} ORDER BY __start, __end ROWS UNBOUNDED PRECEDING) AS __island "
        "FROM ordered), "
        f"per_island AS (SELECT {names}label, sum(__chat) + sum(__wrap) AS handled, "
        "CAST(date_diff('second', min(__start), max(__end)) AS DOUBLE) AS busy "
        f"FROM islands GROUP BY {part}, __island) "
        f"SELECT {names}label, sum(handled) / NULLIF(sum(busy), 0) AS value, sum(handled) AS num, "
        f"sum(busy) AS den FROM per_island GROUP BY {names}label"
    )
