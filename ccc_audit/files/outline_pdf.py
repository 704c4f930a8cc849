"""Headings of a PDF: its outline (bookmarks) when it has one, else numbered lines of its text layer.

pypdf is the maintained, typed, pure-Python PDF reader (no native code to build) and limits
what a compressed stream may expand to. A scanned PDF without a text layer has no headings.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from typing import Any

from ccc_audit.files.heading import MAX_HEADINGS, MAX_PDF_PAGES, Heading, OutlineError

_NUMBERED = re.compile(
    r"^\s*(?:第\s*\d+\s*[章節条部]|\d+(?:\.\d+)*\.?|[(（]?\d+[)）]|[IVX]+\.|[一二三四五六七八九十]+[、.．])\s*\S"
)
"""A line that starts like a numbered heading: ``1.``, ``4.2``, ``第3章``, ``(2)``, ``IV.``, ``三、``."""
logging.getLogger("pypdf").addHandler(logging.NullHandler())  # a damaged file's warnings are not printed
_MAX_HEADING_CHARS = 80
"""A numbered line longer than this is a list item in running text, not a heading."""


def pdf_headings(data: bytes) -> list[Heading]:
    """The outline entries (with their page), then the numbered lines of each page's text.

    Bookmarks come first, so a section is cited at its bookmark when it has one; the text layer
    still finds a numbered sub-section (``4.2 …``) that the outline does not list.
    """
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise OutlineError("the PDF is encrypted; supply a copy without a password")
    found: list[Heading] = []
    _walk_outline(reader, reader.outline, found, depth=0)
    for number, page in enumerate(reader.pages, start=1):
        if number > MAX_PDF_PAGES or len(found) >= MAX_HEADINGS:
            break
        for line in (page.extract_text() or "").splitlines():
            text = " ".join(line.split())
            normal = unicodedata.normalize("NFKC", text)
            if text and len(text) <= _MAX_HEADING_CHARS and _NUMBERED.match(normal):
                found.append(Heading(text, "page", number))
    return found


def _walk_outline(reader: Any, items: list[Any], found: list[Heading], depth: int) -> None:
    """Append the titles of the outline entries (nested lists are sub-entries), depth-bounded."""
    if depth > 10:
        return
    for item in items:
        if len(found) >= MAX_HEADINGS:
            return
        if isinstance(item, list):
            _walk_outline(reader, item, found, depth + 1)
            continue
        title = " ".join(str(getattr(item, "title", "") or "").split())
        if not title:
            continue
        try:
            page = reader.get_destination_page_number(item)
        except Exception:  # a bookmark pointing nowhere still names its section
            page = -1
        found.append(Heading(title, "page", page + 1 if page >= 0 else 0))
