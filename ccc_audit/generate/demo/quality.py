"""Monitoring evaluations, calibration sessions and competence reviews of the demo centre."""

from __future__ import annotations

import datetime as dt
import random

from ccc_audit.generate.demo.dates import (
    business_days_between,
    iso,
    month_bounds,
    next_business_day,
    quarter_bounds,
    quarter_of,
)
from ccc_audit.generate.demo.roster import Roster, Staff
from ccc_audit.generate.demo.world import (
    CALIBRATION_GAP_QUARTER,
    INSURANCE,
    PERIOD_END,
    PERIOD_START,
    PROGRAM_BY_ID,
    YEAR,
)


def evaluators_for(roster: Roster, program: str) -> tuple[Staff, Staff]:
    """Return the program's dedicated QA evaluator and the floating one."""
    evaluators = roster.by_role("qa_evaluator")
    dedicated = next(e for e in evaluators if e.program == program)
    floating = next(e for e in evaluators if e.program == "")
    return dedicated, floating


def site_evaluator(roster: Roster, css: Staff) -> Staff:
    """Return the QA evaluator working at the CSS's site (needed for side-by-side evaluation)."""
    dedicated, floating = evaluators_for(roster, css.program)
    return dedicated if dedicated.site == css.site else floating


def pick_method(rng: random.Random, css: Staff, evaluator: Staff, day: dt.date) -> str:
    """Choose how an evaluation was done; side-by-side needs the same office."""
    if css.work_mode == "home" or css.site != evaluator.site:
        return "recorded" if rng.random() < 0.72 else "remote"
    new_starter = (day - css.production_start).days < 45
    draw = rng.random()
    if draw < (0.35 if new_starter else 0.1):
        return "side_by_side"
    return "recorded" if draw < 0.8 else "remote"


def evaluation_days(rng: random.Random, css: Staff, gap_month: int | None) -> list[dt.date]:
    """Return the business days on which ``css`` is evaluated, following the QA procedure.

    2-4 evaluations a month; home workers at least one every ISO week; new CSS at least one
    (home: two) in each of the four 7-day blocks after production start; and, in every quarter
    the CSS is in production from start to end, enough evaluations (at least one per
    transaction type) to cover every KCRP. No evaluation falls in the planted gap month.
    """
    window = css.in_production(PERIOD_START, PERIOD_END)
    if window is None:
        return []
    first, last = window
    days: set[dt.date] = set()

    def open_days(start: dt.date, end: dt.date) -> list[dt.date]:
        start, end = max(start, first), min(end, last)
        return [d for d in business_days_between(start, end) if d.month != gap_month] if start <= end else []

    def top_up(candidates: list[dt.date], need: int) -> None:
        have = sum(1 for d in candidates if d in days)
        spare = [d for d in candidates if d not in days]
        if have < need and spare:
            days.update(rng.sample(spare, min(need - have, len(spare))))

    for month in range(1, 13):
        candidates = open_days(*month_bounds(month))
        if candidates:
            wanted = rng.randint(2, 4) if len(candidates) >= 8 else rng.randint(1, 2)
            days.update(rng.sample(candidates, min(wanted, len(candidates))))
    if css.work_mode == "home":
        monday = first - dt.timedelta(days=first.weekday())
        while monday <= last:
            top_up(open_days(monday, monday + dt.timedelta(days=6)), 1)
            monday += dt.timedelta(days=7)
    if css.production_start >= PERIOD_START:
        for block in range(4):
            block_start = css.production_start + dt.timedelta(days=7 * block)
            top_up(
                open_days(block_start, block_start + dt.timedelta(days=6)),
                2 if css.work_mode == "home" else 1,
            )
    kcrps = len(PROGRAM_BY_ID[css.program].transaction_types)
    for quarter in range(1, 5):
        bounds = quarter_bounds(quarter)
        if css.in_production(*bounds) == bounds:
            top_up(open_days(*bounds), kcrps)
    return sorted(days)


