"""The demo scenario's world: the fictional centre, its records, documents and planted gaps.

The bundle describes a fictional Japanese mid-size contact centre,
株式会社さくらカスタマーサービス (``sakura-cs``), for the audit year 2025. Every
person, client and figure in it is invented. Generation uses a fixed seed (2025, see
``rng_for``), so it produces byte-identical files every time; ``tests/test_demo_bundle.py``
compares them with the committed ``demo/bundle`` and ``demo/client-bundle``.

``ccc-audit generate OUT --scenario demo`` writes ``OUT/bundle`` (``bundle.yaml``,
``documents/*.md`` and ``records/*.csv``) and prints the planted gaps. A second, smaller bundle,
``OUT/client-bundle``, describes the centre's insurance client, あおば生命保険株式会社
(``aoba-life``), as a client organisation assessed on ISO 18295-2.

Record sets: roster, monitoring, coaching, calibration, competence_reviews,
skill_verifications, complaints, customer_surveys, employee_surveys, schedules, absence,
interval_stats, chat_sessions, outbound_attempts, kpi_observations, content_items and
it_incidents. Some are extracts, as an auditor would receive them:

* interval_stats: hourly statistics of the six ACD queues (voice, email, chat), 9:00-18:00
  every day of the year;
* chat_sessions: every chat of one sample day a month (the second Wednesday); the chat
  queues' interval statistics of those days are the totals of these sessions;
* schedules and absence: the four WFM sample weeks (``SAMPLE_WEEKS``), so that
  absenteeism is computed on the same days in both;
* skill_verifications: initial verifications of every CSS on the roster (from the training
  files, back to 2016) and the annual and monthly verifications of 2025.

Planted gaps (what a correct audit of the demo should find; ``verify`` checks that the
records hold exactly these and nothing else):

* monitoring (copc.3.5.monthly-monitoring): four CSS employed all year have no evaluation in
  one month each (E1063 March, E1061 June, E1062 August, E1034 November);
* calibration (copc.2.7.evaluator-calibration, and so copc.2.7.quantitative-calibration):
  the insurance QA evaluator E1036 has no calibration session in 2025-Q3;
* competence reviews (iso18295-1.6.annual-competence-review): E1023, E1027 and E1055,
  employed all year, have no annual review;
* business review minutes (copc.1.4.business-review and iso18295-1.7.r3.performance-reviews,
  one piece of evidence serving both standards) and customer survey reports
  (iso18295-1.4.3.cx-measurement): 2025-Q3 is missing;
* complaints procedure (iso18295-1.4.4.complaints-procedure): no section on escalation to
  the client;
* workforce plan (iso18295-1.7.workforce-plan): its next review date (2025-09-30) has
  passed; a valid waiver covers it, but not copc.2.4.capacity-plan, which reads the same
  expired plan;
* attestations: one ``yes`` without evidence (iso18295-1.4.2.information-accuracy), one
  ``partial`` (copc.1.3.benchmarked-targets), one answer older than 12 months
  (copc.ag-outbound.do-not-contact-qa); ``copc.ag-chat.concurrency-measured`` is left
  unanswered;
* waivers: one valid waiver and one that expired on 2025-06-30 (copc.3.7.employee-survey);
* coaching (copc.3.5.coaching-after-failed-evaluation): two failed evaluations are not
  followed by one-to-one coaching within 7 days, one coached 10+ days later (supervisor on
  leave), one never coached (``CoachingGaps``);
* annual re-verification (copc.3.4.annual-reverification): the agency CSS AG001, employed all
  year, was not re-verified (``reverification_gap``);
* legal-violation complaints (copc.2.1.legal-complaints-resolved): one, received in Q3, is
  investigated but still unresolved (``UNRESOLVED_LEGAL``); it is investigated, so
  copc.ag-outbound.breach-complaints-investigated passes;
* sample validity (copc.1.4.sample-validity): あおば生命's 2025-Q3 CSAT rests on about 120
  responses (survey paused), a margin of error above ±5 % (``SURVEY_OUTAGE``);
* knowledge content (copc.2.10.content-review-cycle): one active article was last reviewed on
  2024-06-14 (``STALE_CONTENT``);
* IT incidents (copc.2.6.incidents-within-target, an observation): one severity-2 incident
  resolved after 13.4 hours against its 8-hour target (``LATE_INCIDENT``);
* outbound (copc.2.14.contact-restrictions, iso18295-1.4.5.contact-restrictions): one manual
  dial at 20:14, outside the permitted 9:00-20:00 (``AFTER_HOURS_DIAL``);
* voice service level (copc.4.3.voice-service-level-and-abandon): みなとマーケット misses its
  80 % target in November (``SL_MISS``), so October-December neither stay at target nor
  improve;
* attrition (copc.4.5.attrition-absence-level-and-trend): みなとマーケット lost two CSS in
  2025-Q3 (roster), 36.5 % annualised against a 30 % target (``ATTRITION_SPIKE``).

Every other rule passes: the centre's documents include the journey maps, quarterly channel
transfer analyses and client reports, the yearly journey analysis and KCRP audit, and the
corrective-action, performance-management, information-security and home-working procedures,
the home-worker hiring checks, the cost model, the yearly acceptance test report and the quarterly
system capacity forecasts; the KPI observations include hiring, training, change-milestone and
chat forecast and availability figures; the two CSS with repeated critical errors were re-verified
on the next business day before taking contacts again. Application guides
in scope: chat (channel), outbound and work-at-home (operations).

Planted gaps of the client bundle: no information provision log in August 2025
(iso18295-2.p2-r5.information-provision) and a feedback process past its review date
(iso18295-2.p2-r10.feedback-process).

Deliberately not applicable: rules on bots (digital_assisted), collections and
face-to-face work are out of scope, and no home worker started in 2025, so
copc.ag-work-at-home.new-css-twice-weekly has an empty population.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ccc_audit.models.records import RecordType

SEED = 2025
YEAR = 2025
PERIOD_START = dt.date(YEAR, 1, 1)
PERIOD_END = dt.date(YEAR, 12, 31)

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


def previous_business_day(day: dt.date) -> dt.date:
    """Return the last business day strictly before ``day``."""
    day -= dt.timedelta(days=1)
    while not is_business_day(day):
        day -= dt.timedelta(days=1)
    return day


def rng_for(name: str) -> random.Random:
    """Return the random generator of one record set.

    The roster draws from ``random.Random(SEED)``; every other record set has its own stream,
    seeded with ``SEED`` and the set's name (string seeds are hashed with SHA-512, so the
    stream does not depend on ``PYTHONHASHSEED``). Changing one set leaves the others as they are.
    """
    return random.Random(f"{SEED}:{name}")


def stamp(moment: dt.datetime | None) -> str:
    """Return ``moment`` as ``YYYY-MM-DDThh:mm:ss``, or an empty string for no time."""
    return moment.isoformat(timespec="seconds") if moment else ""


def at(day: dt.date, seconds: float) -> dt.datetime:
    """Return the moment ``seconds`` after midnight of ``day``, to the second."""
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=round(seconds))


def ratio(value: float) -> str:
    """Return a 0-1 ratio with four decimals, as written in the KPI observations."""
    return f"{value:.4f}"


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


# --------------------------------------------------------------------------
# Monitoring
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Calibration
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Competence reviews
# --------------------------------------------------------------------------


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

UNRESOLVED_LEGAL = LEGAL_COMPLAINTS[3]
"""Planted gap: this legal-violation complaint was investigated but is still unresolved at the
end of the period (the client's own investigation of the solicitation is pending)."""

LATE_COMPLAINT = (dt.date(2025, 12, 30), TELECOM, "voice", "long_wait")
"""A complaint received during the year-end closure, not yet investigated."""

COMPLAINT_COUNT = 120


def category_fits(category: str, channel: str) -> bool:
    """Tell whether a channel-specific category (``chat_*``, ``email_*``) fits ``channel``."""
    prefix = category.split("_", 1)[0]
    return prefix not in ("chat", "email") or prefix == channel


def build_complaints(rng: random.Random) -> list[list[str]]:
    """Simulate the complaints log, five of them alleging a legal violation.

    Every legal-violation complaint is investigated within a business day; all but the planted
    ``UNRESOLVED_LEGAL`` one are resolved within the period.
    """
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
        q_start, q_end = quarter_bounds(quarter)
        # Received early enough to be resolved (10-35 days) before the log was extracted.
        received = random_date(rng, q_start, min(q_end, dt.date(YEAR, 11, 14)))
        legal = "open" if (quarter, program, channel, category) == UNRESOLVED_LEGAL else "yes"
        entries.append((received, program, channel, category, legal))
    entries.sort()
    rows: list[list[str]] = []
    for number, (received, program, channel, category, flag) in enumerate(entries, start=1):
        legal = "no" if flag == "no" else "yes"
        investigated = next_business_day(
            received + dt.timedelta(days=rng.randint(0, 1) if legal == "yes" else rng.randint(0, 3))
        )
        resolved = next_business_day(
            investigated + dt.timedelta(days=rng.randint(10, 35) if legal == "yes" else rng.randint(1, 14))
        )
        if flag == "open":
            resolved = PERIOD_END + dt.timedelta(days=1)  # planted: still open when the log was extracted
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
# Coaching
# --------------------------------------------------------------------------


COACHING_WITHIN_DAYS = 7
"""Days allowed from a failed evaluation to its one-to-one coaching (the COPC pack's default)."""


@dataclass(frozen=True)
class CoachingGaps:
    """The planted coaching gaps: failed evaluations not coached within the allowed days."""

    late: str
    """Evaluation whose coaching took place only 10+ days later (supervisor on leave)."""
    missing: str
    """Evaluation never followed by coaching."""


def coach_for(roster: Roster, css: Staff) -> Staff:
    """Return the supervisor coaching ``css`` (teams split by staff id between supervisors)."""
    supervisors = roster.supervisors_for(css.program, css.site)
    return supervisors[sum(ord(c) for c in css.staff_id) % len(supervisors)]


def failure_topic(row: Sequence[str]) -> str:
    """Return the topic of the coaching that follows up the failed evaluation ``row``."""
    if row[11] == "yes":
        return "コンプライアンス重大エラー（本人確認・勧誘時の説明）の再発防止"
    if row[9] == "yes":
        return "顧客重大エラー（誤案内）の振り返りと正しい案内の確認"
    if row[10] == "yes":
        return "業務重大エラー（手続きの誤り）の振り返り"
    return "不合格評価の振り返り（案内の正確さと傾聴）"


def build_coaching(
    rng: random.Random, roster: Roster, monitoring: Sequence[Sequence[str]]
) -> tuple[list[list[str]], CoachingGaps]:
    """Simulate coaching: follow-ups of failed evaluations, monthly one-to-ones, quarterly groups.

    Every failed evaluation is followed by a one-to-one session naming it within one or two
    business days, except the two planted ones (one coached late, one never coached).
    """
    staff = {s.staff_id: s for s in roster.staff}
    excluded = set(roster.monitoring_gaps) | set(roster.competence_gaps)
    failed = [r for r in monitoring if r[8] == "no"]
    eligible = [
        r
        for r in failed
        if dt.date(YEAR, 3, 1) <= dt.date.fromisoformat(r[3]) <= dt.date(YEAR, 11, 30)
        and staff[r[2]].full_year()
        and r[2] not in excluded
    ]
    late, missing = sorted((r[0] for r in rng.sample(eligible, 2)), key=str)
    sessions: list[tuple[dt.date, str, str, str, str, str]] = []
    for row in failed:
        css = staff[row[2]]
        day = dt.date.fromisoformat(row[3])
        if row[0] == missing:
            continue
        if row[0] == late:
            when = next_business_day(day + dt.timedelta(days=COACHING_WITHIN_DAYS + 3))
        else:
            last = min(day + dt.timedelta(days=4), css.exit_date or PERIOD_END, PERIOD_END)
            candidates = business_days_between(day + dt.timedelta(days=1), last)
            when = rng.choice(candidates[:2]) if candidates else day
        sessions.append(
            (when, css.staff_id, coach_for(roster, css).staff_id, "one_to_one", row[0], failure_topic(row))
        )
    for css in roster.by_role("CSS"):
        coach = coach_for(roster, css).staff_id
        for month in range(1, 13):
            window = css.in_production(*month_bounds(month))
            candidates = business_days_between(*window) if window else []
            if candidates:
                topic = "月次フィードバック（評価結果と個人目標の振り返り）"
                sessions.append((rng.choice(candidates), css.staff_id, coach, "one_to_one", "", topic))
    teams = sorted({(p, s) for p, s, _ in CSS_PLAN})
    for quarter in range(1, 5):
        first, last = month_bounds(3 * quarter - 1)
        day = rng.choice(business_days_between(first + dt.timedelta(days=14), last))
        for program, site in teams:
            coach = roster.supervisors_for(program, site)[0].staff_id
            for css in roster.by_role("CSS"):
                if css.program == program and css.site == site and css.producing(day):
                    topic = "四半期の品質傾向と重点項目の共有"
                    sessions.append((day, css.staff_id, coach, "group", "", topic))
    sessions.sort()
    rows = [
        [f"CO-{YEAR}-{n:04d}", sid, coach, iso(day), kind, related, topic]
        for n, (day, sid, coach, kind, related, topic) in enumerate(sessions, start=1)
    ]
    return rows, CoachingGaps(late, missing)


# --------------------------------------------------------------------------
# Skill verifications
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Schedules and absence (the WFM sample weeks)
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Contact handling: interval statistics and chat sessions
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Queue:
    """An ACD queue (skill group) and how it performs."""

    id: str
    channel: str
    program: str
    annual: int
    """Contacts offered in the year (the business plan's volume forecast)."""
    threshold: int
    """Service-level answer threshold in seconds."""
    handle: int
    """Mean handle seconds per answered contact."""
    level: tuple[float, ...]
    """Monthly service level the queue runs at, before interval noise."""


SL_TARGETS = {TELECOM: 0.80, ECOMMERCE: 0.80, INSURANCE: 0.85}
"""Voice service level targets (share answered within 20 s), from the client agreements."""

ABANDON_TARGETS = {TELECOM: 0.05, ECOMMERCE: 0.05, INSURANCE: 0.03}
"""Voice abandon rate ceilings, from the client agreements."""

SL_MISS = (ECOMMERCE, 11)
"""Planted gap: みなとマーケット's voice queue misses its service level in November (year-end sale
volumes above forecast). October and December meet the target, so the last three months
neither stay at target nor improve (rule copc.4.3.voice-service-level-and-abandon)."""

QUEUES = (
    Queue(
        "hokuto-voice",
        "voice",
        TELECOM,
        260_000,
        20,
        330,
        (0.83, 0.82, 0.79, 0.81, 0.84, 0.85, 0.84, 0.83, 0.82, 0.84, 0.85, 0.86),
    ),
    Queue("hokuto-chat", "chat", TELECOM, 90_000, 60, 640, (0.88,) * 12),
    Queue(
        "minato-voice",
        "voice",
        ECOMMERCE,
        110_000,
        20,
        300,
        (0.82, 0.84, 0.85, 0.84, 0.85, 0.86, 0.85, 0.84, 0.84, 0.845, 0.76, 0.835),
    ),
    Queue("minato-email", "email", ECOMMERCE, 60_000, 86_400, 420, (0.96,) * 12),
    Queue("minato-chat", "chat", ECOMMERCE, 70_000, 60, 600, (0.89,) * 12),
    Queue(
        "aoba-inbound",
        "voice",
        INSURANCE,
        55_000,
        20,
        420,
        (0.88, 0.88, 0.86, 0.88, 0.89, 0.89, 0.90, 0.89, 0.87, 0.89, 0.90, 0.90),
    ),
)

OPEN_HOURS = tuple(range(9, 18))
"""Opening hours of every queue, every day of the year: 9:00-18:00 in hourly intervals."""

HOUR_SHAPE = (0.8, 1.25, 1.3, 1.0, 1.05, 1.15, 1.05, 0.95, 0.75)
WEEKDAY_SHAPE = (1.25, 1.05, 1.0, 1.0, 1.0, 0.65, 0.55)
SEASON = {
    TELECOM: (1.0, 0.95, 1.25, 1.15, 1.0, 0.95, 0.95, 0.95, 1.1, 1.0, 0.95, 0.95),
    ECOMMERCE: (1.1, 0.95, 0.95, 0.95, 0.95, 0.95, 1.0, 1.0, 0.95, 1.0, 1.2, 1.3),
    INSURANCE: (1.0, 1.0, 1.2, 1.05, 0.95, 0.95, 0.95, 0.95, 1.15, 1.0, 0.95, 0.9),
}
CHAT_POOL = {TELECOM: 5, ECOMMERCE: 4}
"""CSS on chat duty on a sample day, handling up to two chats at once."""


def chat_sample_days() -> list[dt.date]:
    """Return the chat log sample days: the second Wednesday of every month."""
    out = []
    for month in range(1, 13):
        first, _ = month_bounds(month)
        out.append(first + dt.timedelta(days=(2 - first.weekday()) % 7 + 7))
    return out


def draw_count(rng: random.Random, expected: float) -> int:
    """Round ``expected`` down or up at random, up with the probability of its fraction."""
    whole = math.floor(expected)
    return whole + (rng.random() < expected - whole)


def day_weight(program: str, day: dt.date) -> float:
    """Return the relative volume of ``day`` for ``program``."""
    holiday = 0.6 if day in HOLIDAYS and day.weekday() < 5 else 1.0
    return WEEKDAY_SHAPE[day.weekday()] * holiday * SEASON[program][day.month - 1]


@dataclass
class Contacts:
    """Interval statistics of every queue, and the chat sessions of the sample days."""

    intervals: list[list[str]]
    chats: list[list[str]]


def interval_row(queue: Queue, start: dt.datetime, counts: Sequence[int]) -> list[str]:
    """Return one interval_stats row; ``counts`` = offered, answered, within, abandoned, handle, forecast."""
    offered, answered, within, abandoned, handle, forecast = counts
    return [
        queue.id,
        queue.channel,
        queue.program,
        stamp(start),
        "60",
        str(offered),
        str(answered),
        str(within),
        str(abandoned),
        str(handle),
        str(queue.threshold),
        str(forecast),
    ]


def simulate_chats(
    rng: random.Random, queue: Queue, day: dt.date, daily: float, pool: Sequence[Staff]
) -> tuple[list[list[str]], list[tuple[float, str, list[dt.datetime | None], int, str, str]]]:
    """Simulate one sample day of a chat queue; return its interval rows and its sessions.

    Each request goes to the CSS who can take it first (at most two open chats each, wrap time
    included); a customer who would wait longer than their patience abandons in the queue.
    Sessions are (requested second, staff id, [requested, accepted, first reply, ended], wrap
    seconds, abandoned before reply, abandoned after start).
    """
    shape_total = sum(HOUR_SHAPE)
    requests: list[float] = []
    forecasts: dict[int, int] = {}
    for hour, shape in zip(OPEN_HOURS, HOUR_SHAPE, strict=True):
        expected = daily * shape / shape_total
        forecasts[hour] = max(0, round(expected * (1 + rng.gauss(0, 0.02))))
        count = max(0, round(rng.gauss(expected, math.sqrt(expected))))
        requests += [hour * 3600 + rng.uniform(0, 3599) for _ in range(count)]
    requests.sort()
    open_until: dict[str, list[float]] = {s.staff_id: [] for s in pool}
    sessions: list[tuple[float, str, list[dt.datetime | None], int, str, str]] = []
    for t in requests:
        best: tuple[float, int, str] | None = None
        for agent in sorted(open_until):
            still = [e for e in open_until[agent] if e > t]
            open_until[agent] = still
            free = t if len(still) < 2 else min(still)
            if best is None or (free, len(still), agent) < best:
                best = (free, len(still), agent)
        assert best is not None
        accept = best[0] + rng.uniform(3, 15)
        if accept - t > rng.uniform(90, 600):
            sessions.append((t, "", [at(day, t), None, None, None], 0, "", ""))
            continue
        reply = accept + rng.uniform(5, 30)
        draw = rng.random()
        before, after = "no", "no"
        if draw < 0.03:
            before, end = "yes", reply + rng.uniform(120, 240)
        elif draw < 0.07:
            after, end = "yes", reply + rng.uniform(60, 400)
        else:
            end = reply + rng.lognormvariate(math.log(queue.handle - 80), 0.35)
        wrap = rng.randint(20, 110)
        open_until[best[2]].append(end + wrap)
        moments: list[dt.datetime | None] = [at(day, t), at(day, accept), at(day, reply), at(day, end)]
        sessions.append((t, best[2], moments, wrap, before, after))
    rows: list[list[str]] = []
    for hour in OPEN_HOURS:
        mine = [s for s in sessions if int(s[0] // 3600) == hour]
        taken = [s for s in mine if s[1]]
        within = 0
        handle = 0.0
        for _, _, moments, wrap, _, _ in taken:
            requested, accepted, replied, ended = moments
            assert requested and accepted and replied and ended
            within += (replied - requested).total_seconds() <= queue.threshold
            handle += (ended - accepted).total_seconds() + wrap
        counts = (len(mine), len(taken), within, len(mine) - len(taken), round(handle), forecasts[hour])
        rows.append(interval_row(queue, at(day, hour * 3600), counts))
    return rows, sessions


def build_contacts(rng: random.Random, roster: Roster, away: set[tuple[dt.date, str]]) -> Contacts:
    """Simulate hourly statistics of every queue over the year, and the chat sample days."""
    days = days_between(PERIOD_START, PERIOD_END)
    shape_total = sum(HOUR_SHAPE)
    chat_days = set(chat_sample_days())
    intervals: list[list[str]] = []
    sessions: list[tuple[dt.datetime, str, str, list[dt.datetime | None], int, str, str]] = []
    for queue in QUEUES:
        total_weight = sum(day_weight(queue.program, d) for d in days)
        for day in days:
            daily = queue.annual * day_weight(queue.program, day) / total_weight
            if queue.channel == "chat" and day in chat_days:
                candidates = [
                    s
                    for s in roster.by_role("CSS")
                    if s.program == queue.program and s.producing(day) and (day, s.staff_id) not in away
                ]
                pool = rng.sample(candidates, CHAT_POOL[queue.program])
                rows, simulated = simulate_chats(rng, queue, day, daily, pool)
                intervals += rows
                sessions += [(at(day, s[0]), queue.program, *s[1:]) for s in simulated]
                continue
            for hour, shape in zip(OPEN_HOURS, HOUR_SHAPE, strict=True):
                expected = daily * shape / shape_total
                offered = max(0, round(rng.gauss(expected, math.sqrt(expected))))
                forecast = max(0, round(expected * (1 + rng.gauss(0, 0.02))))
                level = queue.level[day.month - 1] + rng.gauss(0, 0.03) - 0.08 * (shape - 1)
                level = min(0.99, max(0.4, level))
                abandon = 0.0
                if queue.channel != "email":
                    abandon = min(0.3, max(0.0, 0.012 + 0.2 * max(0.0, 0.88 - level) + rng.gauss(0, 0.005)))
                abandoned = draw_count(rng, offered * abandon)
                answered = offered - abandoned
                within = min(answered, draw_count(rng, offered * level))
                handle = round(answered * queue.handle * rng.uniform(0.93, 1.07))
                counts = (offered, answered, within, abandoned, handle, forecast)
                intervals.append(interval_row(queue, at(day, hour * 3600), counts))
    sessions.sort(key=lambda s: (s[0], s[1]))
    chats: list[list[str]] = []
    by_staff: dict[str, list[tuple[dt.datetime, dt.datetime]]] = {}
    for _, _, staff_id, moments, _, _, _ in sessions:
        if staff_id and moments[1] and moments[3]:
            by_staff.setdefault(staff_id, []).append((moments[1], moments[3]))
    numbers: dict[dt.date, int] = {}
    for requested, program, staff_id, moments, wrap, before, after in sessions:
        day = requested.date()
        numbers[day] = numbers.get(day, 0) + 1
        peak = ""
        if staff_id and moments[1] and moments[3]:
            start, end = moments[1], moments[3]
            overlaps = sum(1 for s, e in by_staff[staff_id] if s < end and start < e) - 1
            peak = str(1 + min(1, overlaps))
        chats.append(
            [
                f"CH-{day:%Y%m%d}-{numbers[day]:04d}",
                staff_id,
                program,
                *(stamp(m) for m in moments),
                str(wrap) if staff_id else "",
                peak,
                before,
                after,
                "no",
                "",
            ]
        )
    return Contacts(intervals, chats)


def queue_totals(
    intervals: Sequence[Sequence[str]],
    channel: str | None,
    program: str | None,
    span: tuple[dt.date, dt.date],
) -> tuple[int, int, int, int, int]:
    """Return offered, answered, within threshold, abandoned and |forecast error| over ``span``."""
    first, last = iso(span[0]), iso(span[1]) + "T23"
    offered = answered = within = abandoned = error = 0
    for r in intervals:
        if (channel and r[1] != channel) or (program and r[2] != program) or not first <= r[3] <= last:
            continue
        offered += int(r[5])
        answered += int(r[6])
        within += int(r[7])
        abandoned += int(r[8])
        error += abs(int(r[11]) - int(r[5]))
    return offered, answered, within, abandoned, error


# --------------------------------------------------------------------------
# Outbound attempts (あおば生命)
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Customer and employee surveys
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Knowledge content
# --------------------------------------------------------------------------


_CONTENT_TEXT = {
    TELECOM: "料金プランの比較 プラン変更の手続き 請求書の見方 口座振替の変更 支払期限の延長 "
    "端末の初期設定 通信障害時の案内 SIM再発行 解約手続き 解約時の違約金 番号ポータビリティ "
    "家族割の条件 ポイントの使い方 迷惑メッセージ対策 海外ローミング 端末の修理受付 "
    "テザリングの設定 データ容量の追加 請求額が高い場合の確認 名義変更",
    ECOMMERCE: "注文状況の確認 配送日時の変更 返品の受付条件 返金の時期 交換手続き "
    "クレジットカード決済のエラー コンビニ払いの期限 クーポンの適用 会員登録の変更 "
    "パスワードの再設定 出品者への問い合わせ 商品の不良 配送遅延時の案内 セール時の注意事項 "
    "ギフト包装 領収書の発行 定期便の変更",
    INSURANCE: "住所変更の手続き 保険金請求の必要書類 給付金の支払時期 契約内容の確認 "
    "更新時の保険料 失効と復活 解約返戻金の概算案内 受取人の変更 保険料の払込方法 "
    "控除証明書の再発行 告知義務の説明 特約の追加 勧誘時の説明事項 高齢のお客様への対応",
    "": "本人確認の手順 個人情報の取扱い 苦情の受付と報告 エスカレーションの手順 "
    "災害時の受付体制 通話録音の告知 在宅勤務時の情報管理",
}
CONTENT_OWNERS = {
    TELECOM: "ナレッジ管理チーム（北斗テレコム）",
    ECOMMERCE: "ナレッジ管理チーム（みなとマーケット）",
    INSURANCE: "ナレッジ管理チーム（あおば生命）",
    "": "品質保証部",
}

STALE_CONTENT = (INSURANCE, "解約返戻金の概算案内", dt.date(2024, 6, 14))
"""Planted gap: this active article was last reviewed on 2024-06-14 and not in 2025 (rule
copc.2.10.content-review-cycle)."""


def build_content_items(rng: random.Random) -> list[list[str]]:
    """Simulate the knowledge base: active articles reviewed in 2025, obsolete ones and drafts."""
    rows: list[list[str]] = []
    number = 0
    for program in (TELECOM, ECOMMERCE, INSURANCE, ""):
        for topic in _CONTENT_TEXT[program].split():
            number += 1
            draw = rng.random()
            status = "obsolete" if draw < 0.08 else "draft" if draw < 0.12 else "active"
            reviewed: dt.date | None = None
            if (program, topic) == STALE_CONTENT[:2]:
                status, reviewed = "active", STALE_CONTENT[2]
            elif status == "active":
                reviewed = random_date(rng, dt.date(YEAR, 1, 6), dt.date(YEAR, 12, 19))
            elif status == "obsolete":
                reviewed = random_date(rng, dt.date(2023, 4, 1), dt.date(2024, 12, 20))
            version = f"{rng.randint(1, 6)}.{rng.randint(0, 9)}"
            rows.append(
                [
                    f"KB-{number:05d}",
                    topic,
                    CONTENT_OWNERS[program],
                    iso(reviewed),
                    status,
                    "yes",
                    "0.1" if status == "draft" else version,
                ]
            )
    return rows


# --------------------------------------------------------------------------
# IT incidents
# --------------------------------------------------------------------------


SEVERITY_TARGET_HOURS = {"1": 4, "2": 8, "3": 24, "4": 72}
"""Resolution targets per severity, from the IT incident SLA."""

SYSTEMS = (
    ("クラウドACD", "yes"),
    ("IVR", "yes"),
    ("CRM", "yes"),
    ("チャット基盤", "yes"),
    ("ナレッジベース", "yes"),
    ("在宅用VPN", "yes"),
    ("通話録音", "no"),
    ("WFMツール", "no"),
    ("社内メール", "no"),
)

LATE_INCIDENT = ("チャット基盤", "2", dt.datetime(YEAR, 7, 22, 10, 42), dt.timedelta(hours=13, minutes=25))
"""Planted gap: a severity-2 chat platform outage resolved after 13.4 hours against an 8-hour
target (rule copc.2.6.incidents-within-target, an observation)."""

OPEN_INCIDENT = ("WFMツール", "4", dt.datetime(YEAR, 12, 30, 9, 12))
"""An incident opened in the year-end closure and still open when the log was extracted."""


def build_it_incidents(rng: random.Random) -> list[list[str]]:
    """Simulate the incident log: about 30 incidents, all resolved within target but the planted one."""
    entries: list[tuple[dt.datetime, str, str, dt.datetime | None, str]] = []
    for _ in range(30):
        system, facing = rng.choice(SYSTEMS)
        # Severities 1 and 2 mean customers cannot get through: customer-facing systems only.
        weights = [2, 6, 13, 9] if facing == "yes" else [0, 0, 13, 9]
        severity = rng.choices(["1", "2", "3", "4"], weights=weights)[0]
        day = random_date(rng, dt.date(YEAR, 1, 6), dt.date(YEAR, 12, 24))
        opened = at(day, rng.uniform(8 * 3600, 19 * 3600))
        opened = opened.replace(second=0)
        target = SEVERITY_TARGET_HOURS[severity]
        resolved = opened + dt.timedelta(minutes=round(target * 60 * rng.uniform(0.15, 0.85)))
        entries.append((opened, system, severity, resolved, facing))
    system, severity, opened, took = LATE_INCIDENT
    entries.append((opened, system, severity, opened + took, "yes"))
    system, severity, opened = OPEN_INCIDENT
    entries.append((opened, system, severity, None, "no"))
    entries.sort(key=lambda e: (e[0], e[1]))
    return [
        [
            f"INC-{YEAR}-{n:04d}",
            system,
            severity,
            stamp(opened),
            stamp(resolved),
            str(SEVERITY_TARGET_HOURS[severity]),
            facing,
        ]
        for n, (opened, system, severity, resolved, facing) in enumerate(entries, start=1)
    ]


# --------------------------------------------------------------------------
# KPI observations
# --------------------------------------------------------------------------


CSAT_TARGET = 0.85
FORECAST_TARGET = 0.85
ATTRITION_TARGET = 0.30
"""Quarterly annualised attrition ceiling per program (a 15-CSS team losing one CSS in a quarter
is at 27 %); the business plan's yearly entity target is 15 %."""
MONITORING_TARGET = 0.90
"""Monitoring pass rate target of the business plan."""
CRITICAL_TARGET = 0.98

SOURCE_VOICE = "COPC benchmark 2024（国内受信・音声、上位四分位）と委託元SLA"
SOURCE_CSAT = "国内コンタクトセンター顧客満足度調査2024（上位25%）"
SOURCE_OWN = "自社2024年度実績の最良四半期"

ATTRITION_SPIKE = (ECOMMERCE, 3)
"""Planted gap (from the roster): みなとマーケット lost two CSS in 2025-Q3 (a resignation and a
backfilled transfer), 36.5 % annualised against a 30 % target. Q4 is back at 0 %, but the last
three quarters neither stay at target nor improve (rule copc.4.5.attrition-absence-level-and-trend)."""


PEOPLE_AND_CHANGE_KPIS: dict[str, tuple[tuple[float, float, float, float], float, str]] = {
    "hiring_timeliness": ((0.91, 0.94, 0.88, 0.93), 0.90, SOURCE_OWN),
    "hiring_quality": ((0.86, 0.89, 0.90, 0.88), 0.85, SOURCE_OWN),
    "training_pass_rate": ((0.92, 0.95, 0.93, 0.94), 0.90, "COPC benchmark 2024（初回検定合格率）"),
    "time_to_proficiency": ((44.0, 41.0, 39.0, 40.0), 45.0, "COPC benchmark 2024（習熟までの日数、中央値）"),
    "change_milestone_on_time": ((0.83, 0.90, 0.92, 0.95), 0.90, SOURCE_OWN),
    "chat_concurrency_forecast_accuracy": ((0.86, 0.88, 0.90, 0.89), 0.85, SOURCE_OWN),
    "chat_availability": ((0.985, 0.991, 0.993, 0.990), 0.98, "委託元SLA（営業時間中のチャット受付）"),
}
"""Quarterly entity-level figures reported by HR and the programme office (values Q1-Q4, target,
benchmark): hiring timeliness and quality (COPC 3.2), training pass rate and days to proficiency
(3.3), share of change milestones completed on time (2.13), chat concurrency forecast accuracy
(measured daily, reported quarterly) and chat availability over business hours (chat guide).
They are reported, not derived from other records, and carry no planted gap."""


def margin(value: float, sample: int, population: int) -> float:
    """Return the 95 % margin of error of a proportion, with the finite population correction."""
    z = 1.959963984540054
    fpc = (
        math.sqrt((population - sample) / (population - 1))
        if population > 1 and population >= sample
        else 1.0
    )
    return z * math.sqrt(value * (1 - value) / sample) * fpc


def build_kpis(
    roster: Roster,
    monitoring: Sequence[Sequence[str]],
    workforce: Workforce,
    contacts: Contacts,
    surveys: Sequence[Sequence[str]],
) -> list[list[str]]:
    """Compute the KPI observations from the records, with targets and benchmark sources."""
    rows: list[list[str]] = []

    def add(metric: str, period: str, program: str, value: float, target: float, source: str) -> None:
        rows.append([metric, period, program, ratio(value), ratio(target), source, "", "", ""])

    def add_sampled(
        metric: str, quarter: int, program: str, value: float, target: float, sample: int
    ) -> None:
        """Add a sample-based observation; its population is the contacts answered in the quarter."""
        period = f"{YEAR}-Q{quarter}"
        population = queue_totals(contacts.intervals, None, program or None, quarter_bounds(quarter))[1]
        moe = ratio(margin(value, sample, population))
        source = SOURCE_CSAT if metric == "csat" else SOURCE_OWN
        rows.append(
            [metric, period, program, ratio(value), ratio(target), source, str(sample), str(population), moe]
        )

    for month in range(1, 13):
        span = month_bounds(month)
        period = f"{YEAR}-{month:02d}"
        for program in SL_TARGETS:
            offered, _, within, abandoned, _ = queue_totals(contacts.intervals, "voice", program, span)
            add("service_level", period, program, within / offered, SL_TARGETS[program], SOURCE_VOICE)
            add("abandon_rate", period, program, abandoned / offered, ABANDON_TARGETS[program], SOURCE_VOICE)
        offered, _, _, _, error = queue_totals(contacts.intervals, None, None, span)
        add("forecast_accuracy", period, "", 1 - error / offered, FORECAST_TARGET, SOURCE_OWN)
    for quarter in range(1, 5):
        span = quarter_bounds(quarter)
        period = f"{YEAR}-Q{quarter}"
        for program in SL_TARGETS:
            add(
                "attrition",
                period,
                program,
                attrition(roster, program, quarter),
                ATTRITION_TARGET,
                SOURCE_OWN,
            )
            value = absenteeism(roster, workforce, program, quarter)
            add("absenteeism", period, program, value, ABSENTEEISM_TARGET, SOURCE_OWN)
            count, csat, _ = survey_stats(surveys, program, *span)
            add_sampled("csat", quarter, program, csat, CSAT_TARGET, count)
        evaluations = [r for r in monitoring if iso(span[0]) <= r[3] <= iso(span[1])]
        n = len(evaluations)
        passed = sum(r[8] == "yes" for r in evaluations) / n
        add_sampled("monitoring_accuracy", quarter, "", passed, MONITORING_TARGET, n)
        for metric, column in (("customer", 9), ("business", 10), ("compliance", 11)):
            value = sum(r[column] == "no" for r in evaluations) / n
            add_sampled(f"{metric}_critical_accuracy", quarter, "", value, CRITICAL_TARGET, n)
        for metric, (values, target, source) in PEOPLE_AND_CHANGE_KPIS.items():
            add(metric, period, "", values[quarter - 1], target, source)
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
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


_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "documents"),
    autoescape=False,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(name: str, **context: object) -> str:
    """Return the body of a document: the template ``documents/<name>`` filled with ``context``.

    Every template also sees the audit year, the people named in documents and the date formats.
    """
    people = {
        "CEO": CEO,
        "DIRECTOR_OPS": DIRECTOR_OPS,
        "QA_HEAD": QA_HEAD,
        "HR_HEAD": HR_HEAD,
        "WFM_HEAD": WFM_HEAD,
        "CX_HEAD": CX_HEAD,
        "SAPPORO_HEAD": SAPPORO_HEAD,
        "FUKUOKA_HEAD": FUKUOKA_HEAD,
    }
    common = {"YEAR": YEAR, "jp_date": jp_date, "jp_date_wd": jp_date_wd, **people}
    return _TEMPLATES.get_template(name).render(common, **context)


def policy_statement() -> Doc:
    """Return the policy statement."""
    body = render("policy-statement.md")
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
    body = render("business-plan.md", css_start=css_start)
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


def review_minutes(quarter: int, meeting: dt.date, approved: dt.date, stats: QuarterStats) -> Doc:
    """Return the minutes of one quarterly business review."""
    body = render("review-minutes.md", quarter=quarter, meeting=meeting, approved=approved, stats=stats)
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
    body = render("cx-strategy.md")
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
    body = render("complaints-procedure.md")
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
    surveys: Sequence[Sequence[str]],
) -> Doc:
    """Return one quarterly customer survey report, its figures computed from the responses."""
    names = {TELECOM: "北斗テレコム", ECOMMERCE: "みなとマーケット", INSURANCE: "あおば生命"}
    q_start, _ = quarter_bounds(quarter)
    cutoff = issued - dt.timedelta(days=7)
    table = []
    for program, name in names.items():
        count, csat, _ = survey_stats(surveys, program, q_start, cutoff)
        table.append((name, f"{count:,}", f"{100 * csat:.1f}"))
    total, overall, nps = survey_stats(surveys, None, q_start, cutoff)
    body = render(
        "cx-survey-report.md",
        quarter=quarter,
        q_start=q_start,
        cutoff=cutoff,
        table=table,
        total=f"{total:,}",
        overall=f"{100 * overall:.1f}",
        nps=f"{nps:+d}",
    )
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
    body = render("privacy-policy.md")
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


def employee_survey_report(survey: EmployeeSurvey) -> Doc:
    """Return the 2025 employee survey report, quoting the response figures."""
    start, end = EMPLOYEE_SURVEY_WINDOW
    rate = pct(survey.answered, survey.invited)
    body = render(
        "employee-survey-report.md",
        start=start,
        end=end,
        survey=survey,
        rate=rate,
        engagement=f"{survey.engagement:.1f}",
    )
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
    body = render("workforce-plan.md")
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
        topics=("volume_forecast", "capacity_model"),
    )


