"""Schedules and absence of the four WFM sample weeks, and the attrition and absence figures."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ccc_audit.generate.demo.dates import at, days_between, iso, quarter_bounds, quarter_of, stamp
from ccc_audit.generate.demo.roster import Roster
from ccc_audit.generate.demo.world import YEAR

SAMPLE_WEEKS = (dt.date(YEAR, 2, 17), dt.date(YEAR, 5, 12), dt.date(YEAR, 8, 18), dt.date(YEAR, 11, 17))
"""Mondays of the WFM sample weeks, one in the middle month of each quarter (no public holiday).

The workforce tool keeps 30-minute schedules of every CSS; the bundle holds the schedules and
the absence of these four weeks (Monday to Friday), so that absenteeism (absent hours ÷
scheduled hours) is computed on the same days in both files.
"""


SHIFT_SLOTS = tuple(range(18, 24)) + tuple(range(26, 36))
"""Half-hour slots of the standard shift: 9:00-12:00 and 13:00-18:00 (lunch is unscheduled)."""


AFTERNOON_SLOTS = frozenset(range(28, 36))
"""Slots of a half-day absence: 14:00-18:00."""


ABSENTEEISM_TARGET = 0.05


ABSENCE_CEILING = 0.04
"""Unplanned absence stays under this share of scheduled hours in every program and quarter."""


def sample_days() -> list[dt.date]:
    """Return the days of the WFM sample weeks, Monday to Friday."""
    return [monday + dt.timedelta(days=i) for monday in SAMPLE_WEEKS for i in range(5)]


@dataclass
class Workforce:
    """Schedules and absence of the sample weeks."""

    schedules: list[list[str]]
    absence: list[list[str]]
    away: set[tuple[dt.date, str]]
    """(day, staff id) of everyone absent, for the chat and outbound simulations."""


def build_workforce(rng: random.Random, roster: Roster) -> Workforce:
    """Simulate the sample weeks: planned leave, unplanned absence and 30-minute schedules."""
    days = sample_days()
    css_list = roster.by_role("CSS")
    leave = {(d, s.staff_id) for d in days for s in css_list if s.employed(d) and rng.random() < 0.04}
    scheduled: dict[tuple[str, int], float] = {}
    for day in days:
        for css in css_list:
            if css.employed(day) and (day, css.staff_id) not in leave:
                key = (css.program, quarter_of(day))
                scheduled[key] = scheduled.get(key, 0.0) + len(SHIFT_SLOTS) / 2
    used: dict[tuple[str, int], float] = {}
    unplanned: dict[tuple[dt.date, str], tuple[float, str]] = {}
    for day in days:
        for css in css_list:
            if not css.employed(day) or (day, css.staff_id) in leave or rng.random() >= 0.03:
                continue
            hours = 8.0 if rng.random() < 0.75 else 4.0
            kind = rng.choice(["sick", "sick", "personal", "unplanned"]) if hours == 8.0 else "personal"
            key = (css.program, quarter_of(day))
            if used.get(key, 0.0) + hours <= ABSENCE_CEILING * scheduled[key]:
                used[key] = used.get(key, 0.0) + hours
                unplanned[(day, css.staff_id)] = (hours, kind)
    schedules: list[list[str]] = []
    for day in days:
        for css in css_list:
            if not css.employed(day) or (day, css.staff_id) in leave:
                continue
            absent_hours = unplanned.get((day, css.staff_id), (0.0, ""))[0]
            extra = rng.choice(SHIFT_SLOTS) if rng.random() < 0.3 else -1
            extra_kind = rng.choice(["coaching", "meeting"])
            for slot in SHIFT_SLOTS:
                if day < css.production_start:
                    activity = "training"
                else:
                    activity = extra_kind if slot == extra else "handling"
                gone = absent_hours == 8.0 or (absent_hours == 4.0 and slot in AFTERNOON_SLOTS)
                adherent = 0 if gone else (30 if rng.random() < 0.86 else rng.choice([20, 25, 27, 28]))
                start = at(day, slot * 1800)
                schedules.append([css.staff_id, iso(day), stamp(start), "30", activity, "30", str(adherent)])
    entries = [(d, sid, 8.0, "planned", "yes") for d, sid in leave]
    entries += [(d, sid, hours, kind, "no") for (d, sid), (hours, kind) in unplanned.items()]
    entries.sort()
    absence = [
        [f"A-{YEAR}-{n:04d}", sid, iso(d), f"{hours:g}", kind, planned]
        for n, (d, sid, hours, kind, planned) in enumerate(entries, start=1)
    ]
    return Workforce(schedules, absence, leave | set(unplanned))


def absenteeism(roster: Roster, workforce: Workforce, program: str, quarter: int) -> float:
    """Return unplanned absent hours ÷ scheduled hours of ``program`` CSS in ``quarter``."""
    programs = {s.staff_id: s.program for s in roster.by_role("CSS")}

    def mine(sid: str, day: str) -> bool:
        return programs.get(sid) == program and quarter_of(dt.date.fromisoformat(day)) == quarter

    scheduled = sum(int(r[5]) for r in workforce.schedules if r[4] != "offline" and mine(r[0], r[1])) / 60
    absent = sum(float(r[3]) for r in workforce.absence if r[5] == "no" and mine(r[1], r[2]))
    return absent / scheduled if scheduled else 0.0


def attrition(roster: Roster, program: str, quarter: int) -> float:
    """Return the annualised program-level attrition of ``quarter``, as metric attrition_annualised."""
    first, last = quarter_bounds(quarter)
    days = days_between(first, last)
    members = [s for s in roster.by_role("CSS") if s.program == program]
    person_days = sum(1 for s in members for d in days if s.employed(d))
    exits = 0
    for s in members:
        if s.exit_date is None or not first <= s.exit_date <= last:
            continue
        early = bool(s.contract_end_date and s.exit_date < s.contract_end_date)
        exits += (
            s.exit_type in ("voluntary", "involuntary")
            or (s.exit_type == "transfer" and s.backfilled == "yes")
            or (s.exit_type == "contract_end" and early)
        )
    return exits / (person_days / 365) if person_days else 0.0
