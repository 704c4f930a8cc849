"""Outbound attempts (あおば生命) and the customer and employee surveys of the demo centre."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from ccc_audit.generate.demo.contacts import QUEUES
from ccc_audit.generate.demo.dates import (
    at,
    business_days_between,
    is_business_day,
    iso,
    month_bounds,
    next_business_day,
    previous_business_day,
    quarter_of,
    random_date,
    stamp,
)
from ccc_audit.generate.demo.roster import Roster
from ccc_audit.generate.demo.skills import LAST_WORKING_DAY
from ccc_audit.generate.demo.world import (
    ECOMMERCE,
    INSURANCE,
    PERIOD_END,
    PERIOD_START,
    PROGRAMS,
    TELECOM,
    YEAR,
    ProgramInfo,
)

PERMITTED_HOURS = (9, 20)
"""Calling hours allowed by the client's solicitation policy: 9:00 to 20:00."""


AFTER_HOURS_DIAL = dt.datetime(YEAR, 6, 18, 20, 14, 37)
"""Planted gap: a CSS returned a customer's missed call by manual dial at 20:14, outside the
permitted hours (rules copc.2.14.contact-restrictions and iso18295-1.4.5.contact-restrictions)."""


OUTCOMES = (("no_answer", 0.44), ("rpc", 0.33), ("wrong_party", 0.05), ("refused", 0.1), ("sale", 0.08))


def campaign(day: dt.date) -> str:
    """Return the outbound campaign running on ``day``."""
    if day.month in (2, 3):
        return f"renewal-{YEAR}-spring"
    if day.month in (8, 9):
        return f"renewal-{YEAR}-autumn"
    return f"lapse-prevention-{YEAR}-q{quarter_of(day)}"


def build_outbound(rng: random.Random, roster: Roster, away: set[tuple[dt.date, str]]) -> list[list[str]]:
    """Simulate the dialler log: about 30 dials a business day by three insurance CSS.

    Every number is scrubbed against the do-not-contact list and dials run 10:00-19:50; the
    only exception is the planted ``AFTER_HOURS_DIAL``.
    """
    rows: list[list[str]] = []
    insurance = [s for s in roster.by_role("CSS") if s.program == INSURANCE]
    for day in business_days_between(PERIOD_START, PERIOD_END):
        callers = [s for s in insurance if s.producing(day) and (day, s.staff_id) not in away]
        desk = rng.sample(callers, 3)
        moments = sorted(
            at(day, rng.uniform(10 * 3600, 19 * 3600 + 50 * 60)) for _ in range(rng.randint(24, 36))
        )
        dials = [(m, rng.choice(desk).staff_id) for m in moments]
        if day == AFTER_HOURS_DIAL.date():
            dials.append((AFTER_HOURS_DIAL, desk[0].staff_id))
        for number, (moment, staff_id) in enumerate(dials, start=1):
            outcome = rng.choices([o for o, _ in OUTCOMES], weights=[w for _, w in OUTCOMES])[0]
            permitted = PERMITTED_HOURS[0] <= moment.hour < PERMITTED_HOURS[1]
            rows.append(
                [
                    f"OB-{day:%Y%m%d}-{number:03d}",
                    staff_id,
                    stamp(moment),
                    campaign(day),
                    outcome,
                    "no",
                    "yes" if permitted else "no",
                ]
            )
    return rows


SURVEY_RESPONSES = {TELECOM: 125, ECOMMERCE: 105, INSURANCE: 95}
"""Usual survey responses a month per program."""


SURVEY_OUTAGE = (INSURANCE, 3)
"""Planted gap: the SMS survey of あおば生命 was paused for a system change in 2025-Q3; only about
40 responses a month came in, too few for a ±5 % margin on the quarter's CSAT (rule
copc.1.4.sample-validity)."""


CSAT_LEVEL = {
    TELECOM: (0.82, 0.83, 0.84, 0.85),
    ECOMMERCE: (0.845, 0.85, 0.855, 0.86),
    INSURANCE: (0.86, 0.87, 0.87, 0.875),
}
"""Share of satisfied customers (4 or 5 out of 5) per quarter."""


def channel_types(program: ProgramInfo, channel: str) -> list[str]:
    """Return the transaction types handled through ``channel`` in ``program``."""
    own = [t for t in program.transaction_types if t.startswith(channel + "_")]
    if own:
        return own
    return [t for t in program.transaction_types if not t.startswith(("chat_", "email_"))]


