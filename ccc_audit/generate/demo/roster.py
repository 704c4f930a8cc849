"""The demo roster: staff at 1 January 2025, exits and hires, and the staff chosen for planted gaps."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from ccc_audit.generate.demo.dates import iso, next_business_day, next_monday, random_date
from ccc_audit.generate.demo.world import (
    COMPETENCE_GAP_COUNT,
    CSS_PLAN,
    ECOMMERCE,
    EXIT_PLAN,
    GIVEN_NAMES,
    INSURANCE,
    MONITORING_GAP_MONTHS,
    PERIOD_END,
    PERIOD_START,
    RESERVED_NAMES,
    SUPPORT_PLAN,
    SURNAMES,
    TELECOM,
)


@dataclass
class Staff:
    """One roster row, plus hidden attributes used to simulate records."""

    staff_id: str
    name: str
    role: str
    program: str
    site: str
    employment_type: str
    work_mode: str
    hire_date: dt.date
    production_start: dt.date
    exit_date: dt.date | None = None
    exit_type: str = ""
    backfilled: str = ""
    contract_end_date: dt.date | None = None
    skill: float = 85.0

    def row(self) -> list[str]:
        """Return the CSV cells of this staff member."""
        return [
            self.staff_id,
            self.name,
            self.role,
            self.program,
            self.site,
            self.employment_type,
            self.work_mode,
            iso(self.hire_date),
            iso(self.production_start),
            iso(self.exit_date),
            self.exit_type,
            self.backfilled,
            iso(self.contract_end_date),
        ]

    def in_production(self, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
        """Return the part of ``start``..``end`` this person was in production, if any."""
        first = max(start, self.production_start)
        last = min(end, self.exit_date) if self.exit_date else end
        return (first, last) if first <= last else None

    def employed(self, day: dt.date) -> bool:
        """Tell whether the person is on the payroll on ``day`` (hire to exit, both included)."""
        return self.hire_date <= day and (self.exit_date is None or day <= self.exit_date)

    def producing(self, day: dt.date) -> bool:
        """Tell whether the person handles live contacts on ``day``."""
        return self.production_start <= day and (self.exit_date is None or day <= self.exit_date)

    def full_year(self) -> bool:
        """Tell whether the person was in production for the whole audit year."""
        return self.production_start <= PERIOD_START and (
            self.exit_date is None or self.exit_date >= PERIOD_END
        )


@dataclass
class Roster:
    """The generated roster and the planted gaps chosen on it."""

    staff: list[Staff]
    monitoring_gaps: dict[str, int] = field(default_factory=dict)
    competence_gaps: list[str] = field(default_factory=list)

    def by_role(self, role: str) -> list[Staff]:
        """Return the staff holding ``role``, ordered by staff id."""
        return [s for s in self.staff if s.role == role]

    def supervisors_for(self, program: str, site: str) -> list[Staff]:
        """Return the supervisors of ``program`` at ``site``."""
        return [s for s in self.by_role("supervisor") if s.program == program and s.site == site]


def make_name(rng: random.Random, used: set[str]) -> str:
    """Return a fictional Japanese name not used before."""
    while True:
        name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN_NAMES)}"
        if name not in used:
            used.add(name)
            return name


def production_after(rng: random.Random, hire: dt.date) -> dt.date:
    """Return a production start two to three weeks after ``hire``."""
    return next_business_day(hire + dt.timedelta(days=rng.randint(14, 21)))


def build_roster(rng: random.Random) -> Roster:
    """Build the roster: staff at 1 January, exits and hires during 2025."""
    used = set(RESERVED_NAMES)
    support: list[Staff] = []

    for role, program, site in SUPPORT_PLAN:
        hire = next_business_day(random_date(rng, dt.date(2012, 4, 1), dt.date(2021, 12, 31)))
        support.append(
            Staff(
                "",
                make_name(rng, used),
                role,
                program,
                site,
                "permanent",
                "office",
                hire,
                production_after(rng, hire),
            )
        )

    css: list[Staff] = []
    earliest, latest = dt.date(2016, 4, 1), dt.date(2024, 11, 15)
    span = (latest - earliest).days
    for program, site, count in CSS_PLAN:
        for _ in range(count):
            # Skewed towards recent hires, as in most contact centres.
            hire = next_business_day(earliest + dt.timedelta(days=int(rng.triangular(0, span, span))))
            css.append(
                Staff(
                    "",
                    make_name(rng, used),
                    "CSS",
                    program,
                    site,
                    "permanent",
                    "office",
                    hire,
                    production_after(rng, hire),
                    skill=rng.gauss(87.5, 3.5),
                )
            )

    # Employment types and home workers among the veterans.
    picks = rng.sample(range(len(css)), 7)
    temporaries, agencies = picks[:4], picks[4:]
    for i in temporaries:
        css[i].employment_type = "temporary"
        css[i].contract_end_date = dt.date(2026, 3, 31)
    for i in agencies:
        css[i].employment_type = "agency"
        css[i].contract_end_date = rng.choice([dt.date(2026, 3, 31), dt.date(2026, 6, 30)])
    permanents = [i for i in range(len(css)) if i not in picks]
    for i in rng.sample([i for i in permanents if css[i].program != INSURANCE], 7):
        css[i].work_mode = "home"
    for i in rng.sample([i for i in permanents if css[i].program == INSURANCE], 2):
        css[i].work_mode = "home"

    # Exits: the two contract_end exits are a temporary and an agency worker.
    leavers = rng.sample(permanents, len(EXIT_PLAN) - 2)
    contract_leavers = [temporaries[0], agencies[0]]
    hires: list[Staff] = []
    for exit_date, exit_type, backfilled in EXIT_PLAN:
        idx = contract_leavers.pop(0) if exit_type == "contract_end" else leavers.pop(0)
        person = css[idx]
        person.exit_date = exit_date
        person.exit_type = exit_type
        person.backfilled = backfilled
        if exit_type == "contract_end":
            person.contract_end_date = exit_date
        if backfilled == "yes":
            hire = next_monday(exit_date + dt.timedelta(days=rng.randint(7, 24)))
            new = Staff(
                "",
                make_name(rng, used),
                "CSS",
                person.program,
                person.site,
                person.employment_type,
                "office",
                hire,
                production_after(rng, hire),
                skill=rng.gauss(85.5, 3.5),
            )
            if new.employment_type != "permanent":
                new.contract_end_date = dt.date(2026, 3, 31)
            hires.append(new)

    # Growth: two graduates in April for e-commerce, one agency worker for the
    # autumn chat peak in telecom.
    for _ in range(2):
        hire = dt.date(2025, 4, 1)
        hires.append(
            Staff(
                "",
                make_name(rng, used),
                "CSS",
                ECOMMERCE,
                "fukuoka",
                "permanent",
                "office",
                hire,
                dt.date(2025, 4, 21),
                skill=rng.gauss(85.0, 3.0),
            )
        )
    hire = dt.date(2025, 9, 29)
    hires.append(
        Staff(
            "",
            make_name(rng, used),
            "CSS",
            TELECOM,
            "sapporo",
            "agency",
            "office",
            hire,
            production_after(rng, hire),
            contract_end_date=dt.date(2026, 3, 31),
            skill=rng.gauss(85.5, 3.0),
        )
    )

    # Employee numbers follow hiring order; agency workers get their own series.
    everyone = support + css
    number = 1001
    agency_number = 1
    for person in sorted(everyone, key=lambda s: (s.hire_date, s.name)) + sorted(
        hires, key=lambda s: (s.hire_date, s.name)
    ):
        if person.employment_type == "agency":
            person.staff_id = f"AG{agency_number:03d}"
            agency_number += 1
        else:
            person.staff_id = f"E{number}"
            number += 1

    roster = Roster(sorted(everyone + hires, key=lambda s: s.staff_id))

    eligible = sorted((s.staff_id for s in roster.by_role("CSS") if s.full_year()), key=str)
    chosen = rng.sample(eligible, len(MONITORING_GAP_MONTHS) + COMPETENCE_GAP_COUNT)
    roster.monitoring_gaps = dict(
        sorted(zip(chosen[: len(MONITORING_GAP_MONTHS)], MONITORING_GAP_MONTHS, strict=True))
    )
    roster.competence_gaps = sorted(chosen[len(MONITORING_GAP_MONTHS) :])
    return roster
