"""Contact volumes, complaints, customer surveys, absence and schedules (DuckDB SQL).

Volumes follow a daily curve with late-morning and mid-afternoon peaks, a weekly pattern
(Mondays busiest, Sundays quietest) and a seasonal swell in spring and winter. Each queue answers
at least 80 % of its contacts within threshold in every interval, so every queue-day meets the
service level too.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import duckdb

from ccc_audit.generate.options import PeriodWindows
from ccc_audit.generate.organisation import CHANNELS, THRESHOLD_SECONDS, Organisation
from ccc_audit.generate.people import Person, Roster
from ccc_audit.generate.randomness import stream
from ccc_audit.generate.store import date_sql, load_table

OPEN_HOUR = 8
INTERVALS_PER_DAY = 56
"""15-minute intervals from 08:00 to 22:00."""
SCHEDULE_SAMPLE = 50
"""How many CSS have their schedules in the bundle."""

_CHANNEL_LOAD = {"voice": 1.2, "email": 0.5, "chat": 0.8}
_HANDLE_SECONDS = {"voice": 330, "email": 540, "chat": 600}
_WEEKDAY = "[1.25, 1.10, 1.00, 1.00, 0.95, 0.60, 0.45]"
"""Volume factor by ISO weekday (Monday first)."""


def _weekday(day: str) -> str:
    return f"{_WEEKDAY}[isodow({day})]"


def load_reference(con: duckdb.DuckDBPyConnection, org: Organisation, roster: Roster, seed: int) -> None:
    """Tables ``programs`` (with CSS head count), ``queues`` and ``days``-independent helpers."""
    heads = {p.id: 0 for p in org.programs}
    for person in roster.role("CSS"):
        if person.program is not None and person.exit_date is None:
            heads[person.program] += 1
    load_table(
        con,
        "programs",
        "pi INTEGER, program VARCHAR, heads INTEGER",
        [(p.index, p.id, max(1, heads[p.id])) for p in org.programs],
    )
    rng = stream(seed, "queues")
    queues: list[tuple[int, str, str, str, float, int, int]] = []
    for program in org.programs:
        for site in org.sites:
            for channel in CHANNELS:
                per_queue = max(1.0, heads[program.id] / (len(org.sites) * len(CHANNELS)))
                base = per_queue * _CHANNEL_LOAD[channel] * (0.8 + 0.4 * rng.random())
                queues.append(
                    (
                        len(queues),
                        f"{program.id}-{channel}-{site.id}",
                        program.id,
                        channel,
                        round(base, 4),
                        _HANDLE_SECONDS[channel],
                        THRESHOLD_SECONDS[channel],
                    )
                )
    load_table(
        con,
        "queues",
        "qi INTEGER, queue VARCHAR, program VARCHAR, channel VARCHAR, base DOUBLE, aht INTEGER, "
        "threshold INTEGER",
        queues,
    )


def _days(period: PeriodWindows) -> str:
    return (
        f"(SELECT CAST(t.d AS DATE) AS day FROM generate_series(CAST({date_sql(period.start)} AS TIMESTAMP), "
        f"CAST({date_sql(period.end)} AS TIMESTAMP), INTERVAL 1 DAY) AS t(d))"
    )


def build_interval_counts(con: duckdb.DuckDBPyConnection, period: PeriodWindows) -> None:
    """Table ``interval_counts``: contacts offered and answered per queue, day and 15-minute slot.

    The ``interval_stats`` record set and the KPI observations are both computed from it, so they
    read the same numbers (and writing the record set from a table is faster than from the join).
    """
    hour = f"({OPEN_HOUR} + s.slot / 4.0)"
    curve = f"(0.35 + 0.9 * exp(-pow({hour} - 11, 2) / 6) + 0.7 * exp(-pow({hour} - 15.5, 2) / 8))"
    season = (
        "(1 + 0.12 * cos(2 * pi() * (month(d.day) - 1) / 12) + CASE WHEN month(d.day) IN (3, 4) "
        "THEN 0.15 ELSE 0 END)"
    )
    con.execute(
        f"""
        CREATE OR REPLACE TABLE interval_counts AS
        WITH raw AS (
            SELECT q.qi, d.day, CAST(s.slot AS SMALLINT) AS slot,
                   CAST(floor(q.base * {curve} * {_weekday("d.day")} * {season}
                              * (0.8 + 0.4 * u3(q.qi, d.day, s.slot, 'noise'))
                              + u3(q.qi, d.day, s.slot, 'round')) AS INTEGER) AS offered
            FROM queues q, {_days(period)} AS d, range({INTERVALS_PER_DAY}) AS s(slot)
        )
        SELECT qi, day, slot, offered,
               offered - CAST(floor(offered * 0.06 * u3(qi, day, slot, 'abandon')) AS INTEGER) AS answered
        FROM raw
        """
    )


INTERVALS = (
    "(SELECT c.*, q.queue, q.channel, q.program, q.aht, q.threshold "
    "FROM interval_counts c JOIN queues q USING (qi))"
)
"""Table ``interval_counts`` with each queue's name, channel, program, handle time and threshold."""
WITHIN_THRESHOLD = "answered - CAST(floor(answered * 0.14 * u3(qi, day, slot, 'late')) AS INTEGER)"
"""SQL over :data:`INTERVALS`: contacts answered within the threshold."""
FORECAST_ERROR = "CAST(floor(offered * 0.1 * u3(qi, day, slot, 'forecast')) AS INTEGER)"
"""SQL over :data:`INTERVALS`: absolute error of the interval's volume forecast."""

