"""Evidence bundle manifest (``bundle.yaml``)."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from ccc_audit.models.calendar import Anchor
from ccc_audit.models.common import Date, Identifier, Language, Role, StrictModel, Window
from ccc_audit.models.engagement import Engagement
from ccc_audit.models.record_mapping import ExportShape


class Organisation(StrictModel):
    """The organisation assessed."""

    id: Identifier = Field(description="Short id, used as the default finding subject.")
    name: str = Field(min_length=1, description="Legal or trading name.")


class Site(StrictModel):
    """A physical or virtual site."""

    id: Identifier = Field(description="Site id.")
    name: str = Field(min_length=1, description="Site name.")
    country: str | None = Field(default=None, description="ISO 3166 country code.")


class Program(StrictModel):
    """A program (line of business served for a client)."""

    id: Identifier = Field(description="Program id.")
    name: str = Field(min_length=1, description="Program name.")
    client: str | None = Field(default=None, description="Client organisation served.")
    channels: list[Identifier] = Field(default_factory=list, description="Channels used.")


class Scope(StrictModel):
    """What the assessment covers."""

    channels: list[Identifier] = Field(
        default_factory=list, description="Channels in scope, e.g. voice, email, chat."
    )
    operations: list[Identifier] = Field(
        default_factory=list,
        description="Operations in scope, e.g. inbound, outbound, collections, work_at_home.",
    )
    sites: list[Identifier] = Field(
        default_factory=list, description="Sites in scope; empty means all declared sites."
    )


MAX_PERIOD_DAYS = 3653
"""Ten years: a longer audit period is a typo (9999-12-31), and its windows would not fit a date."""


class Period(StrictModel):
    """The audit period, both dates inclusive."""

    start: Date = Field(description="First day.")
    end: Date = Field(description="Last day.")
    fiscal_year_start: str | int | None = Field(
        default=None,
        description=(
            'Day the organisation\'s year starts, as "MM-DD" (e.g. "04-01") or a month number (4: 1 April). '
            "Yearly, quarterly and monthly windows are counted from it; when omitted, from the period's "
            "first day (calendar windows when that is 1 January)."
        ),
    )

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("end is before start")
        if (self.end - self.start).days > MAX_PERIOD_DAYS:
            raise ValueError(
                f"the period {self.start} – {self.end} spans more than 10 years; "
                "an audit period is at most 10 years (is the end date a typo?)"
            )
        self.fiscal_anchor()
        return self

    def fiscal_anchor(self) -> Anchor | None:
        """The declared fiscal-year start, parsed (ValueError when malformed)."""
        value = self.fiscal_year_start
        if value is None:
            return None
        if isinstance(value, bool):
            raise ValueError('fiscal_year_start must be "MM-DD" or a month number 1-12')
        if isinstance(value, int):
            if not 1 <= value <= 12:
                raise ValueError(f"fiscal_year_start: month {value} is not 1-12")
            return Anchor(value, 1)
        match = re.fullmatch(r"(\d{2})-(\d{2})", value.strip())
        if match is None:
            raise ValueError(f'fiscal_year_start "{value}" is not "MM-DD" (e.g. "04-01") or a month number')
        try:
            return Anchor(int(match[1]), int(match[2]))
        except ValueError as error:
            raise ValueError(f"fiscal_year_start: {error}") from None

    @property
    def anchor(self) -> Anchor:
        """The day audit years start: the fiscal-year start, else the period's first day."""
        return Anchor.of(self.start, self.fiscal_anchor())


class Document(StrictModel):
    """A controlled document supplied as evidence."""

    id: Identifier = Field(description="Document id, cited by attestations and findings.")
    path: str = Field(min_length=1, description="File path relative to the bundle folder.")
    type: Identifier = Field(description="Document type, e.g. policy_statement, business_plan.")
    title: str = Field(min_length=1, description="Document title.")
    version: str | None = Field(default=None, description="Document version.")
    owner: str | None = Field(default=None, description="Person or role owning the document.")
    approved_by: str | None = Field(default=None, description="Approver.")
    approved_on: Date | None = Field(default=None, description="Approval date.")
    effective_date: Date | None = Field(default=None, description="Date it took effect.")
    next_review_date: Date | None = Field(default=None, description="Date of next review.")
    topics: list[Identifier] = Field(default_factory=list, description="Topics it covers.")
    sections: dict[Identifier, str] = Field(
        default_factory=dict,
        description="Where required sections are, cited by the auditor: section id -> heading text "
        '(e.g. long_outage: "4.2 長時間停止時の対応"). Overrides heading matching; the heading must exist.',
    )


class RecordFormat(StrEnum):
    """Record file formats."""

    CSV = "csv"
    XLSX = "xlsx"
    PARQUET = "parquet"
    JSONL = "jsonl"


class NoEventsDeclaration(StrictModel):
    """The organisation's statement that a record set is empty because nothing happened."""

    declared_by: str = Field(min_length=1, description="Who declares it (name and role).")
    declared_on: Date = Field(description="When it was declared.")
    statement: str = Field(
        min_length=1, description="What did not happen in the audit period, e.g. no complaints were received."
    )