def continuity_plan() -> Doc:
    """Return the business continuity plan."""
    body = render("continuity-plan.md")
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
    body = render("client-agreement.md")
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
    body = render("qa-procedure.md")
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
    body = render("calibration-procedure.md")
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
    body = render("training-plan.md")
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
    body = render("job-description.md")
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
    body = render("competency-framework.md")
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


def it_incident_sla() -> Doc:
    """Return the IT incident SLA agreed with the platform vendor."""
    body = render("it-incident-sla.md", hours=SEVERITY_TARGET_HOURS)
    return Doc(
        "it-incident-sla",
        "it_incident_sla",
        "ITインシデント対応SLA",
        "IT incident SLA",
        "SCS-IT-002",
        "2.0",
        "情報システム部",
        DIRECTOR_OPS,
        dt.date(2024, 12, 16),
        dt.date(2025, 1, 1),
        dt.date(2026, 3, 31),
        body,
    )


def vendor_contract() -> Doc:
    """Return the summary of the contract with the contact centre platform vendor."""
    body = render("vendor-contract.md")
    return Doc(
        "vendor-contract-platform",
        "vendor_contract",
        "コンタクトセンター基盤サービス契約（要約）",
        "Contact centre platform vendor contract (summary)",
        "SCS-CTR-V01",
        "2025.1",
        "情報システム部",
        CEO,
        dt.date(2024, 12, 10),
        dt.date(2025, 1, 1),
        dt.date(2026, 10, 31),
        body,
    )


