"""The CI completeness profile: heavy record checks only verify their records and columns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bundle_factory import write_bundle
from click.testing import CliRunner
from test_engine import AS_OF, MONITORING_CHECK, PERIOD, monitoring_records, rule, write_pack

from ccc_audit.cli.main import cli

RULES = [rule("presencetest.6-r3.monitoring", "6.R3", "minor", MONITORING_CHECK)]


def _check(tmp_path: Path, records: dict[str, Any], *options: str) -> tuple[int, dict[str, Any]]:
    root = write_bundle(tmp_path / "bundle", {"audit_period": PERIOD, "records": records})
    out = tmp_path / "result.json"
    pack = str(write_pack(tmp_path, RULES))
    arguments = ["check", str(root), "--pack", pack, "--as-of", str(AS_OF), "--format", f"json:{out}"]
    result = CliRunner().invoke(cli, [*arguments, *options])
    assert "Traceback" not in result.output
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result.exit_code, data


def _header_only(records: dict[str, Any], name: str, **spec: Any) -> dict[str, Any]:
    return {**records, name: {"columns": records[name]["columns"], "rows": [], "spec": spec}}


NO_EVENTS = {"declared_by": "Head of Quality", "declared_on": "2025-12-20", "statement": "No evaluations."}


def _without_column(records: dict[str, Any], name: str, column: str) -> dict[str, Any]:
    table = records[name]
    index = table["columns"].index(column)
    trimmed = {
        "columns": [c for i, c in enumerate(table["columns"]) if i != index],
        "rows": [[v for i, v in enumerate(row) if i != index] for row in table["rows"]],
    }
    return {**records, name: trimmed}


@pytest.mark.parametrize(
    ("records", "options", "expected"),
    [
        (monitoring_records(css=2, short=1), (), ("excluded", "records_present", 0)),
        (monitoring_records(css=2, short=1), ("--with-records",), ("fail", "threshold_breached", 1)),
        (monitoring_records(css=2, short=0), ("--with-records",), ("pass", "all_entities_met", 0)),
        ({"roster": monitoring_records(css=2, short=0)["roster"]}, (), ("fail", "evidence_missing", 1)),
        (
            _without_column(monitoring_records(css=2, short=0), "roster", "production_start"),
            (),
            ("fail", "evidence_incomplete", 1),
        ),
        (_header_only(monitoring_records(css=2, short=0), "monitoring"), (), ("fail", "records_empty", 1)),
        (
            _header_only(monitoring_records(css=2, short=0), "monitoring", no_events=NO_EVENTS),
            (),
            ("excluded", "records_present", 0),
        ),
        (
            _header_only(monitoring_records(css=2, short=0), "roster"),
            ("--with-records",),
            ("not_assessed", "records_empty", 0),
        ),
    ],
    ids=[
        "records_present_not_computed",
        "with_records_computes_the_gap",
        "with_records_computes_the_pass",
        "record_set_missing",
        "column_missing",
        "header_only_records_are_incomplete",
        "header_only_declared_no_events_is_complete",
        "header_only_population_is_not_assessed",
    ],
)
def test_presence_only_record_checks(
    tmp_path: Path, records: dict[str, Any], options: tuple[str, ...], expected: tuple[str, str, int]
) -> None:
    code, data = _check(tmp_path, records, *options)

    check = data["rules"][0]["checks"][0]
    assert (check["outcome"], check["reason"], code) == expected
    assert data["profile"]["id"] == "ci-completeness"


def test_missing_record_set_points_at_the_records_section(tmp_path: Path) -> None:
    _, data = _check(tmp_path, {"roster": monitoring_records(css=2, short=0)["roster"]})

    line = data["findings"][0]["evidence"][0]["line"]
    text = (tmp_path / "bundle" / "bundle.yaml").read_text(encoding="utf-8").splitlines()
    assert text[line - 1] == "records:"
