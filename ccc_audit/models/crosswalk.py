"""Crosswalk: how the requirements of one standard map onto another's (``requirements/crosswalk/``)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from ccc_audit.models.common import Identifier, Localized, StrictModel
from ccc_audit.models.rulepack import RequirementRef


class Relationship(StrEnum):
    """How the source requirement relates to the target requirement (set-theoretic, as in NIST OLIR)."""

    EQUAL = "equal"
    """Both ask for the same thing."""
    SUBSET = "subset"
    """Everything the source asks for, the target asks for too; the target asks for more."""
    SUPERSET = "superset"
    """The source asks for everything the target does, and more."""
    INTERSECT = "intersect"
    """They overlap; each asks for something the other does not."""


class CrosswalkLink(StrictModel):
    """One mapping between a requirement of the source standard and one of the target standard."""

    source: RequirementRef = Field(description="Requirement of the source standard, as catalogue:node.")
    target: RequirementRef = Field(description="Requirement of the target standard, as catalogue:node.")
    relationship: Relationship = Field(description="equal, subset, superset or intersect (source vs target).")
    rationale: Localized = Field(description="Why the two map, and where they differ.")


class CrosswalkInfo(StrictModel):
    """Identity of a crosswalk and the two catalogues it maps."""

    id: Identifier = Field(description="Crosswalk id, e.g. 'iso-18295-1_copc-cx-r7'.")
    title: Localized = Field(description="Name of the crosswalk.")
    version: str = Field(min_length=1, description="Version of this crosswalk.")
    source: Identifier = Field(description="Catalogue id of the source standard.")
    target: Identifier = Field(description="Catalogue id of the target standard.")


class Crosswalk(StrictModel):
    """A crosswalk file."""

    schema_version: Literal[1] = Field(description="Format version of this file.")
    crosswalk: CrosswalkInfo = Field(description="Identity of the crosswalk.")
    links: list[CrosswalkLink] = Field(min_length=1, description="Mappings, source to target.")
