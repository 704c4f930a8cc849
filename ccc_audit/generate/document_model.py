"""A generated document: its manifest entry and its Markdown text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ccc_audit.generate.organisation import ORGANISATION_NAME


@dataclass(frozen=True)
class GeneratedDocument:
    """A document's manifest entry and its Markdown text."""

    id: str
    type: str
    title: str
    owner: str
    topics: tuple[str, ...]
    sections: tuple[tuple[str, str], ...]
    """(heading, paragraph) pairs."""
    approved_on: dt.date | None = None
    effective_date: dt.date | None = None
    next_review_date: dt.date | None = None

    @property
    def path(self) -> str:
        """Path inside the bundle."""
        return f"documents/{self.id}.md"

    def markdown(self) -> str:
        """The document text."""
        parts = [f"# {self.title}", "", f"{ORGANISATION_NAME}. Synthetic document generated for testing.", ""]
        for heading, body in self.sections:
            parts += [f"## {heading}", "", body, ""]
        return "\n".join(parts)
