"""Impossible values are bad values: a negative count or duration is refused at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from bundle_factory import write_bundle
from click.testing import CliRunner

from ccc_audit.cli.main import cli

COLUMNS = ["absence_id", "staff_id", "date", "hours", "type", "planned"]


@pytest.mark.parametrize(
    ("hours", "refused"),
    [("-3", True), ("-0.5", True), ("0", False), ("7.5", False)],
)
def test_a_negative_duration_is_refused_at_its_line(tmp_path: Path, hours: str, refused: bool) -> None:
    rows = [
        ["A1", "E0001", "2025-02-03", "8", "sick", "no"],
        ["A2", "E0002", "2025-02-04", hours, "sick", "no"],
    ]
    root = write_bundle(tmp_path / "bundle", {"records": {"absence": {"columns": COLUMNS, "rows": rows}}})

    result = CliRunner().invoke(cli, ["validate", str(root), "--as-of", "2025-06-01"])

    assert "Traceback" not in result.output
    if refused:
        assert result.exit_code == 2
        assert f'absence.csv:3: column "hours": "{hours}" is not a number >= 0' in result.output
    else:
        assert result.exit_code == 0, result.output


def test_counts_and_durations_declare_their_minimum() -> None:
    from ccc_audit.loading.record_types import builtin_record_types

    numeric = [
        (t.name, c.name, c.min)
        for t in builtin_record_types().values()
        for c in t.columns
        if c.type.value in ("integer", "number")
    ]
    signed = {("kpi_observations", "value"), ("kpi_observations", "target")}
    positive = {("schedule_settings", "interval_minutes"): 1}  # an interval of no minutes is impossible
    assert all(
        low == positive.get((name, column), 0)
        for name, column, low in numeric
        if (name, column) not in signed
    ), numeric
    assert all(low is None for name, column, low in numeric if (name, column) in signed)
