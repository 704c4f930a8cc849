"""The canonical assessment result: one versioned JSON document every reporter reads."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer

from ccc_audit.models.common import Grade, Localized, Role, Severity, StrictModel, Window
from ccc_audit.models.conformity import Conformity as Conformity  # shared with procurement scoring
from ccc_audit.models.crosswalk import Relationship
from ccc_audit.models.engagement import EngagementSummary

RESULT_SCHEMA_VERSION = 1


class Outcome(StrEnum):
    """Machine outcome of a check or rule."""

    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    NOT_APPLICABLE = "not_applicable"
    """The declared scope excludes it (the scope entry is cited), or the organisation answered so."""
    NOT_ASSESSED = "not_assessed"
    """Could not be decided from the evidence supplied (an empty record set, a period too short,
    no target, an empty population): a limitation of the audit, never conformity."""
    MANUAL = "manual"
    ERROR = "error"
    EXCLUDED = "excluded"

    @property
    def weight(self) -> int:
        """Precedence when combining checks of a rule: the highest wins."""
        return {
            "excluded": 0,
            "not_applicable": 1,
            "pass": 2,
            "warn": 3,
            "not_assessed": 4,
            "manual": 5,
            "fail": 6,
            "error": 7,
        }[self.value]


class SectionLocation(StrictModel):
    """Where a required section of a document was found: the heading and its place in the file."""

    section: str = Field(description="Section id (the key an auditor cites under documents[].sections).")
    heading: str = Field(description="The heading text as it stands in the document.")
    unit: Literal["line", "paragraph", "page", "slide", "sheet"] = Field(
        description="What number counts: a line (Markdown/text), paragraph (DOCX), page (PDF), slide, sheet."
    )
    number: int = Field(
        description="The line, paragraph, page, slide or sheet number (1 = first; 0 unknown)."
    )
    sheet: str | None = Field(default=None, description="The sheet name (XLSX).")
    cited: bool = Field(default=False, description="Whether bundle.yaml cites this place explicitly.")


def _without_empty_sections(model: Any, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
    """Serialise a model, leaving out ``sections`` when empty (most evidence is not a document)."""
    data: dict[str, Any] = handler(model)
    if not data.get("sections"):
        data.pop("sections", None)
    return data


class EvidenceRef(StrictModel):
    """A pointer to objective evidence."""

    kind: Literal["document", "records", "attestation", "manifest"] = Field(description="What is cited.")
    id: str = Field(description="Document id, record-set name or attestation id.")
    path: str | None = Field(default=None, description="File path inside the bundle.")
    sha256: str | None = Field(default=None, description="Content hash of the file.")
    rows: list[int] = Field(default_factory=list, description="Cited file lines (1 = header).")
    keys: list[str] = Field(default_factory=list, description="Key values of the cited rows.")
    line: int | None = Field(
        default=None, description="Line of the cited entry (or section) in the bundle's bundle.yaml."
    )
    sections: list[SectionLocation] = Field(
        default_factory=list,
        description="Where the document's required sections were found (left out when none).",
    )

    @model_serializer(mode="wrap")
    def _serialise(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return _without_empty_sections(self, handler)


class FailingItem(StrictModel):
    """An entity, window or element that falls short."""

    subject: str = Field(description="Entity id, window label or element name.")
    detail: Localized = Field(description="What is missing for it.")
    label: Localized | None = Field(
        default=None,
        description="The subject in words, when it is a word of the vocabulary (a document topic or "
        "section) rather than an id; reports show it instead of the subject (left out when none).",
    )

    @model_serializer(mode="wrap")
    def _serialise(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("label") is None:
            data.pop("label", None)
        return data

    def shown(self, lang: str) -> str:
        """The subject as a reader sees it in ``lang``."""
        return self.label.get(lang) if self.label is not None else self.subject


class Quantity(StrictModel):
    """A measured number with its unit, so that a reader can check it against their own figures."""

    value: float = Field(description="The number, unrounded (a ratio is 0–1, not a percentage).")
    unit: str = Field(
        description="ratio, seconds, minutes, days, chats, rows, people, documents, sections, or "
        "windows (weeks, months, quarters, years)."
    )
    out_of: float | None = Field(default=None, description="The whole it is a part of, e.g. 3 of 4 quarters.")
    label: str | None = Field(
        default=None, description="What it was measured for: a period, program or subject."
    )


class Bound(StrictModel):
    """What a check required, as numbers."""

    min: float | None = Field(default=None, description="Lowest acceptable value (inclusive).")
    max: float | None = Field(default=None, description="Highest acceptable value (inclusive).")
    unit: str = Field(description="Unit, as in Quantity.")


class CheckResult(StrictModel):
    """Outcome of one check of a rule."""

    kind: str = Field(description="Check kind.")
    outcome: Outcome = Field(description="Outcome.")
    reason: str = Field(description="Machine reason code, e.g. evidence_missing.")
    message: Localized = Field(description="What was found.")
    measured: str | None = Field(default=None, description="Measured value, as displayed.")
    required: str | None = Field(default=None, description="Required value, as displayed.")
    values: list[Quantity] = Field(default_factory=list, description="Measured values as numbers.")
    bound: Bound | None = Field(default=None, description="Required value as numbers.")
    evidence: list[EvidenceRef] = Field(default_factory=list, description="Evidence examined.")
    failing: list[FailingItem] = Field(default_factory=list, description="What falls short.")
    population: int | None = Field(default=None, description="Size of the population checked.")
    failing_count: int | None = Field(default=None, description="How many in it fail.")


class WaiverApplied(StrictModel):
    """A waiver honoured for a rule."""

    justification: str = Field(description="Why the exception is accepted.")
    approved_by: str = Field(description="Who accepted it.")
    expires: dt.date = Field(description="Last day honoured.")


class RuleResult(StrictModel):
    """Result of one rule."""

    rule_id: str = Field(description="Rule id.")
    pack_id: str = Field(description="Pack id.")
    title: Localized = Field(description="Rule title.")
    requirements: list[str] = Field(description="Requirement refs verified.")
    outcome: Outcome = Field(description="Combined outcome of the checks.")
    reason: str = Field(description="Reason code of the deciding check.")
    grade: Grade | None = Field(default=None, description="Grade of the failure, if failed.")
    severity: Severity = Field(description="Severity.")
    waived: bool = Field(default=False, description="Whether a valid waiver covers the failure.")
    waiver: WaiverApplied | None = Field(default=None, description="The waiver honoured.")
    finding_id: str | None = Field(default=None, description="Finding raised, if any.")
    checks: list[CheckResult] = Field(description="Per-check results.")


class RequirementResult(StrictModel):
    """Conformity of one catalogue node."""

    ref: str = Field(description="catalogue:node.")
    standard: str = Field(description="Catalogue id.")
    node_id: str = Field(description="Clause or item number.")
    parent: str | None = Field(default=None, description="Parent ref.")
    title: Localized = Field(description="Node title.")
    assessable: bool = Field(description="Whether the node gets a result of its own.")
    points: int | None = Field(default=None, description="Points of the node.")
    conformity: Conformity = Field(description="Conformity.")
    rules: list[str] = Field(default_factory=list, description="Rules that decided it.")
    findings: list[str] = Field(default_factory=list, description="Findings against it.")


class Rollup(StrictModel):
    """Counts of requirement results under a standard or a category."""

    ref: str = Field(description="Standard id or catalogue:node of the category.")
    title: Localized = Field(description="Name.")
    counts: dict[Conformity, int] = Field(description="Assessable nodes per conformity.")
    points_available: int | None = Field(default=None, description="Points assessed.")
    points_earned: float | None = Field(default=None, description="Points earned.")
    points_stated: int | None = Field(
        default=None,
        description="The category's own points in the catalogue, when its items' points do not add up to "
        "them (points of some items are not published): the available figure is then a part of it.",
    )


class Statement(StrictModel):
    """A finding in the ISO 19011 shape."""

    requirement: Localized = Field(description="The requirement.")
    evidence: Localized = Field(description="The objective evidence.")
    nonconformity: Localized = Field(description="The statement of nonconformity.")


class Finding(StrictModel):
    """A nonconformity or observation raised by a failed rule."""

    id: str = Field(description="Stable id from rule id and subject.")
    rule_id: str = Field(description="Rule that raised it.")
    subject: str = Field(description="Organisation, site, program or entity concerned.")
    grade: Grade = Field(description="major, minor or observation.")
    severity: Severity = Field(description="Severity.")
    requirements: list[str] = Field(description="Requirement refs.")
    title: Localized = Field(description="Rule title.")
    statement: Statement = Field(description="Requirement / evidence / nonconformity.")
    evidence: list[EvidenceRef] = Field(default_factory=list, description="Evidence cited.")
    failing: list[FailingItem] = Field(default_factory=list, description="What falls short.")
    measured: str | None = Field(default=None, description="Measured value, as displayed.")
    required: str | None = Field(default=None, description="Required value, as displayed.")
    values: list[Quantity] = Field(default_factory=list, description="Measured values as numbers.")
    bound: Bound | None = Field(default=None, description="Required value as numbers.")
    corrective_action: Localized = Field(description="Guidance (Markdown).")
    waived: bool = Field(default=False, description="Covered by a valid waiver.")
    nature: Literal["substantive", "evidence_quality"] = Field(
        default="substantive",
        description="substantive: the evidence shows the requirement is not met; evidence_quality: the "
        "evidence that would show it is stale, expired, unapproved, unsupported or incomplete. Evidence-"
        "quality findings are graded minor at most and are never top risks (docs/formats.md).",
    )


class Notice(StrictModel):
    """Something the reader must know that is not a finding (e.g. an expired waiver)."""

    code: str = Field(description="Machine code.")
    message: Localized = Field(description="Text.")
    line: int | None = Field(default=None, description="Line in bundle.yaml it is about, if any.")


class ParameterSetting(StrictModel):
    """An effective rule-pack parameter."""

    pack_id: str = Field(description="Pack id.")
    name: str = Field(description="Parameter name.")
    value: int | float | Window = Field(description="Effective value.")
    default: int | float | Window = Field(description="Pack default.")
    floor: int | float | Window = Field(description="Loosest value allowed.")
    deviation: Localized | None = Field(default=None, description="Justification when looser than the floor.")
    deviation_approved_by: str | None = Field(default=None, description="Approver of deviation.")


class EvidenceIndexEntry(StrictModel):
    """A file of the bundle with its content hash."""

    kind: Literal["document", "records", "manifest"] = Field(description="What the file is.")
    id: str = Field(description="Document id or record-set name.")
    path: str = Field(description="Path inside the bundle.")
    sha256: str = Field(description="Content hash.")
    title: str | None = Field(default=None, description="Document title.")
    cited_by: list[str] = Field(default_factory=list, description="Rules citing this file.")
    requirements: list[str] = Field(
        default_factory=list, description="Requirement refs verified by the rules citing this file."
    )
    standards: list[str] = Field(
        default_factory=list,
        description="Catalogue ids of those requirements: more than one means shared evidence.",
    )
    sections: list[SectionLocation] = Field(
        default_factory=list,
        description="Where required sections were found in this document (left out when none).",
    )

    @model_serializer(mode="wrap")
    def _serialise(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return _without_empty_sections(self, handler)


class CrosswalkTrace(StrictModel):
    """A requirement's result under one standard, traced to the mapped requirement of another."""

    crosswalk: str = Field(description="Crosswalk id.")
    source: str = Field(description="Requirement ref of the source standard.")
    source_title: Localized = Field(description="Its title.")
    source_conformity: Conformity = Field(description="Its conformity in this assessment.")
    relationship: Relationship = Field(description="equal, subset, superset or intersect (source vs target).")
    target: str = Field(description="Requirement ref of the target standard.")
    target_title: Localized = Field(description="Its title.")
    target_conformity: Conformity = Field(description="Its conformity in this assessment.")
    rationale: Localized = Field(description="Why the two map, and where they differ.")


