"""The controlled documents of the bundle: approved, current Markdown files with their metadata."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ccc_audit.generate.document_model import GeneratedDocument
from ccc_audit.generate.standing_documents import STANDING_DOCUMENTS
from ccc_audit.models.calendar import Span, add_months

"""Policies, plans and procedures in force throughout the period."""


_OTHER_PERIODIC: dict[str, tuple[str, str, str, str]] = {
    "transfer_reason_analysis": (
        "transfer-reasons",
        "Channel transfer reason analysis",
        "Customer experience office",
        "Transfers between channels by reason code, with the actions agreed.",
    ),
    "client_performance_report": (
        "client-report",
        "Client performance report",
        "Account management",
        "Results of every program against the targets agreed with the client.",
    ),
    "journey_analysis": (
        "journey-analysis",
        "Service journey analysis",
        "Customer experience office",
        "Weak points within and between channels, and the improvements decided.",
    ),
    "system_capacity_forecast": (
        "capacity-forecast",
        "Customer-facing system capacity forecast",
        "IT service management",
        "Demand and headroom of telephony, chat platform and CRM for the next four quarters.",
    ),
    "acceptance_test_report": (
        "acceptance-test",
        "User acceptance test report",
        "IT service management",
        "The year's major CRM release tested by CSS and supervisors along the main workflows before go-live.",
    ),
    "kcrp_audit_report": (
        "kcrp-audit",
        "KCRP audit report",
        "Quality assurance",
        "Every KCRP audited against its procedure, including those run by vendors.",
    ),
}
"""Quarterly (transfer reasons, client reports, system capacity forecasts) and yearly (journeys, KCRP
audits, acceptance tests) reports."""


def _periodic(kind: str, span: Span, day: dt.date) -> GeneratedDocument:
    if kind == "business_review_minutes":
        return GeneratedDocument(
            f"business-review-{span.label.lower()}",
            kind,
            f"Business performance review {span.label}",
            "Planning office",
            (),
            (
                (
                    "Results",
                    "Every program's measures were reviewed against target, with their margin of error.",
                ),
                ("Actions", "Owners and due dates were agreed for each measure below target."),
            ),
            day,
            day,
        )
    if kind == "cx_survey_report":
        return GeneratedDocument(
            f"cx-survey-{span.label.lower()}",
            kind,
            f"Customer experience survey report {span.label}",
            "Customer experience office",
            (),
            (("Results", "Overall and attribute satisfaction by program and channel, with trends."),),
            day,
            day,
        )
    if kind in _OTHER_PERIODIC:
        slug, title, owner, body = _OTHER_PERIODIC[kind]
        return GeneratedDocument(
            f"{slug}-{span.label.lower()}",
            kind,
            f"{title} {span.label}",
            owner,
            (),
            (("Findings", body),),
            day,
            day,
        )
    return GeneratedDocument(
        f"employee-survey-{span.label}",
        kind,
        f"Employee survey report {span.label}",
        "Human resources",
        (),
        (("Results", "Engagement by site, program and role, with the actions agreed."),),
        day,
        day,
    )


def _into(year: Span, month: int, day: int) -> dt.date:
    """The day as far into ``year`` as ``month``-``day`` is into a calendar year (itself in one)."""
    return add_months(year.start, month - 1) + dt.timedelta(days=day - 1)


def bundle_documents(
    start: dt.date, end: dt.date, quarters: list[Span], years: list[Span]
) -> list[GeneratedDocument]:
    """Every document of a bundle for the period ``start`` … ``end``, with its dates.

    Standing documents were approved before the period and are due for review over a year after
    it; business reviews and customer survey reports are dated late in each whole quarter, the
    employee survey report in the second half of each whole year.
    """
    approved, effective = start - dt.timedelta(days=45), start - dt.timedelta(days=30)
    review = end + dt.timedelta(days=366 + 30)
    documents = [
        replace(d, approved_on=approved, effective_date=effective, next_review_date=review)
        for d in STANDING_DOCUMENTS
    ]
    for quarter in quarters:
        day = quarter.end - dt.timedelta(days=6)
        documents.append(_periodic("business_review_minutes", quarter, day))
        documents.append(_periodic("cx_survey_report", quarter, day))
        documents.append(_periodic("transfer_reason_analysis", quarter, day))
        documents.append(_periodic("client_performance_report", quarter, day))
        documents.append(_periodic("system_capacity_forecast", quarter, day))
    for year in years:
        documents.append(_periodic("employee_survey_report", year, _into(year, 8, 20)))
        documents.append(_periodic("journey_analysis", year, _into(year, 10, 15)))
        documents.append(_periodic("kcrp_audit_report", year, _into(year, 11, 10)))
        documents.append(_periodic("acceptance_test_report", year, _into(year, 6, 12)))
    return documents
