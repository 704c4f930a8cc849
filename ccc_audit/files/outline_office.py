"""Headings of Office documents: DOCX (by paragraph style), PPTX (slide titles), XLSX (sheets, headers).

python-docx and python-pptx are the maintained, typed readers of the Office Open XML formats
(pure Python over lxml); openpyxl already reads the record workbooks. Sizes are checked by
:mod:`ccc_audit.files.outline` before any of these run.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ccc_audit.files.heading import MAX_HEADINGS, Heading

_HEADING_STYLE = re.compile(r"^(heading|見出し|title|表題|標題|subtitle|副題)\s*\d*$")
"""Paragraph style names that mark a heading, English or Japanese (after NFKC, lower case)."""
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BODY_LEVEL = 9
"""``w:outlineLvl`` 9 is body text; 0-8 are heading levels."""


def _is_heading_style(name: str | None) -> bool:
    return bool(name) and bool(
        _HEADING_STYLE.match(unicodedata.normalize("NFKC", name or "").strip().lower())
    )


def _outline_level(element: object) -> int | None:
    """The ``w:outlineLvl`` of a paragraph's or a style's properties, when set."""
    find = getattr(element, "find", None)
    if find is None:
        return None
    props = find(f"{_W}pPr")
    if props is None:
        return None
    level = props.find(f"{_W}outlineLvl")
    if level is None:
        return None
    value = level.get(f"{_W}val")
    return int(value) if value is not None and value.isdigit() else None


def docx_headings(path: Path) -> list[Heading]:
    """Paragraphs styled as headings (``Heading 1``, ``見出し 1``, ``Title`` or an outline level).

    A style based on a heading style counts too (a centre's own ``Chapter`` style built on
    ``Heading 1``). The place is the paragraph's number in the body (1 = first paragraph).
    """
    from docx import Document

    document = Document(str(path))
    found: list[Heading] = []
    for number, paragraph in enumerate(document.paragraphs, start=1):
        if len(found) >= MAX_HEADINGS:
            break
        text = paragraph.text.strip()
        if not text:
            continue
        if _paragraph_is_heading(paragraph):
            found.append(Heading(text, "paragraph", number))
    return found


def _paragraph_is_heading(paragraph: object) -> bool:
    level = _outline_level(getattr(paragraph, "_p", None))
    if level is not None:
        return level < _BODY_LEVEL
    style = getattr(paragraph, "style", None)
    for _ in range(10):  # follow "based on" a few steps; a loop in styles.xml cannot hang
        if style is None:
            return False
        if _is_heading_style(getattr(style, "name", None)):
            return True
        level = _outline_level(getattr(style, "element", None))
        if level is not None:
            return level < _BODY_LEVEL
        style = getattr(style, "base_style", None)
    return False


def pptx_headings(path: Path) -> list[Heading]:
    """The title of every slide (or, without a title placeholder, its first line of text)."""
    from pptx import Presentation

    presentation = Presentation(str(path))
    found: list[Heading] = []
    for number, slide in enumerate(presentation.slides, start=1):
        if len(found) >= MAX_HEADINGS:
            break
        title = slide.shapes.title
        text = title.text_frame.text.strip() if title is not None and title.has_text_frame else ""
        if not text:
            for shape in slide.shapes:
                if shape.has_text_frame and shape.text_frame.text.strip():
                    text = shape.text_frame.text.strip().splitlines()[0]
                    break
        if text:
            found.append(Heading(" ".join(text.split()), "slide", number))
    return found


_HEADER_ROWS = 5
"""Rows from the top of a sheet searched for its header row (the first row with any text)."""


def xlsx_headings(path: Path) -> list[Heading]:
    """Each sheet's name, then the text cells of its first non-empty row (its header)."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        found: list[Heading] = []
        for number, sheet in enumerate(workbook.worksheets, start=1):
            found.append(Heading(sheet.title, "sheet", number, sheet.title))
            for row in sheet.iter_rows(max_row=_HEADER_ROWS, values_only=True):
                texts = [str(v).strip() for v in row if isinstance(v, str) and v.strip()]
                if texts:
                    found.extend(Heading(t, "sheet", number, sheet.title) for t in texts)
                    break
            if len(found) >= MAX_HEADINGS:
                break
        return found
    finally:
        workbook.close()
