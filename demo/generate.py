#!/usr/bin/env python3
"""Generate the built-in ccc-audit demo evidence bundle.

The bundle describes a fictional Japanese mid-size contact centre,
株式会社さくらカスタマーサービス (``sakura-cs``), for the audit year 2025. Every
person, client and figure in it is invented. The script uses only the
standard library and a fixed seed (``random.Random(2025)``), so running it
twice produces byte-identical files.

Usage::

    python demo/generate.py [OUTPUT_DIR]

OUTPUT_DIR defaults to ``demo/bundle`` next to this script. The script writes
``bundle.yaml``, ``documents/*.md`` and ``records/*.csv`` there and prints the
planted gaps.

Planted gaps (what a correct audit of the demo should find):

* monitoring: four CSS employed all year have no evaluation in one month each;
* calibration: one QA evaluator has no calibration session in 2025-Q3;
* competence reviews: three CSS employed all year have no annual review;
* business review minutes and customer survey reports: 2025-Q3 is missing;
* complaints procedure: no section on escalation to the client;
* workforce plan: its next review date (2025-09-30) has passed;
* attestations: one ``yes`` without evidence and one answer older than
  12 months; ``copc.ag-chat.concurrency-measured`` is left unanswered;
* waivers: one valid waiver and one that expired on 2025-06-30.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SEED = 2025
YEAR = 2025
PERIOD_START = dt.date(YEAR, 1, 1)
PERIOD_END = dt.date(YEAR, 12, 31)
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "bundle"

ORG_ID = "sakura-cs"
ORG_NAME = "株式会社さくらカスタマーサービス"

MONITORING_GAP_MONTHS = (3, 6, 8, 11)
"""Months in which the four planted CSS have no evaluation."""

COMPETENCE_GAP_COUNT = 3
"""How many full-year CSS get no annual competence review."""

CALIBRATION_GAP_QUARTER = 3
"""Quarter in which one QA evaluator has no calibration session."""

WEEKDAYS_JA = "月火水木金土日"

_HOLIDAY_TEXT = (
    "2025-01-01 2025-01-02 2025-01-03 2025-01-13 2025-02-11 2025-02-24 2025-03-20 "
    "2025-04-29 2025-05-05 2025-05-06 2025-07-21 2025-08-11 2025-09-15 2025-09-23 "
    "2025-10-13 2025-11-03 2025-11-24 2025-12-29 2025-12-30 2025-12-31 2026-01-01 "
    "2026-01-02"
)
HOLIDAYS = frozenset(dt.date.fromisoformat(d) for d in _HOLIDAY_TEXT.split())
"""Japanese public holidays of 2025 and the company's year-end closure (Dec 29 - Jan 3).

