"""Skill verifications: initial, annual and monthly (home workers), with one planted annual gap."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from ccc_audit.generate.demo.dates import (
    business_days_between,
    iso,
    month_bounds,
    next_business_day,
    previous_business_day,
)
from ccc_audit.generate.demo.roster import Roster, Staff
from ccc_audit.generate.demo.world import ECOMMERCE, INSURANCE, PERIOD_START, TELECOM, YEAR

PASS_MARK = 80
"""Pass mark of every test and observation checklist (training plan)."""


PROGRAM_CODES = {TELECOM: "HKT", ECOMMERCE: "MNT", INSURANCE: "AOB"}


LAST_WORKING_DAY = dt.date(YEAR, 12, 26)
"""Last business day before the year-end closure."""


def verifiers(roster: Roster, css: Staff, day: dt.date) -> list[Staff]:
    """Return the staff who could mark or observe ``css`` on ``day``, best placed first.

    The site's trainer first, then the CSS's own supervisors, the site's other supervisors
    and QA evaluators, then anyone else already employed.
    """

    def rank(s: Staff) -> int:
        local = s.site == css.site
        if s.role == "trainer" and local:
            return 0
        if s.role == "supervisor" and local and s.program == css.program:
            return 1
        if s.role == "supervisor" and local:
            return 2
        if s.role == "qa_evaluator" and local:
            return 3
        return 4

    present = [s for s in roster.staff if s.role != "CSS" and s.employed(day)]
    return sorted(present, key=lambda s: (rank(s), s.staff_id))


def reverification_gap(roster: Roster) -> str:
    """Return the planted CSS without an annual re-verification: the first full-year agency CSS."""
    return next(s.staff_id for s in roster.by_role("CSS") if s.employment_type == "agency" and s.full_year())


def repeated_critical_errors(monitoring: Sequence[Sequence[str]]) -> list[tuple[str, dt.date]]:
    """(CSS, date) of each evaluation with a critical error less than 31 days after another one."""
    critical: dict[str, list[dt.date]] = {}
    for row in monitoring:
        if "yes" in row[9:12]:
            critical.setdefault(row[2], []).append(dt.date.fromisoformat(row[3]))
    return sorted(
        (sid, day)
        for sid, days in critical.items()
        for day in days
        if any(day - dt.timedelta(days=30) <= other < day for other in days)
    )


KEY_ROLES = ("supervisor", "qa_evaluator", "workforce_planner", "trainer")
"""The demo's key roles besides CSS, re-verified every year like CSS (COPC 3.4, L590)."""

Entry = tuple[dt.date, str, str, str, str, str, int, str]


def annual_observations(roster: Roster, entries: Sequence[Entry]) -> list[Entry]:
    """An on-the-job observation on the day of each CSS's first annual test attempt (COPC 3.4, L601)."""
    staff = {s.staff_id: s for s in roster.by_role("CSS")}
    first: dict[str, dt.date] = {}
    for day, sid, kind, method, *_ in entries:
        if kind == "annual" and method == "test" and sid in staff:
            first[sid] = min(day, first.get(sid, day))
    return [
        (
            day,
            sid,
            "annual",
            "observation",
            verifiers(roster, staff[sid], day)[0].staff_id,
            "call_handling",
            90,
            "OJT-CHECK-v3",
        )
        for sid, day in sorted(first.items())
    ]


def key_role_reverifications(roster: Roster) -> list[Entry]:
    """A yearly test of every key-role holder other than CSS in post all year, in their hire month."""
    out: list[Entry] = []
    for person in roster.staff:
        if person.role not in KEY_ROLES or person.production_start >= PERIOD_START:
            continue
        day = next_business_day(dt.date(YEAR, person.hire_date.month, 12))
        if not person.employed(day) or day > LAST_WORKING_DAY:
            continue
        marker = next(
            s.staff_id
            for s in roster.staff
            if s.role in ("trainer", "supervisor") and s.staff_id != person.staff_id and s.employed(day)
        )
        out.append(
            (day, person.staff_id, "annual", "test", marker, f"role_{person.role}", 90, f"ROLE-{YEAR}")
        )
    return out


