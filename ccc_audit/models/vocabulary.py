"""The closed vocabulary of bundle manifests: channels, operations, document types, topics."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ccc_audit.models.common import Identifier, Localized, StrictModel


class Vocabulary(StrictModel):
    """The words a bundle's scope and documents may use (``rulepacks/vocabulary/vocabulary.yaml``)."""

    schema_version: Literal[1] = Field(description="Format version of this file.")
    channels: list[Identifier] = Field(min_length=1, description="Channels (scope, programs, rules).")
    operations: list[Identifier] = Field(min_length=1, description="Operations (scope, rules).")
    document_types: list[Identifier] = Field(min_length=1, description="Document types.")
    topics: list[Identifier] = Field(min_length=1, description="Topics a document may declare.")
    hints: dict[str, Identifier] = Field(
        default_factory=dict,
        description="Words often written for a term, mapped to it; used only to suggest, never accepted.",
    )
    labels: dict[str, dict[str, Localized]] = Field(
        default_factory=dict,
        description="What outputs show for each word, by group (channel, operation, document_type, topic, "
        "severity, evidence_kind, reason, value), in Japanese and English.",
    )
