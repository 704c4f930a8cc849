"""A heading read from a document, where it is, and the error of a document that cannot be read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MAX_HEADINGS = 5000
"""Headings kept per document; a document with more is cut there (its later headings unread)."""
MAX_PDF_PAGES = 2000
"""Pages of a PDF whose text layer is searched for numbered headings."""

Unit = Literal["line", "paragraph", "page", "slide", "sheet"]


@dataclass(frozen=True)
class Heading:
    """A heading's text and where it is: line (Markdown/text), paragraph (DOCX), page, slide, sheet."""

    text: str
    unit: Unit
    number: int
    sheet: str | None = None


class OutlineError(Exception):
    """A document whose headings cannot be read; the message says why (in English)."""
