"""Every record set of the demo centre, built in order, and how they become CSV files."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ccc_audit.generate.demo import chat_plan
from ccc_audit.generate.demo.coaching import CoachingGaps, build_coaching, build_complaints
from ccc_audit.generate.demo.contacts import CHAT_COLUMNS, Contacts, build_contacts
from ccc_audit.generate.demo.dates import rng_for
from ccc_audit.generate.demo.kpis import build_kpis
from ccc_audit.generate.demo.quality import build_calibration, build_competence_reviews, build_monitoring
from ccc_audit.generate.demo.roster import Roster, build_roster
from ccc_audit.generate.demo.skills import build_skill_verifications
from ccc_audit.generate.demo.support import build_content_items, build_it_incidents
from ccc_audit.generate.demo.surveys import (
    EmployeeSurvey,
    build_customer_surveys,
    build_employee_surveys,
    build_outbound,
)
from ccc_audit.generate.demo.workforce import Workforce, build_workforce
from ccc_audit.generate.demo.world import SEED
from ccc_audit.generate.store import write_csv
from ccc_audit.models.records import RecordType


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


UNFILLED_COLUMNS: dict[str, tuple[str, ...]] = {
    "calibration": ("attribute_level", "evaluation_type"),
    "complaints": ("investigated", "outcome"),
    "customer_surveys": ("interaction_id",),
    "interval_stats": ("transferred",),
    "kpi_observations": ("store_id",),
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


def write_records(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Write one record set with the synthetic generator's CSV writer; every row must fit the header."""
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"row of {len(row)} cells under a header of {len(header)}: {row[:1]}")
    write_csv(path, header, rows)


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
        "schedule_settings": chat_plan.schedule_settings(),
        "absence": records.workforce.absence,
        "interval_stats": records.contacts.intervals,
        "chat_sessions": records.contacts.chats,
        "chat_concurrency_forecasts": chat_plan.concurrency_forecasts(records.contacts.chats, CHAT_COLUMNS),
        "outbound_attempts": records.outbound,
        "kpi_observations": records.kpis,
        "content_items": records.content,
        "it_incidents": records.incidents,
    }
