"""Specifications of check kinds as written in rule packs (parsing only, no evaluation)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from ccc_audit.models.common import Identifier, Localized, StrictModel, Window

ParamRef = Annotated[str, StringConstraints(pattern=r"^\$[a-z][a-z0-9_]*$")]
"""A reference to a rule-pack parameter, written ``$name``."""

CountValue = Annotated[int, Field(ge=0)] | ParamRef
WindowValue = Window | ParamRef
MonthsValue = Annotated[int, Field(ge=1)] | ParamRef


class TopicRequirement(StrictModel):
    """Topics a document set must declare: all of one list, and at least n of another."""

    all_of: list[Identifier] = Field(default_factory=list, description="Topics all required.")
    any_of: list[Identifier] = Field(default_factory=list, description="Topics to choose from.")
    min_any: int = Field(default=1, ge=0, description="How many of any_of are required.")

    @model_validator(mode="after")
    def _min_any_reachable(self) -> TopicRequirement:
        if self.any_of and self.min_any > len(self.any_of):
            raise ValueError("min_any is larger than the number of topics in any_of")
        return self


class SectionRequirement(StrictModel):
    """A section a Markdown or text document must contain, matched by heading text."""

    name: Localized = Field(description="How the section is named in findings.")
    headings: list[str] = Field(
        min_length=1, description="Accepted heading texts (case-insensitive, either language)."
    )


class DocumentCheckSpec(StrictModel):
    """Documents of given types exist, are approved, current, and cover topics and sections."""

    kind: Literal["document"] = Field(description="Check kind.")
    types: list[Identifier] = Field(min_length=1, description="Accepted document types.")
    min_count: CountValue = Field(default=1, description="How many such documents are needed.")
    require_approved: bool = Field(default=True, description="Approval (by and on) is required.")
    require_current: bool = Field(
        default=True, description="Effective on, and not past its next review at, the as-of date."
    )
    topics: TopicRequirement | None = Field(
        default=None, description="Topics the matching documents must declare between them."
    )
    sections: list[SectionRequirement] = Field(
        default_factory=list, description="Sections required in Markdown / text documents."
    )


class AttestationCheckSpec(StrictModel):
    """A self-assessment answer exists, is supported by evidence and is recent."""

    kind: Literal["attestation"] = Field(description="Check kind.")
    question: Localized = Field(description="The question put to the organisation.")
    question_id: Identifier | None = Field(
        default=None, description="Attestation key; the rule id when omitted."
    )
    max_age_months: MonthsValue = Field(default=12, description="Older answers are stale.")
    require_evidence: bool = Field(
        default=True, description="A 'yes' must cite at least one evidence reference."
    )


class RowFilter(StrictModel):
    """Keep rows whose columns hold one of the listed values."""

    column: str = Field(min_length=1, description="Column name.")
    values: list[str] = Field(min_length=1, description="Accepted values.")


class DocumentSource(StrictModel):
    """Dated documents of given types; the effective date is the occurrence date."""

    documents: list[Identifier] = Field(min_length=1, description="Document types counted.")


class RecordSource(StrictModel):
    """Dated rows of a record set."""

    records: Identifier = Field(description="Record set name in the bundle manifest.")
    date_column: str = Field(min_length=1, description="Column holding the occurrence date.")
    where: list[RowFilter] = Field(default_factory=list, description="Row filters, all applied.")


class PeriodicCheckSpec(StrictModel):
    """A recurring activity occurs at least n times in every window of the audit period."""

    kind: Literal["periodic"] = Field(description="Check kind.")
    activity: Localized = Field(description="What the activity is, for findings.")
    source: DocumentSource | RecordSource = Field(description="Where occurrences come from.")
    window: WindowValue = Field(description="week, month, quarter or year.")
    min_count: CountValue = Field(default=1, description="Occurrences needed in every window.")


class PopulationSpec(StrictModel):
    """Entities drawn from a record set (e.g. CSS from the staff roster)."""

    records: Identifier = Field(description="Record set holding the population.")
    id_column: str = Field(min_length=1, description="Column identifying an entity.")
    where: list[RowFilter] = Field(default_factory=list, description="Row filters, all applied.")
    start_column: str | None = Field(
        default=None, description="Date from which an entity is in the population."
    )
    end_column: str | None = Field(
        default=None, description="Date after which an entity leaves the population (blank: none)."
    )


class EventSpec(StrictModel):
    """Dated events attributed to entities."""

    records: Identifier = Field(description="Record set holding the events.")
    entity_column: str = Field(min_length=1, description="Column naming the entity.")
    date_column: str = Field(min_length=1, description="Column holding the event date.")
    where: list[RowFilter] = Field(default_factory=list, description="Row filters, all applied.")


class TenureSpec(StrictModel):
    """Windows anchored at each entity's start date, over its first months only."""

    months: int = Field(ge=1, le=24, description="How many months after the start date are checked.")


