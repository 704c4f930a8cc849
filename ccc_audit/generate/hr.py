"""Small people-related record sets built in Python.

Calibration, skill verifications, competence reviews and employee surveys. Each builder takes
the (person, window) pairs to leave out, which is how violations are planted in these sets;
identifiers are numbered after that, so a planted gap leaves no hole in them.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass

from ccc_audit.generate.options import PeriodWindows
from ccc_audit.generate.people import Person, Roster
from ccc_audit.generate.randomness import stream
from ccc_audit.generate.store import Cell
from ccc_audit.models.calendar import add_months

PASS_MARK = 80
CALIBRATION_METHODS = ("reference", "gauge", "consensus")

Skip = frozenset[tuple[str, str]]
"""(staff id, window label) pairs to leave out."""


@dataclass(frozen=True)
class Table:
    """A record set built in Python: its columns and rows."""

    name: str
    header: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


def _numbered(prefix: str, rows: Iterable[tuple[Cell, ...]]) -> list[tuple[Cell, ...]]:
    """Rows sorted, each prefixed with ``<prefix>-000001`` and so on."""
    ordered = sorted(rows, key=lambda row: tuple("" if v is None else str(v) for v in row))
    width = max(6, len(str(len(ordered))))
    return [(f"{prefix}-{n:0{width}d}", *row) for n, row in enumerate(ordered, start=1)]


def _day_in(rng_value: float, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=int(rng_value * ((last - first).days + 1)))


def rolling_days(rng: random.Random, person: Person, period: PeriodWindows, skip: Skip) -> list[dt.date]:
    """Days of a person's annual activity, each at most 12 months after the one before.

    Annual activities per person are checked as "at most 12 months apart" (a rolling year): the
    first is due 12 months after production start when that falls in the period, otherwise 12
    months after the period starts. Each is drawn in the four months before it is due. A day whose
    year label ``skip`` holds for the person is left out (a planted gap), yet later days still
    follow it, so the gap shows once.
    """
    started = person.production_start
    previous = started if add_months(started, 12) >= period.start else period.start - dt.timedelta(days=1)
    end = min(period.end, person.exit_date or period.end)
    days: list[dt.date] = []
    while (due := add_months(previous, 12)) <= end + dt.timedelta(days=1):
        first = max(period.start, previous + dt.timedelta(days=1), due - dt.timedelta(days=120))
        day = _day_in(rng.random(), first, due - dt.timedelta(days=1))
        label = next((y.label for y in period.years if y.start <= day <= y.end), str(day.year))
        if (person.staff_id, label) not in skip:
            days.append(day)
        previous = day
    return days


def _months(period: PeriodWindows) -> list[tuple[dt.date, dt.date]]:
    """Every calendar month overlapping the period, clipped to it."""
    spans = []
    month = period.start.replace(day=1)
    while month <= period.end:
        following = (month + dt.timedelta(days=32)).replace(day=1)
        spans.append((max(month, period.start), min(following - dt.timedelta(days=1), period.end)))
        month = following
    return spans


def _quarter_of(day: dt.date, period: PeriodWindows) -> str:
    """The label of the period's whole quarter holding ``day`` ('' outside them)."""
    return next((q.label for q in period.quarters if q.contains(day)), "")


def _make_up_sessions(
    evaluators: list[Person], period: PeriodWindows, skip: Skip, rows: list[tuple[Cell, ...]]
) -> list[tuple[Cell, ...]]:
    """A reference session for each evaluator in post during a quarter who missed its quantitative ones.

    Everyone who monitors in a quarter needs a quantitative calibration in it (COPC 2.7), also
    those who join or leave mid-quarter; the planted ``skip`` pairs stay without one.
    """
    done = {
        (r[1], _quarter_of(r[2], period))
        for r in rows
        if isinstance(r[2], dt.date) and r[3] in ("reference", "gauge")
    }
    extra: list[tuple[Cell, ...]] = []
    for quarter in period.quarters:
        for person in evaluators:
            days = person.active(quarter.start, quarter.end)
            key = (person.staff_id, quarter.label)
            if days and key not in done and key not in skip:
                session = f"CAL-{quarter.label}-M"
                extra.append(
                    (session, person.staff_id, days[0], "reference", "0.90", True, "call_monitoring")
                )
    return extra


