"""The PDF gap report of the demo, measured from the PDF itself (pypdfium2 text and pixels, pypdf outline).

Every page carries "Page n / N"; no page is more than half blank unless a section ends on it (the
cover, the contents, the last page); no heading is the last thing on its page; the same inputs and
``--as-of`` give the same bytes. The pages are also rendered to PNG in
``test-output/pdf/`` (or ``$CCC_AUDIT_TEST_OUTPUT/pdf``) for a person to look at.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from demo_result import assess_demo
from pypdf import PdfReader
from pypdf.generic import Destination

from ccc_audit.app.render import render_all
from ccc_audit.models.result import AssessmentResult
from ccc_audit.reporters.cover import organisation_name, report_id
from ccc_audit.resources import demo_bundle

MM = 72 / 25.4
MARGIN = 20 * MM
"""Top and bottom page margins of the PDF (where the running header and footer are)."""

OUTPUT = Path(os.environ.get("CCC_AUDIT_TEST_OUTPUT", Path(__file__).parent.parent / "test-output")) / "pdf"


@pytest.fixture(scope="module")
def result() -> AssessmentResult:
    return assess_demo()


@pytest.fixture(scope="module")
def pdfs(result: AssessmentResult) -> dict[str, Path]:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, content in render_all(result, ["pdf"], ["ja", "en"]).items():
        (OUTPUT / name).write_bytes(content)
        paths[name.split(".")[1]] = OUTPUT / name
    return paths


def _headings(path: Path) -> list[tuple[int, float, str]]:
    """(page index, top in points, title) of every bookmark (WeasyPrint makes one per h1-h6)."""
    reader = PdfReader(path)
    found: list[tuple[int, float, str]] = []

    def walk(items: Sequence[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            elif isinstance(item, Destination):
                page = reader.get_destination_page_number(item)
                assert page is not None
                top = float(item.top) if item.top is not None else 0.0
                found.append((page, top, str(item.title)))

    walk(reader.outline)
    return found


def _blank_share(page: pdfium.PdfPage) -> float:
    """Fraction of the page's text area (between header and footer) that is blank below the last ink."""
    scale = 0.5
    image = page.render(scale=scale, grayscale=True).to_pil()
    pixels = image.load()
    width, rows = image.size
    top, bottom = int(MARGIN * scale), int(rows - MARGIN * scale)
    last = top
    for y in range(top, bottom):
        if any(pixels[x, y] < 200 for x in range(0, width, 2)):
            last = y
    return (bottom - last) / (bottom - top)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_page_is_numbered_with_running_header_and_footer(
    pdfs: dict[str, Path], result: AssessmentResult, lang: str
) -> None:
    document = pdfium.PdfDocument(pdfs[lang])
    count = len(document)
    assert 8 <= count <= 60
    word = "ページ" if lang == "ja" else "Page"
    for index in range(count):
        page = document[index]
        width, height = page.get_size()
        text = page.get_textpage()
        footer = text.get_text_bounded(0, 0, width, MARGIN).replace("\r\n", " ")
        header = text.get_text_bounded(0, height - MARGIN, width, height)
        assert f"{word} {index + 1} / {count}" in footer, f"page {index + 1}: {footer!r}"
        assert report_id(result) in footer  # SCS-2026-001, from the demo's engagement
        assert str(result.as_of) in footer
        assert organisation_name(result, lang) in header
        assert ("社外秘" if lang == "ja" else "Confidential") in header
    document.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_page_is_more_than_half_blank_unless_a_section_ends_on_it(
    pdfs: dict[str, Path], lang: str
) -> None:
    document = pdfium.PdfDocument(pdfs[lang])
    count = len(document)
    height = document[0].get_size()[1]
    section_starts = {page for page, top, _ in _headings(pdfs[lang]) if top >= height - MARGIN - 20}
    blank = {}
    for index in range(count):
        page = document[index]
        blank[index] = _blank_share(page)
        if index % 4 == 0 or index == count - 1:
            page.render(scale=1).to_pil().save(OUTPUT / f"gap-report.{lang}.page-{index + 1:02d}.png")
    document.close()
    too_blank = {
        index + 1: f"{share:.0%}"
        for index, share in blank.items()
        if share > 0.5 and index != count - 1 and index + 1 not in section_starts
    }
    assert too_blank == {}
    assert blank[1] > 0.5, "the contents page stands alone (a section of its own)"
    assert sum(share > 0.5 for share in blank.values()) <= 3


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_heading_is_the_last_thing_on_its_page(pdfs: dict[str, Path], lang: str) -> None:
    document = pdfium.PdfDocument(pdfs[lang])
    headings = _headings(pdfs[lang])
    assert len(headings) > 20
    alone = []
    for page_index, top, title in headings:
        page = document[page_index]
        width, _ = page.get_size()
        below = page.get_textpage().get_text_bounded(0, MARGIN, width, top)
        rest = "".join(below.split())
        for part in title.split():
            rest = rest.replace(part, "", 1)
        if not rest:
            alone.append(f"page {page_index + 1}: {title}")
    document.close()
    assert alone == []


def test_contents_page_gives_the_page_of_every_section(pdfs: dict[str, Path]) -> None:
    document = pdfium.PdfDocument(pdfs["en"])
    page = document[1]
    width, height = page.get_size()
    contents = page.get_textpage().get_text_bounded(0, MARGIN, width, height - MARGIN)
    document.close()
    starts = {title: page + 1 for page, _, title in _headings(pdfs["en"])}
    for section in ("Executive summary", "Results per requirement", "Findings", "Evidence index"):
        line = next(line for line in contents.splitlines() if line.startswith(section))
        assert line.rstrip(". ").endswith(str(starts[section])), line


def test_same_inputs_give_the_same_bytes(pdfs: dict[str, Path]) -> None:
    again = render_all(assess_demo(), ["pdf"], ["en"])["gap-report.en.pdf"]
    assert again == pdfs["en"].read_bytes()
    assert b"/CreationDate" not in again and b"/ModDate" not in again


def test_without_pango_the_pdf_format_is_refused_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from ccc_audit.cli.main import cli

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as when WeasyPrint cannot load Pango
    out = tmp_path / "out"
    args = ["assess", str(demo_bundle()), "--as-of", "2026-01-15", "--out", str(out), "--format", "md,pdf"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "--format pdf: the PDF report needs the Pango" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())
