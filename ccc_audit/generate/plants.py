"""Choosing where to plant each violation, and planting it.

Every kind is planted on one to three subjects drawn with its own seeded stream; a member of
staff carries at most one planted violation. Each plant is shaped so that it breaks its own rule
and nothing else: a month without evaluations keeps the quarter's transaction types and methods
in the other two months, a missed first-month week moves its evaluations to another week of the
same month, and so on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import duckdb

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.generate.options import GenerateOptions, PeriodWindows
from ccc_audit.generate.organisation import ORGANISATION_ID, TRANSACTION_KINDS
from ccc_audit.generate.people import Person, Roster
from ccc_audit.generate.randomness import stream
from ccc_audit.generate.store import date_sql, text_sql
from ccc_audit.generate.violations import VIOLATIONS, Plant
from ccc_audit.models.calendar import Span

T = TypeVar("T")

_SHIFTS = (-7, 7, -14, 14, -21, 21, -28, 28)


@dataclass
class PlantPlan:
    """The violations chosen so far and what each changes in the records."""

    plants: list[Plant] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Kinds asked for (through ``all``) that the period or population cannot hold."""
    used: set[str] = field(default_factory=set)
    """Staff already carrying a planted violation."""
    month_gaps: list[tuple[str, dt.date, dt.date]] = field(default_factory=list)
    moved_days: list[tuple[str, dt.date, dt.date]] = field(default_factory=list)
    kcrp_swaps: list[tuple[str, dt.date, dt.date, int, int]] = field(default_factory=list)
    method_gaps: list[tuple[str, dt.date, dt.date]] = field(default_factory=list)
    calibration_skip: set[tuple[str, str]] = field(default_factory=set)
    verification_skip: set[tuple[str, str]] = field(default_factory=set)
    review_skip: set[tuple[str, str]] = field(default_factory=set)
    long_interval_settings: list[tuple[str, dt.date, dt.date]] = field(default_factory=list)
    """(site, first day, last day) of real-time voice settings planted with hourly intervals."""
    survey_gaps: list[Span] = field(default_factory=list)

    def add(self, kind: str, subject: str, window: str | None) -> None:
        """Record a planted violation in the ground truth."""
        self.plants.append(Plant(kind, VIOLATIONS[kind], subject, window))


class _RefusedError(Exception):
    """A requested kind cannot be planted; the message says why."""


def _sample(kind: str, seed: int, candidates: Sequence[T]) -> list[T]:
    """One to three candidates, drawn with the kind's own stream."""
    if not candidates:
        raise _RefusedError("no suitable subject in this population and period")
    rng = stream(seed, "plant", kind)
    return rng.sample(list(candidates), min(rng.randint(1, 3), len(candidates)))


def _free_css(roster: Roster, plan: PlantPlan) -> list[Person]:
    return [p for p in roster.role("CSS") if p.staff_id not in plan.used]


def _whole_windows(person: Person, spans: list[Span]) -> list[Span]:
    return [s for s in spans if person.present_for(s.start, s.end)]


def _monitoring_gap(options: GenerateOptions, roster: Roster, period: PeriodWindows, plan: PlantPlan) -> None:
    if not period.months:
        raise _RefusedError("the period holds no whole calendar month")
    settled = period.start - dt.timedelta(days=28)
    candidates = [
        p
        for p in _free_css(roster, plan)
        if p.production_start <= settled and p.present_for(period.start, period.end)
    ]
    rng = stream(options.seed, "plant-window", "monitoring_gap")
    for person in _sample("monitoring_gap", options.seed, candidates):
        month = rng.choice(period.months)
        plan.month_gaps.append((person.staff_id, month.start, month.end))
        plan.used.add(person.staff_id)
        plan.add("monitoring_gap", person.staff_id, month.label)


def _week_moves(person: Person, k: int, period: PeriodWindows) -> list[tuple[dt.date, dt.date]] | None:
    """Where each day of first-month window ``k`` moves to (same month, in production), or None."""
    first = person.production_start + dt.timedelta(days=7 * k)
    last = first + dt.timedelta(days=6)
    in_post = min(person.exit_date or period.end, period.end)
    if first < period.start or last > in_post:
        return None
    moves = []
    for offset in range(7):
        day = first + dt.timedelta(days=offset)
        targets = [
            day + dt.timedelta(days=s)
            for s in _SHIFTS
            if (day + dt.timedelta(days=s)).month == day.month
            and person.production_start <= day + dt.timedelta(days=s) <= in_post
            and not first <= day + dt.timedelta(days=s) <= last
        ]
        if not targets:
            return None
        moves.append((day, targets[0]))
    return moves


