"""The HTML report in a real browser: headless Chromium loads it, filters it and screenshots it.

Chromium is Debian's ``chromium`` package at /usr/bin/chromium (``scripts/test``, the README's test
command, installs it when it is missing); Playwright only drives it and never downloads a browser of
its own. The tests carry the ``browser`` marker: ``-m "not browser"`` deselects them knowingly.
Screenshots go to ``test-output/screenshots/`` (or ``$CCC_AUDIT_TEST_OUTPUT/screenshots``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from demo_result import assess_demo
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

from ccc_audit.app.render import render_all
from ccc_audit.models.result import AssessmentResult

CHROMIUM = Path(os.environ.get("CCC_AUDIT_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
pytestmark = pytest.mark.browser

OUTPUT = Path(os.environ.get("CCC_AUDIT_TEST_OUTPUT", Path(__file__).parent.parent / "test-output"))


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    result: AssessmentResult = assess_demo()
    folder = tmp_path_factory.mktemp("html")
    paths = {}
    for name, content in render_all(result, ["html"], ["ja", "en"], previous=result).items():
        (folder / name).write_bytes(content)
        paths[name] = folder / name
    return paths


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.is_file(), (
        f"{CHROMIUM} is missing: run scripts/test (it installs Debian's chromium and fonts-ipafont-gothic), "
        "set CCC_AUDIT_CHROMIUM to a Chromium binary, or deselect these tests with -m 'not browser'"
    )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def _open(browser: Browser, path: Path, width: int) -> tuple[Page, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            problems.append(f"console {message.type}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def on_request(request: Request) -> None:
        if not request.url.startswith("file:"):
            problems.append(f"network request: {request.url}")

    page.on("request", on_request)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_report_loads_cleanly_without_horizontal_overflow(
    browser: Browser, reports: dict[str, Path], lang: str, width: int
) -> None:
    page, problems = _open(browser, reports[f"gap-report.{lang}.html"], width)
    assert page.evaluate("document.documentElement.lang") == lang
    overflow = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert overflow[0] <= overflow[1], f"page is {overflow[0]} px wide in a {overflow[1]} px window"
    assert page.locator("svg.chart").count() >= 3
    OUTPUT.joinpath("screenshots").mkdir(parents=True, exist_ok=True)
    shot = OUTPUT / "screenshots" / f"gap-report.{lang}.{width}.png"
    page.screenshot(path=str(shot), full_page=width == 1280)
    assert shot.stat().st_size > 10_000
    page.close()
    assert problems == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_filters_narrow_the_requirement_table(browser: Browser, reports: dict[str, Path], lang: str) -> None:
    page, problems = _open(browser, reports[f"gap-report.{lang}.html"], 1280)
    rows = page.locator("#requirements-table tbody tr")
    visible = "#requirements-table tbody tr:not([hidden])"
    total = rows.count()
    assert page.locator(visible).count() == total

    page.select_option("#filter-status", "non_compliant")
    statuses = page.eval_on_selector_all(visible, "rows => rows.map(r => r.dataset.status)")
    assert statuses and set(statuses) == {"non_compliant"}

    page.select_option("#filter-standard", "iso-18295-1")
    script = "rows => rows.map(r => r.dataset.standard + '/' + r.dataset.status)"
    shown = page.eval_on_selector_all(visible, script)
    assert shown and set(shown) == {"iso-18295-1/non_compliant"}
    assert str(len(shown)) in (page.text_content("#filter-count") or "")

    page.select_option("#filter-status", "")
    page.select_option("#filter-standard", "")
    page.select_option("#filter-grade", "major")
    grades = page.eval_on_selector_all(visible, "rows => rows.map(r => r.dataset.grade)")
    assert grades and set(grades) == {"major"}
    assert len(grades) < total

    page.select_option("#filter-grade", "")
    assert page.locator(visible).count() == total
    page.close()
    assert problems == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_print_shows_every_row_and_hides_the_controls(
    browser: Browser, reports: dict[str, Path], lang: str
) -> None:
    page, problems = _open(browser, reports[f"gap-report.{lang}.html"], 1280)
    page.select_option("#filter-status", "non_compliant")
    page.emulate_media(media="print")
    assert page.locator("#filters").is_hidden()
    assert page.locator("nav.toc").is_hidden()
    rows = page.locator("#requirements-table tbody tr")
    shown = page.eval_on_selector_all(
        "#requirements-table tbody tr",
        "rows => rows.filter(r => getComputedStyle(r).display !== 'none').length",
    )
    assert shown == rows.count()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    pdf = OUTPUT / f"gap-report.{lang}.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 50_000
    page.close()
    assert problems == []


@pytest.fixture(scope="module")
def rfp_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from ccc_audit.app.procurement import score_procurement
    from ccc_audit.rfp.inputs import load_procurement
    from ccc_audit.rfp.reporters.registry import render_rfp

    scored = score_procurement(
        load_procurement(Path(__file__).parent / "fixtures" / "rfp" / "flip"), AS_OF_RFP
    )
    folder = tmp_path_factory.mktemp("rfp-html")
    paths = {}
    for name, content in render_rfp(scored, ["html"], ["ja", "en"]).items():
        (folder / name).write_bytes(content)
        paths[name] = folder / name
    return paths


AS_OF_RFP = dt.date(2026, 3, 1)

MEASURE = """() => {
  const canvas = document.createElement("canvas").getContext("2d");
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const narrow = [];
  for (const cell of document.querySelectorAll("td, th")) {
    if (!shown(cell)) { continue; }
    const style = getComputedStyle(cell);
    canvas.font = style.font;
    const four = canvas.measureText("0000").width;
    const width = cell.getBoundingClientRect().width;
    if (width + 0.5 < four) {
      narrow.push(`${cell.textContent.trim().slice(0, 30)}: ${width.toFixed(1)} < ${four.toFixed(1)} px`);
    }
  }
  const lines = (range) => new Set(
    Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top))
  ).size;
  const broken = [];
  let ids = 0;
  for (const el of document.querySelectorAll(".id")) {
    if (!shown(el)) { continue; }
    ids++;
    const range = document.createRange();
    range.selectNodeContents(el);
    if (lines(range) > 1) { broken.push(el.textContent); }
  }
  // Ids not marked up (procurement report): tokens with a digit and a separator (F-1A2B, 2026-03-01).
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const token = /[A-Za-z0-9]+(?:[-:._][A-Za-z0-9]+)+/g;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("svg, script, style, .id") || !shown(parent)) { continue; }
    for (const m of node.data.matchAll(token)) {
      if (!/[0-9]/.test(m[0])) { continue; }
      ids++;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      if (lines(range) > 1) { broken.push(m[0]); }
    }
  }
  const small = [];
  for (const text of document.querySelectorAll("svg text")) {
    if (!shown(text)) { continue; }
    const size = parseFloat(getComputedStyle(text).fontSize) * (text.getCTM() ? text.getCTM().a : 1);
    if (size < 9) { small.push(`${text.textContent.slice(0, 20)}: ${size.toFixed(1)} px`); }
  }
  return { narrow, broken, ids, small,
           scroll: document.documentElement.scrollWidth, inner: window.innerWidth };
}"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("kind", ["gap-report", "rfp-report"])
def test_tables_ids_and_charts_are_legible_on_desktop_and_phone(
    browser: Browser,
    reports: dict[str, Path],
    rfp_reports: dict[str, Path],
    kind: str,
    lang: str,
    width: int,
) -> None:
    """Measured in the page: cells at least four characters wide, no sideways page scroll, no id
    broken across lines, chart text at least 9 px."""
    path = (reports if kind == "gap-report" else rfp_reports)[f"{kind}.{lang}.html"]
    page, problems = _open(browser, path, width)
    measured = page.evaluate(MEASURE)
    OUTPUT.joinpath("screenshots").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "screenshots" / f"{kind}.{lang}.{width}.viewport.png"))
    page.close()
    assert measured["scroll"] <= measured["inner"], f"page is {measured['scroll']} px wide at {width} px"
    assert measured["narrow"] == [], "cells narrower than four characters"
    assert measured["ids"] > 10
    assert measured["broken"] == [], "ids broken across lines"
    assert measured["small"] == [], "chart text below 9 px"
    assert problems == []
