"""Exports as centres produce them, derived from the demo bundle's canonical record files.

Each builder copies the demo bundle, rewrites its record files the way a centre's tool writes
them (Japanese CP932 with Japanese labels, pipe-delimited with mmddyyyy dates, an XLSX report
with title rows and a totals row, tab-delimited with yyyymmdd dates) and writes the mapping
into bundle.yaml. Nothing else is pre-processed: the engine must read them as they are.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ccc_audit.loading.record_types import builtin_record_types
from ccc_audit.models.records import Column, ColumnType, RecordType
from ccc_audit.resources import demo_bundle

Row = dict[str, str]


def canonical(records: Path, name: str) -> tuple[list[str], list[Row]]:
    """Header and rows of a canonical record file."""
    with (records / f"{name}.csv").open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        return list(reader.fieldnames or []), list(reader)


def japanese_header(column: Column) -> str:
    """The header a Japanese export writes for ``column``: its first Japanese alias."""
    return next((a for a in column.aliases if not a.isascii()), column.name)


def japanese_label(column: Column, value: str) -> str:
    """The label a Japanese export writes for ``value``: the first Japanese label, はい / いいえ."""
    if not value:
        return value
    if column.type is ColumnType.BOOLEAN:
        return "はい" if value.lower() in ("yes", "true") else "いいえ"
    if column.type is ColumnType.ENUM:
        found = next((v for v in column.values if v.lower() == value.lower()), value)
        return next((label for label in column.labels.get(found, []) if not label.isascii()), value)
    return value


def _reformat(value: str, kind: ColumnType | None, date_format: str, stamp_format: str) -> str:
    if not value:
        return value
    if kind is ColumnType.DATE:
        return dt.date.fromisoformat(value).strftime(date_format)
    if kind is ColumnType.TIMESTAMP:
        return dt.datetime.fromisoformat(value).strftime(stamp_format)
    return value


def _set_records(bundle: Path, records: dict[str, dict[str, Any]]) -> None:
    """Replace the records section of bundle.yaml (it sits between documents and attestations)."""
    path = bundle / "bundle.yaml"
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("\nrecords:\n", 1)
    tail = rest[rest.index("\nattestations:") :]
    block = yaml.safe_dump({"records": records}, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(head + "\n" + block.rstrip("\n") + tail, encoding="utf-8")


def _copy(target: Path) -> tuple[Path, list[str], dict[str, RecordType]]:
    shutil.copytree(demo_bundle(), target)
    doc = yaml.safe_load((target / "bundle.yaml").read_text(encoding="utf-8"))
    return target / "records", sorted(doc["records"]), builtin_record_types()


def japanese_cp932(target: Path) -> Path:
    """Every record file in CP932 with Japanese headers and labels; two headers need a mapping."""
    records, names, types = _copy(target)
    declared: dict[str, dict[str, Any]] = {}
    for name in names:
        record_type = types[name]
        header, rows = canonical(records, name)
        columns = [record_type.column(h) for h in header]
        shown = [japanese_header(c) if c else h for c, h in zip(columns, header, strict=True)]
        spec: dict[str, Any] = {"path": f"records/{name}.csv"}
        if "staff_id" in header:  # a header no alias knows: mapped in bundle.yaml
            shown[header.index("staff_id")] = "社員No"
            spec["columns"] = {"staff_id": "社員No"}
        labelled = [
            [japanese_label(c, r[h]) if c else r[h] for c, h in zip(columns, header, strict=True)]
            for r in rows
        ]
        if name == "roster":  # a label no alias knows: mapped in bundle.yaml
            at = header.index("employment_type")
            for cells, row in zip(labelled, rows, strict=True):
                if row["employment_type"] == "temporary":
                    cells[at] = "嘱託"
            spec["values"] = {"employment_type": {"嘱託": "temporary"}}
        with (records / f"{name}.csv").open("w", encoding="cp932", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(shown)
            writer.writerows(labelled)
        declared[name] = spec
    _set_records(target, declared)
    return target


def _delimited(target: Path, delimiter: str, date_format: str, stamp_format: str) -> Path:
    records, names, types = _copy(target)
    declared: dict[str, dict[str, Any]] = {}
    for name in names:
        header, rows = canonical(records, name)
        kinds = [c.type if (c := types[name].column(h)) else None for h in header]
        path = records / f"{name}.txt"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, delimiter=delimiter)
            writer.writerow(header)
            for row in rows:
                writer.writerow(
                    [
                        _reformat(row[h], k, date_format, stamp_format)
                        for h, k in zip(header, kinds, strict=True)
                    ]
                )
        (records / f"{name}.csv").unlink()
        declared[name] = {
            "path": f"records/{name}.txt",
            "format": "csv",
            "delimiter": delimiter,
            "date_format": date_format,
            "timestamp_format": stamp_format,
        }
    _set_records(target, declared)
    return target


def pipe_mmddyyyy(target: Path) -> Path:
    """Pipe-delimited files with mmddyyyy dates, as workforce tools export them."""
    return _delimited(target, "|", "%m%d%Y", "%m%d%Y %H:%M:%S")


def tab_yyyymmdd(target: Path) -> Path:
    """Tab-delimited files with yyyymmdd dates."""
    return _delimited(target, "\t", "%Y%m%d", "%Y%m%d%H%M%S")


def _cell(value: str, kind: ColumnType | None) -> object:
    if not value:
        return None
    if kind is ColumnType.DATE:
        return dt.date.fromisoformat(value)
    if kind is ColumnType.TIMESTAMP:
        return dt.datetime.fromisoformat(value)
    if kind in (ColumnType.INTEGER, ColumnType.NUMBER):
        number = float(value)
        return int(number) if number.is_integer() else number
    return value


XLSX_LIMIT = 4000
"""Sets up to this many rows become XLSX reports; the bigger ones stay CSV (openpyxl is slow)."""


def xlsx_reports(target: Path) -> Path:
    """XLSX reports: two title rows above the header, typed cells, and a totals row at the end."""
    import openpyxl

    records, names, types = _copy(target)
    declared: dict[str, dict[str, Any]] = {}
    for name in names:
        header, rows = canonical(records, name)
        if len(rows) > XLSX_LIMIT:
            declared[name] = {"path": f"records/{name}.csv"}
            continue
        kinds = [c.type if (c := types[name].column(h)) else None for h in header]
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "出力"
        sheet.append([f"{types[name].title.ja} 一覧"])
        sheet.append(["出力日時: 2026/01/05 09:00", None, "株式会社さくらカスタマーサービス"])
        sheet.append(header)
        for row in rows:
            sheet.append([_cell(row[h], k) for h, k in zip(header, kinds, strict=True)])
        sheet.append(["合計", f"{len(rows)}件"])
        book.save(records / f"{name}.xlsx")
        (records / f"{name}.csv").unlink()
        declared[name] = {
            "path": f"records/{name}.xlsx",
            "header_row": 3,
            "ignore_rows": [{"column": header[0], "equals": "合計"}],
        }
    _set_records(target, declared)
    return target


VARIANTS: dict[str, Callable[[Path], Path]] = {
    "cp932_japanese": japanese_cp932,
    "pipe_mmddyyyy": pipe_mmddyyyy,
    "xlsx_title_rows_totals": xlsx_reports,
    "tab_yyyymmdd": tab_yyyymmdd,
}