def calibration(roster: Roster, period: PeriodWindows, seed: int, skip: Skip) -> Table:
    """One calibration session a month; every evaluator in post that day takes part.

    ``skip`` holds (evaluator, quarter label) pairs whose sessions are left out.
    """
    rng = stream(seed, "calibration")
    evaluators = roster.role("qa_evaluator")
    rows: list[tuple[Cell, ...]] = []
    for n, (first, last) in enumerate(_months(period)):
        middle = (first + dt.timedelta(days=4), last - dt.timedelta(days=4))
        day = _day_in(rng.random(), *middle) if middle[0] <= middle[1] else _day_in(rng.random(), first, last)
        session = f"CAL-{day:%Y-%m}"
        method = CALIBRATION_METHODS[n % len(CALIBRATION_METHODS)]
        for person in evaluators:
            agreement = f"{rng.uniform(0.80, 0.97):.2f}"
            attribute_level = rng.random() < 0.85
            if person.present_on(day) and (person.staff_id, _quarter_of(day, period)) not in skip:
                rows.append(
                    (session, person.staff_id, day, method, agreement, attribute_level, "call_monitoring")
                )
    rows += _make_up_sessions(evaluators, period, skip, rows)
    header = (
        "session_id",
        "evaluator_id",
        "date",
        "method",
        "agreement",
        "attribute_level",
        "evaluation_type",
    )
    return Table("calibration", header, sorted(rows, key=lambda r: (str(r[0]), str(r[1]))))


def _observer(people: list[Person], day: dt.date, key: int) -> str:
    present = [p for p in people if p.present_on(day)] or people
    return present[key % len(present)].staff_id


def skill_verifications(roster: Roster, period: PeriodWindows, seed: int, skip: Skip) -> Table:
    """Initial tests and annual re-verifications of CSS, and annual re-verifications of the other key roles.

    An initial test before production start (for those starting in or up to a year before the
    period) and an observation in every whole calendar year a CSS is in production. ``skip``
    holds (staff, year label) pairs whose annual verification is left out.
    """
    rng = stream(seed, "verifications")
    trainers = roster.role("trainer")
    horizon = period.start - dt.timedelta(days=366)
    rows: list[tuple[Cell, ...]] = []
    for person in roster.role("CSS"):
        if person.production_start <= period.end and person.production_start >= horizon:
            day = person.production_start - dt.timedelta(days=rng.randint(1, 10))
            rows.append(
                (
                    person.staff_id,
                    day,
                    "initial",
                    "test",
                    _observer(trainers, day, person.slot),
                    "product knowledge, procedures and relevant law",
                    rng.randint(PASS_MARK, 100),
                    PASS_MARK,
                    True,
                    f"QS-{person.program}-{day.year}",
                )
            )
        for day in rolling_days(rng, person, period, skip):
            rows.append(
                (
                    person.staff_id,
                    day,
                    "annual",
                    "observation",
                    _observer(trainers, day, person.slot),
                    "annual re-verification of product knowledge, procedures and relevant law",
                    rng.randint(PASS_MARK, 100),
                    PASS_MARK,
                    True,
                    f"OBS-{person.program}-{day.year}",
                )
            )
    for role in ("supervisor", "qa_evaluator", "trainer", "workforce_planner"):
        for person in roster.role(role):
            rows.extend(
                (
                    person.staff_id,
                    day,
                    "annual",
                    "test",
                    _observer(trainers, day, person.slot),
                    f"annual re-verification of the {role} skills",
                    rng.randint(PASS_MARK, 100),
                    PASS_MARK,
                    True,
                    f"ROLE-{role}-{day.year}",
                )
                for day in rolling_days(rng, person, period, skip)
            )
    header = (
        "verification_id",
        "staff_id",
        "date",
        "kind",
        "method",
        "observer_id",
        "subject",
        "score",
        "pass_mark",
        "passed",
        "questions_ref",
    )
    return Table("skill_verifications", header, _numbered("V", rows))