class Source(StrictModel):
    """A catalogue, pack or profile used."""

    id: str = Field(description="Id.")
    version: str = Field(description="Version or edition.")
    title: Localized = Field(description="Name.")


class ScopeSummary(StrictModel):
    """The assessed organisation and scope."""

    organisation_id: str = Field(description="Organisation id.")
    organisation: str = Field(description="Organisation name.")
    role: Role = Field(description="Role assessed.")
    sites: list[str] = Field(description="Site names.")
    programs: list[str] = Field(description="Program names.")
    channels: list[str] = Field(description="Channels.")
    operations: list[str] = Field(description="Operations.")
    period_start: dt.date = Field(description="Audit period start.")
    period_end: dt.date = Field(description="Audit period end.")


class AssessmentResult(StrictModel):
    """The canonical result of one assessment."""

    schema_version: Literal[1] = Field(description="Format version.")
    tool_version: str = Field(description="ccc-audit version.")
    engine: str = Field(
        default="duckdb",
        description="The SQL engine the record checks ran on: duckdb (embedded default) or spark.",
    )
    as_of: dt.date = Field(description="Assessment date.")
    language: str = Field(description="Report language requested.")
    scope: ScopeSummary = Field(description="Organisation and scope.")
    catalogues: list[Source] = Field(description="Catalogues used.")
    packs: list[Source] = Field(description="Rule packs used.")
    profile: Source | None = Field(default=None, description="Profile used.")
    fingerprint: str = Field(
        default="",
        description="Hash of what produced the result besides the bundle and the date: the catalogues "
        "and rule packs (their content), the profile's selection, presence-only mode and the effective "
        "parameters with deviations. Two results compare rule for rule when their fingerprints match.",
    )
    parameters: list[ParameterSetting] = Field(description="Effective parameters.")
    notices: list[Notice] = Field(description="Notices.")
    evidence_index: list[EvidenceIndexEntry] = Field(description="Bundle files and hashes.")
    rules: list[RuleResult] = Field(description="Per-rule results.")
    requirements: list[RequirementResult] = Field(description="Per-requirement conformity.")
    rollups: list[Rollup] = Field(description="Per-standard and per-category roll-ups.")
    findings: list[Finding] = Field(description="Findings.")
    engagement: EngagementSummary | None = Field(
        default=None, description="Engagement metadata (report number, people, logo, narrative)."
    )
    crosswalk: list[CrosswalkTrace] = Field(
        default_factory=list,
        description="Crosswalk links whose two standards were both assessed, with both results.",
    )
