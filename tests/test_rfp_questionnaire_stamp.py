"""The questionnaire is the folder's: made from its rubric, stamped, and refused when it is not (issue 17).

A vendor who filled a questionnaire made from another rubric (the built-in one, say, while the
officer added a knock-out to the folder's) must not be knocked out silently: ``rfp score`` stops
with exit 2 and names both rubrics.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ccc_audit.cli.main import cli
from ccc_audit.rfp.questionnaire import field_key

NEW_KNOCKOUT = """knockouts:
  - id: ko-recording
    part: ict
    title: {ja: 通話録音, en: Call recording}
    question: {ja: 全通話を録音できるか。, en: Can every call be recorded?}
    evidence_expected: {ja: 録音システムの仕様。, en: Specification of the recording system.}
"""


@pytest.fixture
def tender(tmp_path: Path) -> Path:
    """A scaffolded tender whose officer renamed the rubric and added a knock-out."""
    folder = tmp_path / "tender"
    assert CliRunner().invoke(cli, ["rfp", "init", str(folder)]).exit_code == 0
    rubric = folder / "rubric.yaml"
    text = rubric.read_text(encoding="utf-8").replace("  id: default\n", "  id: acme-2026\n", 1)
    rubric.write_text(text.replace("knockouts:\n", NEW_KNOCKOUT, 1), encoding="utf-8")
    return folder


def _stamp(path: Path) -> dict[str, object]:
    sheet = load_workbook(path).worksheets[0]
    return {
        key: row[1].value
        for row in sheet.iter_rows()
        if (key := field_key(row[0].value)) and key.startswith("rubric")
    }


def test_the_questionnaire_defaults_to_the_folders_rubric_and_is_stamped(
    tender: Path, tmp_path: Path
) -> None:
    target = tmp_path / "q.xlsx"
    run = CliRunner().invoke(cli, ["rfp", "questionnaire", str(tender), "--out", str(target)])
    assert run.exit_code == 0, run.output
    digest = hashlib.sha256((tender / "rubric.yaml").read_bytes()).hexdigest()
    assert _stamp(target) == {"rubric_id": "acme-2026", "rubric_version": "2026.1", "rubric_sha256": digest}
    book = load_workbook(target)
    knockouts = book.worksheets[1]
    assert next(row[0].value for row in knockouts.iter_rows(min_row=2)) == "ko-recording"
    (rule,) = knockouts.data_validations.dataValidation
    assert (rule.type, rule.formula1, rule.showErrorMessage, rule.errorStyle) == (
        "list",
        '"はい,いいえ"',
        True,
        "stop",
    )
    assert str(rule.sqref) == f"F2:F{knockouts.max_row}"


def test_a_response_made_from_another_rubric_is_refused_naming_both(tender: Path) -> None:
    made = tender / "vendors" / "delta.xlsx"
    run = CliRunner().invoke(
        cli, ["rfp", "questionnaire", "--rubric", "default", "--lang", "en", "--out", str(made)]
    )
    assert run.exit_code == 0, run.output
    book = load_workbook(made)
    sheet = book.worksheets[0]
    filled: dict[str | None, str | int] = {
        "vendor_id": "delta",
        "vendor_name": "Delta",
        "price_amount": 100000000,
    }
    for row in sheet.iter_rows(min_row=2):
        key = field_key(row[0].value)
        if key in filled:
            row[1].value = filled[key]
    book.save(made)
    before = sorted(p.name for p in tender.rglob("*"))

    scored = CliRunner().invoke(cli, ["rfp", "score", str(tender), "--as-of", "2026-03-01"])

    assert scored.exit_code == 2
    assert 'rubric "default"' in scored.stderr and 'rubric "acme-2026"' in scored.stderr
    assert "delta.xlsx" in scored.stderr and "Traceback" not in scored.stderr
    assert sorted(p.name for p in tender.rglob("*")) == before, "nothing written"


def test_an_unfilled_questionnaire_of_another_rubric_is_refused_for_its_rubric_first(tender: Path) -> None:
    made = tender / "vendors" / "epsilon.xlsx"
    assert (
        CliRunner().invoke(cli, ["rfp", "questionnaire", "--rubric", "default", "--out", str(made)]).exit_code
        == 0
    )

    scored = CliRunner().invoke(cli, ["rfp", "score", str(tender), "--as-of", "2026-03-01"])

    assert scored.exit_code == 2
    (line,) = [x for x in scored.stderr.splitlines() if "epsilon.xlsx" in x]
    assert 'rubric "default"' in line and 'rubric "acme-2026"' in line