def competence_reviews(roster: Roster, period: PeriodWindows, seed: int, skip: Skip) -> Table:
    """Competence reviews of CSS.

    A review in every calendar year a CSS is in production all year, and a probation review 90
    days after production start when that falls in the period. ``skip`` holds (staff, year label)
    pairs whose reviews in that year are left out.
    """
    rng = stream(seed, "competence")
    rows: list[tuple[Cell, ...]] = []
    supervisors = {p.program: roster.supervisors_of(p.program) for p in roster.role("CSS") if p.program}

    def row(person: Person, day: dt.date) -> tuple[Cell, ...]:
        reviewer = _observer(supervisors[person.program], day, person.slot) if person.program else ""
        outcome = "competent" if rng.random() < 0.9 else "development_needed"
        return (person.staff_id, day, reviewer, outcome)

    for person in roster.role("CSS"):
        skipped = {label for staff, label in skip if staff == person.staff_id}
        probation = person.production_start + dt.timedelta(days=90)
        if period.start <= probation <= period.end and person.present_on(probation):
            drafted = row(person, probation)
            if str(probation.year) not in skipped:
                rows.append(drafted)
        for day in rolling_days(rng, person, period, skip):
            rows.append(row(person, day))
    return Table(
        "competence_reviews", ("review_id", "staff_id", "date", "reviewer", "outcome"), _numbered("CR", rows)
    )


def _engagement(rng_value: float) -> int:
    for score, limit in ((1, 0.05), (2, 0.15), (3, 0.40), (4, 0.80)):
        if rng_value < limit:
            return score
    return 5


def employee_surveys(roster: Roster, period: PeriodWindows, seed: int) -> Table:
    """One survey round per calendar year (about 78 % respond), plus onboarding and exit surveys."""
    rng = stream(seed, "employee-surveys")
    rows: list[tuple[Cell, ...]] = []
    year = period.start.year
    while dt.date(year, 1, 1) <= period.end:
        first, last = max(period.start, dt.date(year, 1, 1)), min(period.end, dt.date(year, 12, 31))
        launch = first + (last - first) / 2
        for person in roster.people:
            if person.present_on(launch) and rng.random() < 0.78:
                day = min(launch + dt.timedelta(days=rng.randint(0, 9)), last, person.exit_date or last)
                rows.append(_survey_row(rng, person, day, "tenure"))
        year += 1
    for person in roster.role("CSS"):
        onboarding = person.production_start + dt.timedelta(days=7)
        if period.start <= onboarding <= period.end and person.present_on(onboarding) and rng.random() < 0.7:
            rows.append(_survey_row(rng, person, onboarding, "onboarding"))
        if person.exit_date and period.start <= person.exit_date <= period.end and rng.random() < 0.4:
            rows.append(_survey_row(rng, person, person.exit_date, "exit"))
    ordered = sorted(rows, key=lambda r: (str(r[0]), str(r[1])))
    numbered = [(f"ES-{n:06d}", r[0], *r[2:]) for n, r in enumerate(ordered, start=1)]
    header = ("response_id", "date", "site", "program", "role", "engagement", "scale_max", "lifecycle_stage")
    return Table("employee_surveys", header, numbered)


def _survey_row(rng: random.Random, person: Person, day: dt.date, stage: str) -> tuple[Cell, ...]:
    """(date, shuffle token, site, program, role, engagement, scale, stage).

    The token orders the responses of a day so that their numbers do not reveal who answered.
    """
    token = f"{rng.random():.12f}"
    return (day, token, person.site, person.program, person.role, _engagement(rng.random()), 5, stage)