def build_customer_surveys(rng: random.Random) -> list[list[str]]:
    """Simulate post-contact survey responses (five-point scale, attributes and NPS question)."""
    entries: list[tuple[dt.date, str, str, str, list[int]]] = []
    for program in PROGRAMS:
        queues = [q for q in QUEUES if q.program == program.id]
        for month in range(1, 13):
            first, last = month_bounds(month)
            usual = SURVEY_RESPONSES[program.id]
            outage = (program.id, quarter_of(first)) == SURVEY_OUTAGE
            count = rng.randint(38, 42) if outage else rng.randint(usual - 10, usual + 10)
            level = CSAT_LEVEL[program.id][quarter_of(first) - 1]
            for _ in range(count):
                queue = rng.choices(queues, weights=[q.annual for q in queues])[0]
                if rng.random() < level:
                    overall = 5 if rng.random() < 0.5 else 4
                else:
                    overall = rng.choices([3, 2, 1], weights=[0.6, 0.28, 0.12])[0]
                attrs = [max(1, min(5, overall + rng.choice([-1, 0, 0, 0, 1]))) for _ in range(4)]
                low, high = {5: (8, 10), 4: (6, 9), 3: (4, 7), 2: (1, 5), 1: (0, 3)}[overall]
                kind = rng.choice(channel_types(program, queue.channel))
                scores = [overall, *attrs, rng.randint(low, high)]
                entries.append((random_date(rng, first, last), program.id, queue.channel, kind, scores))
    entries.sort(key=lambda e: (e[0], e[1], e[2], e[3], e[4]))
    return [
        [
            f"CS-{YEAR}-{n:05d}",
            iso(day),
            program,
            channel,
            kind,
            *(str(v) for v in scores[:5]),
            "5",
            str(scores[5]),
            "yes",
        ]
        for n, (day, program, channel, kind, scores) in enumerate(entries, start=1)
    ]


def survey_stats(
    surveys: Sequence[Sequence[str]], program: str | None, first: dt.date, last: dt.date
) -> tuple[int, float, int]:
    """Return the responses, CSAT (share of 4-5) and NPS of ``program`` (all if None) in a span."""
    rows = [r for r in surveys if (program is None or r[2] == program) and iso(first) <= r[1] <= iso(last)]
    if not rows:
        return 0, 0.0, 0
    satisfied = sum(1 for r in rows if int(r[5]) >= 4)
    promoters = sum(1 for r in rows if int(r[11]) >= 9)
    detractors = sum(1 for r in rows if int(r[11]) <= 6)
    return len(rows), satisfied / len(rows), round(100 * (promoters - detractors) / len(rows))


EMPLOYEE_SURVEY_WINDOW = (dt.date(YEAR, 9, 1), dt.date(YEAR, 9, 19))
"""The yearly employee survey (postponed from May to September, see the expired waiver)."""


@dataclass(frozen=True)
class EmployeeSurvey:
    """Employee survey responses and the figures quoted in the report."""

    rows: list[list[str]]
    invited: int
    answered: int
    engagement: float


def build_employee_surveys(rng: random.Random, roster: Roster) -> EmployeeSurvey:
    """Simulate the yearly survey (all staff, agency included) and onboarding and exit surveys."""
    start, end = EMPLOYEE_SURVEY_WINDOW
    entries: list[tuple[dt.date, str, str, str, int, str]] = []
    invited = [s for s in roster.staff if s.employed(start)]
    for person in invited:
        if rng.random() < 0.91:
            score = max(1, min(5, round(rng.gauss(3.75, 0.8))))
            day = rng.choice(business_days_between(start, end))
            entries.append((day, person.site, person.program, person.role, score, "tenure"))
    yearly = list(entries)
    for person in roster.by_role("CSS"):
        if person.production_start.year == YEAR:
            day = next_business_day(person.production_start + dt.timedelta(days=14))
            if day <= LAST_WORKING_DAY:
                score = max(1, min(5, round(rng.gauss(4.0, 0.7))))
                entries.append((day, person.site, person.program, "CSS", score, "onboarding"))
        if person.exit_date and person.exit_type != "transfer" and rng.random() < 0.8:
            day = (
                person.exit_date
                if is_business_day(person.exit_date)
                else previous_business_day(person.exit_date)
            )
            score = max(1, min(5, round(rng.gauss(3.0, 0.9))))
            entries.append((day, person.site, person.program, "CSS", score, "exit"))
    entries.sort()
    rows = [
        [f"ES-{YEAR}-{n:04d}", iso(day), site, program, role, str(score), "5", stage]
        for n, (day, site, program, role, score, stage) in enumerate(entries, start=1)
    ]
    mean = sum(e[4] for e in yearly) / len(yearly)
    return EmployeeSurvey(rows, len(invited), len(yearly), mean)