def _new_hire_weekly_gap(
    options: GenerateOptions, roster: Roster, period: PeriodWindows, plan: PlantPlan
) -> None:
    options_by_person: dict[str, list[tuple[int, list[tuple[dt.date, dt.date]]]]] = {}
    people = {p.staff_id: p for p in _free_css(roster, plan) if p.production_start >= period.start}
    for staff_id, person in people.items():
        valid = [(k, moves) for k in range(4) if (moves := _week_moves(person, k, period)) is not None]
        if valid:
            options_by_person[staff_id] = valid
    rng = stream(options.seed, "plant-window", "new_hire_weekly_gap")
    for staff_id in _sample("new_hire_weekly_gap", options.seed, sorted(options_by_person)):
        k, moves = rng.choice(options_by_person[staff_id])
        person = people[staff_id]
        plan.moved_days.extend((staff_id, old, new) for old, new in moves)
        plan.used.add(staff_id)
        plan.add("new_hire_weekly_gap", staff_id, f"from {person.production_start.isoformat()} #{k + 1}")


def _quarterly(
    kind: str, options: GenerateOptions, roster: Roster, period: PeriodWindows, plan: PlantPlan
) -> None:
    if not period.quarters:
        raise _RefusedError("the period holds no whole calendar quarter")
    candidates = [p for p in _free_css(roster, plan) if _whole_windows(p, period.quarters)]
    rng = stream(options.seed, "plant-window", kind)
    for person in _sample(kind, options.seed, candidates):
        quarter = rng.choice(_whole_windows(person, period.quarters))
        if kind == "kcrp_gap":
            missing = rng.randrange(len(TRANSACTION_KINDS))
            instead = (missing + 1 + rng.randrange(len(TRANSACTION_KINDS) - 1)) % len(TRANSACTION_KINDS)
            plan.kcrp_swaps.append((person.staff_id, quarter.start, quarter.end, missing, instead))
        else:
            plan.method_gaps.append((person.staff_id, quarter.start, quarter.end))
        plan.used.add(person.staff_id)
        plan.add(kind, person.staff_id, quarter.label)


def _calibration_gap(
    options: GenerateOptions, roster: Roster, period: PeriodWindows, plan: PlantPlan
) -> None:
    if not period.quarters:
        raise _RefusedError("the period holds no whole calendar quarter")
    candidates = [p for p in roster.role("qa_evaluator") if _whole_windows(p, period.quarters)]
    rng = stream(options.seed, "plant-window", "calibration_gap")
    for person in _sample("calibration_gap", options.seed, candidates):
        quarter = rng.choice(_whole_windows(person, period.quarters))
        plan.calibration_skip.add((person.staff_id, quarter.label))
        plan.used.add(person.staff_id)
        plan.add("calibration_gap", person.staff_id, quarter.label)


def _yearly(
    kind: str, options: GenerateOptions, roster: Roster, period: PeriodWindows, plan: PlantPlan
) -> None:
    if not period.years:
        raise _RefusedError("the period holds no whole calendar year")
    candidates = [p for p in _free_css(roster, plan) if _whole_windows(p, period.years)]
    rng = stream(options.seed, "plant-window", kind)
    skip = plan.verification_skip if kind == "annual_verification_missing" else plan.review_skip
    for person in _sample(kind, options.seed, candidates):
        year = rng.choice(_whole_windows(person, period.years))
        skip.add((person.staff_id, year.label))
        plan.used.add(person.staff_id)
        plan.add(kind, person.staff_id, year.label)


def _schedule(options: GenerateOptions, roster: Roster, period: PeriodWindows, plan: PlantPlan) -> None:
    """A site's real-time voice work set to hourly intervals for one month (COPC 2.5 asks ≤ 30)."""
    later = period.months[1:]  # the first month would share its valid_from with the regular setting
    if not later:
        raise _RefusedError("the period holds fewer than two whole calendar months")
    rng = stream(options.seed, "plant-window", "schedule_interval_too_long")
    sites = sorted({p.site for p in roster.role("CSS")})
    for site in sorted(_sample("schedule_interval_too_long", options.seed, sites)):
        month = rng.choice(later)
        plan.long_interval_settings.append((site, month.start, month.end))
        plan.add("schedule_interval_too_long", site, month.start.isoformat())


def _survey_month(options: GenerateOptions, period: PeriodWindows, plan: PlantPlan) -> None:
    if not period.months:
        raise _RefusedError("the period holds no whole calendar month")
    for month in sorted(_sample("survey_month_missing", options.seed, period.months)):
        plan.survey_gaps.append(month)
        plan.add("survey_month_missing", ORGANISATION_ID, month.label)


def _attempt(options: GenerateOptions, plan: PlantPlan, kind: str, action: Callable[[], None]) -> None:
    try:
        action()
    except _RefusedError as why:
        if not options.lenient:
            raise InputError([Diagnostic("--violations", 0, 0, f"cannot plant {kind}: {why}")]) from None
        plan.skipped.append(kind)


