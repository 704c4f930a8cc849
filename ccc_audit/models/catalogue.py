"""Requirement catalogue: what a standard requires (``requirements/*.yaml``)."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Literal

from pydantic import Field

from ccc_audit.models.common import Identifier, Localized, StrictModel


class NormativeLevel(StrEnum):
    """How binding a node is."""

    SHALL = "shall"
    SHOULD = "should"
    INFORMATIVE = "informative"


class Confidence(StrEnum):
    """How well a node's number, title and content are established (see the inventory)."""

    H = "H"
    M = "M"
    L = "L"
    R = "R"


class Applicability(StrictModel):
    """Scope conditions under which a node applies; any listed value matching is enough."""

    roles: list[Literal["contact_centre", "client"]] = Field(
        default_factory=list, description="Roles the node applies to; empty means every role."
    )
    channels: list[Identifier] = Field(
        default_factory=list, description="Applies when the bundle declares any of these channels."
    )
    operations: list[Identifier] = Field(
        default_factory=list,
        description="Applies when the bundle declares any of these operations.",
    )


class RequirementNode(StrictModel):
    """One clause, item or sub-item of a standard."""

    id: str = Field(description="Clause or item number, e.g. '4.4' or '3.5'.", min_length=1)
    title: Localized = Field(description="Short title in Japanese and English.")
    paraphrase: Localized | None = Field(
        default=None, description="What the node asks for, in the project's own words."
    )
    level: NormativeLevel = Field(default=NormativeLevel.SHALL, description="shall, should or informative.")
    assessable: bool = Field(
        default=True, description="Whether a result is given for this node (grouping nodes: no)."
    )
    points: int | None = Field(default=None, ge=0, description="Points where the standard has them.")
    weight: float | None = Field(default=None, ge=0, description="Relative weight for roll-ups.")
    tags: list[Identifier] = Field(default_factory=list, description="Free applicability tags.")
    applies_when: Applicability | None = Field(
        default=None, description="Scope conditions (e.g. COPC application guides)."
    )
    confidence: Confidence = Field(description="H, M, L or R (reconstructed).")
    note: Localized | None = Field(
        default=None, description="Editorial note, e.g. a handbook inconsistency and our reading."
    )
    children: list[RequirementNode] = Field(default_factory=list, description="Sub-nodes.")


class StandardInfo(StrictModel):
    """Identity and provenance of the standard a catalogue describes."""

    id: Identifier = Field(description="Catalogue id used in references, e.g. 'copc-cx-r7'.")
    title: Localized = Field(description="Name of the standard.")
    edition: str = Field(description="Edition, e.g. 'ISO 18295-1:2017'.", min_length=1)
    version: str = Field(description="Version of this catalogue.", min_length=1)
    publisher: str = Field(description="Body that publishes the standard.", min_length=1)
    provenance: Localized = Field(
        description="Copyright and provenance: paraphrases only, never the standard's text."
    )


class Catalogue(StrictModel):
    """A requirement catalogue file."""

    schema_version: Literal[1] = Field(description="Format version of this file.")
    standard: StandardInfo = Field(description="The standard described.")
    nodes: list[RequirementNode] = Field(description="Top-level clauses or categories.")

    def walk(self) -> Iterator[tuple[RequirementNode, tuple[str, ...]]]:
        """Yield every node with the ids of its ancestors, depth first, in file order."""

        def visit(
            nodes: list[RequirementNode], parents: tuple[str, ...]
        ) -> Iterator[tuple[RequirementNode, tuple[str, ...]]]:
            for node in nodes:
                yield node, parents
                yield from visit(node.children, (*parents, node.id))

        yield from visit(self.nodes, ())
