"""Progress between two assessments: ``ccc-audit diff`` and the progress section of every report."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from demo_result import assess_demo
from openpyxl import load_workbook

from ccc_audit.app.render import render_all
from ccc_audit.cli.main import cli
from ccc_audit.models.common import Grade
from ccc_audit.models.result import AssessmentResult, Outcome
from ccc_audit.results.comparison import Change, compare

NOW = assess_demo()


def _earlier() -> AssessmentResult:
    """Three months before: one finding not yet raised, one graded lower, one since resolved (its
    rule passes now), and one whose rule this run did not evaluate (not re-assessed)."""
    findings = sorted(NOW.findings, key=lambda f: f.id)
    new, regressed = findings[0], next(f for f in findings if f.grade is Grade.MAJOR)
    passing = next(r.rule_id for r in NOW.rules if r.outcome is Outcome.PASS)
    gone = findings[-1].model_copy(update={"id": "F-0000000000", "rule_id": passing})
    unknown = findings[-1].model_copy(update={"id": "F-0000000001", "rule_id": "copc.not-in-this-run"})
    before = [
        f.model_copy(update={"grade": Grade.OBSERVATION}) if f.id == regressed.id else f
        for f in findings
        if f.id != new.id
    ]
    return NOW.model_copy(update={"findings": [*before, gone, unknown], "as_of": dt.date(2025, 10, 15)})


EARLIER = _earlier()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (Change.NEW, 1),
        (Change.RESOLVED, 1),
        (Change.NOT_REASSESSED, 1),
        (Change.REGRESSED, 1),
        (Change.IMPROVED, 0),
        (Change.FIRST_ASSESSED, 0),
    ],
)
def test_compare_classifies_every_finding(change: Change, expected: int) -> None:
    progress = compare(EARLIER, NOW)
    assert progress.count(change) == expected
    assert sum(progress.count(c) for c in Change) == len(NOW.findings) + 2
    assert progress.count(Change.UNCHANGED) == len(NOW.findings) - 2


def test_compare_against_itself_is_all_unchanged() -> None:
    progress = compare(NOW, NOW)
    assert progress.count(Change.UNCHANGED) == len(NOW.findings)
    assert all(r.old_rate == r.new_rate for r in progress.rollups)


def test_diff_command(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(EARLIER.model_dump_json(), "utf-8")
    new.write_text(NOW.model_dump_json(), "utf-8")
    done = CliRunner().invoke(cli, ["diff", str(old), str(new), "--lang", "en"])
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    assert lines[0] == "Progress since the previous assessment: 2025-10-15 -> 2026-01-15"
    assert lines[1] == (
        f"New 1, First assessed 0, Resolved 1, Not re-assessed 1, Regressed 1, Improved 0, "
        f"Unchanged {len(NOW.findings) - 2}"
    )
    assert any(line.startswith("Resolved   F-0000000000") for line in lines)
    assert any(line.startswith("Not re-assessed F-0000000001") for line in lines)
    assert any(line.startswith("copc-cx-r7 ") for line in lines)
    ja = CliRunner().invoke(cli, ["diff", str(old), str(new), "--lang", "ja"])
    assert "新規 1, 初めて評価 0, 解消 1, 再評価なし 1, 悪化 1" in ja.output


def test_diff_of_a_file_that_is_not_a_result_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "old.json"
    bad.write_text("[]", "utf-8")
    done = CliRunner().invoke(cli, ["diff", str(bad), str(bad)])
    assert done.exit_code == 2
    assert f"error: {bad}:" in done.output


def test_every_report_gains_a_progress_section() -> None:
    files = render_all(NOW, ["md", "html", "xlsx"], ["ja", "en"], previous=EARLIER)
    for lang, heading in (("en", "Progress since the previous assessment"), ("ja", "前回評価からの進捗")):
        assert f"## {heading}" in files[f"gap-report.{lang}.md"].decode()
        html = files[f"gap-report.{lang}.html"].decode()
        assert f'<section id="progress">\n<h2>{heading}</h2>' in html
        summary = load_workbook(io.BytesIO(files[f"gap-analysis.{lang}.xlsx"])).worksheets[0]
        assert any(str(c.value).startswith(heading) for row in summary.iter_rows() for c in row)
    plain = render_all(NOW, ["md", "html"], ["en"])
    assert "Progress since" not in plain["gap-report.en.md"].decode()
    assert 'id="progress"' not in plain["gap-report.en.html"].decode()


def test_assess_with_previous_writes_the_progress(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(EARLIER.model_dump_json(), "utf-8")
    out = tmp_path / "out"
    done = CliRunner().invoke(cli, ["demo", "--out", str(out), "--previous", str(old), "--format", "md"])
    assert done.exit_code == 1, done.output
    assert "| Regressed | 1 |" in (out / "gap-report.en.md").read_text("utf-8")