INTERVAL_STATS_CSV = f"""
SELECT queue, channel, program,
       strftime(day + INTERVAL ({OPEN_HOUR * 60} + slot * 15) MINUTE, '%Y-%m-%dT%H:%M:%S') AS interval_start,
       15 AS interval_minutes, offered, answered,
       {WITHIN_THRESHOLD} AS answered_within_threshold,
       offered - answered AS abandoned,
       CAST(round(answered * aht * (0.85 + 0.3 * u3(qi, day, slot, 'handle'))) AS BIGINT) AS handle_seconds,
       threshold AS threshold_seconds,
       offered + CASE WHEN u3(qi, day, slot, 'sign') < 0.5 THEN -1 ELSE 1 END * {FORECAST_ERROR}
           AS forecast_offered,
       CAST(floor(answered * 0.08 * u3(qi, day, slot, 'transfer')) AS INTEGER) AS transferred
FROM {INTERVALS} ORDER BY qi, day, slot
"""
"""The ``interval_stats`` record set (every queue, every 15 minutes the centre is open), in a total order."""


def build_complaints(
    con: duckdb.DuckDBPyConnection, period: PeriodWindows, seats: int, programs: int
) -> None:
    """Table ``complaints``: about two per seat and month, 3 % alleging a breach of law.

    Complaints received at least 14 days before the period end are investigated and resolved
    within 12 days; later ones only if that falls inside the period. Legal complaints are not
    taken in the last 7 days and are resolved within 6 days, so every one is resolved.
    """
    end = date_sql(period.end)
    rate = seats * 2 * 12 / 365 / programs
    draws = math.ceil(2.5 * rate) + 2
    con.execute(
        f"""
        CREATE OR REPLACE TABLE complaints AS
        WITH drawn AS (
            SELECT p.pi, p.program, d.day, j,
                   u3(p.pi, d.day, j, 'legal') < 0.03 AND d.day <= {end} - 7 AS legal
            FROM programs p, {_days(period)} AS d, range({draws}) AS t(j)
            WHERE u3(p.pi, d.day, j, 'complaint') < {rate / draws} * {_weekday("d.day")}
        ),
        timed AS (
            SELECT *,
                   CASE WHEN legal THEN 1 + pick(u3(pi, day, j, 'inv'), 3)
                        ELSE 1 + pick(u3(pi, day, j, 'inv'), 4) END AS inv,
                   CASE WHEN legal THEN pick(u3(pi, day, j, 'res'), 4)
                        ELSE pick(u3(pi, day, j, 'res'), 9) END AS res
            FROM drawn
        )
        SELECT 'CMP-' || strftime(day, '%y%m%d') || '-' || lpad(CAST(pi + 1 AS VARCHAR), 3, '0') || '-'
                   || lpad(CAST(j + 1 AS VARCHAR), 2, '0') AS complaint_id,
               day AS received,
               ['voice', 'email', 'chat'][1 + pick(u3(pi, day, j, 'channel'), 3)] AS channel,
               program,
               CASE WHEN legal THEN ['data_protection', 'telemarketing_rules', 'consumer_contract']
                        [1 + pick(u3(pi, day, j, 'category'), 3)]
                    ELSE ['incorrect_information', 'staff_attitude', 'waiting_time', 'billing',
                          'unresolved_issue'][1 + pick(u3(pi, day, j, 'category'), 5)] END AS category,
               legal AS legal_violation_alleged,
               CASE WHEN day + inv <= {end} THEN CAST(day + inv AS DATE) END AS investigated_on,
               CASE WHEN day + inv + res <= {end} THEN CAST(day + inv + res AS DATE) END AS resolved_on,
               CASE WHEN day + inv + res <= {end}
                    THEN ['upheld', 'partially_upheld', 'not_upheld'][1 + pick(u3(pi, day, j, 'outcome'), 3)]
               END AS outcome
        FROM timed
        """
    )