def plan_roster_plants(options: GenerateOptions, roster: Roster, period: PeriodWindows) -> PlantPlan:
    """Choose the subjects of every requested kind that depends only on roster and calendar."""
    plan = PlantPlan()
    actions = {
        "monitoring_gap": lambda: _monitoring_gap(options, roster, period, plan),
        "new_hire_weekly_gap": lambda: _new_hire_weekly_gap(options, roster, period, plan),
        "kcrp_gap": lambda: _quarterly("kcrp_gap", options, roster, period, plan),
        "method_gap": lambda: _quarterly("method_gap", options, roster, period, plan),
        "calibration_gap": lambda: _calibration_gap(options, roster, period, plan),
        "annual_verification_missing": lambda: _yearly(
            "annual_verification_missing", options, roster, period, plan
        ),
        "competence_review_missing": lambda: _yearly(
            "competence_review_missing", options, roster, period, plan
        ),
        "schedule_interval_too_long": lambda: _schedule(options, roster, period, plan),
        "survey_month_missing": lambda: _survey_month(options, period, plan),
    }
    for kind in options.kinds:
        if kind in actions:
            _attempt(options, plan, kind, actions[kind])
    return plan


def apply_evaluation_plants(con: duckdb.DuckDBPyConnection, plan: PlantPlan) -> None:
    """Plant the monitoring violations in table ``mon`` (before evaluators and scores)."""
    for staff_id, first, last in plan.month_gaps:
        con.execute(
            f"DELETE FROM mon WHERE staff_id = {text_sql(staff_id)} "
            f"AND date BETWEEN {date_sql(first)} AND {date_sql(last)}"
        )
    for staff_id, old, new in plan.moved_days:
        con.execute(
            f"UPDATE mon SET date = {date_sql(new)} "
            f"WHERE staff_id = {text_sql(staff_id)} AND date = {date_sql(old)}"
        )
    for staff_id, first, last, missing, instead in plan.kcrp_swaps:
        con.execute(
            f"UPDATE mon SET kind = {instead} WHERE staff_id = {text_sql(staff_id)} AND kind = {missing} "
            f"AND date BETWEEN {date_sql(first)} AND {date_sql(last)}"
        )
    for staff_id, first, last in plan.method_gaps:
        con.execute(
            f"UPDATE mon SET method = 'recorded' WHERE staff_id = {text_sql(staff_id)} "
            f"AND method = 'side_by_side' AND date BETWEEN {date_sql(first)} AND {date_sql(last)}"
        )


def _ids(con: duckdb.DuckDBPyConnection, sql: str) -> list[str]:
    return [str(row[0]) for row in con.execute(sql).fetchall()]


def plant_in_records(
    con: duckdb.DuckDBPyConnection, options: GenerateOptions, period: PeriodWindows, plan: PlantPlan
) -> None:
    """Plant the kinds that pick records (failed evaluations, legal complaints) or delete surveys."""
    end = period.end

    def coaching() -> None:
        rows = con.execute(
            "SELECT m.evaluation_id, m.staff_id FROM monitoring m "
            "JOIN coaching c ON c.related_evaluation_id = m.evaluation_id "
            f"WHERE NOT m.passed AND m.date <= {date_sql(end - dt.timedelta(days=7))} "
            "ORDER BY u2(m.evaluation_id, 'coaching-plant', 'order'), m.evaluation_id LIMIT 200"
        ).fetchall()
        staff = {str(evaluation): str(person) for evaluation, person in rows}
        free = sorted(e for e, person in staff.items() if person not in plan.used)
        chosen = _sample("coaching_missing", options.seed, free)
        listed = ", ".join(text_sql(e) for e in chosen)
        con.execute(f"DELETE FROM coaching WHERE related_evaluation_id IN ({listed})")
        for evaluation in chosen:
            plan.used.add(staff[evaluation])
            plan.add("coaching_missing", evaluation, None)

    def legal() -> None:
        found = _ids(
            con,
            "SELECT complaint_id FROM complaints WHERE legal_violation_alleged "
            f"AND received <= {date_sql(end - dt.timedelta(days=30))} ORDER BY complaint_id",
        )
        chosen = _sample("legal_complaint_unresolved", options.seed, found)
        listed = ", ".join(text_sql(c) for c in chosen)
        con.execute(
            f"UPDATE complaints SET resolved_on = NULL, outcome = NULL WHERE complaint_id IN ({listed})"
        )
        for complaint in chosen:
            plan.add("legal_complaint_unresolved", complaint, None)

    if "coaching_missing" in options.kinds:
        _attempt(options, plan, "coaching_missing", coaching)
    if "legal_complaint_unresolved" in options.kinds:
        _attempt(options, plan, "legal_complaint_unresolved", legal)
    for month in plan.survey_gaps:
        con.execute(
            "DELETE FROM customer_surveys "
            f"WHERE date BETWEEN {date_sql(month.start)} AND {date_sql(month.end)}"
        )
