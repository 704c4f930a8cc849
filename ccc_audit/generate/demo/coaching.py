"""Complaints and the coaching that follows failed evaluations (with two planted coaching gaps)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from ccc_audit.generate.demo.dates import (
    business_days_between,
    iso,
    month_bounds,
    next_business_day,
    quarter_bounds,
    random_date,
)
from ccc_audit.generate.demo.roster import Roster, Staff
from ccc_audit.generate.demo.world import (
    CSS_PLAN,
    ECOMMERCE,
    INSURANCE,
    PERIOD_END,
    PERIOD_START,
    PROGRAM_BY_ID,
    TELECOM,
    YEAR,
)

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
