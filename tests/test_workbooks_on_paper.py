"""Workbooks that work on screen and on paper (issue 17), read back with openpyxl.

The gap workbook, the RFP workbook and the vendor questionnaire: wrapped text, widths, frozen and
filtered headers repeated on every printed page, landscape fitted to the page width, number
formats, unique headers, points available and earned apart, and dropdowns that refuse other values.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from demo_result import assess_demo
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ccc_audit.app.procurement import score_procurement
from ccc_audit.app.render import render_all
from ccc_audit.engine.conformity import earned_points
from ccc_audit.i18n.labels import label
from ccc_audit.reporters.base import Report
from ccc_audit.rfp.inputs import load_procurement
from ccc_audit.rfp.reporters.registry import render_rfp

FIXTURES = Path(__file__).parent / "fixtures" / "rfp"


def _book(raw: bytes) -> Workbook:
    return load_workbook(io.BytesIO(raw))


def _prints_on_paper(sheet: Worksheet, header_row: int = 1) -> None:
    setup = sheet.page_setup
    assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0), sheet.title
    assert sheet.sheet_properties.pageSetUpPr is not None and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${header_row}:${header_row}", sheet.title
    headers = [c for c in sheet[header_row] if c.value is not None]
    assert all(c.font.bold and c.alignment.wrap_text for c in headers), sheet.title
    texts = [c.value for c in headers]
    assert len(texts) == len(set(texts)), f"{sheet.title}: headers {texts} repeat"
    for cell in headers:
        assert sheet.column_dimensions[cell.column_letter].width, f"{sheet.title}: no width for {cell.value}"
    body = []
    for row in sheet.iter_rows(min_row=header_row + 1):
        if row[0].value is None and row[1].value is None:
            break  # the table ends; notes below it are not table cells
        body += [c for c in row if isinstance(c.value, str)]
    assert all(c.alignment.wrap_text for c in body), sheet.title
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith(f"A{header_row}:")


@pytest.fixture(scope="module")
def gap() -> Workbook:
    result = assess_demo()
    return _book(render_all(Report.of(result), ["xlsx"], ["ja"])["gap-analysis.ja.xlsx"])


def test_every_table_of_the_gap_workbook_prints_and_reads(gap: Workbook) -> None:
    for sheet in gap.worksheets:
        header_row = next(
            r
            for r in range(1, sheet.max_row + 1)
            if sheet.cell(row=r, column=1).fill.fgColor.rgb == "00DCE6F1"
        )
        _prints_on_paper(sheet, header_row)
        if header_row == 1:
            assert sheet.freeze_panes == "A2"


def test_points_available_and_earned_are_two_columns_that_add_up(gap: Workbook) -> None:
    from ccc_audit.models.result import Conformity

    sheet = gap[label("gap_sheet", "ja")]
    headers = [c.value for c in sheet[1]]
    available = headers.index(label("points_available", "ja"))
    earned = headers.index(label("points_earned", "ja"))
    result = label("result", "ja")
    names = {label(f"conformity.{c.value}", "ja"): c for c in Conformity}
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    scored = [
        (points, r[earned], names[str(r[headers.index(result)])])
        for r in rows
        if isinstance(points := r[available], int)
    ]
    assert scored and all(got == earned_points(points, conformity) for points, got, conformity in scored)
    assert any(got not in (None, points) for points, got, _ in scored), "some requirement earns less"
    assert sheet.cell(row=2, column=available + 1).number_format == "#,##0"


def test_register_status_columns_refuse_other_values(gap: Workbook) -> None:
    sheet = gap[label("open_sheet", "ja")]
    rules = sheet.data_validations.dataValidation
    assert len(rules) == 2
    assert all((r.type, r.showErrorMessage, r.errorStyle) == ("list", True, "stop") for r in rules)


def test_the_rfp_workbook_prints_and_formats_its_numbers() -> None:
    result = score_procurement(load_procurement(FIXTURES / "worked"), dt.date(2026, 3, 1))
    book = _book(render_rfp(result, ["xlsx"], ["ja"])["rfp-scores.ja.xlsx"])
    for sheet in book.worksheets:
        _prints_on_paper(sheet)
        assert sheet.freeze_panes == "A2"
    ranking = book.worksheets[0]
    assert ranking.cell(row=2, column=5).number_format == "#,##0"
    assert ranking.cell(row=2, column=6).number_format == "0.0%"
    total = ranking.cell(row=2, column=4)
    assert isinstance(total.value, float) and total.value == round(total.value, 2)
    assert total.number_format == "#,##0.00"
    names = {e.name for e in result.evaluators}
    assert names <= set(book.sheetnames), "evaluator sheets are named after the evaluators"


def test_the_questionnaire_offers_yes_or_no_for_knock_outs_and_prints() -> None:
    from ccc_audit.rfp.questionnaire import build_questionnaire
    from ccc_audit.rfp.rubric import builtin_rubrics, load_rubric

    book = _book(build_questionnaire(load_rubric(builtin_rubrics()[0]), "en"))
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.fitToWidth) == ("landscape", 1)
    (rule,) = book["knockouts"].data_validations.dataValidation
    assert (rule.formula1, rule.showErrorMessage, rule.errorStyle) == ('"yes,no"', True, "stop")
