"""The demo's planted-gap verifier: the records hold exactly the planted gaps, nothing else."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from ccc_audit.generate.demo import chat_plan
from ccc_audit.generate.demo.coaching import COACHING_WITHIN_DAYS, UNRESOLVED_LEGAL
from ccc_audit.generate.demo.contacts import ABANDON_TARGETS, SL_MISS, SL_TARGETS, queue_totals
from ccc_audit.generate.demo.dates import (
    iso,
    month_bounds,
    next_monday,
    quarter_bounds,
    quarter_of,
    stamp,
    within,
)
from ccc_audit.generate.demo.kpis import ATTRITION_SPIKE, ATTRITION_TARGET, FORECAST_TARGET
from ccc_audit.generate.demo.records import Records
from ccc_audit.generate.demo.support import LATE_INCIDENT, STALE_CONTENT
from ccc_audit.generate.demo.surveys import AFTER_HOURS_DIAL, PERMITTED_HOURS, SURVEY_OUTAGE
from ccc_audit.generate.demo.workforce import ABSENTEEISM_TARGET, absenteeism, attrition
from ccc_audit.generate.demo.world import CALIBRATION_GAP_QUARTER, PERIOD_END, PERIOD_START, PROGRAMS, YEAR


def whole_spans(kind: str) -> list[tuple[str, dt.date, dt.date]]:
    """Return the whole ISO weeks, months or quarters of the audit period."""
    if kind == "month":
        return [(f"{YEAR}-{m:02d}", *month_bounds(m)) for m in range(1, 13)]
    if kind == "quarter":
        return [(f"{YEAR}-Q{q}", *quarter_bounds(q)) for q in range(1, 5)]
    spans = []
    monday = next_monday(PERIOD_START)
    while monday + dt.timedelta(days=6) <= PERIOD_END:
        spans.append((f"{monday:%G-W%V}", monday, monday + dt.timedelta(days=6)))
        monday += dt.timedelta(days=7)
    return spans


def count_in(rows: Sequence[Sequence[str]], first: dt.date, last: dt.date) -> int:
    """Return how many evaluation rows are dated from ``first`` to ``last``."""
    return sum(1 for r in rows if within(r[3], first, last))


def level_and_trend(values: Sequence[float], target: float, higher_is_better: bool) -> bool:
    """Apply the COPC level-and-trend rule: the last value meets the target, and all do or improve."""

    def meets(v: float) -> bool:
        return v >= target - 1e-12 if higher_is_better else v <= target + 1e-12

    if not meets(values[-1]):
        return False
    steps = [b - a for a, b in itertools.pairwise(values)]
    improving = all(s >= 0 for s in steps) if higher_is_better else all(s <= 0 for s in steps)
    return all(meets(v) for v in values) or improving


def verify_monitoring(records: Records) -> list[str]:
    """Check the evaluation plan: KCRPs, methods, home and new CSS; exactly the planted gaps."""
    roster = records.roster
    problems: list[str] = []
    evaluated = {(r[2], dt.date.fromisoformat(r[3]).month) for r in records.monitoring}
    for css in roster.by_role("CSS"):
        for month in range(1, 13):
            first, last = month_bounds(month)
            whole = css.in_production(first, last) == (first, last)
            missing = whole and (css.staff_id, month) not in evaluated
            if missing != (roster.monitoring_gaps.get(css.staff_id) == month):
                problems.append(f"monitoring {css.staff_id} {month}")
    kcrps = {p.id: {r[5] for r in records.monitoring if r[4] == p.id} for p in PROGRAMS}
    by_staff: dict[str, list[list[str]]] = {}
    for row in records.monitoring:
        by_staff.setdefault(row[2], []).append(row)
        if row[8] == "yes" and "yes" in row[9:12]:
            problems.append(f"evaluation {row[0]} passed despite a critical error")
    for css in roster.by_role("CSS"):
        mine = by_staff.get(css.staff_id, [])

        for label, first, last in whole_spans("quarter"):
            if css.in_production(first, last) == (first, last):
                rows = [r for r in mine if within(r[3], first, last)]
                if kcrps[css.program] - {r[5] for r in rows}:
                    problems.append(f"KCRP {css.staff_id} {label}")
                methods = {r[6] for r in rows}  # L614-616; a reviewed recording is remote (L2001-2006)
                if "side_by_side" not in methods or not methods & {"remote", "recorded"}:
                    problems.append(f"methods {css.staff_id} {label}")
        if css.work_mode == "home":
            for label, first, last in whole_spans("week"):
                if css.in_production(first, last) == (first, last) and count_in(mine, first, last) == 0:
                    problems.append(f"home weekly {css.staff_id} {label}")
        if css.production_start >= PERIOD_START:
            for block in range(4):
                first = css.production_start + dt.timedelta(days=7 * block)
                last = first + dt.timedelta(days=6)
                due = last <= min(PERIOD_END, css.exit_date or PERIOD_END)
                if due and count_in(mine, first, last) < (2 if css.work_mode == "home" else 1):
                    problems.append(f"new CSS {css.staff_id} week {block + 1}")
    return problems


def verify_calibration_and_coaching(records: Records) -> list[str]:
    """Check calibration (one planted gap) and coaching of failed evaluations (two planted gaps)."""
    problems: list[str] = []
    calibrated = {(r[1], quarter_of(dt.date.fromisoformat(r[2])), r[3]) for r in records.calibration}
    for evaluator in records.roster.by_role("qa_evaluator"):
        for quarter in range(1, 5):
            planted = evaluator.staff_id == records.calibration_gap and quarter == CALIBRATION_GAP_QUARTER
            sessions = {m for e, qq, m in calibrated if e == evaluator.staff_id and qq == quarter}
            if bool(sessions) == planted:
                problems.append(f"calibration {evaluator.staff_id} Q{quarter}")
            if bool(sessions & {"reference", "gauge"}) == planted:
                problems.append(f"quantitative calibration {evaluator.staff_id} Q{quarter}")
    follow_ups: dict[str, list[tuple[str, dt.date]]] = {}
    for row in records.coaching:
        if row[4] == "one_to_one" and row[5]:
            follow_ups.setdefault(row[5], []).append((row[1], dt.date.fromisoformat(row[3])))
    due = PERIOD_END - dt.timedelta(days=COACHING_WITHIN_DAYS)
    uncovered = []
    for row in records.monitoring:
        day = dt.date.fromisoformat(row[3])
        if row[8] != "no" or day > due:
            continue
        window = dt.timedelta(days=COACHING_WITHIN_DAYS)
        if not any(sid == row[2] and day <= when <= day + window for sid, when in follow_ups.get(row[0], [])):
            uncovered.append(row[0])
    gaps = records.coaching_gaps
    if sorted(uncovered) != sorted([gaps.late, gaps.missing]):
        problems.append(f"failed evaluations without coaching: {uncovered}")
    return problems


def verify_skills(records: Records) -> list[str]:
    """Check initial, annual and monthly verifications: only the planted annual gap."""
    problems: list[str] = []
    rows = records.skills
    annual = {r[1] for r in rows if r[3] == "annual" and within(r[2], PERIOD_START, PERIOD_END)}
    lacking = [
        s.staff_id for s in records.roster.by_role("CSS") if s.full_year() and s.staff_id not in annual
    ]
    if lacking != [records.reverification_gap]:
        problems.append(f"annual re-verification missing for {lacking}")
    observers: dict[str, set[str]] = {}
    for r in rows:
        if not all((r[5], r[8], r[9], r[10])):
            problems.append(f"verification {r[0]} incomplete")
        if (r[9] == "yes") != (int(r[7]) >= int(r[8])):
            problems.append(f"verification {r[0]} result does not match its score")
        if r[3] == "initial" and r[4] == "observation":
            observers.setdefault(r[1], set()).add(r[2])  # separate occasions (COPC 3.4, L598)
    for css in records.roster.by_role("CSS"):
        ps = iso(css.production_start)
        if not any(r[1] == css.staff_id and r[3] == "initial" and r[9] == "yes" and r[2] <= ps for r in rows):
            problems.append(f"no initial verification before production for {css.staff_id}")
        if len(observers.get(css.staff_id, set())) < 2:
            problems.append(f"fewer than two separate initial observations for {css.staff_id}")
        if css.work_mode == "home":
            for label, first, last in whole_spans("month"):
                done = any(
                    r[1] == css.staff_id and r[3] == "monthly" and within(r[2], first, last) for r in rows
                )
                if css.in_production(first, last) == (first, last) and not done:
                    problems.append(f"monthly verification {css.staff_id} {label}")
    return problems


def verify_operations(records: Records) -> list[str]:
    """Check schedules, absence, contact statistics, chat, outbound and attrition."""
    problems: list[str] = []
    roster, contacts = records.roster, records.contacts
    if any(int(r[3]) > 30 for r in records.workforce.schedules):
        problems.append("schedule interval above 30 minutes")
    if any(r[1] == "voice" and r[2] == "yes" and int(r[3]) > 30 for r in chat_plan.schedule_settings()):
        problems.append("real-time voice setting above 30 minutes")
    last_quarters = range(2, 5)
    for info in PROGRAMS:
        values = [absenteeism(roster, records.workforce, info.id, q) for q in last_quarters]
        if max(values) > ABSENTEEISM_TARGET:
            problems.append(f"absenteeism {info.id} {values}")
        values = [attrition(roster, info.id, q) for q in last_quarters]
        spike = (info.id, 3) == ATTRITION_SPIKE
        if level_and_trend(values, ATTRITION_TARGET, False) == spike:
            problems.append(f"attrition {info.id} {values}")
    last_months = [month_bounds(m) for m in range(10, 13)]
    for program in SL_TARGETS:
        totals = [queue_totals(contacts.intervals, "voice", program, span) for span in last_months]
        levels = [t[2] / t[0] for t in totals]
        abandons = [t[3] / t[0] for t in totals]
        planted = program == SL_MISS[0]
        if level_and_trend(levels, SL_TARGETS[program], True) == planted:
            problems.append(f"service level {program} {levels}")
        if planted and levels[SL_MISS[1] - 10] >= SL_TARGETS[program]:
            problems.append(f"service level {program} meets its target in {SL_MISS[1]}")
        if not level_and_trend(abandons, ABANDON_TARGETS[program], False):
            problems.append(f"abandon rate {program} {abandons}")
    totals = [queue_totals(contacts.intervals, None, None, span) for span in last_months]
    accuracy = [1 - t[4] / t[0] for t in totals]
    if min(accuracy) < FORECAST_TARGET:
        problems.append(f"forecast accuracy {accuracy}")
    chat_months = {r[3][5:7] for r in contacts.chats}
    if len(chat_months) != 12:
        problems.append(f"chat sessions only in months {sorted(chat_months)}")
    for r in contacts.chats:
        moments = [m for m in r[3:7] if m]
        if moments != sorted(moments) or (r[1] and len(moments) != 4):
            problems.append(f"chat session {r[0]} timestamps out of order")
    breaches = [r[0] for r in records.outbound if r[5] == "yes" or r[6] == "no"]
    dialled = [r[0] for r in records.outbound if r[2] == stamp(AFTER_HOURS_DIAL)]
    if breaches != dialled or len(dialled) != 1:
        problems.append(f"outbound breaches {breaches}")
    for r in records.outbound:
        hour = int(r[2][11:13])
        if (r[6] == "yes") != (PERMITTED_HOURS[0] <= hour < PERMITTED_HOURS[1]):
            problems.append(f"outbound {r[0]} permitted-hours flag does not match its time")
    return problems


def verify_evidence(records: Records) -> list[str]:
    """Check surveys, KPI observations, content, incidents and complaints: only the planted gaps."""
    problems: list[str] = []
    months = {r[1][:7] for r in records.surveys}
    if len(months) != 12:
        problems.append(f"customer surveys only in {sorted(months)}")
    for program in PROGRAMS:
        for label, first, last in whole_spans("quarter"):
            if not any(r[2] == program.id and within(r[1], first, last) for r in records.surveys):
                problems.append(f"no survey response for {program.id} in {label}")
    if not any(within(r[1], PERIOD_START, PERIOD_END) for r in records.employee.rows):
        problems.append("no employee survey response")
    unsourced = [f"{r[0]} {r[1]} {r[2]}" for r in records.kpis if r[4] and not r[5]]
    if unsourced:
        problems.append(f"targets without benchmark source: {unsourced}")
    wide = [(r[0], r[1], r[2]) for r in records.kpis if r[6] and float(r[8]) > 0.05]
    if wide != [("csat", f"{YEAR}-Q{SURVEY_OUTAGE[1]}", SURVEY_OUTAGE[0])]:
        problems.append(f"samples too small: {wide}")
    stale = [r[1] for r in records.content if r[4] == "active" and not within(r[3], PERIOD_START, PERIOD_END)]
    if stale != [STALE_CONTENT[1]] or any(r[5] != "yes" for r in records.content):
        problems.append(f"content not reviewed: {stale}")
    if any(not r[2] or not r[5] for r in records.incidents):
        problems.append("incident without severity or target")
    late = [
        r[1]
        for r in records.incidents
        if r[4]
        and dt.datetime.fromisoformat(r[4]) - dt.datetime.fromisoformat(r[3]) > dt.timedelta(hours=int(r[5]))
    ]
    if late != [LATE_INCIDENT[0]]:
        problems.append(f"incidents beyond target: {late}")
    due = iso(PERIOD_END - dt.timedelta(days=14))
    legal = [r for r in records.complaints if r[5] == "yes" and r[1] <= due]
    open_legal = [(r[1][:4], r[3], r[2], r[4]) for r in legal if not r[6] or not r[7]]
    planted = UNRESOLVED_LEGAL
    if len(open_legal) != 1 or open_legal[0][1:] != planted[1:] or any(not r[6] for r in legal):
        problems.append(f"legal complaints open: {open_legal}")
    return problems


def verify(records: Records) -> None:
    """Raise RuntimeError unless the records hold exactly the planted gaps."""
    problems = verify_monitoring(records)
    problems += verify_calibration_and_coaching(records)
    reviewed = {r[1] for r in records.competence}
    unreviewed = sorted(
        s.staff_id for s in records.roster.by_role("CSS") if s.full_year() and s.staff_id not in reviewed
    )
    if unreviewed != records.roster.competence_gaps:
        problems.append(f"competence reviews missing for {unreviewed}")
    problems += verify_skills(records)
    problems += verify_operations(records)
    problems += verify_evidence(records)
    if problems:
        raise RuntimeError("planted gaps are not as designed: " + "; ".join(problems))