def dated_report(
    doc_id: str,
    kind: str,
    title: str,
    english: str,
    code: str,
    unit: str,
    approver: str,
    day: dt.date,
    body: str,
) -> Doc:
    """A one-off report (version 1.0, approved and effective on ``day``, no review date)."""
    return Doc(
        doc_id, kind, title, english, code, "1.0", unit, approver, day, day, None, body, control_block=False
    )


def service_journey_maps() -> Doc:
    """Return the service journey maps with the KCRPs of each program."""
    body = render("service-journey-maps.md")
    return Doc(
        "service-journeys",
        "service_journey_map",
        "サービスジャーニー定義書",
        "Service journey maps",
        "SCS-CX-002",
        "1.1",
        "顧客体験推進室",
        CX_HEAD,
        dt.date(2025, 2, 14),
        dt.date(2025, 3, 1),
        dt.date(2026, 2, 28),
        body,
    )


def transfer_reason_analysis(quarter: int, day: dt.date) -> Doc:
    """Return the channel transfer reason analysis of ``quarter``."""
    body = render("transfer-reason-analysis.md", quarter=quarter)
    return dated_report(
        f"transfer-reasons-{YEAR}-q{quarter}",
        "transfer_reason_analysis",
        f"{YEAR}年度 第{quarter}四半期 チャネル間転送理由の分析",
        f"Channel transfer reasons {YEAR}-Q{quarter}",
        f"SCS-CX-TR-{YEAR}Q{quarter}",
        "顧客体験推進室",
        CX_HEAD,
        day,
        body,
    )


