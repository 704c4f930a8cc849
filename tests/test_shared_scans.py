"""A frequency rule judges alike alone or after the rules whose scans it shares (issue 18).

Rules counting the same events share per-run tables (``ccc_audit.checks.entity_counts``): the
first rule that needs the monitoring evaluations per CSS and quarter counts them, by method say;
a later one needing them by no column adds that table up; two rules drawing the same population
share it. Which rule comes first depends on the run, so it must never change a result: each rule
assessed on its own gives exactly what it gives in the full run.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.models.result import Outcome
from ccc_audit.resources import demo_bundle

AS_OF = dt.date(2026, 1, 15)
SHARING = (
    "copc.3.5.monthly-monitoring",
    "copc.3.5.kcrp-quarterly",
    "copc.3.5.side-by-side-and-remote",
    "iso18295-1.7.r2.interaction-qa",
    "copc.2.7.evaluator-calibration",
    "copc.2.7.quantitative-calibration",
)


def _without_second_quarter_of(root: Path, staff_id: str) -> None:
    """Drop every April-June evaluation of one CSS from the demo's monitoring."""
    path = root / "records" / "monitoring.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    staff, date = rows[0].index("staff_id"), rows[0].index("date")
    kept = [rows[0]] + [
        r for r in rows[1:] if not (r[staff] == staff_id and "2025-04" <= r[date][:7] <= "2025-06")
    ]
    assert len(kept) < len(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(kept)


def test_each_rule_alone_gives_what_it_gives_in_the_full_run(tmp_path: Path) -> None:
    root = tmp_path / "centre"
    shutil.copytree(demo_bundle(), root)
    _without_second_quarter_of(root, "E1025")
    full = {r.rule_id: r for r in assess(AssessOptions(root, AS_OF, language="en")).result.rules}
    for rule_id in SHARING:
        alone = assess(AssessOptions(root, AS_OF, language="en", rules=(rule_id,))).result.rules
        (result,) = [r for r in alone if r.rule_id == rule_id]
        assert result.model_dump(mode="json") == full[rule_id].model_dump(mode="json"), rule_id
    # the CSS left without evaluations in Q2 is listed by the rules counting every evaluation
    for rule_id in ("copc.3.5.monthly-monitoring", "iso18295-1.7.r2.interaction-qa"):
        assert full[rule_id].outcome is Outcome.FAIL
        assert any(item.subject == "E1025" for check in full[rule_id].checks for item in check.failing)
