"""Chat sessions and outbound dials handled by the CSS (DuckDB SQL, from table ``css``).

Every CSS handles a few chats in each month it is in production (two to six, pro rata for part
months), mostly in pairs on the same day: the second chat of a pair is requested one to eight
minutes after the first, so the two are open at once and concurrency comes out near 1.5.
Chats are requested between 08:00 and 21:00 and end well before the centre closes at 22:00.

One CSS seat in eight works the outbound campaigns of its program as well, with six to fourteen
dials a month, all between 09:00 and 20:00 and none to a number on a do-not-contact list.
"""

from __future__ import annotations

from ccc_audit.generate.css_months import css_months_ctes
from ccc_audit.generate.options import PeriodWindows

OUTBOUND_SEATS = 8
"""One CSS seat in this many also dials outbound."""


def _staff_months(period: PeriodWindows, salt: str, low: int, spread: int) -> str:
    """CTEs ``counted``: each CSS month with ``n`` items (``low`` … ``low + spread - 1``, pro rata).

    Columns: staff_id, program, slot, ms (first of the month), ra … rb (days in production),
    len (their number) and n.
    """
    return f"""
    WITH {css_months_ctes(period)},
    counted AS (
        SELECT *, datediff('day', ra, rb) + 1 AS len,
               CAST(round(({low} + pick(u2(staff_id, ms, '{salt}-n'), {spread}))
                          * (datediff('day', ra, rb) + 1) / dim) AS INTEGER) AS n
        FROM staff_months
    )"""


def _timestamp(expression: str) -> str:
    return f"strftime({expression}, '%Y-%m-%dT%H:%M:%S')"


def chat_sessions_csv(period: PeriodWindows) -> str:
    """The ``chat_sessions`` record set, in a total order.

    Waits run from 5 to 90 seconds, the first reply follows acceptance within half a minute,
    chats last 4 to 19 minutes with 20 to 180 seconds of wrap. About 3 % of customers never
    answer the first reply (a chat abandon, ended within three minutes) and 5 % leave after the
    dialogue has started (a session abandon). The centre offers no proactive chat.
    """
    at = "CAST(day AS TIMESTAMP) + INTERVAL 1 SECOND *"
    return f"""
    {_staff_months(period, "chat", 2, 5)},
    drawn AS (
        SELECT c.*, i, i // 2 AS pair FROM counted c JOIN range(8) AS r(i) ON r.i < c.n
    ),
    timed AS (
        SELECT staff_id, program, ms, i,
               CAST(ra + pick(u3(staff_id, ms, pair, 'chat-day'), len) AS DATE) AS day,
               8 * 3600 + pick(u3(staff_id, ms, pair, 'chat-time'), 13 * 3600)
                   + CASE WHEN i % 2 = 1 THEN 60 + pick(u3(staff_id, ms, i, 'chat-lag'), 421) ELSE 0 END
                   AS requested,
               5 + pick(u3(staff_id, ms, i, 'chat-wait'), 86) AS wait,
               3 + pick(u3(staff_id, ms, i, 'chat-reply'), 28) AS reply,
               u3(staff_id, ms, i, 'chat-abandon') AS x,
               20 + pick(u3(staff_id, ms, i, 'chat-wrap'), 161) AS wrap_seconds
        FROM drawn
    ),
    lasted AS (
        SELECT *,
               CASE WHEN x < 0.03 THEN 60 + pick(u3(staff_id, ms, i, 'chat-length'), 121)
                    ELSE 240 + pick(u3(staff_id, ms, i, 'chat-length'), 901) END AS length
        FROM timed
    )
    SELECT 'CH' || strftime(ms, '%y%m') || '-' || substr(staff_id, 2) || '-' || CAST(i + 1 AS VARCHAR)
               AS session_id,
           staff_id, program,
           {_timestamp(f"{at} requested")} AS requested_at,
           {_timestamp(f"{at} (requested + wait)")} AS accepted_at,
           {_timestamp(f"{at} (requested + wait + reply)")} AS first_reply_at,
           60 AS sl_threshold_seconds,
           CASE WHEN x < 0.03 THEN reply ELSE (1 + length // 150) * (reply + 10) END
               AS css_response_seconds_total,
           CASE WHEN x < 0.03 THEN 1 ELSE 1 + length // 150 END AS css_responses,
           {_timestamp(f"{at} (requested + wait + length)")} AS ended_at,
           wrap_seconds,
           CASE WHEN x < 0.03 THEN 'yes' ELSE 'no' END AS abandoned_before_reply,
           CASE WHEN x >= 0.03 AND x < 0.08 THEN 'yes' ELSE 'no' END AS abandoned_after_start,
           'no' AS proactive,
           CAST(NULL AS VARCHAR) AS proactive_accepted
    FROM lasted ORDER BY staff_id, ms, i
    """


