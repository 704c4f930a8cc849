"""The centre's procedures and contracts, and the full list of its documents."""

from __future__ import annotations

import datetime as dt

from ccc_audit.generate.demo.doc import Doc, render
from ccc_audit.generate.demo.kpis import quarter_stats
from ccc_audit.generate.demo.policies import (
    business_plan,
    client_agreement,
    complaints_procedure,
    continuity_plan,
    cx_strategy,
    cx_survey_report,
    employee_survey_report,
    policy_statement,
    privacy_policy,
    review_minutes,
    workforce_plan,
)
from ccc_audit.generate.demo.records import Records
from ccc_audit.generate.demo.reports import (
    QUARTER_REPORT_DAYS,
    acceptance_test_report,
    client_performance_report,
    corrective_action_procedure,
    cost_model,
    home_worker_hiring_checks,
    home_working_risk_assessment,
    information_security_policy,
    infrastructure_description,
    journey_analysis,
    kcrp_audit_report,
    kpi_schedule,
    performance_management_procedure,
    service_journey_maps,
    system_capacity_forecast,
    transfer_reason_analysis,
)
from ccc_audit.generate.demo.support import SEVERITY_TARGET_HOURS
from ccc_audit.generate.demo.world import CEO, DIRECTOR_OPS, HR_HEAD, PERIOD_START, QA_HEAD


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