COMPLAINTS_CSV = """
SELECT complaint_id, strftime(received, '%Y-%m-%d') AS received, channel, program, category,
       CASE WHEN legal_violation_alleged THEN 'yes' ELSE 'no' END AS legal_violation_alleged,
       strftime(investigated_on, '%Y-%m-%d') AS investigated_on,
       strftime(resolved_on, '%Y-%m-%d') AS resolved_on, outcome
FROM complaints ORDER BY complaint_id
"""
"""The ``complaints`` record set, in a total order."""


def build_customer_surveys(con: duckdb.DuckDBPyConnection, period: PeriodWindows) -> None:
    """Table ``customer_surveys``: every program has responses every day (five-point scales).

    About 12 % of the program's CSS head count a day, and never fewer than two on average, so
    that even a small centre's quarter gives a satisfaction figure within ±5 %.
    """
    overall = (
        "CASE WHEN x < 0.04 THEN 1 WHEN x < 0.10 THEN 2 WHEN x < 0.25 THEN 3 WHEN x < 0.60 THEN 4 ELSE 5 END"
    )

    def attribute(name: str) -> str:
        shift = f"pick(u3(pi, day, j, '{name}'), 5)"
        return (
            f"least(5, greatest(1, overall + CASE {shift} WHEN 0 THEN -1 WHEN 4 THEN 1 ELSE 0 END)) AS {name}"
        )

    con.execute(
        f"""
        CREATE OR REPLACE TABLE customer_surveys AS
        WITH rates AS (
            SELECT pi, program, greatest(2.0, heads * 0.12) AS rate,
                   CAST(ceil(2 * greatest(2.0, heads * 0.12)) AS INTEGER) + 1 AS draws
            FROM programs
        ),
        drawn AS (
            SELECT r.pi, r.program, d.day, j, u3(r.pi, d.day, j, 'overall') AS x
            FROM rates r, {_days(period)} AS d, range(1000) AS t(j)
            WHERE j < r.draws
              AND (j = 0 OR u3(r.pi, d.day, j, 'response') < (r.rate - 1) / (r.draws - 1))
        ),
        scored AS (SELECT *, {overall} AS overall FROM drawn)
        SELECT 'CS-' || strftime(day, '%y%m%d') || '-' || lpad(CAST(pi + 1 AS VARCHAR), 3, '0') || '-'
                   || lpad(CAST(j + 1 AS VARCHAR), 3, '0') AS response_id,
               day AS date, program,
               ['voice', 'voice', 'voice', 'chat', 'chat', 'email'][1 + pick(u3(pi, day, j, 'channel'), 6)]
                   AS channel,
               program || '-' || ['billing', 'tech', 'account'][1 + pick(u3(pi, day, j, 'type'), 3)]
                   AS transaction_type,
               overall,
               {attribute("attr_courtesy")}, {attribute("attr_knowledge")},
               {attribute("attr_resolution")}, {attribute("attr_ease")},
               5 AS scale_max,
               CASE WHEN u3(pi, day, j, 'nps-asked') < 0.8
                    THEN least(10, greatest(0, 2 * overall - 1 + pick(u3(pi, day, j, 'nps'), 3))) END
                   AS likelihood_to_recommend,
               true AS eligible
        FROM scored
        """
    )


CUSTOMER_SURVEYS_CSV = """
SELECT response_id, strftime(date, '%Y-%m-%d') AS date, program, channel, transaction_type, overall,
       attr_courtesy, attr_knowledge, attr_resolution, attr_ease, scale_max, likelihood_to_recommend,
       CASE WHEN eligible THEN 'yes' ELSE 'no' END AS eligible
FROM customer_surveys ORDER BY response_id
"""
"""The ``customer_surveys`` record set, in a total order."""


def absence_csv(period: PeriodWindows) -> str:
    """The ``absence`` record set: unplanned absence on about 2.5 % of CSS working days."""
    return f"""
    WITH days AS (
        SELECT c.staff_id, d.day, u2(c.staff_id, d.day, 'absence') AS x
        FROM css c JOIN {_days(period)} AS d ON d.day BETWEEN c.a AND c.b
        WHERE isodow(d.day) <= 5
    )
    SELECT 'A-' || substr(staff_id, 2) || '-' || strftime(day, '%y%m%d') AS absence_id, staff_id,
           strftime(day, '%Y-%m-%d') AS date,
           CASE WHEN x < 0.035 AND u2(staff_id, day, 'half') < 0.2 THEN '4.0' ELSE '7.5' END AS hours,
           CASE WHEN x < 0.015 THEN 'sick' WHEN x < 0.021 THEN 'personal' WHEN x < 0.025 THEN 'unplanned'
                ELSE 'planned' END AS type,
           CASE WHEN x < 0.025 THEN 'no' ELSE 'yes' END AS planned
    FROM days WHERE x < 0.035
    ORDER BY staff_id, day
    """


