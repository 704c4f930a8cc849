"""The HTML report of the largest generated bundle: render time, file size and browser load time.

Usage: python benchmarks/bench_html.py [--bundle PATH | --seats 5000] [--months 12] [--runs 5]

Without --bundle it generates ``ccc-audit generate OUT --seats N --months M --seed 1
--violations all`` under benchmarks/out/ (reused when present; 5,000 seats take minutes and about
1.2 GB). It assesses the bundle once, then prints:
  render   rendering both HTML reports from the result in-process (best and median of --runs)
  size     the bytes of each HTML file
  browser  headless Chromium (/usr/bin/chromium) opening the file until its load event and the
           first layout, best and median of --runs
against the targets: rendered and displayed within 3 s, under 20 MB. The same figures are then
printed for a worst case: every finding of the result given --inflate failing entities and cited
rows (default 100,000), to show that the report's caps keep it small.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.models.common import Localized
from ccc_audit.models.result import AssessmentResult, EvidenceRef, FailingItem
from ccc_audit.reporters.base import Report
from ccc_audit.reporters.html_report import HtmlReporter

ROOT = Path(__file__).resolve().parent
OUT = ROOT / "out"
AS_OF = dt.date(2026, 1, 15)
TARGET_SECONDS = 3.0
TARGET_BYTES = 20 * 1024 * 1024
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _bundle(seats: int, months: int) -> Path:
    target = OUT / f"seats{seats}-months{months}-violations"
    if not (target / "bundle.yaml").is_file():
        command = [sys.executable, "-m", "ccc_audit", "generate", str(target)]
        options = ["--seats", str(seats), "--months", str(months), "--seed", "1", "--violations", "all"]
        subprocess.run([*command, *options], check=True, stdout=subprocess.DEVNULL)
    return target


def _assess(bundle: Path) -> tuple[AssessmentResult, float]:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as cache:
        result = assess(AssessOptions(bundle, AS_OF, language="ja", cache_dir=Path(cache))).result
    return result, time.perf_counter() - start


def _browser_seconds(path: Path, runs: int) -> list[float]:
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            start = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            page.evaluate("document.documentElement.scrollHeight")
            times.append(time.perf_counter() - start)
            page.close()
        browser.close()
    return times


def _inflate(result: AssessmentResult, count: int) -> AssessmentResult:
    detail = Localized(ja="2025-03 のモニタリングがない", en="no monitoring in 2025-03")
    failing = [FailingItem(subject=f"E{n:07d}", detail=detail) for n in range(count)]
    rows = list(range(2, count + 2))
    keys = [f"E{n:07d}" for n in range(count)]
    evidence = EvidenceRef(
        kind="records", id="monitoring", path="records/monitoring.csv", rows=rows, keys=keys
    )
    findings = [
        f.model_copy(update={"failing": failing, "evidence": [*f.evidence, evidence]})
        for f in result.findings
    ]
    return result.model_copy(update={"findings": findings})


def _measure(result: AssessmentResult, runs: int, label: str) -> None:
    reporter = HtmlReporter()
    with tempfile.TemporaryDirectory() as out:
        for lang in ("ja", "en"):
            renders = []
            content = b""
            for _ in range(runs):
                start = time.perf_counter()
                content = reporter.render(Report.of(result), lang)
                renders.append(time.perf_counter() - start)
            path = Path(out) / reporter.filename(lang)
            path.write_bytes(content)
            shown = _browser_seconds(path, runs)
            render_ok = statistics.median(renders) <= TARGET_SECONDS
            browser_ok = statistics.median(shown) <= TARGET_SECONDS
            size_ok = len(content) < TARGET_BYTES
            print(
                f"{label} {lang}: render best {min(renders):.3f} s median {statistics.median(renders):.3f} s "
                f"({'ok' if render_ok else 'OVER'} ≤ {TARGET_SECONDS:.0f} s); "
                f"size {len(content):,} bytes = {len(content) / 1024 / 1024:.2f} MB "
                f"({'ok' if size_ok else 'OVER'} < 20 MB); "
                f"browser load best {min(shown):.3f} s median {statistics.median(shown):.3f} s "
                f"({'ok' if browser_ok else 'OVER'} ≤ {TARGET_SECONDS:.0f} s)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bundle", type=Path)
    parser.add_argument("--seats", type=int, default=5000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--inflate", type=int, default=100_000)
    options = parser.parse_args()
    bundle = options.bundle or _bundle(options.seats, options.months)
    result, assess_seconds = _assess(bundle)
    failing = sum(len(f.failing) for f in result.findings)
    print(f"bundle {bundle}: {len(result.findings)} findings, {failing:,} failing entities")
    print(f"assessment (not part of the target) {assess_seconds:.2f} s")
    _measure(result, options.runs, "generated")
    if options.inflate:
        print(f"worst case: every finding with {options.inflate:,} failing entities and cited rows")
        _measure(_inflate(result, options.inflate), options.runs, "worst case")


if __name__ == "__main__":
    main()
