"""The living review of COPC quantified requirements (``docs/copc-review/*.md``) stays true.

Every row names rules the shipped packs have, every row has a rule, every verdict is ``correct``
or ``attested``, and rows are numbered without gaps or repeats. Rows 1–50 live in ``core.md``
and rows 51–111 in ``annexes.md``; once both files exist, together they hold rows 1..111
exactly once.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ccc_audit.app.review_table import VERDICTS, ReviewRow, read_review, review_files
from ccc_audit.app.setup import prepare
from ccc_audit.cli.main import cli

REVIEW = Path(__file__).resolve().parent.parent / "docs" / "copc-review"
FILES = review_files(REVIEW)
ROWS_IN_ALL = 111
CORE_ROWS = 50


def _rows(path: Path) -> list[ReviewRow]:
    return read_review(path)


def test_the_review_tables_are_there() -> None:
    assert (REVIEW / "README.md").is_file()
    assert REVIEW / "core.md" in FILES


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_named_rule_exists_in_the_shipped_packs(path: Path) -> None:
    shipped = prepare().library.rule_ids()
    unknown = [
        f"row {row.number}: {rule}" for row in _rows(path) for rule in row.rules if rule not in shipped
    ]
    assert unknown == []


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_row_has_a_rule_written_as_backticked_ids(path: Path) -> None:
    bad = [
        f"row {row.number}: {row.problems or 'no rule'}"
        for row in _rows(path)
        if not row.rules or row.problems
    ]
    assert bad == []


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_verdict_is_correct_or_attested_with_a_reason(path: Path) -> None:
    bad = [f"row {row.number}: {row.verdict!r}" for row in _rows(path) if row.verdict not in VERDICTS]
    assert bad == []
    assert [row.number for row in _rows(path) if not row.reason] == []


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_rows_are_unique_and_contiguous_within_a_file(path: Path) -> None:
    numbers = [row.number for row in _rows(path)]
    assert numbers, f"{path.name} holds no rows"
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_core_and_annexes_together_hold_every_row_once() -> None:
    """Rows 1..111 once across the files; until annexes.md exists, core.md holds rows 1..50."""
    numbers = sorted(row.number for path in FILES for row in _rows(path))
    if (REVIEW / "annexes.md").exists():
        assert numbers == list(range(1, ROWS_IN_ALL + 1))
    else:
        assert numbers == list(range(1, CORE_ROWS + 1))


def test_a_malformed_rule_cell_or_unknown_rule_is_reported(tmp_path: Path) -> None:
    table = tmp_path / "core.md"
    table.write_text(
        "| # | Requirement (handbook line) | Rule ids | Verdict | Reason |\n"
        "|---|---|---|---|---|\n"
        "| 1 | a (L1) | copc.1.1.policy-statement | correct | x |\n"
        "| 2 | b (L2) | `copc.no.such-rule` | correct | x |\n",
        encoding="utf-8",
    )
    first, second = read_review(table)
    assert first.problems and not first.rules
    assert second.rules == ("copc.no.such-rule",) and second.rules[0] not in prepare().library.rule_ids()


def test_rules_coverage_counts_the_review_rows() -> None:
    result = CliRunner().invoke(cli, ["rules", "coverage", "--review", str(REVIEW)])
    assert result.exit_code == 0, result.output
    total = sum(len(_rows(path)) for path in FILES)
    assert f"review rows: {total}" in result.output
    assert "missing (no rule, or a rule no pack has): 0" in result.output
    assert "correct by records:" in result.output and "attested only:" in result.output