class RecordSet(ExportShape):
    """A file of operational records, and how the centre's export maps onto its record type."""

    path: str = Field(default="", description="File path relative to the bundle folder (or `table` instead).")
    table: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$",
        description="A table in the Spark catalog instead of a file, e.g. qa.evaluations (--engine spark "
        "only); its columns are typed and mapped like a file's.",
    )
    format: RecordFormat | None = Field(
        default=None, description="File format; by default from the file name's extension."
    )
    encoding: Literal["auto", "utf-8", "utf-8-sig", "cp932", "shift_jis"] = Field(
        default="auto",
        description="Text encoding of a CSV file; auto tries UTF-8 (with or without BOM), then CP932.",
    )
    sheet: str | None = Field(default=None, description="XLSX sheet name; the first sheet by default.")
    type: Identifier | None = Field(
        default=None, description="Record type (see `ccc-audit schema records`); the set's name by default."
    )
    no_events: NoEventsDeclaration | None = Field(
        default=None,
        description="Declare that the file holds no rows because nothing happened in the period. Without "
        "it, an empty record set is missing evidence and the rules reading it are not assessed.",
    )

    @model_validator(mode="after")
    def _file_or_table(self) -> RecordSet:
        if bool(self.path) == bool(self.table):
            raise ValueError("give exactly one of path (a file) or table (a Spark catalog table)")
        return self

    def shown(self) -> str:
        """The file's path, or ``table NAME``, as reports and errors show the set."""
        return self.path or f"table {self.table}"

    def file_format(self) -> RecordFormat:
        """The declared format, or the one the file name's extension implies (CSV otherwise).

        A catalog table is handed over as Parquet (see :mod:`ccc_audit.spark.tables`).
        """
        if self.table:
            return RecordFormat.PARQUET
        if self.format is not None:
            return self.format
        suffix = self.path.rsplit(".", 1)[-1].lower() if "." in self.path else ""
        return {
            "xlsx": RecordFormat.XLSX,
            "xlsm": RecordFormat.XLSX,
            "parquet": RecordFormat.PARQUET,
            "jsonl": RecordFormat.JSONL,
            "ndjson": RecordFormat.JSONL,
        }.get(suffix, RecordFormat.CSV)


class Answer(StrEnum):
    """Self-assessment answers."""

    YES = "yes"
    NO = "no"
    PARTIAL = "partial"
    NOT_APPLICABLE = "not_applicable"


class Attestation(StrictModel):
    """A self-assessment answer to a rule or question."""

    id: str = Field(min_length=1, description="Rule id or question id answered.")
    answer: Answer = Field(description="yes, no, partial or not_applicable.")
    rationale: str | None = Field(default=None, description="Why this answer.")
    evidence: list[str] = Field(
        default_factory=list, description="Document ids or record-set names supporting it."
    )
    answered_by: str = Field(min_length=1, description="Who answered.")
    answered_on: Date = Field(description="When.")


class DesignatedValue(StrictModel):
    """A value the standard leaves to the centre to set, as the centre has set it."""

    value: int | float | Window = Field(
        description="The value: a number of days or a proportion, or a window (week, month, quarter, year)."
    )
    document: Identifier = Field(description="Id of the declared document that sets the value.")
    owner: str = Field(min_length=1, description="Person or role who owns the value.")


class Waiver(StrictModel):
    """An accepted exception to a rule, until its expiry."""

    rule: str = Field(min_length=1, description="Rule id waived.")
    justification: str = Field(min_length=1, description="Why the exception is accepted.")
    approved_by: str = Field(min_length=1, description="Who accepted it.")
    expires: Date = Field(description="Last day the waiver is honoured.")


class Bundle(StrictModel):
    """The manifest of an evidence bundle."""

    schema_version: Literal[1] = Field(description="Format version of this file.")
    organisation: Organisation = Field(description="Organisation assessed.")
    role: Role = Field(description="contact_centre or client.")
    sites: list[Site] = Field(default_factory=list, description="Sites.")
    programs: list[Program] = Field(default_factory=list, description="Programs.")
    scope: Scope = Field(default_factory=Scope, description="Channels, operations and sites.")
    audit_period: Period = Field(description="Audit period.")
    language: Language = Field(default=Language.JA, description="Report language.")
    documents: list[Document] = Field(default_factory=list, description="Documents.")
    records: dict[Identifier, RecordSet] = Field(default_factory=dict, description="Record sets by name.")
    attestations: list[Attestation] = Field(default_factory=list, description="Answers.")
    designated_values: dict[Identifier, DesignatedValue] = Field(
        default_factory=dict,
        description="Values the standard leaves to the centre (a coaching deadline, a review frequency, …), "
        "by the name the rule packs give them; see `ccc-audit rules list` or docs/rules.",
    )
    waivers: list[Waiver] = Field(default_factory=list, description="Waivers.")
    engagement: Engagement | None = Field(
        default=None,
        description="Assessors, reviewer, sign-off, names, logo, confidentiality and narrative.",
    )
