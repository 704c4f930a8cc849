"""The living table of the COPC application guides (docs/copc-review/annexes.md) names real rules.

Every row (7, then 51-111; row 7 may instead live in core.md) has at least one rule id that
exists in the shipped packs, a verdict of correct or attested, and a reason; an attested row
names at least one attestation rule.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from ccc_audit.checks.registry import REGISTRY
from ccc_audit.loading.library import Library, load_library
from ccc_audit.resources import builtin_catalogues, builtin_packs

TABLE = Path(__file__).resolve().parents[1] / "docs" / "copc-review" / "annexes.md"
ROW = re.compile(r"^\| (\d+) \| (.+?) \| (.+?) \| (correct|attested) \| (.+?) \|$")


@cache
def _library() -> Library:
    return load_library(builtin_catalogues(), builtin_packs(), REGISTRY)


def _rows() -> list[tuple[int, str, list[str], str, str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("| ") and line[2].isdigit():
            match = ROW.match(line)
            assert match, line
            number, requirement, ids, verdict, reason = match.groups()
            rule_ids = [part.strip().strip("`") for part in ids.split(", ")]
            rows.append((int(number), requirement, rule_ids, verdict, reason))
    return rows


def test_the_table_holds_rows_51_to_111_in_order_after_row_7() -> None:
    """Row 7 (2.5 schedule intervals) is reviewed with the annexes; it may move to core.md."""
    numbers = [row[0] for row in _rows()]
    assert numbers in ([7, *range(51, 112)], list(range(51, 112)))


@pytest.mark.parametrize("row", _rows(), ids=lambda row: f"row-{row[0]}")
def test_every_row_names_existing_rules_and_a_reason(row: tuple[int, str, list[str], str, str]) -> None:
    number, requirement, rule_ids, verdict, reason = row
    rules = {rule.id: rule for _, rule in _library().rules()}
    assert re.search(r"\(L\d+", requirement), f"row {number} cites no handbook line"
    assert rule_ids and all(rule_id in rules for rule_id in rule_ids), (number, rule_ids)
    assert reason.strip()
    if verdict == "attested":
        kinds = {check.kind for rule_id in rule_ids for check in rules[rule_id].checks}
        assert "attestation" in kinds, f"row {number} is attested but names no attestation rule"