def journey_analysis() -> Doc:
    """Return the annual service journey analysis."""
    body = render("journey-analysis.md")
    return dated_report(
        f"journey-analysis-{YEAR}",
        "journey_analysis",
        f"{YEAR}年度 サービスジャーニー分析報告",
        f"Service journey analysis {YEAR}",
        f"SCS-CX-JA-{YEAR}",
        "顧客体験推進室",
        CX_HEAD,
        dt.date(YEAR, 10, 17),
        body,
    )


def kcrp_audit_report() -> Doc:
    """Return the annual KCRP audit report."""
    body = render("kcrp-audit-report.md")
    return dated_report(
        f"kcrp-audit-{YEAR}",
        "kcrp_audit_report",
        f"{YEAR}年度 KCRP監査報告書",
        f"KCRP audit report {YEAR}",
        f"SCS-QA-AUD-{YEAR}",
        "品質保証部",
        QA_HEAD,
        dt.date(YEAR, 11, 14),
        body,
    )


def corrective_action_procedure() -> Doc:
    """Return the corrective action procedure."""
    body = render("corrective-action-procedure.md")
    return Doc(
        "corrective-action-procedure",
        "corrective_action_procedure",
        "是正措置手順書",
        "Corrective action procedure",
        "SCS-QA-004",
        "1.3",
        "品質保証部",
        QA_HEAD,
        dt.date(2024, 12, 10),
        dt.date(2025, 1, 1),
        dt.date(2026, 12, 31),
        body,
    )


