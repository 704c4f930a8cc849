"""Rule-pack SQL runs under a time limit: a runaway query is stopped, reported, and the run goes on."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from bundle_factory import MINIMAL, TESTS
from click.testing import CliRunner

from ccc_audit.cli.main import cli

PACK = TESTS / "broken" / "pack_sql_cross_join_bomb" / "pack.yaml"


def test_a_cross_join_bomb_is_stopped_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCC_AUDIT_SQL_TIMEOUT", "1")
    out = tmp_path / "out"
    started = time.monotonic()

    result = CliRunner().invoke(
        cli,
        [
            "assess",
            str(MINIMAL),
            "--pack",
            str(PACK),
            "--as-of",
            "2026-01-15",
            "--out",
            str(out),
            "--format",
            "json",
        ],
    )

    elapsed = time.monotonic() - started
    assert "Traceback" not in result.output
    assert result.exit_code == 3, result.output  # an error outcome, as for any check that cannot run
    assert elapsed < 30, f"{elapsed:.1f} s"
    rules = json.loads((out / "assessment.json").read_text("utf-8"))["rules"]
    [rule] = [r for r in rules if r["rule_id"] == "broken.4.5.roster-sql"]
    [check] = rule["checks"]
    assert (check["outcome"], check["reason"]) == ("error", "query_timed_out")
    assert "longer than 1 s" in check["message"]["en"] and "1 秒を超えた" in check["message"]["ja"]


def test_the_limit_falls_back_to_its_default_on_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    from ccc_audit.records.time_limit import DEFAULT_SECONDS, limit_seconds

    for value in ("", "abc", "-5", "0", "inf", "nan"):
        monkeypatch.setenv("CCC_AUDIT_SQL_TIMEOUT", value)
        assert limit_seconds() == DEFAULT_SECONDS, value
    monkeypatch.setenv("CCC_AUDIT_SQL_TIMEOUT", "2.5")
    assert limit_seconds() == 2.5
