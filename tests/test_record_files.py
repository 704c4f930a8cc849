"""Record files as real centres export them, and the clear errors bad ones get."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from bundle_factory import copy_minimal
from click.testing import CliRunner

from ccc_audit.cli.main import cli

ROSTER = "staff_id,role,production_start,exit_date\nS001,CSS,2024-04-01,\nS002,CSS,2024-10-01,\n"


def _monitoring_rows(n: int = 300) -> list[str]:
    rows = ["evaluation_id,staff_id,date"]
    for i in range(n):
        month = i % 12 + 1
        rows.append(f"EV{i:04d},S00{i % 2 + 1},2025-{month:02d}-{(i % 27) + 1:02d}")
    return rows


def _assess(bundle: Path, out: Path, *extra: str) -> tuple[int, str]:
    args = [
        "assess",
        str(bundle),
        "--pack",
        "copc-cx-r7-core",
        "--as-of",
        "2026-01-15",
        "--out",
        str(out),
        *extra,
    ]
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.stdout + result.stderr


def _set_record_set(bundle: Path, name: str, replace: bool = False, **fields: str) -> None:
    """Change (or, with replace, redefine) record set ``name`` in the bundle's manifest."""
    manifest: dict[str, Any] = yaml.safe_load((bundle / "bundle.yaml").read_text("utf-8"))
    if replace:
        manifest["records"][name] = dict(fields)
    else:
        manifest["records"][name].update(fields)
    (bundle / "bundle.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), "utf-8")


def _records(bundle: Path) -> Path:
    return bundle / "records"


BAD_CASES: list[tuple[str, Callable[[Path], None], str, tuple[str, ...]]] = []


def bad(name: str, where: str, *phrases: str) -> Callable[[Callable[[Path], None]], Callable[[Path], None]]:
    def register(make: Callable[[Path], None]) -> Callable[[Path], None]:
        BAD_CASES.append((name, make, where, phrases))
        return make

    return register


@bad("missing_required_column", "records/roster.csv:1:", 'column "staff_id"', "missing")
def _missing_column(bundle: Path) -> None:
    (_records(bundle) / "roster.csv").write_text("id,role\nS001,CSS\n", "utf-8")


@bad("bad_date_in_a_late_row", "records/monitoring.csv:251:", 'column "date"', '"2025-13-01" is not a date')
def _late_bad_date(bundle: Path) -> None:
    rows = _monitoring_rows()
    rows[250] = "EV0249,S001,2025-13-01"
    (_records(bundle) / "monitoring.csv").write_text("\n".join(rows) + "\n", "utf-8")


@bad("wrong_type", "records/monitoring.csv:3:", 'column "score"', '"excellent" is not a number')
def _wrong_type(bundle: Path) -> None:
    (_records(bundle) / "monitoring.csv").write_text(
        "evaluation_id,staff_id,date,score\nEV1,S001,2025-01-10,88\nEV2,S001,2025-02-10,excellent\n", "utf-8"
    )


@bad("shift_jis_declared_as_utf8", "records/roster.csv:2:", "not valid utf-8", "cp932")
def _sjis_declared_utf8(bundle: Path) -> None:
    (_records(bundle) / "roster.csv").write_bytes(
        "staff_id,role,production_start,exit_date,name\nS001,CSS,2024-04-01,,山田\n".encode("cp932")
    )


@bad("empty_file", "records/roster.csv:1:", "empty", "header")
def _empty(bundle: Path) -> None:
    (_records(bundle) / "roster.csv").write_text("", "utf-8")


@bad("ragged_row", "records/roster.csv:3:", "3 cells", "header has 4")
def _ragged(bundle: Path) -> None:
    (_records(bundle) / "roster.csv").write_text(
        ROSTER.replace("S002,CSS,2024-10-01,", "S002,CSS,2024-10-01"), "utf-8"
    )


@bad("enum_value_unknown", "records/monitoring.csv:2:", 'column "method"', "one of side_by_side")
def _enum(bundle: Path) -> None:
    (_records(bundle) / "monitoring.csv").write_text(
        "evaluation_id,staff_id,date,method\nEV1,S001,2025-01-10,telepathy\n", "utf-8"
    )


@bad("neither_utf8_nor_cp932", "records/roster.csv", "neither UTF-8 nor CP932")
def _binary(bundle: Path) -> None:
    _set_record_set(bundle, "roster", encoding="auto")
    (_records(bundle) / "roster.csv").write_bytes(b"staff_id,role\n\x81\x00\xff\xfe,CSS\n")


@bad("unknown_record_type", "bundle.yaml:", 'unknown record type "rosta"', 'did you mean "roster"')
def _unknown_type(bundle: Path) -> None:
    _set_record_set(bundle, "roster", type="rosta")


@pytest.mark.parametrize(("name", "make", "where", "phrases"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_record_file_gives_a_located_error_and_no_output(
    tmp_path: Path, name: str, make: Callable[[Path], None], where: str, phrases: tuple[str, ...]
) -> None:
    assert name
    bundle = copy_minimal(tmp_path / "bundle")
    make(bundle)
    code, output = _assess(bundle, tmp_path / "out")
    assert code == 2, output
    assert where in output, output
    for phrase in phrases:
        assert phrase in output, output
    assert "Traceback" not in output
    assert not (tmp_path / "out").exists()


def _roster_result(bundle: Path, out: Path) -> dict[str, Any]:
    code, output = _assess(bundle, out)
    assert code in (0, 1), output
    data = json.loads((out / "assessment.json").read_text("utf-8"))
    rule = next(r for r in data["rules"] if r["rule_id"] == "copc.3.5.monthly-monitoring")
    assert isinstance(rule, dict)
    return dict(rule)


def test_utf8_with_bom_and_cp932_without_declaration_are_read(tmp_path: Path) -> None:
    reference = _roster_result(copy_minimal(tmp_path / "plain"), tmp_path / "o1")
    bom = copy_minimal(tmp_path / "bom")
    (_records(bom) / "roster.csv").write_bytes("\ufeff".encode() + ROSTER.encode())
    sjis = copy_minimal(tmp_path / "sjis")
    _set_record_set(sjis, "roster", encoding="auto")
    (_records(sjis) / "roster.csv").write_bytes(
        "staff_id,role,production_start,exit_date,name\nS001,CSS,2024-04-01,,山田\nS002,CSS,2024-10-01,,佐藤\n".encode(
            "cp932"
        )
    )
    for variant, out in ((bom, "o2"), (sjis, "o3")):
        result = _roster_result(variant, tmp_path / out)
        assert result["outcome"] == reference["outcome"]
        assert result["checks"][0]["failing"] == reference["checks"][0]["failing"]


def test_xlsx_with_excel_dates_parquet_and_json_lines_give_the_same_result(tmp_path: Path) -> None:
    import duckdb

    reference = _roster_result(copy_minimal(tmp_path / "csv"), tmp_path / "o0")
    monitoring = (
        (copy_minimal(tmp_path / "tmp") / "records" / "monitoring.csv").read_text("utf-8").splitlines()
    )
    header, rows = monitoring[0].split(","), [r.split(",") for r in monitoring[1:]]
    xlsx = copy_minimal(tmp_path / "xlsx")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "評価"
    sheet.append(header)
    for evaluation, staff, day in rows:
        sheet.append([evaluation, staff, dt.date.fromisoformat(day)])  # stored as Excel serial dates
    book.save(xlsx / "records" / "monitoring.xlsx")
    _set_record_set(xlsx, "monitoring", replace=True, path="records/monitoring.xlsx", sheet="評価")
    parquet = copy_minimal(tmp_path / "parquet")
    jsonl = copy_minimal(tmp_path / "jsonl")
    source = str(parquet / "records" / "monitoring.csv")
    query = f"SELECT * FROM read_csv('{source}', all_varchar=true)"
    duckdb.sql(f"COPY ({query}) TO '{parquet / 'records' / 'monitoring.parquet'}' (FORMAT parquet)")
    duckdb.sql(f"COPY ({query}) TO '{jsonl / 'records' / 'monitoring.jsonl'}' (FORMAT json)")
    _set_record_set(parquet, "monitoring", replace=True, path="records/monitoring.parquet")
    _set_record_set(jsonl, "monitoring", replace=True, path="records/monitoring.jsonl")
    for variant, out in ((xlsx, "o1"), (parquet, "o2"), (jsonl, "o3")):
        result = _roster_result(variant, tmp_path / out)
        assert result["outcome"] == reference["outcome"]
        assert result["checks"][0]["failing"] == reference["checks"][0]["failing"]


def test_yyyy_slash_dates_are_dates(tmp_path: Path) -> None:
    bundle = copy_minimal(tmp_path / "b")
    path = _records(bundle) / "monitoring.csv"
    path.write_text(path.read_text("utf-8").replace("2025-", "2025/").replace("-15", "/15"), "utf-8")
    reference = _roster_result(copy_minimal(tmp_path / "ref"), tmp_path / "o0")
    result = _roster_result(bundle, tmp_path / "o1")
    for key in ("outcome", "reason"):
        assert result[key] == reference[key]
    assert result["checks"][0]["measured"] == reference["checks"][0]["measured"]


SANDBOX_PACK = """\
schema_version: 1
pack:
  id: sandbox-probe
  version: "1"
  title: {ja: 検査, en: Probe}
  catalogues: [copc-cx-r7]
rules:
  - id: probe.sandbox.read-outside
    requirements: ["copc-cx-r7:1.4"]
    title: {ja: 外部読込, en: Read outside}
    rationale: {ja: 検査, en: Probe}
    evidence: {ja: 検査, en: Probe}
    corrective_action: {ja: 検査, en: Probe}
    grade: minor
    severity: low
    checks:
      - kind: sql
        activity: {ja: 外部ファイル, en: outside file}
        uses: [roster]
        query: "SELECT * FROM read_csv('QUERY_TARGET')"
"""


def test_pack_sql_reading_a_file_outside_the_bundle_is_refused_when_the_pack_loads(tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("password\nhunter2\n", "utf-8")
    pack = tmp_path / "probe.yaml"
    pack.write_text(SANDBOX_PACK.replace("QUERY_TARGET", str(secret)), "utf-8")
    bundle = copy_minimal(tmp_path / "bundle")
    args = [
        "assess",
        str(bundle),
        "--pack",
        str(pack),
        "--as-of",
        "2026-01-15",
        "--out",
        str(tmp_path / "out"),
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "probe.yaml:20:" in result.stderr
    assert "read_csv()" in result.stderr and "only the record tables" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_locked_store_reads_no_file_even_if_a_query_got_through(tmp_path: Path) -> None:
    import duckdb

    from ccc_audit.engine.assess import open_records
    from ccc_audit.loading.bundle import load_bundle

    secret = tmp_path / "secret.csv"
    secret.write_text("password\nhunter2\n", "utf-8")
    with open_records(load_bundle(copy_minimal(tmp_path / "b")), None) as store:
        with pytest.raises(duckdb.Error, match="file system operations are disabled"):
            store.query(f"SELECT * FROM read_csv('{secret}')")
        with pytest.raises(duckdb.Error):
            store.query("SET enable_external_access = true")
        with pytest.raises(duckdb.Error, match="file system operations are disabled"):
            store.query(f"COPY roster TO '{tmp_path / 'leak.csv'}'")
    assert not (tmp_path / "leak.csv").exists()


def test_pack_sql_that_writes_is_refused_when_the_pack_loads(tmp_path: Path) -> None:
    pack = tmp_path / "probe.yaml"
    pack.write_text(
        SANDBOX_PACK.replace(
            "SELECT * FROM read_csv('QUERY_TARGET')", f"COPY roster TO '{tmp_path / 'x.csv'}'"
        ),
        "utf-8",
    )
    result = CliRunner().invoke(cli, ["validate", "--pack", str(pack)])
    assert result.exit_code == 2
    assert "probe.yaml:" in result.stderr and "exactly one SELECT" in result.stderr
    assert not (tmp_path / "x.csv").exists()


def test_second_run_reads_parsed_records_from_the_cache(tmp_path: Path) -> None:
    from ccc_audit.engine.assess import open_records
    from ccc_audit.loading.bundle import load_bundle

    bundle = load_bundle(copy_minimal(tmp_path / "b"))
    cache = tmp_path / "cache"
    with open_records(bundle, cache) as first:
        assert first.cache_hits == 0
        rows = first.query("SELECT count(*) FROM monitoring")
    with open_records(bundle, cache) as second:
        assert second.cache_hits == 2
        assert second.query("SELECT count(*) FROM monitoring") == rows
        assert second.query(
            f"SELECT {second.line_expr('monitoring')} FROM monitoring ORDER BY 1 LIMIT 1"
        ) == [(2,)]


def test_a_column_only_one_rule_needs_makes_that_rule_fail_not_the_run(tmp_path: Path) -> None:
    bundle = copy_minimal(tmp_path / "bundle")
    (_records(bundle) / "roster.csv").write_text("staff_id,role,exit_date\nS001,CSS,\n", "utf-8")
    rule = _roster_result(bundle, tmp_path / "out")
    assert (rule["outcome"], rule["reason"]) == ("fail", "evidence_incomplete")
    assert "production_start" in rule["checks"][0]["message"]["en"]


def test_a_short_cp932_file_is_detected_even_when_its_only_kanji_ends_it(tmp_path: Path) -> None:
    bundle = copy_minimal(tmp_path / "b")
    _set_record_set(bundle, "roster", encoding="auto")
    (_records(bundle) / "roster.csv").write_bytes(
        "staff_id,role,production_start,exit_date,name\nS001,CSS,2024-04-01,,山\n".encode("cp932")
    )
    assert _roster_result(bundle, tmp_path / "out")["outcome"] in ("pass", "fail")


def test_changing_how_a_file_is_read_does_not_reuse_its_cached_parse(tmp_path: Path) -> None:
    from ccc_audit.engine.assess import open_records
    from ccc_audit.loading.bundle import load_bundle

    bundle_dir = copy_minimal(tmp_path / "b")
    cache = tmp_path / "cache"
    with open_records(load_bundle(bundle_dir), cache) as first:
        assert first.cache_hits == 0
    _set_record_set(bundle_dir, "roster", encoding="utf-8-sig")
    with open_records(load_bundle(bundle_dir), cache) as second:
        assert second.cache_hits == 1  # monitoring only: roster is now read differently


@pytest.mark.parametrize(
    ("yes", "no"),
    [("yes", "no"), ("Y", "N"), ("TRUE", "false"), ("t", "f"), ("1", "0"), ("はい", "いいえ"), ("有", "無")],
)
def test_every_boolean_spelling_reads_as_true_or_false(tmp_path: Path, yes: str, no: str) -> None:
    """DuckDB's own reader takes the Latin spellings; the Japanese ones go by the text path."""
    from ccc_audit.engine.assess import open_records
    from ccc_audit.loading.bundle import load_bundle

    bundle = copy_minimal(tmp_path / "b")
    path = _records(bundle) / "monitoring.csv"
    lines = path.read_text("utf-8").splitlines()
    rows = [f"{line},{yes if i % 2 else no}" for i, line in enumerate(lines[1:])]
    path.write_text("\n".join([lines[0] + ",passed", *rows]) + "\n", "utf-8")
    with open_records(load_bundle(bundle), None) as store:
        got = store.query("SELECT passed FROM monitoring ORDER BY rowid")
    assert [g[0] for g in got] == [bool(i % 2) for i in range(len(rows))]
