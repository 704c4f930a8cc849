"""The engagement behind a report: who assessed, who reviewed and signed, and what they wrote.

Declared in ``bundle.yaml`` under ``engagement:``; every field is optional except the assessors.
The assessment result carries it (:class:`EngagementSummary`) with the logo embedded as a
``data:`` URI, so that every report (HTML, PDF, Markdown, XLSX) shows the same cover and sign-off.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from ccc_audit.models.common import Identifier, Localized, StrictModel


class Person(StrictModel):
    """An assessor, reviewer or signatory."""

    name: str = Field(min_length=1, description="Full name as printed in the report.")
    role: str | None = Field(default=None, description="Role or title, e.g. Lead assessor.")


class SignOff(StrictModel):
    """Who approved the report for issue, and when."""

    name: str = Field(min_length=1, description="Name of the person who signed the report off.")
    role: str | None = Field(default=None, description="Their role or title.")
    date: dt.date = Field(description="Date of sign-off.")


class Readiness(StrEnum):
    """The assessor's verdict on readiness for a certification audit."""

    READY = "ready"
    READY_WITH_CONDITIONS = "ready_with_conditions"
    NOT_READY = "not_ready"


class ReadinessVerdict(StrictModel):
    """The readiness verdict with the assessor's reasons."""

    verdict: Readiness = Field(description="ready, ready_with_conditions or not_ready.")
    rationale: Localized | None = Field(default=None, description="Why, in Japanese and English.")


class Narrative(StrictModel):
    """Sections the assessor writes; the tool prints them as written (plain text, line breaks kept)."""

    executive_summary: Localized | None = Field(
        default=None, description="The assessor's executive summary, in Japanese and English."
    )
    opinion: Localized | None = Field(default=None, description="The assessor's opinion.")
    readiness: ReadinessVerdict | None = Field(default=None, description="Readiness verdict.")


class Engagement(StrictModel):
    """Engagement metadata of the bundle (``engagement:`` in bundle.yaml)."""

    report_id: Identifier | None = Field(
        default=None,
        description="Report number printed on every page; default <organisation id>-<assessment date>.",
    )
    organisation_name: Localized | None = Field(
        default=None, description="The organisation's name in Japanese and English, for the cover."
    )
    assessors: list[Person] = Field(min_length=1, description="Who carried out the assessment.")
    reviewer: Person | None = Field(default=None, description="Who reviewed the report.")
    sign_off: SignOff | None = Field(default=None, description="Who signed the report off, and when.")
    logo: str | None = Field(
        default=None,
        description="Logo file (PNG, JPEG or SVG, at most 512 KiB) relative to the bundle folder; "
        "embedded in the reports.",
    )
    confidentiality: Localized | None = Field(
        default=None, description="Confidentiality mark on every page; default 社外秘 / Confidential."
    )
    narrative: Narrative = Field(default_factory=Narrative, description="Sections written by the assessor.")


class EngagementSummary(StrictModel):
    """The engagement as the result carries it: the logo embedded, the report number decided."""

    report_id: str = Field(description="Report number.")
    organisation_name: Localized | None = Field(default=None, description="Name in Japanese and English.")
    assessors: list[Person] = Field(default_factory=list, description="Assessors.")
    reviewer: Person | None = Field(default=None, description="Reviewer.")
    sign_off: SignOff | None = Field(default=None, description="Sign-off.")
    logo: str | None = Field(default=None, description="The logo as a data: URI (PNG, JPEG or SVG).")
    confidentiality: Localized | None = Field(default=None, description="Confidentiality mark.")
    narrative: Narrative = Field(default_factory=Narrative, description="Assessor's sections.")


def default_report_id(organisation_id: str, as_of: dt.date) -> str:
    """The report number when the engagement gives none: organisation id and assessment date."""
    return f"{organisation_id}-{as_of:%Y%m%d}"