def performance_management_procedure() -> Doc:
    """Return the staff performance management procedure."""
    body = render("performance-management-procedure.md")
    return Doc(
        "performance-management",
        "performance_management_procedure",
        "業績管理手順書",
        "Performance management procedure",
        "SCS-HR-006",
        "1.0",
        "人事部",
        HR_HEAD,
        dt.date(2024, 12, 12),
        dt.date(2025, 1, 1),
        dt.date(2026, 12, 31),
        body,
    )


def kpi_schedule() -> Doc:
    """Return the KPI schedule agreed with the clients."""
    body = render("kpi-schedule.md")
    return Doc(
        "kpi-schedule",
        "kpi_schedule",
        "KPI一覧表",
        "KPI schedule",
        "SCS-PLN-003",
        "2.0",
        "経営企画部",
        PLANNING_HEAD,
        dt.date(2025, 1, 20),
        dt.date(2025, 2, 1),
        dt.date(2026, 1, 31),
        body,
    )


def infrastructure_description() -> Doc:
    """Return the description of the contact handling infrastructure."""
    body = render("infrastructure-description.md")
    return Doc(
        "infrastructure",
        "infrastructure_description",
        "応対基盤の構成書",
        "Contact handling infrastructure",
        "SCS-IT-002",
        "1.4",
        "運営本部",
        DIRECTOR_OPS,
        dt.date(2025, 3, 5),
        dt.date(2025, 3, 10),
        dt.date(2026, 3, 31),
        body,
    )


