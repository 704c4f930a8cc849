"""The centre's standing policies and plans (texts in ``documents/*.md``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ccc_audit.generate.demo.dates import pct, quarter_bounds
from ccc_audit.generate.demo.doc import Doc, render
from ccc_audit.generate.demo.kpis import QuarterStats
from ccc_audit.generate.demo.surveys import EMPLOYEE_SURVEY_WINDOW, EmployeeSurvey, survey_stats
from ccc_audit.generate.demo.world import (
    CEO,
    CX_HEAD,
    DIRECTOR_OPS,
    ECOMMERCE,
    HR_HEAD,
    INSURANCE,
    PLANNING_HEAD,
    TELECOM,
    YEAR,
)


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
