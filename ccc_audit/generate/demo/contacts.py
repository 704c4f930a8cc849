"""Contact handling: hourly interval statistics of the six queues and chat sessions of sample days."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from ccc_audit.generate.demo.dates import at, days_between, iso, month_bounds, stamp
from ccc_audit.generate.demo.roster import Roster, Staff
from ccc_audit.generate.demo.world import ECOMMERCE, HOLIDAYS, INSURANCE, PERIOD_END, PERIOD_START, TELECOM


@dataclass(frozen=True)
class Queue:
    """An ACD queue (skill group) and how it performs."""

    id: str
    channel: str
    program: str
    annual: int
    """Contacts offered in the year (the business plan's volume forecast)."""
    threshold: int
    """Service-level answer threshold in seconds."""
    handle: int
    """Mean handle seconds per answered contact."""
    level: tuple[float, ...]
    """Monthly service level the queue runs at, before interval noise."""


SL_TARGETS = {TELECOM: 0.80, ECOMMERCE: 0.80, INSURANCE: 0.85}
"""Voice service level targets (share answered within 20 s), from the client agreements."""


ABANDON_TARGETS = {TELECOM: 0.05, ECOMMERCE: 0.05, INSURANCE: 0.03}
"""Voice abandon rate ceilings, from the client agreements."""


SL_MISS = (ECOMMERCE, 11)
"""Planted gap: みなとマーケット's voice queue misses its service level in November (year-end sale
volumes above forecast). October and December meet the target, so the last three months
neither stay at target nor improve (rule copc.4.3.voice-service-level-and-abandon)."""


QUEUES = (
    Queue(
        "hokuto-voice",
        "voice",
        TELECOM,
        260_000,
        20,
        330,
        (0.83, 0.82, 0.79, 0.81, 0.84, 0.85, 0.84, 0.83, 0.82, 0.84, 0.85, 0.86),
    ),
    Queue("hokuto-chat", "chat", TELECOM, 90_000, 60, 640, (0.88,) * 12),
    Queue(
        "minato-voice",
        "voice",
        ECOMMERCE,
        110_000,
        20,
        300,
        (0.82, 0.84, 0.85, 0.84, 0.85, 0.86, 0.85, 0.84, 0.84, 0.845, 0.76, 0.835),
    ),
    Queue("minato-email", "email", ECOMMERCE, 60_000, 86_400, 420, (0.96,) * 12),
    Queue("minato-chat", "chat", ECOMMERCE, 70_000, 60, 600, (0.89,) * 12),
    Queue(
        "aoba-inbound",
        "voice",
        INSURANCE,
        55_000,
        20,
        420,
        (0.88, 0.88, 0.86, 0.88, 0.89, 0.89, 0.90, 0.89, 0.87, 0.89, 0.90, 0.90),
    ),
)


OPEN_HOURS = tuple(range(9, 18))
"""Opening hours of every queue, every day of the year: 9:00-18:00 in hourly intervals."""


HOUR_SHAPE = (0.8, 1.25, 1.3, 1.0, 1.05, 1.15, 1.05, 0.95, 0.75)


WEEKDAY_SHAPE = (1.25, 1.05, 1.0, 1.0, 1.0, 0.65, 0.55)


SEASON = {
    TELECOM: (1.0, 0.95, 1.25, 1.15, 1.0, 0.95, 0.95, 0.95, 1.1, 1.0, 0.95, 0.95),
    ECOMMERCE: (1.1, 0.95, 0.95, 0.95, 0.95, 0.95, 1.0, 1.0, 0.95, 1.0, 1.2, 1.3),
    INSURANCE: (1.0, 1.0, 1.2, 1.05, 0.95, 0.95, 0.95, 0.95, 1.15, 1.0, 0.95, 0.9),
}


CHAT_POOL = {TELECOM: 5, ECOMMERCE: 4}
"""CSS on chat duty on a sample day, handling up to two chats at once."""


def chat_sample_days() -> list[dt.date]:
    """Return the chat log sample days: the second Wednesday of every month."""
    out = []
    for month in range(1, 13):
        first, _ = month_bounds(month)
        out.append(first + dt.timedelta(days=(2 - first.weekday()) % 7 + 7))
    return out


def draw_count(rng: random.Random, expected: float) -> int:
    """Round ``expected`` down or up at random, up with the probability of its fraction."""
    whole = math.floor(expected)
    return whole + (rng.random() < expected - whole)


def day_weight(program: str, day: dt.date) -> float:
    """Return the relative volume of ``day`` for ``program``."""
    holiday = 0.6 if day in HOLIDAYS and day.weekday() < 5 else 1.0
    return WEEKDAY_SHAPE[day.weekday()] * holiday * SEASON[program][day.month - 1]


@dataclass
class Contacts:
    """Interval statistics of every queue, and the chat sessions of the sample days."""

    intervals: list[list[str]]
    chats: list[list[str]]


def interval_row(queue: Queue, start: dt.datetime, counts: Sequence[int]) -> list[str]:
    """Return one interval_stats row; ``counts`` = offered, answered, within, abandoned, handle, forecast."""
    offered, answered, within, abandoned, handle, forecast = counts
    return [
        queue.id,
        queue.channel,
        queue.program,
        stamp(start),
        "60",
        str(offered),
        str(answered),
        str(within),
        str(abandoned),
        str(handle),
        str(queue.threshold),
        str(forecast),
    ]


def simulate_chats(
    rng: random.Random, queue: Queue, day: dt.date, daily: float, pool: Sequence[Staff]
) -> tuple[list[list[str]], list[tuple[float, str, list[dt.datetime | None], int, str, str]]]:
    """Simulate one sample day of a chat queue; return its interval rows and its sessions.

    Each request goes to the CSS who can take it first (at most two open chats each, wrap time
    included); a customer who would wait longer than their patience abandons in the queue.
    Sessions are (requested second, staff id, [requested, accepted, first reply, ended], wrap
    seconds, abandoned before reply, abandoned after start).
    """
    shape_total = sum(HOUR_SHAPE)
    requests: list[float] = []
    forecasts: dict[int, int] = {}
    for hour, shape in zip(OPEN_HOURS, HOUR_SHAPE, strict=True):
        expected = daily * shape / shape_total
        forecasts[hour] = max(0, round(expected * (1 + rng.gauss(0, 0.02))))
        count = max(0, round(rng.gauss(expected, math.sqrt(expected))))
        requests += [hour * 3600 + rng.uniform(0, 3599) for _ in range(count)]
    requests.sort()
    open_until: dict[str, list[float]] = {s.staff_id: [] for s in pool}
    sessions: list[tuple[float, str, list[dt.datetime | None], int, str, str]] = []
    for t in requests:
        best: tuple[float, int, str] | None = None
        for agent in sorted(open_until):
            still = [e for e in open_until[agent] if e > t]
            open_until[agent] = still
            free = t if len(still) < 2 else min(still)
            if best is None or (free, len(still), agent) < best:
                best = (free, len(still), agent)
        assert best is not None
        accept = best[0] + rng.uniform(3, 15)
        if accept - t > rng.uniform(90, 600):
            sessions.append((t, "", [at(day, t), None, None, None], 0, "", ""))
            continue
        reply = accept + rng.uniform(5, 30)
        draw = rng.random()
        before, after = "no", "no"
        if draw < 0.03:
            before, end = "yes", reply + rng.uniform(120, 240)
        elif draw < 0.07:
            after, end = "yes", reply + rng.uniform(60, 400)
        else:
            end = reply + rng.lognormvariate(math.log(queue.handle - 80), 0.35)
        wrap = rng.randint(20, 110)
        open_until[best[2]].append(end + wrap)
        moments: list[dt.datetime | None] = [at(day, t), at(day, accept), at(day, reply), at(day, end)]
        sessions.append((t, best[2], moments, wrap, before, after))
    rows: list[list[str]] = []
    for hour in OPEN_HOURS:
        mine = [s for s in sessions if int(s[0] // 3600) == hour]
        taken = [s for s in mine if s[1]]
        within = 0
        handle = 0.0
        for _, _, moments, wrap, _, _ in taken:
            requested, accepted, replied, ended = moments
            assert requested and accepted and replied and ended
            within += (replied - requested).total_seconds() <= queue.threshold
            handle += (ended - accepted).total_seconds() + wrap
        counts = (len(mine), len(taken), within, len(mine) - len(taken), round(handle), forecasts[hour])
        rows.append(interval_row(queue, at(day, hour * 3600), counts))
    return rows, sessions


CHAT_COLUMNS = (
    "session_id",
    "staff_id",
    "program",
    "requested_at",
    "accepted_at",
    "first_reply_at",
    "sl_threshold_seconds",
    "css_response_seconds_total",
    "css_responses",
    "ended_at",
    "wrap_seconds",
)
"""The first columns of a chat row, as the chat_sessions record type orders them."""

CHAT_THRESHOLD = 60
"""The chat service-level threshold the centre set, in seconds (the chat queues' threshold)."""


def response_times(moments: Sequence[dt.datetime | None]) -> tuple[str, str]:
    """Total seconds and number of CSS answers to customer messages in one session, no draw needed.

    A CSS answers about every two and a half minutes of dialogue, each answer taking the time
    the first reply took after acceptance plus ten seconds; a session never replied to has none.
    """
    _, accepted, replied, ended = moments
    if not (accepted and replied and ended):
        return "", ""
    answers = 1 + int((ended - replied).total_seconds() // 150)
    each = (replied - accepted).total_seconds() + 10
    return str(round(answers * each)), str(answers)


def build_contacts(rng: random.Random, roster: Roster, away: set[tuple[dt.date, str]]) -> Contacts:
    """Simulate hourly statistics of every queue over the year, and the chat sample days."""
    days = days_between(PERIOD_START, PERIOD_END)
    shape_total = sum(HOUR_SHAPE)
    chat_days = set(chat_sample_days())
    intervals: list[list[str]] = []
    sessions: list[tuple[dt.datetime, str, str, list[dt.datetime | None], int, str, str]] = []
    for queue in QUEUES:
        total_weight = sum(day_weight(queue.program, d) for d in days)
        for day in days:
            daily = queue.annual * day_weight(queue.program, day) / total_weight
            if queue.channel == "chat" and day in chat_days:
                candidates = [
                    s
                    for s in roster.by_role("CSS")
                    if s.program == queue.program and s.producing(day) and (day, s.staff_id) not in away
                ]
                pool = rng.sample(candidates, CHAT_POOL[queue.program])
                rows, simulated = simulate_chats(rng, queue, day, daily, pool)
                intervals += rows
                sessions += [(at(day, s[0]), queue.program, *s[1:]) for s in simulated]
                continue
            for hour, shape in zip(OPEN_HOURS, HOUR_SHAPE, strict=True):
                expected = daily * shape / shape_total
                offered = max(0, round(rng.gauss(expected, math.sqrt(expected))))
                forecast = max(0, round(expected * (1 + rng.gauss(0, 0.02))))
                level = queue.level[day.month - 1] + rng.gauss(0, 0.03) - 0.08 * (shape - 1)
                level = min(0.99, max(0.4, level))
                abandon = 0.0
                if queue.channel != "email":
                    abandon = min(0.3, max(0.0, 0.012 + 0.2 * max(0.0, 0.88 - level) + rng.gauss(0, 0.005)))
                abandoned = draw_count(rng, offered * abandon)
                answered = offered - abandoned
                within = min(answered, draw_count(rng, offered * level))
                handle = round(answered * queue.handle * rng.uniform(0.93, 1.07))
                counts = (offered, answered, within, abandoned, handle, forecast)
                intervals.append(interval_row(queue, at(day, hour * 3600), counts))
    sessions.sort(key=lambda s: (s[0], s[1]))
    chats: list[list[str]] = []
    by_staff: dict[str, list[tuple[dt.datetime, dt.datetime]]] = {}
    for _, _, staff_id, moments, _, _, _ in sessions:
        if staff_id and moments[1] and moments[3]:
            by_staff.setdefault(staff_id, []).append((moments[1], moments[3]))
    numbers: dict[dt.date, int] = {}
    for requested, program, staff_id, moments, wrap, before, after in sessions:
        day = requested.date()
        numbers[day] = numbers.get(day, 0) + 1
        peak = ""
        if staff_id and moments[1] and moments[3]:
            start, end = moments[1], moments[3]
            overlaps = sum(1 for s, e in by_staff[staff_id] if s < end and start < e) - 1
            peak = str(1 + min(1, overlaps))
        requested_at, accepted, replied, ended = (stamp(m) for m in moments)
        chats.append(
            [
                f"CH-{day:%Y%m%d}-{numbers[day]:04d}",
                staff_id,
                program,
                requested_at,
                accepted,
                replied,
                str(CHAT_THRESHOLD),
                *response_times(moments),
                ended,
                str(wrap) if staff_id else "",
                peak,
                before,
                after,
                "no",
                "",
            ]
        )
    return Contacts(intervals, chats)


def queue_totals(
    intervals: Sequence[Sequence[str]],
    channel: str | None,
    program: str | None,
    span: tuple[dt.date, dt.date],
) -> tuple[int, int, int, int, int]:
    """Return offered, answered, within threshold, abandoned and |forecast error| over ``span``."""
    first, last = iso(span[0]), iso(span[1]) + "T23"
    offered = answered = within = abandoned = error = 0
    for r in intervals:
        if (channel and r[1] != channel) or (program and r[2] != program) or not first <= r[3] <= last:
            continue
        offered += int(r[5])
        answered += int(r[6])
        within += int(r[7])
        abandoned += int(r[8])
        error += abs(int(r[11]) - int(r[5]))
    return offered, answered, within, abandoned, error
