"""Audit periods as auditors use them: an April-March fiscal year and a rolling 12 months.

The demo bundle (calendar 2025) is copied and only its audit period changed. Its yearly
documents (employee survey report 2025-08-20, journey analysis 2025-10-15, acceptance test
2025-06-12, a yearly cycle the demo centre designates) and the employee survey round of 2025 all fall in
2025-04..2026-03 and in 2025-03-15..2026-03-14, so every yearly periodic rule passes with one
whole year. The per-person rules are rolling (at most 12 months apart) and now evaluated; they
fail because the records stop in December 2025 while some people's 12 months run out before
the period ends.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.models.result import Outcome
from ccc_audit.resources import demo_bundle

YEARLY_PERIODIC = [
    "copc.3.7.employee-survey",
    "copc.3.7.employee-survey-responses",
    "copc.2.3.annual-journey-analysis",
    "copc.2.6.acceptance-testing",
    "iso18295-1.5.r2.employee-survey",
]
YEARLY_PER_PERSON = [
    "copc.3.4.annual-reverification",
    "copc.3.4.annual-observation",
    "iso18295-1.6.annual-competence-review",
]

CALENDAR = "audit_period:\n  start: 2025-01-01\n  end: 2025-12-31\n"


@pytest.mark.parametrize(
    "period",
    [
        'audit_period:\n  start: 2025-04-01\n  end: 2026-03-31\n  fiscal_year_start: "04-01"\n',
        "audit_period:\n  start: 2025-03-15\n  end: 2026-03-14\n",
    ],
    ids=["april-march", "rolling-12-months"],
)
def test_every_yearly_rule_is_evaluated(period: str, tmp_path: Path) -> None:
    root = tmp_path / "bundle"
    shutil.copytree(demo_bundle(), root)
    manifest = root / "bundle.yaml"
    assert CALENDAR in manifest.read_text(encoding="utf-8")
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(CALENDAR, period), encoding="utf-8")
    result = assess(AssessOptions(root, dt.date(2026, 4, 15), language="en")).result
    rules = {r.rule_id: r for r in result.rules}
    too_short = [r.rule_id for r in result.rules if any(c.reason == "period_too_short" for c in r.checks)]
    assert not [r for r in too_short if r in YEARLY_PERIODIC + YEARLY_PER_PERSON]
    for rule_id in YEARLY_PERIODIC:
        assert (rules[rule_id].outcome, rules[rule_id].reason) == (Outcome.PASS, "all_windows_covered")
        assert rules[rule_id].checks[0].measured == "1/1 years"
    for rule_id in YEARLY_PER_PERSON:
        assert (rules[rule_id].outcome, rules[rule_id].reason) == (Outcome.FAIL, "threshold_breached")


LAW_VERIFICATION = "copc.ag-outbound.annual-law-verification"
APRIL_MARCH = 'audit_period:\n  start: 2025-04-01\n  end: 2026-03-31\n  fiscal_year_start: "04-01"\n'


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        # Counted by hand from the demo records: E1061 (verified on the law 2025-03-21), E1023
        # (2025-02-21) and E1025 (2025-03-11, 2025-03-21) dial out in the fiscal year
        # 2025-04..2026-03 but were verified only before April; the other eight outbound CSS were
        # verified in it.
        (APRIL_MARCH, ("fail", 3)),
        (CALENDAR, ("pass", 0)),
        # Half a year holds no whole year: the yearly SQL check is not assessed, never passed on no rows.
        ("audit_period:\n  start: 2025-04-01\n  end: 2025-09-30\n", ("not_assessed", None)),
    ],
    ids=["april-march", "calendar", "half-year"],
)
def test_the_yearly_law_verification_follows_the_audit_year(
    period: str, expected: tuple[str, int | None], tmp_path: Path
) -> None:
    root = tmp_path / "bundle"
    shutil.copytree(demo_bundle(), root)
    manifest = root / "bundle.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(CALENDAR, period), encoding="utf-8")
    options = AssessOptions(root, dt.date(2026, 4, 15), language="en", rules=(LAW_VERIFICATION,))
    rule = next(r for r in assess(options).result.rules if r.rule_id == LAW_VERIFICATION)
    check = rule.checks[0]
    rows = int(check.values[0].value) if check.values else None
    assert (rule.outcome.value, rows) == expected, check.message.en
