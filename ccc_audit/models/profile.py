"""Profile: tailoring of rule packs (select, exclude, set parameters)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from ccc_audit.models.common import Identifier, Localized, StrictModel, Window


class Selection(StrictModel):
    """Rules and requirements named by id or shell-style pattern (``copc.3.*``)."""

    rules: list[str] = Field(default_factory=list, description="Rule ids or patterns.")
    requirements: list[str] = Field(
        default_factory=list, description="Requirement refs (catalogue:node) or patterns."
    )


class Deviation(StrictModel):
    """A declared decision to set a parameter looser than the pack's floor."""

    parameter: str = Field(min_length=1, description="Parameter, as pack_id.name.")
    justification: Localized = Field(description="Why the looser value is accepted.")
    approved_by: str = Field(min_length=1, description="Who accepted the deviation.")


class ProfileInfo(StrictModel):
    """Identity of a profile."""

    id: Identifier = Field(description="Profile id.")
    title: Localized = Field(description="Profile name.")


class RecordChecks(StrEnum):
    """How the heavy record-based checks are evaluated."""

    FULL = "full"
    PRESENCE = "presence"


class Profile(StrictModel):
    """A tailoring profile file."""

    schema_version: Literal[1] = Field(description="Format version of this file.")
    profile: ProfileInfo = Field(description="Identity.")
    select: Selection | None = Field(
        default=None, description="Only these rules / requirements (all when omitted)."
    )
    exclude: Selection = Field(default_factory=Selection, description="Rules removed.")
    parameters: dict[str, int | float | Window] = Field(
        default_factory=dict, description="Parameter values, keyed pack_id.name."
    )
    deviations: list[Deviation] = Field(
        default_factory=list, description="Declared looser-than-floor parameters."
    )
    record_checks: RecordChecks = Field(
        default=RecordChecks.FULL,
        description=(
            "full: compute every record-based check; presence: for per_entity_frequency, coverage, "
            "metric, sample_validity and sql checks only verify that their record sets and columns "
            "are supplied (outcome excluded, reason records_present), as the CI completeness profile does."
        ),
    )
