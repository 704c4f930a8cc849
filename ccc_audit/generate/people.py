"""The staff roster: CSS seats with hires, exits and backfills, plus support roles.

Each CSS seat holds a chain of occupants: someone in post before the period, who may leave
(resignation, dismissal, transfer or contract end, about 20 % a year) and be replaced by a hire
who starts production 14 days after joining. QA evaluator posts are chained the same way but
handed over without a gap, so that an evaluator is always present.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

from ccc_audit.generate.organisation import Organisation
from ccc_audit.generate.randomness import stream

ATTRITION_PER_YEAR = 0.16
"""Yearly hazard of a CSS leaving for reasons other than the end of a contract."""
EVALUATOR_ATTRITION_PER_YEAR = 0.10
TRAINING_DAYS = 14
"""Days from hire to production start."""

_FAMILY = (
    *("Sato", "Suzuki", "Takahashi", "Tanaka", "Ito", "Watanabe", "Yamamoto", "Nakamura"),
    *("Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue"),
    *("Kimura", "Hayashi", "Shimizu", "Yamazaki", "Mori", "Abe", "Ikeda", "Hashimoto"),
)
_GIVEN = (
    *("Haruto", "Yui", "Sota", "Aoi", "Yuto", "Hina", "Riku", "Mei", "Minato", "Sakura", "Hinata"),
    *("Yuna", "Ren", "Akari", "Kaito", "Rin", "Daiki", "Saki", "Kenta", "Nanami", "Takumi"),
    *("Misaki", "Shota", "Ayaka"),
)
_ROLE_ORDER = ("manager", "supervisor", "qa_evaluator", "trainer", "workforce_planner", "CSS")


@dataclass(frozen=True)
class Person:
    """One roster row; ``slot`` is the CSS seat or the post number of other roles."""

    staff_id: str
    name: str
    role: str
    program: str | None
    site: str
    employment_type: str
    work_mode: str
    hire_date: dt.date
    production_start: dt.date
    exit_date: dt.date | None
    exit_type: str | None
    backfilled: bool | None
    contract_end_date: dt.date | None
    slot: int
    link: int = 0
    """Position in the slot's chain of occupants (0 for the first)."""

    def present_for(self, start: dt.date, end: dt.date) -> bool:
        """Whether in production for the whole of ``start`` … ``end``."""
        return self.production_start <= start and (self.exit_date is None or end <= self.exit_date)

    def present_on(self, day: dt.date) -> bool:
        """Whether in production on ``day``."""
        return self.production_start <= day and (self.exit_date is None or day <= self.exit_date)

    def active(self, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
        """The days of ``start`` … ``end`` the person is in production, or None."""
        first = max(self.production_start, start)
        last = min(self.exit_date or end, end)
        return (first, last) if first <= last else None


@dataclass(frozen=True)
class Roster:
    """Everyone on the roster, in staff id order, with views by role."""

    people: tuple[Person, ...]

    def role(self, role: str) -> list[Person]:
        """People with ``role``, in staff id order."""
        return [p for p in self.people if p.role == role]

    def supervisors_of(self, program: str) -> list[Person]:
        """Supervisors of ``program``, in staff id order."""
        return [p for p in self.people if p.role == "supervisor" and p.program == program]

    def evaluator_slots(self) -> int:
        """Number of QA evaluator posts."""
        return 1 + max(p.slot for p in self.people if p.role == "qa_evaluator")


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _choice(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    roll = rng.random()
    for value, weight in weighted:
        if roll < weight:
            return value
        roll -= weight
    return weighted[-1][0]


def _draft(
    role: str,
    program: str | None,
    site: str,
    hire: dt.date,
    slot: int,
    link: int = 0,
    *,
    employment_type: str = "permanent",
    work_mode: str = "office",
    production_start: dt.date | None = None,
    exit_date: dt.date | None = None,
    exit_type: str | None = None,
    backfilled: bool | None = None,
    contract_end_date: dt.date | None = None,
) -> Person:
    return Person(
        staff_id="",
        name="",
        role=role,
        program=program,
        site=site,
        employment_type=employment_type,
        work_mode=work_mode,
        hire_date=hire,
        production_start=production_start or hire + _days(TRAINING_DAYS),
        exit_date=exit_date,
        exit_type=exit_type,
        backfilled=backfilled,
        contract_end_date=contract_end_date,
        slot=slot,
        link=link,
    )


def _css_chain(
    rng: random.Random,
    seat: int,
    program: str,
    site: str,
    hire: dt.date,
    period: tuple[dt.date, dt.date],
    in_post: bool,
) -> list[Person]:
    """The occupants of one CSS seat, from ``hire`` to the end of the period."""
    start, end = period
    chain: list[Person] = []
    while True:
        employment = _choice(rng, (("permanent", 0.8), ("temporary", 0.12), ("agency", 0.08)))
        production = hire + _days(TRAINING_DAYS)
        contract_end = None
        if employment != "permanent":
            contract_end = (
                start + _days(rng.randint(30, 1460)) if in_post else hire + _days(rng.randint(180, 900))
            )
        leave = max(production, start) + _days(1 + int(rng.expovariate(ATTRITION_PER_YEAR / 365)))
        kind = _choice(rng, (("voluntary", 0.6), ("involuntary", 0.2), ("transfer", 0.2)))
        if contract_end is not None and contract_end < leave:
            leave, kind = contract_end, "contract_end"
        backfilled = rng.random() < 0.75 if kind == "transfer" else None
        left = leave <= end
        # The synthetic centre's scope has no work_at_home, so everyone works in the office; the
        # draw that once chose home working is kept so that a seed gives the same people as before.
        rng.random()
        chain.append(
            _draft(
                "CSS",
                program,
                site,
                hire,
                seat,
                len(chain),
                employment_type=employment,
                work_mode="office",
                exit_date=leave if left else None,
                exit_type=kind if left else None,
                backfilled=backfilled if left else None,
                contract_end_date=contract_end,
            )
        )
        if not left or backfilled is False:
            return chain
        hire = leave + _days(rng.randint(7, 35))
        if hire + _days(TRAINING_DAYS) > end:
            return chain
        in_post = False


def _evaluator_chain(
    rng: random.Random, slot: int, site: str, period: tuple[dt.date, dt.date]
) -> list[Person]:
    """QA evaluator post ``slot``: each leaver's successor starts production the next day."""
    start, end = period
    hire = start - _days(200 + rng.randint(0, 2500))
    production = hire + _days(TRAINING_DAYS)
    chain: list[Person] = []
    while True:
        leave = max(production, start) + _days(1 + int(rng.expovariate(EVALUATOR_ATTRITION_PER_YEAR / 365)))
        left = leave <= end
        kind = _choice(rng, (("voluntary", 0.7), ("transfer", 0.3)))
        chain.append(
            _draft(
                "qa_evaluator",
                None,
                site,
                hire,
                slot,
                len(chain),
                production_start=production,
                exit_date=leave if left else None,
                exit_type=kind if left else None,
                backfilled=(True if kind == "transfer" else None) if left else None,
            )
        )
        if not left or leave + _days(1) > end:
            return chain
        production = leave + _days(1)
        hire = production - _days(TRAINING_DAYS)


def build_roster(seats: int, seed: int, period: tuple[dt.date, dt.date], org: Organisation) -> Roster:
    """The roster: about ``seats`` CSS in post at any time, plus supervisors and support roles."""
    rng = stream(seed, "roster")
    start, end = period
    programs = org.programs
    sites = [s.id for s in org.sites]
    drafts: list[Person] = []

    def seat_home(seat: int) -> tuple[str, str]:
        return programs[seat % len(programs)].id, sites[(seat // len(programs)) % len(sites)]

    for seat in range(seats):
        program, site = seat_home(seat)
        hire = start - _days(15 + min(6000, int(rng.expovariate(1 / 900))))
        drafts.extend(_css_chain(rng, seat, program, site, hire, period, in_post=True))
    new_hires = sum(1 for p in drafts if p.role == "CSS" and start <= p.production_start <= end - _days(35))
    growth = seats // 100 + max(0, 3 - new_hires)
    latest = max(0, (end - start).days - 50)
    for extra in range(growth):
        seat = seats + extra
        program, site = seat_home(seat)
        hire = start + _days(rng.randint(0, latest))
        drafts.extend(_css_chain(rng, seat, program, site, hire, period, in_post=False))
    for i in range(max(len(programs), seats // 15)):
        program, site = seat_home(i)
        drafts.append(_draft("supervisor", program, site, start - _days(400 + rng.randint(0, 3000)), i))
    for i in range(max(2, seats // 40)):
        drafts.extend(_evaluator_chain(rng, i, sites[i % len(sites)], period))
    support = (
        ("trainer", max(1, seats // 100)),
        ("workforce_planner", max(1, seats // 250)),
        ("manager", max(1, len(programs) // 5)),
    )
    for role, count in support:
        for i in range(count):
            drafts.append(
                _draft(role, None, sites[i % len(sites)], start - _days(500 + rng.randint(0, 4000)), i)
            )
    drafts.sort(key=lambda p: (p.hire_date, _ROLE_ORDER.index(p.role), p.slot, p.link))
    names = stream(seed, "names")
    people = tuple(
        replace(p, staff_id=f"S{n:06d}", name=f"{names.choice(_FAMILY)} {names.choice(_GIVEN)}")
        for n, p in enumerate(drafts, start=1)
    )
    return Roster(people)
