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

Planted gaps (what a correct audit of the demo should find; ``tests/demo_planted_gaps.py`` checks that the
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
* annual re-verification (copc.3.4.annual-reverification, copc.3.4.annual-observation): the
  agency CSS AG001, employed all year, was neither re-verified nor observed on the job
  (``reverification_gap``); every other key-role holder is re-verified yearly;
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
  2025-Q3 (roster), 36.5 % annualised against a 30 % target (``ATTRITION_SPIKE``); the
  centre's own answer on level and trend of every metric (copc.4.2.level-and-trend-all-metrics)
  is therefore partial.

The values the handbook leaves to the centre (coaching deadline 7 days, legal-complaint
resolution 14 days, content review every 12 months, a 0.05 sampling margin, quarterly business
reviews and capacity forecasts, a yearly acceptance test, a 30-day repeat of critical errors)
are declared under ``designated_values``, each with the document that sets it.

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

import datetime as dt
from dataclasses import dataclass

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