def information_security_policy() -> Doc:
    """Return the information security policy."""
    body = render("information-security-policy.md")
    return Doc(
        "information-security-policy",
        "information_security_policy",
        "情報セキュリティ方針",
        "Information security policy",
        "SCS-SEC-001",
        "4.0",
        "運営本部",
        CEO,
        dt.date(2025, 3, 25),
        dt.date(2025, 4, 1),
        dt.date(2026, 3, 31),
        body,
    )


def home_working_risk_assessment() -> Doc:
    """Return the privacy risk assessment of home working."""
    body = render("home-working-risk-assessment.md")
    return Doc(
        "home-working-risk-assessment",
        "home_working_risk_assessment",
        "在宅勤務の個人情報リスク評価",
        "Home working privacy risk assessment",
        "SCS-SEC-005",
        "1.1",
        "運営本部",
        PRIVACY_OFFICER,
        dt.date(2025, 1, 28),
        dt.date(2025, 2, 1),
        dt.date(2026, 1, 31),
        body,
    )


def client_performance_report(quarter: int, day: dt.date) -> Doc:
    """Return the quarterly performance report to the clients."""
    body = render("client-performance-report.md", quarter=quarter)
    return dated_report(
        f"client-report-{YEAR}-q{quarter}",
        "client_performance_report",
        f"{YEAR}年度 第{quarter}四半期 委託元向け実績報告",
        f"Client performance report {YEAR}-Q{quarter}",
        f"SCS-ACC-{YEAR}Q{quarter}",
        "運営本部",
        DIRECTOR_OPS,
        day,
        body,
    )


def cost_model() -> Doc:
    """Return the cost model that prices efficiency gains, attrition and absence."""
    body = render("cost-model.md")
    return Doc(
        "cost-model",
        "cost_model",
        "費用モデル",
        "Cost model",
        "SCS-PLN-004",
        "1.0",
        "経営企画部",
        PLANNING_HEAD,
        dt.date(2024, 12, 16),
        dt.date(2025, 1, 1),
        dt.date(2026, 12, 31),
        body,
    )


def home_worker_hiring_checks() -> Doc:
    """Return the record form of the proofs home workers provide at hiring."""
    body = render("home-worker-hiring-checks.md")
    return Doc(
        "home-worker-hiring-checks",
        "home_worker_hiring_checks",
        "在宅勤務者の採用時確認記録",
        "Home-worker hiring checks",
        "SCS-HR-008",
        "1.0",
        "人事部",
        HR_HEAD,
        dt.date(2024, 11, 20),
        dt.date(2024, 12, 1),
        dt.date(2026, 11, 30),
        body,
    )


def acceptance_test_report() -> Doc:
    """Return the user acceptance test report of the year's CRM release."""
    body = render("acceptance-test-report.md")
    return dated_report(
        f"acceptance-test-{YEAR}",
        "acceptance_test_report",
        f"{YEAR}年度 CRM改修 受入テスト報告書",
        f"User acceptance test report {YEAR}",
        f"SCS-IT-UAT-{YEAR}",
        "運営本部",
        DIRECTOR_OPS,
        dt.date(YEAR, 8, 29),
        body,
    )


def system_capacity_forecast(quarter: int, day: dt.date) -> Doc:
    """Return the quarterly capacity forecast of the customer-facing systems."""
    body = render("system-capacity-forecast.md", quarter=quarter)
    return dated_report(
        f"capacity-forecast-{YEAR}-q{quarter}",
        "system_capacity_forecast",
        f"{YEAR}年度 第{quarter}四半期 システムキャパシティ予測",
        f"System capacity forecast {YEAR}-Q{quarter}",
        f"SCS-IT-CAP-{YEAR}Q{quarter}",
        "運営本部",
        DIRECTOR_OPS,
        day - dt.timedelta(days=60),
        body,
    )


QUARTER_REPORT_DAYS = {
    1: dt.date(2025, 3, 27),
    2: dt.date(2025, 6, 26),
    3: dt.date(2025, 9, 25),
    4: dt.date(2025, 12, 18),
}
"""When the quarterly transfer analyses and client reports were issued, late in each quarter."""


def build_documents(records: Records) -> list[Doc]:
    """Build every document, quoting figures computed from the records."""
    roster, monitoring, complaints = records.roster, records.monitoring, records.complaints
    calibration, surveys = records.calibration, records.surveys
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
        ),
        review_minutes(
            2,
            dt.date(2025, 6, 24),
            dt.date(2025, 7, 1),
            stats[2],
        ),
        review_minutes(
            4,
            dt.date(2025, 12, 16),
            dt.date(2025, 12, 23),
            stats[4],
        ),
        cx_strategy(),
        complaints_procedure(),
        cx_survey_report(
            1,
            dt.date(2025, 3, 28),
            surveys,
        ),
        cx_survey_report(
            2,
            dt.date(2025, 6, 27),
            surveys,
        ),
        cx_survey_report(
            4,
            dt.date(2025, 12, 19),
            surveys,
        ),
        privacy_policy(),
        employee_survey_report(records.employee),
        workforce_plan(),
        continuity_plan(),
        client_agreement(),
        qa_procedure(),
        calibration_procedure(),
        training_plan(),
        job_description(),
        competency_framework(),
        it_incident_sla(),
        vendor_contract(),
        service_journey_maps(),
        journey_analysis(),
        kcrp_audit_report(),
        corrective_action_procedure(),
        performance_management_procedure(),
        kpi_schedule(),
        infrastructure_description(),
        information_security_policy(),
        home_working_risk_assessment(),
        home_worker_hiring_checks(),
        cost_model(),
        acceptance_test_report(),
        *[system_capacity_forecast(q, day) for q, day in QUARTER_REPORT_DAYS.items()],
        *[transfer_reason_analysis(q, day) for q, day in QUARTER_REPORT_DAYS.items()],
        *[client_performance_report(q, day) for q, day in QUARTER_REPORT_DAYS.items()],
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
        "copc.4.4.journey-performance",
        "yes",
        "主要4ジャーニーの完了率と所要日数を月次で集計し、四半期の事業レビューで目標と比べている。",
        ("kpi-schedule", "journey-analysis-2025"),
        CX_HEAD,
        dt.date(2025, 12, 10),
    ),
    AttestationSpec(
        "iso18295-1.6.r2.staffing",
        "yes",
        "要員管理課が必要人員と在籍人員を毎月比較し、不足が見込まれる月の前に採用を前倒ししている。",
        ("workforce-plan", "roster"),
        WFM_HEAD,
        dt.date(2025, 12, 8),
    ),
    AttestationSpec(
        "iso18295-1.6.r4.employee-information",
        "yes",
        "委託元からの変更通知はナレッジの更新通知と朝会で全員に伝え、既読を確認している。",
        ("content_items",),
        SAPPORO_HEAD,
        dt.date(2025, 12, 8),
    ),
    AttestationSpec(
        "iso18295-1.8.r1.work-environment",
        "yes",
        "両センターは年2回、在宅の作業場所は採用時と年1回、点検表で確認している。",
        ("home-working-risk-assessment",),
        FUKUOKA_HEAD,
        dt.date(2025, 12, 8),
    ),
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