The phone lines stay open on these days; back-office work (evaluations, reviews,
complaint investigation) does not happen.
"""


# --------------------------------------------------------------------------
# People named in documents, attestations and waivers (not on the roster).
# --------------------------------------------------------------------------

CEO = "代表取締役社長 佐藤 健一"
DIRECTOR_OPS = "取締役 運営本部長 高橋 直樹"
QA_HEAD = "品質保証部長 山本 美咲"
HR_HEAD = "人事部長 中村 由紀"
WFM_HEAD = "要員管理課長 小林 大輔"
PRIVACY_OFFICER = "個人情報保護管理者 加藤 誠"
CX_HEAD = "顧客体験推進室長 松本 智子"
SAPPORO_HEAD = "札幌センター長 伊藤 亮"
FUKUOKA_HEAD = "福岡センター長 渡辺 彩"
PLANNING_HEAD = "経営企画部長 清水 祐介"
TRAINING_HEAD = "人材開発課長 井上 玲奈"

RESERVED_NAMES = frozenset(
    {
        "佐藤 健一",
        "高橋 直樹",
        "山本 美咲",
        "中村 由紀",
        "小林 大輔",
        "加藤 誠",
        "松本 智子",
        "伊藤 亮",
        "渡辺 彩",
        "清水 祐介",
        "井上 玲奈",
    }
)

_SURNAME_TEXT = (
    "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 "
    "松本 井上 木村 林 斎藤 清水 山崎 森 池田 橋本 阿部 石川 山下 中島 "
    "石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 福田 太田 "
    "西村 藤井 金子 岡本 三浦 原田 中野 小野"
)
SURNAMES = tuple(_SURNAME_TEXT.split())

_GIVEN_NAME_TEXT = (
    "翔太 大輝 拓海 健太 悠斗 陽菜 美咲 結衣 葵 さくら 真由 彩花 千尋 裕子 "
    "恵 直子 里奈 涼子 亮 誠 和也 達也 智子 奈々 明日香 優花 香織 舞 "
    "瑞希 萌 航 蓮 颯太 陸 沙織 由美 麻衣 綾 友美 健一 浩二 聡 "
    "愛 遥 七海 莉子 美穂 直樹 大介 隆"
)
GIVEN_NAMES = tuple(_GIVEN_NAME_TEXT.split())


# --------------------------------------------------------------------------
# Organisation structure
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramInfo:
    """A program served for a client."""

    id: str
    name: str
    client: str
    channels: tuple[str, ...]
    transaction_types: tuple[str, ...]


TELECOM = "telecom-support"
ECOMMERCE = "ecommerce-support"
INSURANCE = "insurance-service"

PROGRAMS: tuple[ProgramInfo, ...] = (
    ProgramInfo(
        TELECOM,
        "北斗テレコム カスタマーサポート",
        "北斗テレコム株式会社",
        ("voice", "chat"),
        (
            "billing_inquiry",
            "plan_change",
            "device_troubleshooting",
            "cancellation_request",
            "chat_general_inquiry",
        ),
    ),
    ProgramInfo(
        ECOMMERCE,
        "みなとマーケット 購入者サポート",
        "株式会社みなとマーケット",
        ("voice", "email", "chat"),
        (
            "order_status",
            "return_refund",
            "payment_issue",
            "email_inquiry",
            "chat_product_question",
        ),
    ),
    ProgramInfo(
        INSURANCE,
        "あおば生命 契約者サービス（受信・発信）",
        "あおば生命保険株式会社",
        ("voice",),
        (
            "outbound_renewal_call",
            "outbound_lapse_prevention",
            "address_change",
            "claim_inquiry",
            "policy_explanation",
        ),
    ),
)
PROGRAM_BY_ID = {p.id: p for p in PROGRAMS}

SITES = (("sapporo", "札幌センター"), ("fukuoka", "福岡センター"))

CSS_PLAN: tuple[tuple[str, str, int], ...] = (
    (TELECOM, "sapporo", 22),
    (ECOMMERCE, "fukuoka", 20),
    (INSURANCE, "sapporo", 8),
    (INSURANCE, "fukuoka", 6),
)
"""CSS employed at the start of 2025: program, site, head count."""

SUPPORT_PLAN: tuple[tuple[str, str, str], ...] = (
    ("supervisor", TELECOM, "sapporo"),
    ("supervisor", TELECOM, "sapporo"),
    ("supervisor", ECOMMERCE, "fukuoka"),
    ("supervisor", ECOMMERCE, "fukuoka"),
    ("supervisor", INSURANCE, "sapporo"),
    ("supervisor", INSURANCE, "fukuoka"),
    ("qa_evaluator", TELECOM, "sapporo"),
    ("qa_evaluator", ECOMMERCE, "fukuoka"),
    ("qa_evaluator", INSURANCE, "sapporo"),
    ("qa_evaluator", "", "fukuoka"),
    ("trainer", "", "sapporo"),
    ("trainer", "", "fukuoka"),
    ("workforce_planner", "", "sapporo"),
    ("workforce_planner", "", "fukuoka"),
)
"""Non-CSS staff: role, program (blank when cross-program), site."""

EXIT_PLAN: tuple[tuple[dt.date, str, str], ...] = (
    (dt.date(2025, 2, 28), "voluntary", "yes"),
    (dt.date(2025, 3, 31), "voluntary", "yes"),
    (dt.date(2025, 4, 18), "involuntary", "yes"),
    (dt.date(2025, 5, 31), "transfer", "no"),
    (dt.date(2025, 6, 30), "contract_end", "yes"),
    (dt.date(2025, 7, 31), "voluntary", "yes"),
    (dt.date(2025, 8, 15), "transfer", "yes"),
    (dt.date(2025, 9, 30), "contract_end", "no"),
    (dt.date(2025, 10, 31), "voluntary", "yes"),
    (dt.date(2025, 11, 30), "voluntary", "no"),
)
"""Exits during 2025: exit date, exit type, backfilled."""


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def iso(day: dt.date | None) -> str:
    """Return ``day`` as ``YYYY-MM-DD``, or an empty string for no date."""
    return day.isoformat() if day else ""


def jp_date(day: dt.date) -> str:
    """Return ``day`` written the Japanese way, e.g. 2025年3月25日."""
    return f"{day.year}年{day.month}月{day.day}日"


def jp_date_wd(day: dt.date) -> str:
    """Return ``day`` written the Japanese way with its weekday."""
    return f"{jp_date(day)}（{WEEKDAYS_JA[day.weekday()]}）"


def month_bounds(month: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of ``month`` in the audit year."""
    first = dt.date(YEAR, month, 1)
    nxt = dt.date(YEAR + 1, 1, 1) if month == 12 else dt.date(YEAR, month + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def quarter_bounds(quarter: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of ``quarter`` (1-4) in the audit year."""
    first, _ = month_bounds(3 * quarter - 2)
    _, last = month_bounds(3 * quarter)
    return first, last


def quarter_of(day: dt.date) -> int:
    """Return the calendar quarter (1-4) of ``day``."""
    return (day.month - 1) // 3 + 1


def days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """Return every day from ``start`` to ``end`` inclusive."""
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def is_business_day(day: dt.date) -> bool:
    """Tell whether back-office staff work on ``day`` (not a weekend or a holiday)."""
    return day.weekday() < 5 and day not in HOLIDAYS


def business_days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """Return the business days from ``start`` to ``end`` inclusive."""
    return [d for d in days_between(start, end) if is_business_day(d)]


def next_business_day(day: dt.date) -> dt.date:
    """Return ``day`` if it is a business day, otherwise the next one."""
    while not is_business_day(day):
        day += dt.timedelta(days=1)
    return day


def next_monday(day: dt.date) -> dt.date:
    """Return the first Monday on or after ``day``."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """Return a uniformly drawn day from ``start`` to ``end`` inclusive."""
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def pct(numerator: int, denominator: int) -> str:
    """Return a percentage with one decimal, or a dash when undefined."""
    if denominator == 0:
        return "-"
    return f"{100 * numerator / denominator:.1f}"


# --------------------------------------------------------------------------
# Roster
# --------------------------------------------------------------------------


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

    def full_year(self) -> bool:
        """Tell whether the person was in production for the whole audit year."""
        return self.production_start <= PERIOD_START and (
            self.exit_date is None or self.exit_date >= PERIOD_END
        )


ROSTER_COLUMNS = [
    "staff_id",
    "name",
    "role",
    "program",
    "site",
    "employment_type",
    "work_mode",
    "hire_date",
    "production_start",
    "exit_date",
    "exit_type",
    "backfilled",
    "contract_end_date",
]


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


# --------------------------------------------------------------------------
# Monitoring
# --------------------------------------------------------------------------

MONITORING_COLUMNS = [
    "evaluation_id",
    "evaluator_id",
    "staff_id",
    "date",
    "program",
    "transaction_type",
    "method",
    "score",
    "passed",
    "customer_critical_error",
    "business_critical_error",
    "compliance_critical_error",
]


def evaluators_for(roster: Roster, program: str) -> tuple[Staff, Staff]:
    """Return the program's dedicated QA evaluator and the floating one."""
    evaluators = roster.by_role("qa_evaluator")
    dedicated = next(e for e in evaluators if e.program == program)
    floating = next(e for e in evaluators if e.program == "")
    return dedicated, floating


def pick_method(rng: random.Random, css: Staff, evaluator: Staff, day: dt.date) -> str:
    """Choose how an evaluation was done; side-by-side needs the same office."""
    if css.work_mode == "home" or css.site != evaluator.site:
        return "recorded" if rng.random() < 0.72 else "remote"
    new_starter = (day - css.production_start).days < 45
    draw = rng.random()
    if draw < (0.35 if new_starter else 0.1):
        return "side_by_side"
    return "recorded" if draw < 0.8 else "remote"


def build_monitoring(rng: random.Random, roster: Roster) -> list[list[str]]:
    """Simulate 2-4 evaluations per CSS per month in production, minus the gaps."""
    rows: list[tuple[dt.date, str, list[str]]] = []
    for css in roster.by_role("CSS"):
        program = PROGRAM_BY_ID[css.program]
        dedicated, floating = evaluators_for(roster, css.program)
        for month in range(1, 13):
            if roster.monitoring_gaps.get(css.staff_id) == month:
                continue
            window = css.in_production(*month_bounds(month))
            if window is None:
                continue
            candidates = business_days_between(*window) or days_between(*window)
            wanted = rng.randint(2, 4) if len(candidates) >= 8 else rng.randint(1, 2)
            for day in sorted(rng.sample(candidates, min(wanted, len(candidates)))):
                evaluator = dedicated if rng.random() < 0.75 else floating
                method = pick_method(rng, css, evaluator, day)
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
                            rng.choice(program.transaction_types),
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


# --------------------------------------------------------------------------
# Calibration
# --------------------------------------------------------------------------

CALIBRATION_COLUMNS = ["session_id", "evaluator_id", "date", "method", "agreement"]


def build_calibration(rng: random.Random, roster: Roster) -> tuple[list[list[str]], str]:
    """Simulate quarterly calibration; one evaluator misses the gap quarter.

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
            for _ in range(rng.randint(0, 2)):
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


# --------------------------------------------------------------------------
# Competence reviews
# --------------------------------------------------------------------------

COMPETENCE_COLUMNS = ["review_id", "staff_id", "date", "reviewer", "outcome"]


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


# --------------------------------------------------------------------------
# Complaints
# --------------------------------------------------------------------------

COMPLAINT_COLUMNS = [
    "complaint_id",
    "received",
    "channel",
    "program",
    "category",
    "legal_violation_alleged",
    "investigated_on",
    "resolved_on",
]

COMPLAINT_CATEGORIES = {
    TELECOM: (
        "long_wait",
        "staff_attitude",
        "incorrect_information",
        "billing_dispute",
        "callback_missed",
        "chat_disconnected",
    ),
    ECOMMERCE: (
        "long_wait",
        "staff_attitude",
        "incorrect_information",
        "refund_delay",
        "email_response_delay",
        "delivery_issue",
    ),
    INSURANCE: (
        "staff_attitude",
        "repeated_calls",
        "incorrect_information",
        "procedure_delay",
        "call_time_inappropriate",
    ),
}

LEGAL_COMPLAINTS: tuple[tuple[int, str, str, str], ...] = (
    (1, INSURANCE, "voice", "inappropriate_solicitation"),
    (2, TELECOM, "voice", "contract_explanation"),
    (2, ECOMMERCE, "email", "personal_information"),
    (3, INSURANCE, "voice", "inappropriate_solicitation"),
    (4, TELECOM, "chat", "personal_information"),
)
"""Complaints alleging a legal violation: quarter, program, channel, category."""

LATE_COMPLAINT = (dt.date(2025, 12, 30), TELECOM, "voice", "long_wait")
"""A complaint received during the year-end closure, not yet investigated."""

COMPLAINT_COUNT = 120


def category_fits(category: str, channel: str) -> bool:
    """Tell whether a channel-specific category (``chat_*``, ``email_*``) fits ``channel``."""
    prefix = category.split("_", 1)[0]
    return prefix not in ("chat", "email") or prefix == channel


def build_complaints(rng: random.Random) -> list[list[str]]:
    """Simulate the complaints log, five of them alleging a legal violation."""
    weights = {TELECOM: 0.42, ECOMMERCE: 0.38, INSURANCE: 0.20}
    channel_weights = {"voice": 0.6, "chat": 0.25, "email": 0.15}
    entries: list[tuple[dt.date, str, str, str, str]] = []
    for _ in range(COMPLAINT_COUNT - len(LEGAL_COMPLAINTS) - 1):
        program = rng.choices(list(weights), weights=list(weights.values()))[0]
        channels = PROGRAM_BY_ID[program].channels
        channel = rng.choices(channels, weights=[channel_weights[c] for c in channels])[0]
        received = random_date(rng, PERIOD_START, PERIOD_END)
        categories = [c for c in COMPLAINT_CATEGORIES[program] if category_fits(c, channel)]
        entries.append((received, program, channel, rng.choice(categories), "no"))
    entries.append((*LATE_COMPLAINT, "no"))
    for quarter, program, channel, category in LEGAL_COMPLAINTS:
        received = random_date(rng, *quarter_bounds(quarter))
        entries.append((received, program, channel, category, "yes"))
    entries.sort()
    rows: list[list[str]] = []
    for number, (received, program, channel, category, legal) in enumerate(entries, start=1):
        investigated = next_business_day(
            received + dt.timedelta(days=rng.randint(0, 1) if legal == "yes" else rng.randint(0, 3))
        )
        resolved = next_business_day(
            investigated + dt.timedelta(days=rng.randint(10, 35) if legal == "yes" else rng.randint(1, 14))
        )
        # The log was extracted at the end of the period: later dates are blank.
        rows.append(
            [
                f"CMP-{YEAR}-{number:04d}",
                iso(received),
                channel,
                program,
                category,
                legal,
                iso(investigated) if investigated <= PERIOD_END else "",
                iso(resolved) if resolved <= PERIOD_END else "",
            ]
        )
    return rows


# --------------------------------------------------------------------------
# Statistics quoted in documents
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class QuarterStats:
    """Figures of one quarter, quoted in the minutes and reports."""

    evaluations: int
    pass_rate: str
    mean_score: str
    critical_errors: int
    complaints: int
    legal_complaints: int
    css_at_end: int
    exits: int
    hires: int
    calibration_agreement: str


def quarter_stats(
    quarter: int,
    roster: Roster,
    monitoring: Sequence[Sequence[str]],
    complaints: Sequence[Sequence[str]],
    calibration: Sequence[Sequence[str]],
) -> QuarterStats:
    """Compute the figures of ``quarter`` from the generated records."""
    start, end = quarter_bounds(quarter)

    def within(text: str) -> bool:
        return bool(text) and start <= dt.date.fromisoformat(text) <= end

    evals = [r for r in monitoring if within(r[3])]
    passed = sum(1 for r in evals if r[8] == "yes")
    critical = sum(1 for r in evals if "yes" in r[9:12])
    mean = sum(int(r[7]) for r in evals) / len(evals) if evals else 0.0
    comps = [r for r in complaints if within(r[1])]
    cal = [float(r[4]) for r in calibration if within(r[2])]
    css = roster.by_role("CSS")
    return QuarterStats(
        evaluations=len(evals),
        pass_rate=pct(passed, len(evals)),
        mean_score=f"{mean:.1f}",
        critical_errors=critical,
        complaints=len(comps),
        legal_complaints=sum(1 for r in comps if r[5] == "yes"),
        css_at_end=sum(1 for s in css if s.hire_date <= end and (s.exit_date is None or s.exit_date > end)),
        exits=sum(1 for s in css if s.exit_date and start <= s.exit_date <= end),
        hires=sum(1 for s in css if start <= s.hire_date <= end),
        calibration_agreement=f"{sum(cal) / len(cal):.2f}" if cal else "-",
    )


# --------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Doc:
    """A controlled document: manifest metadata and Markdown body."""

    id: str
    type: str
    title: str
    english: str
    code: str
    version: str
    owner: str
    approved_by: str
    approved_on: dt.date
    effective_date: dt.date
    next_review_date: dt.date | None
    body: str
    topics: tuple[str, ...] = ()
    control_block: bool = True

    @property
    def path(self) -> str:
        """Return the path of the Markdown file inside the bundle."""
        return f"documents/{self.id}.md"

    def markdown(self) -> str:
        """Return the full Markdown text: title, document control, body."""
        lines = [f"# {self.title} ({self.english})", ""]
        if self.control_block:
            lines += [
                "| 項目 | 内容 |",
                "| --- | --- |",
                f"| 文書番号 | {self.code} |",
                f"| 版 | {self.version} |",
                f"| 所管 | {self.owner} |",
                f"| 承認 | {self.approved_by}（{jp_date(self.approved_on)}） |",
                f"| 施行日 | {jp_date(self.effective_date)} |",
            ]
            if self.next_review_date:
                lines.append(f"| 次回見直し | {jp_date(self.next_review_date)} |")
            lines.append("")
        lines.append(self.body.strip("\n"))
        return "\n".join(lines) + "\n"


def policy_statement() -> Doc:
    """Return the policy statement."""
    body = """
## 目的 (Purpose)

当社は、委託元企業のお客様と直接つながる窓口として、
「また相談したい」と感じていただける応対を提供することを使命とする。
本方針は、札幌・福岡の両センターおよび在宅勤務を含む全業務に適用する。

## 顧客体験 (Customer experience)

- どのチャネル（電話・メール・チャット）でも一貫した品質で問い合わせを解決する。
- 初回解決を重視し、たらい回しや再問い合わせを減らす。
- お客様の声を毎月分析し、委託元と共有して業務改善につなげる。

## 従業員体験 (Employee experience)

- 従業員が安心して働ける職場環境と、公正で透明な評価を提供する。
- 在宅勤務を含む多様な働き方を支援し、継続的な育成の機会を設ける。
- 年1回の従業員満足度調査の結果を経営が確認し、改善策を全員に公表する。

## 品質 (Quality)

- 品質モニタリングとキャリブレーションを計画的に実施する。
- 法令・契約・社内規程を遵守し、重大な誤りの再発を防止する。
- 目標と実績を四半期ごとの事業レビューで確認し、必要な是正を行う。

## 周知と見直し (Communication and review)

本方針は全従業員に周知し、社内ポータルおよび各センターに掲示する。
委託元その他の関係者の求めに応じて開示し、少なくとも年1回見直す。
"""
    return Doc(
        "policy-statement",
        "policy_statement",
        "方針声明書",
        "Policy statement",
        "SCS-POL-001",
        "3.0",
        "経営企画部",
        CEO,
        dt.date(2025, 6, 20),
        dt.date(2025, 7, 1),
        dt.date(2026, 6, 30),
        body,
        topics=("customer_experience", "employee_experience", "quality"),
    )


def business_plan(css_start: int) -> Doc:
    """Return the 2025 business plan."""
    body = f"""
## 概要 (Overview)

2025年度（2025年1月〜12月）は「選ばれ続けるセンター」を掲げ、
既存3プログラムの品質向上と、2026年の札幌センター移転準備を進める。
期首のCSS在籍数は{css_start}名である。

## 顧客フィードバック (Customer feedback)

- 2024年度の顧客満足度（CSAT）は82.4%で、目標85%に届かなかった。
- 不満の上位は「ピーク時の待ち時間」「電話とチャットで回答が異なる」であった。
- 苦情件数は年間131件。うち法令違反の申し立ては6件で、いずれも是正済み。
- 委託元3社との月次定例で、応対品質と苦情の傾向を共有している。

## 業務量予測 (Volume forecast)

| プログラム | チャネル | 2025年度予測件数 |
| --- | --- | --- |
| 北斗テレコム | 電話 | 260,000 |
| 北斗テレコム | チャット | 90,000 |
| みなとマーケット | 電話 | 110,000 |
| みなとマーケット | メール | 60,000 |
| みなとマーケット | チャット | 70,000 |
| あおば生命 | 電話（受信） | 55,000 |
| あおば生命 | 電話（発信） | 70,000 |

3月・9月の契約更新期と12月の年末商戦に受付量のピークを見込む。

## 財務目標 (Financial goals)

- 売上高: 430百万円（前年度比 +4.5%）
- 営業利益率: 7.0%
- 人件費率: 68%以下

## 非財務目標 (Non-financial goals)

- 顧客満足度（CSAT）85%以上、初回解決率78%以上
- 品質モニタリング合格率90%以上
- 従業員満足度 3.8点以上（5点満点）、年間離職率15%以下
- 苦情の初期調査を受付から3営業日以内に100%着手
"""
    return Doc(
        "business-plan-2025",
        "business_plan",
        "2025年度事業計画",
        "Business plan 2025",
        "SCS-PLN-2025",
        "1.0",
        "経営企画部 " + PLANNING_HEAD.split(" ", 1)[1],
        CEO,
        dt.date(2024, 12, 18),
        dt.date(2025, 1, 1),
        dt.date(2026, 2, 27),
        body,
    )


def review_minutes(
    quarter: int, meeting: dt.date, approved: dt.date, stats: QuarterStats, notes: Sequence[str]
) -> Doc:
    """Return the minutes of one quarterly business review."""
    note_lines = "\n".join(f"{i}. {n}" for i, n in enumerate(notes, start=1))
    body = f"""
- 日時: {jp_date_wd(meeting)} 14:00〜16:00
- 場所: 札幌センター 大会議室（福岡センターとオンライン接続）
- 出席者: {CEO}、{DIRECTOR_OPS}、{QA_HEAD}、{HR_HEAD}、
  {WFM_HEAD}、{CX_HEAD}、{SAPPORO_HEAD}、{FUKUOKA_HEAD}
- 書記: 経営企画部

## 議題 (Agenda)

1. 第{quarter}四半期の業績レビュー
2. 品質モニタリングとキャリブレーション
3. 苦情と顧客の声
4. 要員と人材
5. 次四半期の重点施策

## 品質 (Quality)

- 評価件数 {stats.evaluations}件、合格率 {stats.pass_rate}%、平均点 {stats.mean_score}点
- 重大エラー（顧客・業務・コンプライアンス）の検出 {stats.critical_errors}件
- キャリブレーションの平均一致率 {stats.calibration_agreement}

## 苦情 (Complaints)

- 受付 {stats.complaints}件（うち法令違反の申し立て {stats.legal_complaints}件）
- 法令違反の申し立ては全件を個人情報保護管理者と法務に報告済み。

## 要員 (Workforce)

- 四半期末のCSS在籍数 {stats.css_at_end}名（退職 {stats.exits}名、入社 {stats.hires}名）

## 決定事項 (Decisions)

{note_lines}

## 承認 (Approval)

本議事録は{jp_date(approved)}、{CEO}が承認した。
"""
    return Doc(
        f"business-review-{YEAR}-q{quarter}",
        "business_review_minutes",
        f"{YEAR}年度 第{quarter}四半期 事業レビュー議事録",
        f"Q{quarter} business review minutes",
        f"SCS-MIN-{YEAR}-Q{quarter}",
        "1.0",
        "経営企画部",
        CEO,
        approved,
        meeting,
        None,
        body,
        control_block=False,
    )


def cx_strategy() -> Doc:
    """Return the customer experience strategy."""
    body = """
## ビジョン (Vision)

「一度で、気持ちよく、確実に」解決する応対を全チャネルで実現する。

## 現状認識 (Current state)

- 電話の待ち時間とチャットの離脱がピーク時の不満の主因である。
- チャネル間で案内内容が異なる事例が苦情の約1割を占める。
- 顧客アンケートの自由記述は、プログラム横断で十分に活用できていない。

## 重点施策 (Strategic initiatives)

1. チャネル共通のナレッジベースを整備し、回答の一貫性を高める。
2. 評価シートを全チャネルで共通化し、品質を同じ基準で測る。
3. 四半期ごとの顧客アンケートとテキスト分析で改善テーマを特定する。
4. 在宅CSSにも同等の支援（リアルタイム相談・モニタリング）を提供する。
5. 委託元と改善テーマを共有し、業務フロー自体の見直しを提案する。

## 指標 (Measures)

| 指標 | 2025年度目標 |
| --- | --- |
| 顧客満足度（CSAT） | 85%以上 |
| NPS | +10以上 |
| 初回解決率 | 78%以上 |
| 再問い合わせ率（7日以内） | 12%以下 |

## 推進体制 (Governance)

顧客体験推進室が施策を統括し、進捗を四半期の事業レビューで報告する。
"""
    return Doc(
        "cx-strategy",
        "cx_strategy",
        "顧客体験戦略",
        "Customer experience strategy",
        "SCS-CX-001",
        "2.0",
        "顧客体験推進室",
        DIRECTOR_OPS,
        dt.date(2025, 2, 10),
        dt.date(2025, 2, 17),
        dt.date(2026, 2, 28),
        body,
    )


def complaints_procedure() -> Doc:
    """Return the complaints procedure (deliberately without an escalation section)."""
    body = """
## 目的と適用範囲 (Purpose and scope)

お客様からの苦情を迅速かつ公正に処理し、再発防止につなげるための手順を定める。
全プログラム・全チャネル（電話・メール・チャット）の苦情に適用する。

## 受付 (Receipt)

1. 苦情を受けたCSSは、応対中に謝意と受付の旨を伝え、内容を正確に聞き取る。
2. 当日中に苦情管理台帳へ登録し、受付番号（CMP-年-連番）を付与する。
3. 登録項目: 受付日、チャネル、プログラム、分類、法令違反の申し立ての有無。
4. 法令違反の申し立て（個人情報、不適切な勧誘、説明義務など）を含む場合は、
   その旨を台帳に記録し、同日中に個人情報保護管理者と法務担当に報告する。

## 調査 (Investigation)

1. スーパーバイザーが受付から3営業日以内に調査に着手し、着手日を台帳に記録する。
2. 通話録音・チャットログ・メール履歴・対応履歴を確認し、事実関係を整理する。
3. 原因を「人」「手順」「システム」「委託元の仕組み」に分類して記録する。
4. 法令違反の申し立ては品質保証部が独立して調査し、結果を運営本部長に報告する。

## 回答 (Response)

1. 調査結果に基づき、原則として受付から10営業日以内にお客様へ回答する。
2. 回答の方法は、お客様が苦情を申し出たチャネルまたはお客様の希望に従う。
3. 回答後、解決日を台帳に記録し、案件を完了とする。
4. 期限内に回答できない場合は、お客様に理由と見込みを連絡する。

## 分析と再発防止 (Analysis and prevention)

- 品質保証部は毎月、苦情の件数・分類・原因を集計し、事業レビューに報告する。
- 同じ原因の苦情が繰り返される場合は、研修・手順・ナレッジを改訂する。

## 記録の保管 (Records)

苦情管理台帳と調査記録は5年間保管する。
"""
    return Doc(
        "complaints-procedure",
        "complaints_procedure",
        "苦情対応手順書",
        "Complaints procedure",
        "SCS-PRC-004",
        "2.1",
        "品質保証部",
        DIRECTOR_OPS,
        dt.date(2025, 4, 8),
        dt.date(2025, 4, 15),
        dt.date(2026, 4, 30),
        body,
    )


def cx_survey_report(
    quarter: int,
    issued: dt.date,
    csat: dict[str, float],
    nps: int,
    themes: Sequence[str],
    actions: Sequence[str],
) -> Doc:
    """Return one quarterly customer survey report."""
    names = {TELECOM: "北斗テレコム", ECOMMERCE: "みなとマーケット", INSURANCE: "あおば生命"}
    responses = {TELECOM: 1850, ECOMMERCE: 1420, INSURANCE: 610}
    table = "\n".join(f"| {names[p]} | {responses[p] + 37 * quarter:,} | {csat[p]:.1f}% |" for p in names)
    overall = sum(csat[p] * responses[p] for p in names) / sum(responses.values())
    theme_lines = "\n".join(f"- {t}" for t in themes)
    action_lines = "\n".join(f"{i}. {a}" for i, a in enumerate(actions, start=1))
    q_start, _ = quarter_bounds(quarter)
    cutoff = issued - dt.timedelta(days=7)
    body = f"""
## 調査概要 (Survey outline)

- 対象期間: {jp_date(q_start)}〜{jp_date(cutoff)}の応対
- 方法: 応対終了後のSMS・メールによるアンケート（5段階評価と自由記述）
- CSATは「満足」「やや満足」の回答の割合とする。

## 結果 (Results)

| プログラム | 回答数 | CSAT |
| --- | --- | --- |
{table}

全体のCSATは{overall:.1f}%、NPSは{nps:+d}であった（目標: CSAT 85%、NPS +10）。

## 主な意見 (Main themes)

{theme_lines}

## 改善アクション (Actions)

{action_lines}

## 共有 (Distribution)

本報告は事業レビューで報告し、各委託元との月次定例で共有する。
"""
    return Doc(
        f"cx-survey-{YEAR}-q{quarter}",
        "cx_survey_report",
        f"{YEAR}年度 第{quarter}四半期 顧客満足度調査報告",
        f"Q{quarter} customer survey report",
        f"SCS-CXS-{YEAR}-Q{quarter}",
        "1.0",
        "顧客体験推進室",
        CX_HEAD,
        issued,
        issued,
        dt.date(2026, 3, 31),
        body,
    )


def privacy_policy() -> Doc:
    """Return the privacy policy."""
    body = """
## 基本方針 (Policy)

当社は、委託元から預かるお客様の個人情報および従業員の個人情報を、
個人情報の保護に関する法律その他の関係法令とガイドラインに従い適切に取り扱う。

## 取得と利用 (Collection and use)

- 個人情報は、委託契約に定める業務の遂行に必要な範囲でのみ取得し利用する。
- 目的外の利用、委託元の指示のない第三者提供は行わない。

## 安全管理措置 (Security measures)

- 通話録音・対応履歴へのアクセスは、職務上必要な者に限り権限を付与する。
- 在宅勤務は会社貸与の端末とVPNに限り、画面の撮影や印刷を禁止する。
- 執務室への私物の持ち込みを制限し、クリアデスクを徹底する。
- 全従業員に入社時および年1回、個人情報保護の研修を実施する。

## 漏えい等への対応 (Incidents)

漏えい等のおそれを認めた者は直ちに個人情報保護管理者に報告する。
管理者は委託元と連携し、法令に基づき個人情報保護委員会への報告と本人への通知を行う。

## お問い合わせ (Contact)

個人情報の取扱いに関するお問い合わせは、個人情報保護管理者が受け付ける。
"""
    return Doc(
        "privacy-policy",
        "privacy_policy",
        "個人情報保護方針",
        "Privacy policy",
        "SCS-POL-002",
        "4.1",
        "情報システム部",
        CEO,
        dt.date(2025, 3, 1),
        dt.date(2025, 4, 1),
        dt.date(2026, 3, 31),
        body,
    )


def employee_survey_report() -> Doc:
    """Return the 2025 employee survey report."""
    body = """
## 調査概要 (Survey outline)

- 実施期間: 2025年9月1日〜9月19日（無記名・オンライン）
- 対象: 全従業員78名（派遣社員を含む）、回答71名（回答率91.0%）

## 結果 (Results)

| 項目 | 2025年 | 2024年 |
| --- | --- | --- |
| 総合満足度（5点満点） | 3.7 | 3.5 |
| 仕事のやりがい | 3.9 | 3.8 |
| 上司の支援 | 3.8 | 3.6 |
| 評価の公正さ | 3.3 | 3.2 |
| 研修・成長機会 | 3.6 | 3.4 |
| 働き方の柔軟性 | 4.0 | 3.7 |

## 主な意見 (Comments)

- 在宅勤務の拡大は好評だが、在宅者への情報共有が遅れることがある。
- 品質評価のフィードバックが評価者によって異なると感じる。
- 繁忙期の休暇が取りにくい。

## 改善策 (Actions)

1. 在宅CSS向けの朝会をオンラインで毎日実施する（11月開始）。
2. キャリブレーション結果を評価者ごとに共有し、評価のばらつきを減らす。
3. 繁忙期の休暇枠を要員計画に組み込む。

結果と改善策は10月の全体朝会で全従業員に説明した。
"""
    day = dt.date(2025, 10, 15)
    return Doc(
        "employee-survey-2025",
        "employee_survey_report",
        "2025年度従業員満足度調査報告",
        "Employee survey report 2025",
        "SCS-ESR-2025",
        "1.0",
        "人事部",
        HR_HEAD,
        day,
        day,
        dt.date(2026, 10, 31),
        body,
    )


def workforce_plan() -> Doc:
    """Return the workforce plan (its review date has passed: a planted gap)."""
    body = """
## 対象期間 (Period)

2024年10月〜2025年9月の12か月。

## 前提 (Assumptions)

- 業務量は2025年度事業計画の予測値による（月別・30分単位に展開）。
- サービスレベル目標: 電話 80%/20秒、チャット 85%/60秒、メール 24時間以内。
- 稼働外時間率（シュリンケージ）: 32%（休暇・研修・会議・コーチングを含む）。
- チャットの同時対応数: 最大2件。

## 必要人員 (Required staffing)

| プログラム | 必要CSS（FTE） | 在籍計画 |
| --- | --- | --- |
| 北斗テレコム | 21.5 | 22 |
| みなとマーケット | 19.0 | 20 |
| あおば生命 | 13.5 | 14 |

## 採用と育成 (Hiring and training)

- 年間離職率15%を前提に、欠員は退職日から1か月以内の補充を目指す。
- 新人研修は10営業日、OJT 5営業日を経て独り立ちとする。
- 4月に新卒2名を採用し、みなとマーケットに配属する。

## 在宅勤務 (Work at home)

在宅CSSは各プログラム定員の20%以内とし、通信環境と情報セキュリティ要件を満たす者に限る。

## 見直し (Review)

要員管理課が月次で予実を確認し、乖離が10%を超える場合は計画を修正する。
"""
    return Doc(
        "workforce-plan",
        "workforce_plan",
        "要員計画",
        "Workforce plan",
        "SCS-WFM-001",
        "1.2",
        "要員管理課",
        DIRECTOR_OPS,
        dt.date(2024, 9, 20),
        dt.date(2024, 10, 1),
        dt.date(2025, 9, 30),
        body,
    )


def continuity_plan() -> Doc:
    """Return the business continuity plan."""
    body = """
## 目的 (Purpose)

災害・システム障害・感染症などで業務が中断した場合に、
委託元とお客様への影響を最小限にとどめ、速やかに復旧するための計画を定める。

## 体制 (Organisation)

- 対策本部長: 運営本部長。代行: 各センター長。
- 札幌・福岡の両センターは相互に代替拠点とし、在宅勤務を第3の拠点とする。

## 短時間の中断 (Short interruption)

対象: 4時間以内に復旧が見込まれる停電、回線障害、システム障害。

1. スーパーバイザーは障害を検知後15分以内に対策本部と委託元に第一報を入れる。
2. IVRで障害のお知らせを流し、折り返し受付に切り替える。
3. 他センターまたは在宅CSSへ着信を振り替える。
4. 復旧後、折り返し対応を当日中に完了し、障害報告書を作成する。

## 長時間の停止 (Long outage)

対象: 地震・大雪などで一方のセンターが1日以上使用できない場合。

1. 対策本部を設置し、従業員の安否をシステムで確認する。
2. 24時間以内に代替センターで優先業務（受信の契約変更・事故受付）を再開する。
3. 72時間以内に在宅勤務と代替センターで通常の70%の体制を確保する。
4. 委託元と優先度を協議し、発信業務は再開まで停止する。

## 訓練 (Exercises)

年2回（6月・11月）、振替と安否確認の訓練を行い、結果を事業レビューに報告する。
"""
    return Doc(
        "continuity-plan",
        "continuity_plan",
        "事業継続計画",
        "Business continuity plan",
        "SCS-BCP-001",
        "3.2",
        "運営本部",
        CEO,
        dt.date(2025, 5, 12),
        dt.date(2025, 5, 19),
        dt.date(2026, 5, 31),
        body,
    )


def client_agreement() -> Doc:
    """Return the summary of the client agreements and SLAs."""
    body = """
## 契約の概要 (Agreements)

| 委託元 | 契約 | 期間 |
| --- | --- | --- |
| 北斗テレコム株式会社 | 業務委託基本契約・個別契約 | 2025年1月〜2026年3月 |
| 株式会社みなとマーケット | 業務委託契約 | 2025年1月〜2026年3月 |
| あおば生命保険株式会社 | 業務委託契約（受信・発信） | 2025年1月〜2026年3月 |

## サービスレベル (Service levels)

| 指標 | 北斗テレコム | みなとマーケット | あおば生命 |
| --- | --- | --- | --- |
| 電話応答率（20秒以内） | 80% | 80% | 85% |
| 放棄率 | 5%以下 | 5%以下 | 3%以下 |
| チャット応答（60秒以内） | 85% | 85% | - |
| メール回答（24時間以内） | - | 95% | - |
| 品質モニタリング平均点 | 85点以上 | 85点以上 | 88点以上 |

## 報告 (Reporting)

- 日次: 受付件数・応答率。月次: SLA実績、品質評価結果、苦情件数と分類。
- 四半期: 顧客満足度調査の結果と改善提案。

## 個人情報と法令遵守 (Data protection and compliance)

- 受託者は委託元の指示に従い個人情報を取り扱い、再委託は事前承諾を要する。
- あおば生命の発信業務は、保険業法および委託元の勧誘方針に従い、
  架電停止の申し出があった番号には架電しない。

## 見直し (Review)

SLAは年1回、契約更新時に見直す。
"""
    return Doc(
        "client-agreement",
        "client_agreement",
        "業務委託契約書およびSLA",
        "Client agreements and SLAs",
        "SCS-CTR-2025",
        "2025.1",
        "営業部",
        CEO,
        dt.date(2024, 12, 20),
        dt.date(2025, 1, 1),
        dt.date(2026, 3, 31),
        body,
    )


def qa_procedure() -> Doc:
    """Return the quality monitoring procedure."""
    body = """
## 目的 (Purpose)

応対品質を全チャネル共通の基準で評価し、CSSの育成と業務改善につなげる。

## 評価の頻度 (Frequency)

- 各CSSを独り立ち（production start）以降、毎月2〜4件評価する。
- 独り立ち後45日間は、横付け（side-by-side）評価を優先する。

## 評価の方法 (Methods)

- 録音・ログ評価（recorded）: 通話録音、チャットログ、送信メールを評価する。
- リモート評価（remote）: 在席・在宅を問わず、リアルタイムで傍聴する。
- 横付け評価（side_by_side）: 同じセンターで隣席から観察する。

## 評価シート (Evaluation form)

- 電話・メール・チャットで同一の評価項目と配点を用いる（100点満点）。
- 重大エラーを3種類に分けて判定する: 顧客重大エラー、業務重大エラー、
  コンプライアンス重大エラー。
- 80点以上かつ重大エラーなしを合格とする。

## 発信業務の確認 (Outbound checks)

- あおば生命の発信業務では、架電禁止リスト（Do Not Contact）との照合結果、
  架電時間帯、勧誘時の説明事項を毎回評価項目として確認する。
- 架電禁止リストの番号への架電は、コンプライアンス重大エラーとする。

## フィードバック (Feedback)

評価後5営業日以内にスーパーバイザーがCSSにフィードバックし、記録を残す。
不合格が2か月続くCSSには個別の育成計画を作成する。

## 記録 (Records)

評価結果は品質管理システムに登録し、月次で集計して事業レビューに報告する。
"""
    return Doc(
        "qa-procedure",
        "qa_procedure",
        "品質モニタリング手順書",
        "Quality monitoring procedure",
        "SCS-PRC-001",
        "3.0",
        "品質保証部",
        DIRECTOR_OPS,
        dt.date(2025, 1, 20),
        dt.date(2025, 2, 1),
        dt.date(2026, 2, 28),
        body,
    )


def calibration_procedure() -> Doc:
    """Return the calibration procedure."""
    body = """
## 目的 (Purpose)

品質評価者の評価基準を揃え、評価結果の信頼性を確保する。

## 対象と頻度 (Scope and frequency)

- 全ての品質評価者（QA evaluator）は、四半期ごとに1回以上キャリブレーションに参加する。
- 各四半期の第2月に、全評価者による合同セッションを開催する。

## 方法 (Methods)

- 合意形成（consensus）: 同じ応対を全員で評価し、差異を議論して基準を合わせる。
- 基準評価（reference）: 品質保証部長が作成した模範評価と個別に照合する。
- ゲージ（gauge）: 評価者の採点を基準値と比較し、一致率を算出する。

## 判定基準 (Criteria)

- 一致率の目標は0.85以上とする。
- 0.80未満の評価者は、翌月中に再キャリブレーションと個別指導を受ける。

## 記録 (Records)

セッション番号、評価者、実施日、方法、一致率をキャリブレーション記録に残し、
四半期ごとに事業レビューに報告する。
"""
    return Doc(
        "calibration-procedure",
        "calibration_procedure",
        "キャリブレーション手順書",
        "Calibration procedure",
        "SCS-PRC-002",
        "2.0",
        "品質保証部",
        QA_HEAD,
        dt.date(2025, 1, 20),
        dt.date(2025, 2, 1),
        dt.date(2026, 2, 28),
        body,
    )


def training_plan() -> Doc:
    """Return the 2025 training plan."""
    body = """
## 新人研修 (Initial training)

| 内容 | 期間 |
| --- | --- |
| 会社・コンプライアンス・個人情報保護 | 2日 |
| 委託元の商品・サービス知識 | 4日 |
| システム操作・応対スキル（電話・メール・チャット） | 4日 |
| OJT（スーパーバイザー同席） | 5日 |

修了テスト（80点以上）とOJT評価に合格した者が独り立ちする。

## 継続研修 (Ongoing training)

- 毎月: 品質評価の結果に基づくコーチング（30分以上）
- 四半期: 委託元の商品改定に合わせた知識研修
- 年1回: 個人情報保護・情報セキュリティ研修（全従業員、テストあり）
- 年1回: 保険業法・勧誘方針研修（あおば生命プログラム）

## 在宅勤務者 (Home workers)

在宅勤務開始前に、セキュリティ誓約とリモート環境の点検を行う。

## 評価者・管理者 (Evaluators and supervisors)

新任の評価者はキャリブレーション研修を受け、一致率0.85以上で独り立ちする。
"""
    return Doc(
        "training-plan-2025",
        "training_plan",
        "2025年度研修計画",
        "Training plan 2025",
        "SCS-TRN-2025",
        "1.0",
        "人事部 人材開発課",
        HR_HEAD,
        dt.date(2024, 12, 20),
        dt.date(2025, 1, 6),
        dt.date(2026, 1, 30),
        body,
    )


def job_description() -> Doc:
    """Return the job descriptions of the contact centre roles."""
    body = """
## カスタマーサービス担当者 (CSS)

- 電話・メール・チャットでのお客様対応、対応履歴の記録
- 手順とナレッジに基づく正確な案内、必要に応じた二次対応部門への引継ぎ
- 苦情を受けた場合の台帳登録とスーパーバイザーへの報告
- 応募要件: 高校卒業以上、基本的なPC操作、丁寧な日本語でのコミュニケーション

## スーパーバイザー (Supervisor)

- チーム（8〜12名）の運営、リアルタイムの支援と判断
- コーチング、年次のコンピテンシー評価
- 苦情の調査と回答

## 品質評価者 (QA evaluator)

- 品質モニタリング手順書に基づく評価とフィードバック
- 四半期ごとのキャリブレーションへの参加

## トレーナー (Trainer)

- 新人研修・継続研修の企画と実施、研修記録の管理

## 要員計画担当 (Workforce planner)

- 業務量予測、シフト作成、リアルタイムの要員調整
"""
    return Doc(
        "job-descriptions",
        "job_description",
        "職務記述書",
        "Job descriptions",
        "SCS-HR-003",
        "2.2",
        "人事部",
        HR_HEAD,
        dt.date(2025, 1, 10),
        dt.date(2025, 1, 15),
        dt.date(2026, 3, 31),
        body,
    )


def competency_framework() -> Doc:
    """Return the competency framework."""
    body = """
## 目的 (Purpose)

CSSに求める能力を定義し、採用・研修・評価の共通の基準とする。

## コンピテンシー (Competencies)

| 領域 | 内容 |
| --- | --- |
| 傾聴と共感 | お客様の意図と感情を正しく理解する |
| 正確な案内 | 手順・ナレッジに沿って誤りなく案内する |
| 問題解決 | 初回で解決する、できない場合は確実に引き継ぐ |
| 文章力 | メール・チャットで簡潔かつ丁寧に書く |
| 法令遵守 | 個人情報保護・勧誘規制などを守る |
| システム操作 | 業務システムを正確かつ効率的に使う |

## 評価 (Assessment)

- 独り立ちから約3か月後に初回評価、以降は毎年入社月に年次評価を行う。
- 評価者は担当スーパーバイザーとし、結果は「competent（充足）」または
  「development_needed（要育成）」で記録する。
- 要育成となったCSSには3か月の育成計画を作成し、再評価する。
"""
    return Doc(
        "competency-framework",
        "competency_framework",
        "コンピテンシー・フレームワーク",
        "Competency framework",
        "SCS-HR-004",
        "1.3",
        "人事部",
        HR_HEAD,
        dt.date(2025, 1, 10),
        dt.date(2025, 1, 15),
        dt.date(2026, 3, 31),
        body,
    )


def build_documents(
    roster: Roster,
    monitoring: Sequence[Sequence[str]],
    complaints: Sequence[Sequence[str]],
    calibration: Sequence[Sequence[str]],
) -> list[Doc]:
    """Build every document, quoting figures computed from the records."""
    stats = {q: quarter_stats(q, roster, monitoring, complaints, calibration) for q in (1, 2, 4)}
    css_start = sum(1 for s in roster.by_role("CSS") if s.hire_date < PERIOD_START)
    return [
        policy_statement(),
        business_plan(css_start),
        review_minutes(
            1,
            dt.date(2025, 3, 25),
            dt.date(2025, 4, 1),
            stats[1],
            [
                "チャット応答率の改善のため、北斗テレコムのチャット兼務者を2名増やす。",
                "電話とチャットの案内の不一致について、ナレッジの統合を顧客体験推進室が進める。",
                "4月入社の新卒2名をみなとマーケットに配属する。",
            ],
        ),
        review_minutes(
            2,
            dt.date(2025, 6, 24),
            dt.date(2025, 7, 1),
            stats[2],
            [
                "法令違反の申し立て2件について、再発防止策（説明手順の改訂）を承認した。",
                "在宅CSSの朝会をオンラインで試行する。",
                "事業継続計画の訓練結果（6月）を確認し、安否確認の回答率向上を指示した。",
            ],
        ),
        review_minutes(
            4,
            dt.date(2025, 12, 16),
            dt.date(2025, 12, 23),
            stats[4],
            [
                "2026年4月の札幌センター移転に向けて、要員計画の改定を要員管理課に指示した。",
                "2026年度事業計画案を2月の取締役会に付議する。",
                "従業員満足度調査の改善策の進捗を次回レビューで確認する。",
            ],
        ),
        cx_strategy(),
        complaints_procedure(),
        cx_survey_report(
            1,
            dt.date(2025, 3, 28),
            {TELECOM: 81.9, ECOMMERCE: 84.6, INSURANCE: 86.2},
            4,
            [
                "待ち時間が長い（特に月曜午前）",
                "チャットの回答が電話と異なる",
                "返品手続きの案内が丁寧でわかりやすい",
            ],
            ["月曜午前のシフトを増員する。", "チャットと電話のナレッジを統合する。"],
        ),
        cx_survey_report(
            2,
            dt.date(2025, 6, 27),
            {TELECOM: 83.1, ECOMMERCE: 85.0, INSURANCE: 86.9},
            7,
            [
                "料金プラン変更の説明がわかりやすくなった",
                "メールの回答に時間がかかる",
                "保険の更新案内の電話が多い",
            ],
            ["メール回答のテンプレートを見直す。", "発信の架電回数の上限を委託元と協議する。"],
        ),
        cx_survey_report(
            4,
            dt.date(2025, 12, 19),
            {TELECOM: 84.7, ECOMMERCE: 86.3, INSURANCE: 87.5},
            11,
            [
                "年末の配送問い合わせで待ち時間が長い",
                "担当者の説明が丁寧",
                "チャットがすぐにつながる",
            ],
            ["年末商戦期の要員計画を前倒しで作成する。", "好事例の応対を研修教材に取り入れる。"],
        ),
        privacy_policy(),
        employee_survey_report(),
        workforce_plan(),
        continuity_plan(),
        client_agreement(),
        qa_procedure(),
        calibration_procedure(),
        training_plan(),
        job_description(),
        competency_framework(),
    ]


# --------------------------------------------------------------------------
# Manifest
# --------------------------------------------------------------------------


def q(text: str) -> str:
    """Return ``text`` as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def flow_list(items: Iterable[str]) -> str:
    """Return ``items`` as a YAML flow sequence of quoted strings."""
    return "[" + ", ".join(q(i) for i in items) + "]"


@dataclass(frozen=True)
class AttestationSpec:
    """A self-assessment answer written into the manifest."""

    id: str
    answer: str
    rationale: str
    evidence: tuple[str, ...]
    answered_by: str
    answered_on: dt.date


@dataclass(frozen=True)
class WaiverSpec:
    """A waiver written into the manifest."""

    rule: str
    justification: str
    approved_by: str
    expires: dt.date


ATTESTATIONS = (
    AttestationSpec(
        "iso18295-1.4.1.channel-consistency",
        "yes",
        "電話・メール・チャットで同一の評価シートとナレッジベースを用い、"
        "品質モニタリングで全チャネルを同じ基準で評価している。",
        ("qa-procedure",),
        QA_HEAD,
        dt.date(2025, 12, 5),
    ),
    AttestationSpec(
        "iso18295-1.4.2.information-accuracy",
        "yes",
        "お客様への案内はナレッジベースに基づき、改訂は品質保証部が承認している。",
        (),
        QA_HEAD,
        dt.date(2025, 12, 5),
    ),
    AttestationSpec(
        "copc.1.3.benchmarked-targets",
        "partial",
        "主要KPIの目標は事業計画で定めているが、業界ベンチマークとの比較は"
        "サービスレベルと顧客満足度に限られる。",
        ("business-plan-2025",),
        PLANNING_HEAD,
        dt.date(2025, 12, 10),
    ),
    AttestationSpec(
        "copc.2.1.legal-complaints-tracked",
        "yes",
        "法令違反の申し立てを含む苦情は台帳で識別し、調査と解決までを記録している。",
        ("complaints-procedure", "complaints"),
        QA_HEAD,
        dt.date(2025, 12, 10),
    ),
    AttestationSpec(
        "copc.ag-outbound.do-not-contact-qa",
        "yes",
        "あおば生命の発信業務では、架電禁止リストとの照合を品質評価の項目にしている。",
        ("qa-procedure",),
        QA_HEAD,
        dt.date(2024, 6, 10),
    ),
)

WAIVERS = (
    WaiverSpec(
        "iso18295-1.7.workforce-plan",
        "2026年4月の札幌センター移転に合わせて要員計画を全面的に改定中であり、"
        "改定版の承認まで現行計画（2025年9月見直し期限）を暫定的に運用する。",
        DIRECTOR_OPS,
        dt.date(2026, 3, 31),
    ),
    WaiverSpec(
        "copc.3.7.employee-survey",
        "2025年度の従業員満足度調査は、人事制度改定の周知後に実施するため例年の5月から9月に延期した。",
        HR_HEAD,
        dt.date(2025, 6, 30),
    ),
)

RECORD_SETS = ("roster", "monitoring", "calibration", "competence_reviews", "complaints")


def manifest(documents: Sequence[Doc]) -> str:
    """Return the text of ``bundle.yaml``."""
    out: list[str] = [
        "# ccc-audit built-in demo evidence bundle.",
        "# FICTIONAL: 株式会社さくらカスタマーサービス, its clients, staff and figures",
        "# are invented for demonstration; any resemblance to real organisations is",
        "# coincidental. Generated by demo/generate.py (seed 2025); do not edit by hand.",
        "schema_version: 1",
        "organisation:",
        f"  id: {q(ORG_ID)}",
        f"  name: {q(ORG_NAME)}",
        f"role: {q('contact_centre')}",
        "sites:",
    ]
    for site_id, site_name in SITES:
        out += [f"  - id: {q(site_id)}", f"    name: {q(site_name)}", f"    country: {q('JP')}"]
    out.append("programs:")
    for program in PROGRAMS:
        out += [
            f"  - id: {q(program.id)}",
            f"    name: {q(program.name)}",
            f"    client: {q(program.client)}",
            f"    channels: {flow_list(program.channels)}",
        ]
    out += [
        "scope:",
        f"  channels: {flow_list(['voice', 'email', 'chat'])}",
        f"  operations: {flow_list(['inbound', 'outbound', 'work_at_home'])}",
        f"  sites: {flow_list(s for s, _ in SITES)}",
        "audit_period:",
        f"  start: {iso(PERIOD_START)}",
        f"  end: {iso(PERIOD_END)}",
        f"language: {q('ja')}",
        "documents:",
    ]
    for doc in documents:
        out += [
            f"  - id: {q(doc.id)}",
            f"    path: {q(doc.path)}",
            f"    type: {q(doc.type)}",
            f"    title: {q(doc.title)}",
            f"    version: {q(doc.version)}",
            f"    owner: {q(doc.owner)}",
            f"    approved_by: {q(doc.approved_by)}",
            f"    approved_on: {iso(doc.approved_on)}",
            f"    effective_date: {iso(doc.effective_date)}",
        ]
        if doc.next_review_date:
            out.append(f"    next_review_date: {iso(doc.next_review_date)}")
        if doc.topics:
            out.append(f"    topics: {flow_list(doc.topics)}")
    out.append("records:")
    for name in RECORD_SETS:
        out += [
            f"  {name}:",
            f"    path: {q(f'records/{name}.csv')}",
            f"    format: {q('csv')}",
            f"    encoding: {q('utf-8')}",
        ]
    out.append("attestations:")
    for att in ATTESTATIONS:
        out += [
            f"  - id: {q(att.id)}",
            f"    answer: {q(att.answer)}",
            f"    rationale: {q(att.rationale)}",
        ]
        if att.evidence:
            out.append(f"    evidence: {flow_list(att.evidence)}")
        out += [
            f"    answered_by: {q(att.answered_by)}",
            f"    answered_on: {iso(att.answered_on)}",
        ]
    out.append("waivers:")
    for waiver in WAIVERS:
        out += [
            f"  - rule: {q(waiver.rule)}",
            f"    justification: {q(waiver.justification)}",
            f"    approved_by: {q(waiver.approved_by)}",
            f"    expires: {iso(waiver.expires)}",
        ]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Self-check of the planted gaps
# --------------------------------------------------------------------------


def verify(
    roster: Roster,
    monitoring: Sequence[Sequence[str]],
    calibration: Sequence[Sequence[str]],
    competence: Sequence[Sequence[str]],
    calibration_gap: str,
) -> None:
    """Raise RuntimeError unless the records hold exactly the planted gaps."""
    problems: list[str] = []
    evaluated = {(r[2], dt.date.fromisoformat(r[3]).month) for r in monitoring}
    for css in roster.by_role("CSS"):
        for month in range(1, 13):
            first, last = month_bounds(month)
            whole = css.in_production(first, last) == (first, last)
            missing = whole and (css.staff_id, month) not in evaluated
            if missing != (roster.monitoring_gaps.get(css.staff_id) == month):
                problems.append(f"monitoring {css.staff_id} {month}")
    calibrated = {(r[1], quarter_of(dt.date.fromisoformat(r[2]))) for r in calibration}
    for evaluator in roster.by_role("qa_evaluator"):
        for quarter in range(1, 5):
            planted = evaluator.staff_id == calibration_gap and quarter == CALIBRATION_GAP_QUARTER
            if ((evaluator.staff_id, quarter) in calibrated) == planted:
                problems.append(f"calibration {evaluator.staff_id} Q{quarter}")
    reviewed = {r[1] for r in competence}
    unreviewed = sorted(
        s.staff_id for s in roster.by_role("CSS") if s.full_year() and s.staff_id not in reviewed
    )
    if unreviewed != roster.competence_gaps:
        problems.append(f"competence reviews missing for {unreviewed}")
    if problems:
        raise RuntimeError("planted gaps are not as designed: " + "; ".join(problems))


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Return CSV text with a header row and LF line endings."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8 bytes, exactly as given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def generate(output: Path) -> list[str]:
    """Generate the bundle into ``output``; return a summary of the planted gaps."""
    rng = random.Random(SEED)
    roster = build_roster(rng)
    monitoring = build_monitoring(rng, roster)
    calibration, calibration_gap = build_calibration(rng, roster)
    competence = build_competence_reviews(rng, roster)
    complaints = build_complaints(rng)
    documents = build_documents(roster, monitoring, complaints, calibration)
    verify(roster, monitoring, calibration, competence, calibration_gap)

    for folder, suffix in (("documents", ".md"), ("records", ".csv")):
        target = output / folder
        if target.is_dir():
            for stale in sorted(target.glob(f"*{suffix}")):
                stale.unlink()

    records = {
        "roster": csv_text(ROSTER_COLUMNS, (s.row() for s in roster.staff)),
        "monitoring": csv_text(MONITORING_COLUMNS, monitoring),
        "calibration": csv_text(CALIBRATION_COLUMNS, calibration),
        "competence_reviews": csv_text(COMPETENCE_COLUMNS, competence),
        "complaints": csv_text(COMPLAINT_COLUMNS, complaints),
    }
    for name, text in records.items():
        write(output / "records" / f"{name}.csv", text)
    for doc in documents:
        write(output / doc.path, doc.markdown())
    write(output / "bundle.yaml", manifest(documents))

    gaps = [
        f"monitoring gap: {sid} has no evaluation in {YEAR}-{m:02d}"
        for sid, m in roster.monitoring_gaps.items()
    ]
    gaps += [f"competence gap: {sid} has no annual review" for sid in roster.competence_gaps]
    gaps.append(f"calibration gap: {calibration_gap} has no session in {YEAR}-Q{CALIBRATION_GAP_QUARTER}")
    return gaps


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, generate the bundle and print the planted gaps."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "output",
        nargs="?",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="output folder (default: demo/bundle next to this script)",
    )
    args = parser.parse_args(argv)
    output: Path = args.output
    for line in generate(output):
        print(line)
    print(f"bundle written to {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
