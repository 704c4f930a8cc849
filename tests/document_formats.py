"""Write a Markdown document as DOCX, PDF, PPTX or XLSX with real libraries, as centres keep them.

Headings become what each format uses for them: a heading paragraph style (English ``Heading 1``
or a Japanese ``見出し 1`` style), PDF bookmarks or numbered lines of the text layer, slide
titles, sheet names and header cells.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from fpdf import FPDF
from openpyxl import Workbook
from pptx import Presentation

IPA_GOTHIC = Path("/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf")
"""Japanese font the PDFs embed (fonts-ipafont-gothic, installed by scripts/test)."""
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _blocks(markdown: str) -> list[tuple[int, str]]:
    """(level, text) per line: level 1-6 for a heading, 0 for body text; blank lines dropped."""
    blocks: list[tuple[int, str]] = []
    for line in markdown.splitlines():
        match = _HEADING.match(line)
        if match:
            blocks.append((len(match.group(1)), match.group(2)))
        elif line.strip():
            blocks.append((0, line.strip()))
    return blocks


def write_docx(markdown: str, target: Path, *, japanese_styles: bool = False) -> None:
    """The document as DOCX; headings styled ``Heading N``, or ``見出し N`` (a style of that name only)."""
    document = DocxDocument()
    styles: dict[int, str] = {}
    for level in range(1, 7):
        if japanese_styles:
            name = f"見出し {level}"
            document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            styles[level] = name
        else:
            styles[level] = f"Heading {level}"
    for level, content in _blocks(markdown):
        if level:
            document.add_paragraph(content, style=styles[level])
        else:
            document.add_paragraph(content)
    document.save(str(target))


def write_pdf(markdown: str, target: Path, *, bookmarks: bool) -> None:
    """The document as PDF in a Japanese font: headings bookmarked, or numbered lines in the text."""
    pdf = FPDF()
    pdf.add_font("ipa", fname=str(IPA_GOTHIC))
    pdf.set_font("ipa", size=10)
    pdf.add_page()
    numbers = [0] * 7
    for level, content in _blocks(markdown):
        if level and bookmarks:
            pdf.start_section(content, level=level - 1)
            pdf.multi_cell(0, 6, content)
        elif level:
            numbers[level] += 1
            numbers[level + 1 :] = [0] * (6 - level)
            label = ".".join(str(n) for n in numbers[1 : level + 1] if n)
            pdf.multi_cell(0, 6, f"{label}. {content}")
        else:
            pdf.multi_cell(0, 6, content)
        pdf.set_x(pdf.l_margin)
    pdf.output(str(target))


def write_pptx(markdown: str, target: Path) -> None:
    """The document as slides: one per heading, titled with it, its body text below."""
    presentation = Presentation()
    layout = presentation.slide_layouts[1]
    body: list[str] = []
    title: str | None = None

    def flush() -> None:
        if title is None:
            return
        slide = presentation.slides.add_slide(layout)
        assert slide.shapes.title is not None
        slide.shapes.title.text = title
        slide.placeholders[1].text_frame.text = "\n".join(body) or "-"

    for level, content in _blocks(markdown):
        if level:
            flush()
            title, body = content, []
        else:
            body.append(content)
    flush()
    presentation.save(str(target))


def write_xlsx(markdown: str, target: Path) -> None:
    """The document as a workbook: a sheet per top-level heading, its sub-headings as header cells."""
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    column = 0
    for level, content in _blocks(markdown):
        if level == 1:
            if column or sheet.title != "Sheet":
                sheet = workbook.create_sheet()
            sheet.title = re.sub(r"[\\/*?:\[\]]", " ", content)[:31]
            column = 0
        elif level:
            column += 1
            sheet.cell(row=1, column=column, value=content)
    workbook.save(str(target))
