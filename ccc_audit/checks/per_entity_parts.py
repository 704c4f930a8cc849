"""The parts of a per-entity frequency check's spec: who, which events, tenure and partition."""

from __future__ import annotations

from pydantic import Field, model_validator

from ccc_audit.models.checks import RowFilter
from ccc_audit.models.common import Identifier, StrictModel


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

    observed_per_entity: bool = Field(
        default=False,
        description=(
            "With no values: the values required of an entity are those seen in its own events of the "
            "period (e.g. the transaction types a CSS was evaluated on), not those of a whole group."
        ),
    )

    @model_validator(mode="after")
    def _values_or_observed(self) -> PartitionSpec:
        if [bool(self.values), bool(self.observed_within), self.observed_per_entity].count(True) != 1:
            raise ValueError("give exactly one of values, observed_within or observed_per_entity")
        return self