def _header(org_id: str, org_name: str, role: str, fictional: str) -> list[str]:
    """The comment block and identity lines that open a manifest."""
    return [
        "# ccc-audit built-in demo evidence bundle.",
        f"# FICTIONAL: {fictional}",
        "# are invented for demonstration; any resemblance to real organisations is",
        "# coincidental. Generated by demo/generate.py (seed 2025); do not edit by hand.",
        "schema_version: 1",
        "organisation:",
        f"  id: {q(org_id)}",
        f"  name: {q(org_name)}",
        f"role: {q(role)}",
        "sites:",
    ]


def _evidence_lines(
    documents: Sequence[Doc], record_sets: Sequence[str], attestations: Sequence[AttestationSpec]
) -> list[str]:
    """The documents, records and attestations blocks of a manifest."""
    out = ["documents:"]
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
    for name in record_sets:
        out += [
            f"  {name}:",
            f"    path: {q(f'records/{name}.csv')}",
            f"    format: {q('csv')}",
            f"    encoding: {q('utf-8')}",
        ]
    out.append("attestations:")
    for att in attestations:
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
    return out


def manifest(documents: Sequence[Doc], record_sets: Sequence[str]) -> str:
    """Return the text of ``bundle.yaml``."""
    out = _header(ORG_ID, ORG_NAME, "contact_centre", f"{ORG_NAME}, its clients, staff and figures")
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
    ]
    out += _evidence_lines(documents, record_sets, ATTESTATIONS)
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


@dataclass
class Records:
    """Every generated record set, with the planted gaps chosen while generating them."""

    roster: Roster
    monitoring: list[list[str]]
    calibration: list[list[str]]
    calibration_gap: str
    competence: list[list[str]]
    complaints: list[list[str]]
    coaching: list[list[str]]
    coaching_gaps: CoachingGaps
    skills: list[list[str]]
    reverification_gap: str
    workforce: Workforce
    contacts: Contacts
    outbound: list[list[str]]
    surveys: list[list[str]]
    employee: EmployeeSurvey
    content: list[list[str]]
    incidents: list[list[str]]
    kpis: list[list[str]]


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


def within(text: str, first: dt.date, last: dt.date) -> bool:
    """Tell whether the date or timestamp ``text`` falls from ``first`` to ``last``."""
    return bool(text) and iso(first) <= text[:10] <= iso(last)


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
                if {"side_by_side", "remote"} - {r[6] for r in rows}:
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
            observers.setdefault(r[1], set()).add(r[5])
    for css in records.roster.by_role("CSS"):
        ps = iso(css.production_start)
        if not any(r[1] == css.staff_id and r[3] == "initial" and r[9] == "yes" and r[2] <= ps for r in rows):
            problems.append(f"no initial verification before production for {css.staff_id}")
        if len(observers.get(css.staff_id, set())) < 2:
            problems.append(f"fewer than two initial observers for {css.staff_id}")
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


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


UNFILLED_COLUMNS: dict[str, tuple[str, ...]] = {
    "calibration": ("attribute_level", "evaluation_type"),
    "complaints": ("outcome",),
    "customer_surveys": ("interaction_id",),
    "interval_stats": ("transferred",),
    "monitoring": ("interaction_id",),
}
"""Optional columns of the record types that the demo leaves out of its CSV files."""


def header(record_types: Mapping[str, RecordType], name: str) -> list[str]:
    """Return the CSV header of record set ``name``: its record type's columns, in their order.

    The optional columns the demo does not fill (``UNFILLED_COLUMNS``) are left out.
    """
    unfilled = UNFILLED_COLUMNS.get(name, ())
    columns = record_types[name].columns
    required = [c.name for c in columns if c.name in unfilled and c.required]
    if required:
        raise ValueError(f"record set {name}: required columns {required} cannot be left out")
    return [c.name for c in columns if c.name not in unfilled]


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Return CSV text with a header row and LF line endings; every row must fit the header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"row of {len(row)} cells under a header of {len(header)}: {row[:1]}")
        writer.writerow(row)
    return buffer.getvalue()


def write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8 bytes, exactly as given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def build_records() -> Records:
    """Generate every record set (the roster first: the other sets are built on it)."""
    roster = build_roster(random.Random(SEED))
    monitoring = build_monitoring(rng_for("monitoring"), roster)
    calibration, calibration_gap = build_calibration(rng_for("calibration"), roster)
    competence = build_competence_reviews(rng_for("competence_reviews"), roster)
    complaints = build_complaints(rng_for("complaints"))
    coaching, coaching_gaps = build_coaching(rng_for("coaching"), roster, monitoring)
    skills, reverification = build_skill_verifications(rng_for("skill_verifications"), roster, monitoring)
    workforce = build_workforce(rng_for("schedules"), roster)
    contacts = build_contacts(rng_for("interval_stats"), roster, workforce.away)
    outbound = build_outbound(rng_for("outbound_attempts"), roster, workforce.away)
    surveys = build_customer_surveys(rng_for("customer_surveys"))
    employee = build_employee_surveys(rng_for("employee_surveys"), roster)
    content = build_content_items(rng_for("content_items"))
    incidents = build_it_incidents(rng_for("it_incidents"))
    kpis = build_kpis(roster, monitoring, workforce, contacts, surveys)
    return Records(
        roster,
        monitoring,
        calibration,
        calibration_gap,
        competence,
        complaints,
        coaching,
        coaching_gaps,
        skills,
        reverification,
        workforce,
        contacts,
        outbound,
        surveys,
        employee,
        content,
        incidents,
        kpis,
    )


def record_files(records: Records) -> dict[str, Sequence[Sequence[str]]]:
    """Return every record set of the bundle: name, then rows (the header comes from the record types)."""
    return {
        "roster": [s.row() for s in records.roster.staff],
        "monitoring": records.monitoring,
        "coaching": records.coaching,
        "calibration": records.calibration,
        "competence_reviews": records.competence,
        "skill_verifications": records.skills,
        "complaints": records.complaints,
        "customer_surveys": records.surveys,
        "employee_surveys": records.employee.rows,
        "schedules": records.workforce.schedules,
        "absence": records.workforce.absence,
        "interval_stats": records.contacts.intervals,
        "chat_sessions": records.contacts.chats,
        "outbound_attempts": records.outbound,
        "kpi_observations": records.kpis,
        "content_items": records.content,
        "it_incidents": records.incidents,
    }


def planted_gaps(records: Records) -> list[str]:
    """Return one line per planted gap, as printed after generation."""
    roster = records.roster
    gaps = [
        f"monitoring gap: {sid} has no evaluation in {YEAR}-{m:02d}"
        for sid, m in roster.monitoring_gaps.items()
    ]
    gaps += [f"competence gap: {sid} has no annual review" for sid in roster.competence_gaps]
    gaps.append(
        f"calibration gap: {records.calibration_gap} has no session in {YEAR}-Q{CALIBRATION_GAP_QUARTER}"
    )
    gaps.append(f"coaching gap: failed evaluation {records.coaching_gaps.late} coached after 10+ days")
    gaps.append(f"coaching gap: failed evaluation {records.coaching_gaps.missing} never coached")
    gaps.append(f"re-verification gap: {records.reverification_gap} has no annual re-verification")
    legal = next(r for r in records.complaints if r[5] == "yes" and not r[7])
    gaps.append(f"complaint gap: {legal[0]} (legal violation alleged, received {legal[1]}) is unresolved")
    program, quarter = SURVEY_OUTAGE
    row = next(r for r in records.kpis if r[:3] == ["csat", f"{YEAR}-Q{quarter}", program])
    gaps.append(
        f"sample gap: csat {YEAR}-Q{quarter} {program} has {row[6]} responses (margin ±{float(row[8]):.1%})"
    )
    stale = next(r for r in records.content if r[1] == STALE_CONTENT[1])
    gaps.append(f"content gap: {stale[0]} ({stale[1]}) last reviewed {stale[3]}")
    late = next(r for r in records.incidents if r[1] == LATE_INCIDENT[0] and r[3] == stamp(LATE_INCIDENT[2]))
    gaps.append(f"incident gap: {late[0]} (severity {late[2]}) resolved after its {late[5]}-hour target")
    dial = next(r for r in records.outbound if r[6] == "no")
    gaps.append(f"outbound gap: {dial[0]} dialled at {dial[2]}, outside permitted hours")
    gaps.append(f"service level gap: {SL_MISS[0]} voice misses its target in {YEAR}-{SL_MISS[1]:02d}")
    gaps.append(f"attrition gap: {ATTRITION_SPIKE[0]} above target in {YEAR}-Q{ATTRITION_SPIKE[1]}")
    return gaps