def _schedule_weeks(period: PeriodWindows) -> list[list[dt.date]]:
    """The scheduled days of each month: Monday to Friday of the week from its first Monday after the 7th."""
    weeks: list[list[dt.date]] = []
    month = period.start.replace(day=1)
    while month <= period.end:
        eighth = month.replace(day=8)
        monday = eighth + dt.timedelta(days=(7 - eighth.weekday()) % 7)
        days = [monday + dt.timedelta(days=i) for i in range(5)]
        weeks.append([d for d in days if period.start <= d <= period.end])
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return weeks


def schedule_days(roster: Roster, period: PeriodWindows, seed: int) -> list[tuple[str, dt.date]]:
    """(staff, day) pairs with a schedule: a sample of CSS, Monday to Friday of one week a month.

    About :data:`SCHEDULE_SAMPLE` CSS, in equal numbers from every program (at least one each),
    drawn among those in production all period. Where none of a program's sample is in
    production in a month's week, the first of its other CSS who is joins the sample, so that
    every program has scheduled hours in every month it has CSS (absenteeism is computed per
    program and quarter).
    """
    people = roster.role("CSS")
    weeks = _schedule_weeks(period)
    rng = stream(seed, "schedules")
    programs = sorted({p.program for p in people if p.program})
    per_program = max(1, -(-SCHEDULE_SAMPLE // max(1, len(programs))))
    sample: list[Person] = []
    for program in programs:
        staff = [p for p in people if p.program == program]
        whole = [p for p in staff if p.present_for(period.start, period.end)]
        chosen = rng.sample(whole, min(per_program, len(whole)))
        for week in weeks:
            if not any(p.present_on(d) for p in chosen for d in week):
                chosen += [p for p in staff if any(p.present_on(d) for d in week)][:1]
        sample += chosen
    pairs = [
        (person.staff_id, day)
        for person in sample
        for week in weeks
        for day in week
        if person.present_on(day)
    ]
    return sorted(pairs)


def load_schedule_days(con: duckdb.DuckDBPyConnection, days: list[tuple[str, dt.date, int]]) -> None:
    """Table ``schedule_days``: staff, day and the interval length used that day."""
    load_table(con, "schedule_days", "staff_id VARCHAR, day DATE, minutes INTEGER", days)


SCHEDULES_CSV = """
WITH slots AS (
    SELECT sd.staff_id, sd.day, sd.minutes, j,
           sd.day + INTERVAL 9 HOUR + j * sd.minutes * INTERVAL 1 MINUTE AS ts,
           u3(sd.staff_id, sd.day, j, 'activity') AS x
    FROM schedule_days sd JOIN range(17) AS r(j) ON j < 510 // sd.minutes
)
SELECT staff_id, strftime(day, '%Y-%m-%d') AS date, strftime(ts, '%Y-%m-%dT%H:%M:%S') AS interval_start,
       minutes AS interval_minutes,
       CASE WHEN hour(ts) = 12 OR (minutes = 30 AND j IN (3, 11)) THEN 'break'
            WHEN x < 0.03 THEN 'training' WHEN x < 0.06 THEN 'coaching' WHEN x < 0.08 THEN 'meeting'
            WHEN x < 0.12 THEN 'offline' ELSE 'handling' END AS activity,
       minutes AS scheduled_minutes,
       minutes - pick(u3(staff_id, day, j, 'adherence'), minutes // 10 + 1) AS adherent_minutes
FROM slots ORDER BY staff_id, ts
"""
"""The ``schedules`` record set, in a total order."""


def schedule_settings_sql(
    org: Organisation, period: PeriodWindows, hourly_voice: Sequence[tuple[str, dt.date, dt.date]]
) -> str:
    """The ``schedule_settings`` record set: 30-minute real-time voice and chat, hourly email.

    ``hourly_voice`` holds the planted (site, first, last) spans whose real-time voice work was
    set to one-hour intervals, a COPC 2.5 violation.
    """
    rows = []
    for site in org.sites:
        for channel, real_time, minutes in (("voice", "yes", 30), ("chat", "yes", 30), ("email", "no", 60)):
            rows.append(f"('{site.id}', '{channel}', '{real_time}', {minutes}, DATE '{period.start}', NULL)")
    rows += [
        f"('{site}', 'voice', 'yes', 60, DATE '{first}', DATE '{last}')" for site, first, last in hourly_voice
    ]
    return (
        "SELECT site, channel, real_time, interval_minutes, strftime(valid_from, '%Y-%m-%d') AS valid_from, "
        "strftime(valid_to, '%Y-%m-%d') AS valid_to "
        f"FROM (VALUES {', '.join(rows)}) "
        "AS s(site, channel, real_time, interval_minutes, valid_from, valid_to) "
        "ORDER BY site, channel, valid_from"
    )