class PartitionSpec(StrictModel):
    """Count events separately per value of a column (each method, each transaction type)."""

    column: str = Field(min_length=1, description="Event column whose values are counted apart.")
    values: list[str] = Field(
        default_factory=list,
        description="Values each needing min_count events; empty: the values observed (see observed_within).",
    )
    observed_within: str | None = Field(
        default=None,
        description=(
            "With no values: the values required of an entity are those seen in the period's events "
            "sharing its value of this column (e.g. program → that program's transaction types)."
        ),
    )

    @model_validator(mode="after")
    def _values_or_observed(self) -> PartitionSpec:
        if bool(self.values) == bool(self.observed_within):
            raise ValueError("give either values or observed_within")
        return self


class PerEntityFrequencyCheckSpec(StrictModel):
    """Each entity of a population has at least n events in every window it was present."""

    kind: Literal["per_entity_frequency"] = Field(description="Check kind.")
    activity: Localized = Field(description="What the events are, for findings.")
    population: PopulationSpec = Field(description="Who must have events.")
    events: EventSpec = Field(description="The events counted.")
    window: WindowValue = Field(description="week, month, quarter or year.")
    min_count: CountValue = Field(default=1, description="Events needed per entity per window.")
    full_windows_only: bool = Field(
        default=True,
        description="Only windows the entity spent entirely in the population are checked.",
    )
    tenure: TenureSpec | None = Field(
        default=None,
        description="Check windows counted from each entity's start date, in its first months only.",
    )
    partition: PartitionSpec | None = Field(
        default=None, description="Require min_count events for each value of a column."
    )


NumberValue = float | ParamRef


class ColumnPair(StrictModel):
    """Columns that must hold equal values in two record sets."""

    left: str = Field(min_length=1, description="Column of the rows checked.")
    right: str = Field(min_length=1, description="Column of the matching set.")


class CoverageRows(StrictModel):
    """The rows that each need a follow-up."""

    records: Identifier = Field(description="Record set.")
    key_column: str = Field(min_length=1, description="Column naming a row in findings.")
    date_column: str = Field(min_length=1, description="Date of the row; only rows in the period count.")
    where: list[RowFilter] = Field(default_factory=list, description="Row filters, all applied.")
    grace_days: CountValue = Field(
        default=0, description="Rows dated within this many days before the period end are not yet due."
    )


class CoverageMatch(StrictModel):
    """The follow-up: a row of another set, matched on columns, dated within a number of days."""

    records: Identifier = Field(description="Record set holding the follow-ups.")
    date_column: str = Field(min_length=1, description="Date of the follow-up.")
    on: list[ColumnPair] = Field(min_length=1, description="Columns that must match.")
    where: list[RowFilter] = Field(default_factory=list, description="Row filters, all applied.")
    within_days: CountValue = Field(description="Follow-up dated 0 … n days after the row.")


class Duration(StrictModel):
    """A time to report, e.g. from complaint received to resolved."""

    from_column: str = Field(min_length=1, description="Start date column.")
    to_column: str = Field(min_length=1, description="End date column.")
    name: Localized = Field(description="What the duration is, for findings.")