def generate(output: Path, record_types: Mapping[str, RecordType]) -> list[str]:
    """Generate the bundle into ``output``; return a summary of the planted gaps."""
    records = build_records()
    documents = build_documents(records)
    verify(records)

    for folder, suffix in (("documents", ".md"), ("records", ".csv")):
        target = output / folder
        if target.is_dir():
            for stale in sorted(target.glob(f"*{suffix}")):
                stale.unlink()

    files = record_files(records)
    for name, rows in files.items():
        write(output / "records" / f"{name}.csv", csv_text(header(record_types, name), rows))
    for doc in documents:
        write(output / doc.path, doc.markdown())
    write(output / "bundle.yaml", manifest(documents, list(files)))
    return planted_gaps(records)


# --------------------------------------------------------------------------
# The client organisation's bundle (ISO 18295-2)
# --------------------------------------------------------------------------

CLIENT_ORG_ID = "aoba-life"
CLIENT_ORG_NAME = "あおば生命保険株式会社"
CLIENT_DIRECTOR = "取締役 お客さまサービス本部長 森 直子"
CLIENT_MANAGER = "お客さまサービス部長 岡田 光"
CLIENT_PRODUCT = "商品企画部長 前田 健"

CLIENT_INFO_GAP_MONTH = 8
"""Planted gap (rule iso18295-2.p2-r5.information-provision): no information provision log in
August, when the client's policy administration system was being replaced (the same changeover
that paused the SMS survey of あおば生命 in the centre's bundle)."""

CLIENT_FEEDBACK_REVIEW_DUE = dt.date(2025, 10, 31)
"""Planted gap (rule iso18295-2.p2-r10.feedback-process): the feedback and complaints process was
due for review on this date and has not been reviewed."""

PROVIDERS = (
    ("sakura-cs", ORG_NAME, dt.date(2022, 4, 1), "yes"),
    ("hikari-bpo", "ひかりBPO株式会社", dt.date(2025, 4, 1), "yes"),
)
"""Centres the client uses: id, name, contract start, ISO 18295-1 certified."""


def _client_doc(
    doc_id: str, kind: str, title: str, english: str, approved_on: dt.date, review: dt.date | None, body: str
) -> Doc:
    return Doc(
        doc_id,
        kind,
        title,
        english,
        f"AOBA-{doc_id.upper()}",
        "1.0",
        "お客さまサービス部",
        CLIENT_DIRECTOR if review else CLIENT_MANAGER,
        approved_on,
        approved_on,
        review,
        body,
        topics=("complaints", "redress") if kind == "responsibility_matrix" else (),
        control_block=review is not None,
    )


def client_documents() -> list[Doc]:
    """The client's strategy, requirements, agreement, logs and review minutes."""
    standing = [
        ("cx-strategy", "cx_strategy", "お客さま体験戦略", "Customer experience strategy"),
        (
            "requirements-definition",
            "requirements_definition",
            "コンタクトセンター業務要件定義書",
            "Contact centre business requirements",
        ),
        ("contact-strategy", "contact_strategy", "接点戦略", "Contact strategy"),
        ("kpi-schedule", "kpi_schedule", "委託先KPI一覧", "KPI schedule for the centres"),
        ("responsibility-matrix", "responsibility_matrix", "責任分担表", "Responsibility matrix"),
        (
            "service-agreement",
            "client_agreement",
            "業務委託契約 付属書（SLA）",
            "Service agreement schedule (SLA)",
        ),
    ]
    docs = [
        _client_doc(i, k, t, e, dt.date(2025, 1, 20), dt.date(2026, 6, 30), render(f"client/{i}.md"))
        for i, k, t, e in standing
    ]
    docs.append(
        _client_doc(
            "feedback-process",
            "feedback_process",
            "お客さまの声・苦情の収集手順",
            "Customer feedback and complaints process",
            dt.date(2024, 10, 15),
            CLIENT_FEEDBACK_REVIEW_DUE,
            render("client/feedback-process.md"),
        )
    )
    for month in range(1, 13):
        if month == CLIENT_INFO_GAP_MONTH:
            continue
        day = dt.date(YEAR, month, 25)
        docs.append(
            dated_report(
                f"info-log-{YEAR}-{month:02d}",
                "information_provision_log",
                f"委託先への情報提供記録 {YEAR}年{month}月",
                f"Information provided to the centres {YEAR}-{month:02d}",
                f"AOBA-INFO-{YEAR}{month:02d}",
                "商品企画部",
                CLIENT_PRODUCT,
                day,
                render("client/info-log.md"),
            )
        )
    for quarter, day in QUARTER_REPORT_DAYS.items():
        docs.append(
            dated_report(
                f"provider-review-{YEAR}-q{quarter}",
                "business_review_minutes",
                f"委託先業績レビュー議事録 {YEAR}年第{quarter}四半期",
                f"Provider performance review {YEAR}-Q{quarter}",
                f"AOBA-REV-{YEAR}Q{quarter}",
                "お客さまサービス部",
                CLIENT_MANAGER,
                day,
                render("client/provider-review.md"),
            )
        )
    return docs


def client_records() -> dict[str, list[list[str]]]:
    """The providers and the quarterly reviews held with each since its contract began."""
    providers = [[pid, name, iso(start), "", certified] for pid, name, start, certified in PROVIDERS]
    reviews = []
    for pid, _, start, _ in PROVIDERS:
        for quarter, day in QUARTER_REPORT_DAYS.items():
            if day >= start:
                reviews.append(
                    [f"PR-{YEAR}Q{quarter}-{pid}", pid, iso(day), "サービスレベル; 放棄率; 顧客満足度; 苦情"]
                )
    return {
        "service_providers": providers,
        "provider_reviews": reviews,
    }


CLIENT_ATTESTATIONS = (
    AttestationSpec(
        "iso18295-2.p2-r1.conforming-centre",
        "yes",
        "両委託先ともISO 18295-1の認証を保有しており、選定時と更新時に認証書を確認している。",
        ("service_providers",),
        CLIENT_MANAGER,
        dt.date(2025, 12, 12),
    ),
)


def client_manifest(documents: Sequence[Doc], record_sets: Sequence[str]) -> str:
    """Return the text of the client bundle's ``bundle.yaml``."""
    out = _header(CLIENT_ORG_ID, CLIENT_ORG_NAME, "client", f"{CLIENT_ORG_NAME}, its people and figures")
    out += [
        f"  - id: {q('hq')}",
        f"    name: {q('本社 お客さまサービス部')}",
        f"    country: {q('JP')}",
        "programs:",
        f"  - id: {q(INSURANCE)}",
        f"    name: {q('契約者サービス（委託）')}",
        f"    channels: {flow_list(['voice', 'email'])}",
        "scope:",
        f"  channels: {flow_list(['voice', 'email'])}",
        f"  operations: {flow_list(['inbound', 'outbound'])}",
        "audit_period:",
        f"  start: {iso(PERIOD_START)}",
        f"  end: {iso(PERIOD_END)}",
        f"language: {q('ja')}",
    ]
    out += _evidence_lines(documents, record_sets, CLIENT_ATTESTATIONS)
    return "\n".join(out) + "\n"


def generate_client(output: Path, record_types: Mapping[str, RecordType]) -> list[str]:
    """Write the client bundle into ``output``; return its planted gaps."""
    documents = client_documents()
    for folder, suffix in (("documents", ".md"), ("records", ".csv")):
        target = output / folder
        if target.is_dir():
            for stale in sorted(target.glob(f"*{suffix}")):
                stale.unlink()
    files = client_records()
    for name, rows in files.items():
        write(output / "records" / f"{name}.csv", csv_text(header(record_types, name), rows))
    for doc in documents:
        write(output / doc.path, doc.markdown())
    write(output / "bundle.yaml", client_manifest(documents, list(files)))
    return [
        f"client gap: no information provision log in {YEAR}-{CLIENT_INFO_GAP_MONTH:02d}",
        f"client gap: feedback process was due for review on {iso(CLIENT_FEEDBACK_REVIEW_DUE)}",
    ]
