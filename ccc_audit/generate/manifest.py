"""The bundle manifest (``bundle.yaml``) of a generated bundle."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from ccc_audit.generate.document_model import GeneratedDocument
from ccc_audit.generate.organisation import (
    CHANNELS,
    OPERATIONS,
    ORGANISATION_ID,
    ORGANISATION_NAME,
    Organisation,
)

RECORD_SETS = (
    "roster",
    "absence",
    "monitoring",
    "coaching",
    "calibration",
    "skill_verifications",
    "competence_reviews",
    "customer_surveys",
    "employee_surveys",
    "complaints",
    "interval_stats",
    "schedules",
    "schedule_settings",
    "chat_sessions",
    "chat_concurrency_forecasts",
    "outbound_attempts",
    "it_incidents",
    "content_items",
    "kpi_observations",
)
"""Record sets written, in manifest order; each is ``records/<name>.csv``."""


class _PlainDumper(yaml.SafeDumper):
    """A safe dumper that writes repeated values in full instead of as anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        del data
        return True


def _document_entry(d: GeneratedDocument) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": d.id,
        "path": d.path,
        "type": d.type,
        "title": d.title,
        "version": "1.0",
        "owner": d.owner,
        "approved_by": "Managing director",
        "approved_on": d.approved_on,
        "effective_date": d.effective_date,
        "next_review_date": d.next_review_date,
        "topics": list(d.topics),
    }
    return {key: value for key, value in entry.items() if value not in (None, [])}


DESIGNATED_VALUES: tuple[tuple[str, int | float | str, str, str], ...] = (
    ("business_review_window", "quarter", "business-plan", "Planning office"),
    ("sampling_margin_of_error", 0.05, "qa-procedure", "Quality assurance"),
    ("legal_complaint_resolution_days", 14, "complaints-procedure", "Customer experience office"),
    ("acceptance_test_window", "year", "infrastructure", "IT service management"),
    ("capacity_forecast_window", "quarter", "infrastructure", "IT service management"),
    ("content_review_months", 12, "qa-procedure", "Quality assurance"),
    ("coaching_deadline_days", 7, "qa-procedure", "Quality assurance"),
    ("repeat_critical_error_days", 30, "qa-procedure", "Quality assurance"),
    ("css_evaluation_window", "quarter", "qa-procedure", "Quality assurance"),
    ("performance_review_window", "quarter", "business-plan", "Planning office"),
    ("client_reporting_window", "quarter", "client-agreement", "Account management"),
)
"""The synthetic centre's own values for what the standard leaves to it (name, value, document, owner)."""


def manifest_text(
    org: Organisation,
    documents: list[GeneratedDocument],
    period: tuple[dt.date, dt.date],
    arguments: tuple[int, int, int],
) -> str:
    """The YAML text of ``bundle.yaml``; ``arguments`` are (seats, months, seed), for its header."""
    start, end = period
    seats, months, seed = arguments
    manifest: dict[str, Any] = {
        "schema_version": 1,
        "organisation": {"id": ORGANISATION_ID, "name": ORGANISATION_NAME},
        "role": "contact_centre",
        "sites": [{"id": s.id, "name": s.name, "country": "JP"} for s in org.sites],
        "programs": [
            {"id": p.id, "name": p.name, "client": p.client, "channels": list(CHANNELS)} for p in org.programs
        ],
        "scope": {"channels": list(CHANNELS), "operations": list(OPERATIONS)},
        "audit_period": {"start": start, "end": end},
        "language": "en",
        "documents": [_document_entry(d) for d in documents],
        "records": {name: {"path": f"records/{name}.csv", "encoding": "utf-8"} for name in RECORD_SETS},
        "designated_values": {
            name: {"value": value, "document": document, "owner": owner}
            for name, value, document, owner in DESIGNATED_VALUES
        },
    }
    header = (
        "# Synthetic evidence bundle written by `ccc-audit generate` "
        f"(seats {seats}, months {months}, seed {seed}, start {start.isoformat()}).\n"
        "# Every person, client and figure is invented. ground-truth.json lists the planted violations.\n"
    )
    return header + yaml.dump(manifest, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100)
