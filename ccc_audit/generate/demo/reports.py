"""Dated reports of the centre: journeys, audits, capacity, transfers and client reports."""

from __future__ import annotations

import datetime as dt

from ccc_audit.generate.demo.doc import Doc, render
from ccc_audit.generate.demo.world import (
    CEO,
    CX_HEAD,
    DIRECTOR_OPS,
    HR_HEAD,
    PLANNING_HEAD,
    PRIVACY_OFFICER,
    QA_HEAD,
    YEAR,
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
