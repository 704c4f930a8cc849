"""Snapshot tests of the procurement reports (the close race of fixtures/rfp/flip): one file each."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import shutil
import string
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from openpyxl import load_workbook
from snapshot_files import HtmlSnapshot, JsonSnapshot, MarkdownSnapshot
from syrupy.assertion import SnapshotAssertion

from ccc_audit.app.procurement import score_procurement
from ccc_audit.rfp.inputs import load_procurement
from ccc_audit.rfp.reporters.registry import render_rfp
from ccc_audit.templating import md_line

FIXTURES = Path(__file__).parent / "fixtures" / "rfp"


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    result = score_procurement(load_procurement(FIXTURES / "flip"), dt.date(2026, 3, 1))
    return render_rfp(result, ["json", "md", "html", "xlsx"], ["ja", "en"])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_markdown_report(files: dict[str, bytes], lang: str, snapshot: SnapshotAssertion) -> None:
    assert files[f"rfp-report.{lang}.md"].decode("utf-8") == snapshot(extension_class=MarkdownSnapshot)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_html_report(files: dict[str, bytes], lang: str, snapshot: SnapshotAssertion) -> None:
    assert files[f"rfp-report.{lang}.html"].decode("utf-8") == snapshot(extension_class=HtmlSnapshot)


def test_json_result(files: dict[str, bytes], snapshot: SnapshotAssertion) -> None:
    assert files["rfp-result.json"].decode("utf-8") == snapshot(extension_class=JsonSnapshot)


def test_workbook_has_the_matrix_the_evaluator_sheets_and_the_knockouts(files: dict[str, bytes]) -> None:
    book = load_workbook(io.BytesIO(files["rfp-scores.en.xlsx"]))
    assert book.sheetnames == [
        "Ranking",
        "Scores per criterion",
        "Basis of each score",
        "Knock-out requirements",
        "Evaluator One",
    ]
    matrix = [[c.value for c in row] for row in book["Scores per criterion"].iter_rows()]
    assert matrix[0][:3] == ["ID", "Criterion", "Share of the total (%)"]
    assert [row[0] for row in matrix[1:]] == ["price", "q1", "q2", None]
    assert matrix[-1][5:7] == [pytest.approx(77.7), pytest.approx(77.0)]


def test_hostile_vendor_text_is_escaped_in_html_and_neutralised_in_xlsx(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    shutil.copytree(FIXTURES / "worked", folder)
    vendor = folder / "vendors" / "a.yaml"
    hostile = '=HYPERLINK("http://x.invalid")<script>alert(1)</script>'
    vendor.write_text(vendor.read_text(encoding="utf-8").replace("name: Vendor A", f"name: '{hostile}'"))
    out = render_rfp(
        score_procurement(load_procurement(folder), dt.date(2026, 3, 1)), ["html", "xlsx", "json"], ["en"]
    )
    html = out["rfp-report.en.html"].decode("utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "http" not in html.split("<body>")[0]
    ranking = load_workbook(io.BytesIO(out["rfp-scores.en.xlsx"]))["Ranking"]
    name = ranking.cell(row=2, column=3)
    assert (name.value, name.data_type, name.quotePrefix) == (hostile, "s", True)
    assert json.loads(out["rfp-result.json"])["vendors"][0]["name"] == hostile


@settings(max_examples=300, deadline=None)
@example("&amp;")
@example("    indented code")
@example("1. not a list")
@example("<b>bold</b> [a](javascript:x)")
@given(st.text(alphabet=st.sampled_from(list(string.printable.strip() + " 評価→ü")), min_size=1, max_size=40))
def test_markdown_escaping_shows_any_text_as_it_is(text: str) -> None:
    rendered = MarkdownIt("commonmark", {"html": False}).enable("table").render(md_line(text) + "\n")
    shown = html.unescape(re.sub(r"^<p>|</p>\n$", "", rendered))
    assert "<" not in rendered.replace("<p>", "").replace("</p>", "")
    assert shown == text.strip()