def build_monitoring(rng: random.Random, roster: Roster) -> list[list[str]]:
    """Simulate the evaluations of every CSS in production, minus the planted gap months.

    In each quarter every transaction type (KCRP) of the CSS's program is evaluated at least
    once, and at least one evaluation is side-by-side (home workers: on their office day) and
    one is live remote monitoring.
    """
    rows: list[tuple[dt.date, str, list[str]]] = []
    for css in roster.by_role("CSS"):
        program = PROGRAM_BY_ID[css.program]
        types = program.transaction_types
        dedicated, floating = evaluators_for(roster, css.program)
        local = site_evaluator(roster, css)
        days = evaluation_days(rng, css, roster.monitoring_gaps.get(css.staff_id))
        kinds: dict[dt.date, str] = {}
        forced: dict[dt.date, str] = {}
        for quarter in range(1, 5):
            in_quarter = [d for d in days if quarter_of(d) == quarter]
            for i, day in enumerate(rng.sample(in_quarter, len(in_quarter))):
                kinds[day] = types[i] if i < len(types) else rng.choice(types)
            order = rng.sample(in_quarter, len(in_quarter))
            if len(order) >= 2:
                forced[order[0]] = "side_by_side"
                forced[order[1]] = "remote"
        for day in days:
            method = forced.get(day, "")
            if method == "side_by_side":
                evaluator = local
            else:
                evaluator = dedicated if rng.random() < 0.75 else floating
                method = method or pick_method(rng, css, evaluator, day)
            ramp = max(0.0, 6.0 - (day - css.production_start).days / 15)
            score = round(rng.gauss(css.skill - ramp, 6.0))
            score = max(60, min(100, score))
            errors = ["yes" if rng.random() < 0.01 else "no" for _ in range(3)]
            if program.id == INSURANCE and errors[2] == "no" and rng.random() < 0.01:
                errors[2] = "yes"
            passed = "yes" if score >= 80 and "yes" not in errors else "no"
            rows.append(
                (
                    day,
                    css.staff_id,
                    [
                        "",
                        evaluator.staff_id,
                        css.staff_id,
                        iso(day),
                        css.program,
                        kinds[day],
                        method,
                        str(score),
                        passed,
                        *errors,
                    ],
                )
            )
    rows.sort(key=lambda r: (r[0], r[1], r[2][1]))
    out = []
    for number, (_, _, row) in enumerate(rows, start=1):
        row[0] = f"EV-{YEAR}-{number:05d}"
        out.append(row)
    return out


def build_calibration(rng: random.Random, roster: Roster) -> tuple[list[list[str]], str]:
    """Simulate quarterly calibration; one evaluator misses the gap quarter.

    Every quarter holds a joint consensus session and one or two quantitative sessions
    (reference or gauge) per evaluator; the gap evaluator has neither in the gap quarter.
    Returns the rows and the id of the evaluator with the gap.
    """
    evaluators = roster.by_role("qa_evaluator")
    gap_evaluator = next(e for e in evaluators if e.program == INSURANCE).staff_id
    sessions: list[tuple[dt.date, int, str, list[tuple[str, str]]]] = []
    order = 0
    for quarter in range(1, 5):
        q_start, q_end = quarter_bounds(quarter)
        attendees = [
            e.staff_id
            for e in evaluators
            if not (quarter == CALIBRATION_GAP_QUARTER and e.staff_id == gap_evaluator)
        ]
        mid_start, mid_end = month_bounds(3 * quarter - 1)
        joint_day = rng.choice(business_days_between(mid_start, mid_end))
        joint = [(a, f"{rng.uniform(0.82, 0.97):.2f}") for a in attendees]
        sessions.append((joint_day, order, "consensus", joint))
        order += 1
        for evaluator in attendees:
            # At least one quantitative session (reference or gauge) a quarter.
            for _ in range(rng.randint(1, 2)):
                day = rng.choice(business_days_between(q_start, q_end))
                method = rng.choice(["reference", "gauge"])
                agreement = f"{rng.uniform(0.80, 0.96):.2f}"
                sessions.append((day, order, method, [(evaluator, agreement)]))
                order += 1
    sessions.sort(key=lambda s: (s[0], s[1]))
    rows: list[list[str]] = []
    for number, (day, _, method, members) in enumerate(sessions, start=1):
        for evaluator, agreement in sorted(members):
            rows.append([f"CAL-{YEAR}-{number:03d}", evaluator, iso(day), method, agreement])
    return rows, gap_evaluator


def anniversary(hire: dt.date) -> dt.date:
    """Return the business day nearest after the 2025 anniversary of ``hire``.

    An anniversary in the year-end closure falls back to the last business day of the year.
    """
    day = next_business_day(dt.date(YEAR, hire.month, min(hire.day, 28) if hire.month == 2 else hire.day))
    if day > PERIOD_END:
        day = business_days_between(dt.date(YEAR, 12, 1), PERIOD_END)[-1]
    return day


def build_competence_reviews(rng: random.Random, roster: Roster) -> list[list[str]]:
    """Simulate annual reviews (hire anniversary) and probation reviews for hires."""
    reviews: list[tuple[dt.date, str, str, str]] = []
    for index, css in enumerate(roster.by_role("CSS")):
        if css.staff_id in roster.competence_gaps:
            continue
        if css.hire_date.year < YEAR:
            day = anniversary(css.hire_date)
            if day > PERIOD_END or (css.exit_date and day > css.exit_date):
                continue
            outcome = "competent" if rng.random() < 0.88 else "development_needed"
        else:
            day = next_business_day(css.production_start + dt.timedelta(days=91))
            if day > PERIOD_END:
                continue
            outcome = "competent" if rng.random() < 0.75 else "development_needed"
        supervisors = roster.supervisors_for(css.program, css.site)
        reviewer = supervisors[index % len(supervisors)].staff_id
        reviews.append((day, css.staff_id, reviewer, outcome))
    reviews.sort()
    return [
        [f"CR-{YEAR}-{n:03d}", staff_id, iso(day), reviewer, outcome]
        for n, (day, staff_id, reviewer, outcome) in enumerate(reviews, start=1)
    ]