def concurrency_forecasts_csv(period: PeriodWindows) -> str:
    """The ``chat_concurrency_forecasts`` record set: per chat day and program, planned and actual.

    The plan assumed 1.6 chats at a time; the actual is (chat + wrap) ÷ the span each CSS spent on
    chat that day (first acceptance to last wrap end), as a workforce tool would report it.
    """
    return f"""
    SELECT strftime(day, '%Y-%m-%d') AS date, program, 1.6 AS forecast_concurrency,
           round(sum(handled) / sum(span), 2) AS actual_concurrency
    FROM (SELECT CAST(CAST(accepted_at AS TIMESTAMP) AS DATE) AS day, program, staff_id,
                 sum(date_diff('second', CAST(accepted_at AS TIMESTAMP), CAST(ended_at AS TIMESTAMP))
                     + wrap_seconds) AS handled,
                 date_diff('second', min(CAST(accepted_at AS TIMESTAMP)),
                           max(CAST(ended_at AS TIMESTAMP) + INTERVAL 1 SECOND * wrap_seconds)) AS span
          FROM ({chat_sessions_csv(period)}) GROUP BY ALL)
    GROUP BY ALL HAVING sum(span) > 0 ORDER BY 1, 2
    """


def outbound_attempts_csv(period: PeriodWindows) -> str:
    """The ``outbound_attempts`` record set, in a total order: every dial within permitted hours."""
    outcomes = "['no_answer', 'no_answer', 'no_answer', 'rpc', 'rpc', 'wrong_party', 'refused', 'sale']"
    campaigns = "['renewal', 'retention', 'win-back']"
    return f"""
    {_staff_months(period, "outbound", 6, 9)},
    drawn AS (
        SELECT c.* EXCLUDE (n), i FROM counted c JOIN range(16) AS r(i) ON r.i < c.n
        WHERE c.slot % {OUTBOUND_SEATS} = 3
    )
    SELECT 'OB' || strftime(ms, '%y%m') || '-' || substr(staff_id, 2) || '-'
               || lpad(CAST(i + 1 AS VARCHAR), 2, '0') AS attempt_id,
           staff_id,
           {
        _timestamp(
            "CAST(ra + pick(u3(staff_id, ms, i, 'dial-day'), len) AS TIMESTAMP) + INTERVAL 9 HOUR "
            "+ INTERVAL 1 MINUTE * pick(u3(staff_id, ms, i, 'dial-minute'), 660)"
        )
    } AS date_time,
           program || '-' || {campaigns}[1 + pick(u2(program, year(ms), 'campaign'), 3)] || '-'
               || CAST(year(ms) AS VARCHAR) AS campaign,
           {outcomes}[1 + pick(u3(staff_id, ms, i, 'dial-outcome'), 8)] AS outcome,
           'no' AS on_do_not_contact_list,
           'yes' AS within_permitted_hours
    FROM drawn ORDER BY staff_id, ms, i
    """
