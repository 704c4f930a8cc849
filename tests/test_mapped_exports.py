"""Exports as centres produce them, read through a mapping in bundle.yaml, give the canonical findings."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from demo_result import AS_OF, assess_demo
from export_corpus import VARIANTS

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.cli.main import cli
from ccc_audit.errors import InputError
from ccc_audit.models.result import AssessmentResult
from ccc_audit.resources import demo_bundle


def signature(result: AssessmentResult, with_lines: bool) -> list[Any]:
    """What a reader acts on: each rule's outcome and checks, and each finding (paths left out)."""
    rules = []
    for rule in result.rules:
        checks = [
            (
                c.kind,
                c.outcome,
                c.reason,
                c.measured,
                c.required,
                [(v.value, v.unit, v.out_of) for v in c.values],
                [(f.subject) for f in c.failing],
                [(e.kind, e.id, e.keys, e.rows if with_lines else None) for e in c.evidence],
                c.population,
                c.failing_count,
            )
            for c in rule.checks
        ]
        rules.append((rule.rule_id, rule.outcome, rule.reason, rule.grade, rule.finding_id, checks))
    findings = [(f.id, f.grade, f.measured, [i.subject for i in f.failing]) for f in result.findings]
    return [rules, findings]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_an_export_read_through_its_mapping_gives_the_canonical_findings(
    variant: str, tmp_path: Path
) -> None:
    bundle = VARIANTS[variant](tmp_path / "bundle")
    result = assess(AssessOptions(bundle, AS_OF, language="ja")).result
    # Lines shift only where title rows sit above the header (the XLSX reports).
    with_lines = variant != "xlsx_title_rows_totals"
    assert signature(result, with_lines) == signature(assess_demo(), with_lines)
    assert [n for n in result.notices if n.code == "unknown_column"] == []


def test_an_xlsx_report_cites_its_own_sheet_rows(tmp_path: Path) -> None:
    bundle = VARIANTS["xlsx_title_rows_totals"](tmp_path / "bundle")
    result = assess(AssessOptions(bundle, AS_OF, language="ja")).result
    canonical = assess_demo()
    shifted = {
        (r.rule_id, e.id): [row + 2 for row in e.rows]
        for r in canonical.rules
        for c in r.checks
        for e in c.evidence
        if e.kind == "records" and e.rows and e.id == "roster"
    }
    cited = {
        (r.rule_id, e.id): e.rows
        for r in result.rules
        for c in r.checks
        for e in c.evidence
        if e.kind == "records" and e.rows and e.id == "roster"
    }
    assert shifted and cited == shifted


def test_a_bad_value_in_a_mapped_export_names_the_export_file_line_and_header(tmp_path: Path) -> None:
    bundle = VARIANTS["cp932_japanese"](tmp_path / "bundle")
    roster = bundle / "records" / "roster.csv"
    lines = roster.read_text(encoding="cp932").splitlines()
    lines[4] = lines[4].replace("派遣", "出向", 1).replace("正社員", "出向", 1)
    roster.write_text("\n".join(lines) + "\n", encoding="cp932")
    with pytest.raises(InputError) as raised:
        assess(AssessOptions(bundle, dt.date(2026, 1, 15), language="ja"))
    message = str(raised.value)
    assert f"{roster}:5:" in message
    assert 'column "雇用形態" (employment_type): "出向" is not one of permanent' in message


def _declare(bundle: Path, name: str, extra: str) -> None:
    """Add ``extra`` (YAML lines, indented for the set) under record set ``name`` of bundle.yaml."""
    manifest = bundle / "bundle.yaml"
    text = manifest.read_text(encoding="utf-8")
    anchor = f'  {name}:\n    path: "records/{name}.csv"\n'
    assert anchor in text
    manifest.write_text(text.replace(anchor, anchor + extra), encoding="utf-8")


@pytest.mark.parametrize(
    ("extra", "located", "phrase"),
    [
        (
            "    columns: {staff_idd: 社員番号}\n",
            "bundle.yaml:",
            '"staff_idd" is not a column of record type "roster"; did you mean "staff_id"?',
        ),
        (
            "    values: {employment_type: {嘱託: temp}}\n",
            "bundle.yaml:",
            '"嘱託" maps to "temp", which is not one of permanent, temporary, agency',
        ),
        (
            "    values: {hire_date: {x: y}}\n",
            "bundle.yaml:",
            'column "hire_date" is date; only enum and yes/no columns map labels',
        ),
        ('    date_format: "%H:%M"\n', "bundle.yaml:", "names no year, month or day"),
        ("    header_row: 2\n    skip_rows: 1\n", "bundle.yaml:", "give header_row or skip_rows, not both"),
        (
            "    columns: {staff_id: 社員番号}\n",
            "roster.csv:1:",
            'maps column "staff_id" to the header "社員番号", which the file does not have',
        ),
        (
            "    ignore_rows: [{column: 合計欄, equals: 合計}]\n",
            "roster.csv:1:",
            'ignore_rows reads column "合計欄"',
        ),
    ],
)
def test_a_wrong_mapping_is_a_located_error(extra: str, located: str, phrase: str, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    shutil.copytree(demo_bundle(), bundle)
    _declare(bundle, "roster", extra)
    result = CliRunner().invoke(cli, ["validate", str(bundle), "--as-of", "2025-06-01"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert located in result.output and phrase in result.output, result.output


def test_two_headers_meaning_one_column_are_ambiguous_until_bundle_yaml_says_which(tmp_path: Path) -> None:
    bundle = VARIANTS["cp932_japanese"](tmp_path / "bundle")
    roster = bundle / "records" / "roster.csv"
    lines = roster.read_text(encoding="cp932").splitlines()
    # 社員No is mapped in bundle.yaml; 社員番号 and 従業員ID both alias staff_id.
    lines = [lines[0].replace("社員No", "社員番号", 1) + ",従業員ID", *(f"{line},x" for line in lines[1:])]
    roster.write_text("\n".join(lines) + "\n", encoding="cp932")
    manifest = bundle / "bundle.yaml"
    declared = "    path: records/roster.csv\n    columns:\n      staff_id: 社員No\n"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace(declared, "    path: records/roster.csv\n", 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(bundle), "--as-of", "2025-06-01"])
    assert result.exit_code == 2
    assert 'required column "staff_id"' in result.output and "map it in bundle.yaml" in result.output
    manifest.write_text(text.replace(declared, declared.replace("社員No", "社員番号"), 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(bundle), "--as-of", "2025-06-01"])
    assert result.exit_code == 0, result.output
    assert 'column "従業員ID" is not a column of record type roster' in result.output
