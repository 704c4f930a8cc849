"""Caches that verify what they serve (issue 14): a cache fault costs time, never a finding.

Each cached artefact carries an HMAC made when it was written and checked when it is served
(``ccc_audit.files.cache_seal``). An altered, truncated or unreadable entry is not served: the
run computes it again, gives the same result as a run without a cache, and says so in a
``cache_unusable`` notice.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
from bundle_factory import copy_minimal
from click.testing import CliRunner

from ccc_audit.cli.main import cli

PACK = ["--pack", "iso-18295-1-core", "--as-of", "2026-01-15"]


def _assess(bundle: Path, cache: Path, out: Path) -> dict[str, Any]:
    result = CliRunner().invoke(
        cli, ["assess", str(bundle), *PACK, "--out", str(out), "--cache-dir", str(cache)]
    )
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    loaded: dict[str, Any] = json.loads((out / "assessment.json").read_text("utf-8"))
    return loaded


def _outcome(result: dict[str, Any]) -> tuple[Any, ...]:
    """What a cache must never change: findings, rule outcomes, conformity, the evidence index."""
    return tuple(result[k] for k in ("findings", "rules", "requirements", "rollups", "evidence_index"))


def _cache_notices(result: dict[str, Any]) -> list[str]:
    return [n["message"]["en"] for n in result["notices"] if n["code"] == "cache_unusable"]


def _cold_and_warm(tmp_path: Path) -> tuple[Path, Path, dict[str, Any]]:
    bundle = copy_minimal(tmp_path / "bundle")
    cache = tmp_path / "cache"
    cold = _assess(bundle, tmp_path / "no-cache", tmp_path / "cold")
    warm = _assess(bundle, cache, tmp_path / "warm")
    assert _outcome(warm) == _outcome(cold) and not _cache_notices(warm)
    again = _assess(bundle, cache, tmp_path / "again")
    assert _outcome(again) == _outcome(cold) and not _cache_notices(again)
    return bundle, cache, cold


def _tables(cache: Path) -> list[Path]:
    """The parsed tables kept; the rule memo is set aside, so that the next run reads them.

    (With the memo, a run on an unchanged bundle serves every rule and reads no table at all.)
    """
    shutil.rmtree(cache / "rules", ignore_errors=True)
    tables = sorted((cache / "records").glob("*.duckdb"))
    assert tables, "the warm run kept no parsed table"
    return tables


def test_an_altered_cached_table_is_not_served(tmp_path: Path) -> None:
    bundle, cache, cold = _cold_and_warm(tmp_path)
    for table in _tables(cache):
        with duckdb.connect(str(table)) as con:
            con.execute("DELETE FROM records WHERE __line > 2")  # a valid file with other rows

    result = _assess(bundle, cache, tmp_path / "altered")

    assert _outcome(result) == _outcome(cold)
    notices = _cache_notices(result)
    assert len(notices) == len(_tables(cache)) and all("does not match the seal" in n for n in notices)
    healed = _assess(bundle, cache, tmp_path / "healed")  # the run rewrote the tables, sealed
    assert _outcome(healed) == _outcome(cold) and not _cache_notices(healed)


def test_a_truncated_cached_table_only_costs_time(tmp_path: Path) -> None:
    bundle, cache, cold = _cold_and_warm(tmp_path)
    for table in _tables(cache):
        table.write_bytes(table.read_bytes()[:100])

    result = _assess(bundle, cache, tmp_path / "truncated")

    assert _outcome(result) == _outcome(cold)
    assert len(_cache_notices(result)) == len(_tables(cache))


def test_a_missing_seal_or_an_unreadable_table_only_costs_time(tmp_path: Path) -> None:
    bundle, cache, cold = _cold_and_warm(tmp_path)
    first, *rest = _tables(cache)
    first.with_name(first.name + ".seal").unlink()
    for table in rest:
        table.unlink()
        table.mkdir()  # is_file() is false: simply a miss

    result = _assess(bundle, cache, tmp_path / "unsealed")

    assert _outcome(result) == _outcome(cold)
    assert any("seal cannot be checked" in n for n in _cache_notices(result))


def test_an_edited_file_hash_never_reaches_the_evidence_index(tmp_path: Path) -> None:
    bundle, cache, cold = _cold_and_warm(tmp_path)
    store = cache / "file-hashes.json"
    entries = json.loads(store.read_text("utf-8"))
    for entry in entries.values():
        entry[3] = "0" * 64
    store.write_text(json.dumps(entries), "utf-8")

    result = _assess(bundle, cache, tmp_path / "edited")

    cited = {e["path"]: e["sha256"] for e in result["evidence_index"]}
    for path, digest in cited.items():
        assert digest == hashlib.sha256((bundle / path).read_bytes()).hexdigest(), path
    assert "0" * 64 not in json.dumps(result)
    assert _outcome(result) == _outcome(cold)
    assert any("fails its integrity check" in n for n in _cache_notices(result))


def test_a_corrupt_or_unwritable_hash_cache_only_costs_time(tmp_path: Path) -> None:
    bundle, cache, cold = _cold_and_warm(tmp_path)
    store = cache / "file-hashes.json"
    store.write_text('{"truncated": [1, 2', "utf-8")

    corrupt = _assess(bundle, cache, tmp_path / "corrupt")

    assert _outcome(corrupt) == _outcome(cold)
    assert any("unreadable" in n for n in _cache_notices(corrupt))
    store.unlink()
    store.mkdir()  # cannot be read as a file nor replaced by one
    blocked = _assess(bundle, cache, tmp_path / "blocked")
    assert _outcome(blocked) == _outcome(cold)
    assert any("cannot be written" in n for n in _cache_notices(blocked))


def test_a_cache_table_that_cannot_be_written_leaves_no_partial_file(tmp_path: Path) -> None:
    from ccc_audit.records.parsed_cache import write_cache

    reader = duckdb.connect()
    reader.execute("CREATE TABLE roster AS SELECT range::VARCHAR AS staff_id FROM range(300000)")
    reader.execute("INSERT INTO roster VALUES ('x')")
    cached = tmp_path / "records" / "roster.duckdb"

    # The write fails after DuckDB has created its database file, as a full disk does midway
    # (here: a value that cannot be converted, found while the rows are being written).
    fault = write_cache(reader, "roster", "CAST(staff_id AS INTEGER)", False, cached, b"k" * 32)

    assert fault is not None and "cannot be written" in fault
    assert sorted(p.name for p in cached.parent.iterdir()) == []
    assert reader.execute("SELECT count(*) FROM roster").fetchone() == (300_001,)  # the run's data is intact


def test_an_altered_rule_memo_is_not_served(tmp_path: Path) -> None:
    bundle, cache, cold = _cold_and_warm(tmp_path)
    (memo,) = (cache / "rules").glob("*.json")
    memo.write_text(memo.read_text("utf-8").replace('"pass"', '"fail"'), "utf-8")

    result = _assess(bundle, cache, tmp_path / "altered-memo")

    assert _outcome(result) == _outcome(cold)
    notices = _cache_notices(result)
    assert len(notices) == 1 and "does not match the seal" in notices[0]
    healed = _assess(bundle, cache, tmp_path / "healed-memo")
    assert _outcome(healed) == _outcome(cold) and not _cache_notices(healed)


def test_records_with_a_repeated_key_are_refused_on_every_run_with_a_cache(tmp_path: Path) -> None:
    """A cached table is not checked again, so a table that fails its checks is never cached."""
    bundle = copy_minimal(tmp_path / "bundle")
    monitoring = bundle / "records" / "monitoring.csv"
    rows = monitoring.read_text("utf-8").splitlines()
    monitoring.write_text("\n".join([*rows, rows[1]]) + "\n", "utf-8")
    cache = tmp_path / "cache"
    for run in ("first", "second"):
        result = CliRunner().invoke(
            cli, ["assess", str(bundle), *PACK, "--out", str(tmp_path / run), "--cache-dir", str(cache)]
        )
        assert result.exit_code == 2, (run, result.output)
        assert f"monitoring.csv:{len(rows) + 1}:" in result.output and "is repeated" in result.output
        assert not (tmp_path / run).exists()