class CoverageCheckSpec(StrictModel):
    """Every row of one set is followed up: by a matching row of another set, or by filled columns."""

    kind: Literal["coverage"] = Field(description="Check kind.")
    activity: Localized = Field(description="The follow-up each row needs, for findings.")
    rows: CoverageRows = Field(description="Rows to cover.")
    match: CoverageMatch | None = Field(default=None, description="Follow-up in another record set.")
    filled: list[str] = Field(
        default_factory=list, description="Columns of the same row that must be filled (e.g. resolved_on)."
    )
    duration: Duration | None = Field(default=None, description="A duration to report (mean and maximum).")

    @model_validator(mode="after")
    def _one_way(self) -> CoverageCheckSpec:
        if (self.match is None) == (not self.filled):
            raise ValueError("give either match or filled")
        return self


class Threshold(StrictModel):
    """Bounds a metric value must respect."""

    min: NumberValue | None = Field(default=None, description="Lowest acceptable value.")
    max: NumberValue | None = Field(default=None, description="Highest acceptable value.")


class Target(StrictModel):
    """Targets declared by the organisation in its KPI observations."""

    records: Identifier = Field(default="kpi_observations", description="Record set of targets.")
    metric: str = Field(min_length=1, description="Metric name as written in the metric column.")
    higher_is_better: bool = Field(default=True, description="Whether values above the target meet it.")


class Trend(StrictModel):
    """COPC level and trend: the last periods improve, or stay at target."""

    periods: int = Field(ge=2, le=24, description="How many most recent periods are judged.")
    higher_is_better: bool = Field(default=True, description="Direction of improvement.")


class MetricCheckSpec(StrictModel):
    """A named metric, computed from records per group and period, compared with thresholds."""

    kind: Literal["metric"] = Field(description="Check kind.")
    metric: Identifier = Field(description="Metric name from the metric library (docs/metrics.md).")
    options: dict[str, str | int | float] = Field(
        default_factory=dict, description="Metric options (see each metric)."
    )
    where: list[RowFilter] = Field(default_factory=list, description="Filters on the metric's records.")
    group_by: list[str] = Field(default_factory=list, description="Columns to compute the metric per.")
    period: Window | None = Field(default=None, description="Compute per window; whole period when omitted.")
    threshold: Threshold | None = Field(default=None, description="Fixed bounds.")
    target: Target | None = Field(default=None, description="Targets from the bundle.")
    trend: Trend | None = Field(default=None, description="Level-and-trend rule over the last periods.")
    require_data: bool = Field(
        default=True, description="Fail when no value can be computed (no data for a period or group)."
    )


class SampleValidityCheckSpec(StrictModel):
    """Sample-based metrics have a margin of error within tolerance (COPC 1.4)."""

    kind: Literal["sample_validity"] = Field(description="Check kind.")
    records: Identifier = Field(default="kpi_observations", description="Record set of observations.")
    metrics: list[str] = Field(min_length=1, description="Sample-based metric names checked.")
    confidence: float = Field(default=0.95, gt=0.5, lt=1, description="Confidence level.")
    tolerance: NumberValue = Field(description="Largest acceptable margin of error (e.g. 0.05).")


class SqlCheckSpec(StrictModel):
    """The escape hatch: a read-only SELECT over the record tables returning failing rows."""

    kind: Literal["sql"] = Field(description="Check kind.")
    activity: Localized = Field(description="What a returned row means, for findings.")
    uses: list[Identifier] = Field(min_length=1, description="Record sets the query reads.")
    columns: dict[Identifier, list[str]] = Field(
        default_factory=dict,
        description="Columns the query reads, per record set; a missing one fails the check as incomplete.",
    )
    query: str = Field(min_length=1, description="One SELECT; its first column names the failing subject.")


CheckSpec = Annotated[
    DocumentCheckSpec
    | AttestationCheckSpec
    | PeriodicCheckSpec
    | PerEntityFrequencyCheckSpec
    | CoverageCheckSpec
    | MetricCheckSpec
    | SampleValidityCheckSpec
    | SqlCheckSpec,
    Field(discriminator="kind"),
]
"""Any check, told apart by its ``kind``."""