def build_skill_verifications(
    rng: random.Random, roster: Roster, monitoring: Sequence[Sequence[str]]
) -> tuple[list[list[str]], str]:
    """Simulate verifications: initial (every CSS on file), annual (2025) and monthly (home workers).

    Initial: a written test passed before production start, then two on-the-job observations by
    two different observers. Annual: a re-verification in the CSS's hire month. Monthly: a test
    on the month's product and procedure changes for every home worker. A CSS with a repeated
    critical error is taken off live work and passes a remediation test on the next business day
    (COPC 3.5). Returns the rows and the planted CSS without an annual re-verification.
    """
    gap = reverification_gap(roster)
    entries: list[tuple[dt.date, str, str, str, str, str, int, str]] = []
    staff = {s.staff_id: s for s in roster.by_role("CSS")}
    for sid, repeat in repeated_critical_errors(monitoring):
        day = next_business_day(repeat + dt.timedelta(days=1))
        marker = verifiers(roster, staff[sid], day)[0].staff_id
        ref = f"REMEDIATION-{PROGRAM_CODES[staff[sid].program]}-{iso(repeat)}"
        entries.append((day, sid, "monthly", "test", marker, "critical_error_remediation", 90, ref))

    def test(
        day: dt.date, css: Staff, kind: str, subject: str, ref: str, fail_rate: float, retest: dt.date
    ) -> None:
        marker = verifiers(roster, css, day)[0].staff_id
        if rng.random() < fail_rate:
            entries.append((day, css.staff_id, kind, "test", marker, subject, rng.randint(66, 79), ref))
            day = retest
        entries.append((day, css.staff_id, kind, "test", marker, subject, rng.randint(PASS_MARK, 98), ref))

    for css in roster.by_role("CSS"):
        code = PROGRAM_CODES[css.program]
        subject = "products_procedures_law" if css.program == INSURANCE else "products_procedures"
        second_watch = previous_business_day(css.production_start)
        first_watch = previous_business_day(second_watch)
        exam = previous_business_day(first_watch)
        ref = f"INIT-{code}-v{css.production_start.year - 2015}"
        first_try = previous_business_day(previous_business_day(exam))
        test(first_try, css, "initial", subject, ref, 0.08, exam)
        team = verifiers(roster, css, first_watch)
        for day, observer in ((first_watch, team[0]), (second_watch, team[1])):
            score = rng.randint(82, 97)
            entries.append(
                (
                    day,
                    css.staff_id,
                    "initial",
                    "observation",
                    observer.staff_id,
                    "call_handling",
                    score,
                    "OJT-CHECK-v3",
                )
            )
        if css.production_start < PERIOD_START and css.staff_id != gap:
            day = next_business_day(
                dt.date(YEAR, css.hire_date.month, 1) + dt.timedelta(days=rng.randint(7, 20))
            )
            retest = next_business_day(day + dt.timedelta(days=10))
            last = min(css.exit_date or LAST_WORKING_DAY, LAST_WORKING_DAY)
            if day <= last:
                test(
                    day,
                    css,
                    "annual",
                    subject,
                    f"ANNUAL-{code}-{YEAR}",
                    0.06 if retest <= last else 0.0,
                    retest,
                )
        if css.work_mode == "home":
            for month in range(1, 13):
                window = css.in_production(*month_bounds(month))
                candidates = business_days_between(*window) if window else []
                if not candidates:
                    continue
                day = candidates[min(len(candidates) - 1, rng.randint(2, 6))]
                later = [d for d in candidates if d >= day + dt.timedelta(days=5)]
                ref = f"MU-{code}-{YEAR}-{month:02d}"
                test(
                    day,
                    css,
                    "monthly",
                    "monthly_update",
                    ref,
                    0.04 if later else 0.0,
                    later[0] if later else day,
                )
    entries += annual_observations(roster, entries) + key_role_reverifications(roster)
    entries.sort()
    rows = [
        [
            f"SV-{n:05d}",
            sid,
            iso(day),
            kind,
            method,
            observer,
            subject,
            str(score),
            str(PASS_MARK),
            "yes" if score >= PASS_MARK else "no",
            ref,
        ]
        for n, (day, sid, kind, method, observer, subject, score, ref) in enumerate(entries, start=1)
    ]
    return rows, gap
