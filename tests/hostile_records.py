"""Hostile record files and links (issue 14): every problem at the line an editor shows for it.

Locations come from the reader, never from a row's position: blank lines, quoted cells spanning
lines and bare carriage returns must not shift them; JSON Lines, XLSX and XLSM files are read
cell by cell; a workbook or Parquet file named ``.csv`` is named for what it is. A manifest or a
procurement file that is a link to a file outside its folder is refused before it is read.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from bundle_factory import TESTS
from hostile_cases import Hostile, Run, assess, bundle_in

HEADER = "evaluation_id,staff_id,date\n"
BAD = "EV009,S001,2025-02-30\n"


def _records(tmp: Path, body: bytes | str, name: str = "monitoring.csv") -> tuple[Path, Path]:
    bundle = bundle_in(tmp)
    path = bundle / "records" / name
    (bundle / "records" / "monitoring.csv").unlink()
    if isinstance(body, str):
        body = body.encode("utf-8")
    path.write_bytes(body)
    if name != "monitoring.csv":
        manifest = bundle / "bundle.yaml"
        text = manifest.read_text("utf-8").replace("records/monitoring.csv", f"records/{name}")
        manifest.write_text(text, "utf-8")
    return bundle, path


def _run(tmp: Path, bundle: Path, located: str) -> Run:
    return Run(assess(tmp, bundle, pack="copc-cx-r7-core"), located)


def blank_lines_before_a_bad_value(tmp: Path) -> Run:
    bundle, _ = _records(tmp, HEADER + "EV001,S001,2025-01-15\n\n\n\n" + BAD)
    return _run(tmp, bundle, "monitoring.csv:6:")


def quoted_cells_spanning_lines(tmp: Path) -> Run:
    body = HEADER + '"EV\n001",S001,2025-01-15\n"EV\n\n002",S001,2025-01-15\n' + BAD
    bundle, _ = _records(tmp, body)
    return _run(tmp, bundle, "monitoring.csv:7:")


def bare_cr_in_a_quoted_cell(tmp: Path) -> Run:
    bundle, _ = _records(tmp, HEADER + '"EV\r001",S001,2025-01-15\n' + BAD)
    return _run(tmp, bundle, "monitoring.csv:4:")


def ragged_row_after_a_multi_line_cell(tmp: Path) -> Run:
    bundle, _ = _records(tmp, HEADER + '"EV\n001",S001,2025-01-15\nEV002,S001\n')
    return _run(tmp, bundle, "monitoring.csv:4:")


def quote_left_open(tmp: Path) -> Run:
    rows = "".join(f"EV{i:03d},S001,2025-01-15\n" for i in range(20))
    bundle, _ = _records(tmp, HEADER + rows + '"EV999,S001,2025-01-15\n' + rows)
    return _run(tmp, bundle, "monitoring.csv:22:")


def jsonl_mixed_types(tmp: Path) -> Run:
    lines = [
        {"evaluation_id": f"EV{i}", "staff_id": "S001", "date": "2025-01-15", "score": i} for i in range(303)
    ]
    lines[1]["score"] = "7"  # a number written as text is a number: the line is valid
    lines.append({"evaluation_id": "EV303", "staff_id": "S001", "date": "2025-01-15", "score": "high"})
    bundle, _ = _records(tmp, "\n".join(json.dumps(x) for x in lines) + "\n", "monitoring.jsonl")
    return _run(tmp, bundle, "monitoring.jsonl:304:")


def jsonl_nested_value(tmp: Path) -> Run:
    body = '{"evaluation_id": "EV1", "staff_id": "S001", "date": "2025-01-15"}\n'
    body += '{"evaluation_id": "EV2", "staff_id": ["S001"], "date": "2025-01-15"}\n'
    bundle, _ = _records(tmp, body, "monitoring.jsonl")
    return _run(tmp, bundle, "monitoring.jsonl:2:")


def jsonl_broken_line(tmp: Path) -> Run:
    body = '{"evaluation_id": "EV1", "staff_id": "S001", "date": "2025-01-15"}\n\n'
    body += '{"evaluation_id": "EV2", "staff_id": "S001" "date": "2025-01-15"}\n'
    bundle, _ = _records(tmp, body, "monitoring.jsonl")
    return _run(tmp, bundle, "monitoring.jsonl:3:45:")


def jsonl_empty_key(tmp: Path) -> Run:
    body = '{"evaluation_id": "EV1", "staff_id": "S001", "date": "2025-01-15"}\n'
    body += '{"": 1, "evaluation_id": "EV2"}\n'
    bundle, _ = _records(tmp, body, "monitoring.jsonl")
    return _run(tmp, bundle, "monitoring.jsonl:2:")


def csv_unnamed_header_column(tmp: Path) -> Run:
    bundle, _ = _records(tmp, "evaluation_id,,staff_id,date\nEV1,x,S001,2025-01-15\n")
    return _run(tmp, bundle, "monitoring.csv:1:")


def _workbook(rows: list[list[object]]) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsm_bad_value(tmp: Path) -> Run:
    rows: list[list[object]] = [["evaluation_id", "staff_id", "date"], ["EV1", "S001", "2025-01-15"]]
    bundle, _ = _records(tmp, _workbook([*rows, ["EV2", "S001", "2025-02-30"]]), "monitoring.xlsm")
    return _run(tmp, bundle, "monitoring.xlsm:3:")


def xlsx_untitled_column_with_values(tmp: Path) -> Run:
    rows: list[list[object]] = [
        ["evaluation_id", None, "staff_id", "date"],
        ["EV1", "Suzuki", "S001", "2025-01-15"],
    ]
    bundle, _ = _records(tmp, _workbook(rows), "monitoring.xlsx")
    return _run(tmp, bundle, "monitoring.xlsx:2:2:")


def xlsx_formula_without_saved_value(tmp: Path) -> Run:
    rows: list[list[object]] = [["evaluation_id", "staff_id", "date"], ["EV1", "S001", "=DATE(2025,1,15)"]]
    bundle, _ = _records(tmp, _workbook(rows), "monitoring.xlsx")
    return _run(tmp, bundle, "monitoring.xlsx:2:3:")


def xlsx_repeated_header(tmp: Path) -> Run:
    rows: list[list[object]] = [
        ["evaluation_id", "date", "staff_id", "date"],
        ["EV1", "2025-01-15", "S001", "x"],
    ]
    bundle, _ = _records(tmp, _workbook(rows), "monitoring.xlsx")
    return _run(tmp, bundle, "monitoring.xlsx:1:")


def workbook_named_csv(tmp: Path) -> Run:
    rows: list[list[object]] = [["evaluation_id", "staff_id", "date"], ["EV1", "S001", "2025-01-15"]]
    bundle, _ = _records(tmp, _workbook(rows))
    return _run(tmp, bundle, "monitoring.csv:1:")


def xls_named_csv(tmp: Path) -> Run:
    bundle, _ = _records(tmp, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    return _run(tmp, bundle, "monitoring.csv:1:")


def zip_that_is_no_workbook(tmp: Path) -> Run:
    bundle = bundle_in(tmp)
    path = bundle / "records" / "monitoring.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    manifest = bundle / "bundle.yaml"
    manifest.write_text(manifest.read_text("utf-8").replace("monitoring.csv", "monitoring.xlsx"), "utf-8")
    return _run(tmp, bundle, "monitoring.xlsx")


def duplicate_key(tmp: Path) -> Run:
    bundle, _ = _records(
        tmp, HEADER + "EV001,S001,2025-01-15\nEV002,S001,2025-01-16\nEV001,S001,2025-01-15\n"
    )
    return _run(tmp, bundle, "monitoring.csv:4:")


def duplicate_staff_without_spells(tmp: Path) -> Run:
    bundle = bundle_in(tmp)
    roster = bundle / "records" / "roster.csv"
    roster.write_text(roster.read_text("utf-8") + "S001,CSS,2024-04-01,\n", "utf-8")
    lines = len(roster.read_text("utf-8").splitlines())
    return _run(tmp, bundle, f"roster.csv:{lines}:")


def nul_in_the_manifest(tmp: Path) -> Run:
    bundle = bundle_in(tmp)
    manifest = bundle / "bundle.yaml"
    manifest.write_text(
        manifest.read_text("utf-8").replace("name: Tokyo centre", "name: Tokyo\0 centre"), "utf-8"
    )
    return _run(tmp, bundle, "bundle.yaml:9:16:")


def manifest_symlink_outside(tmp: Path) -> Run:
    bundle = bundle_in(tmp)
    outside = tmp / "elsewhere.yaml"
    (bundle / "bundle.yaml").rename(outside)
    (bundle / "bundle.yaml").symlink_to(outside)
    return _run(tmp, bundle, "bundle.yaml: ")


def rfp_file_symlink_outside(folder_name: str, file_name: str) -> Callable[[Path], Run]:
    """The worked procurement with one file replaced by a link to a copy outside the folder."""

    def prepare(tmp: Path) -> Run:
        folder = tmp / "procurement"
        shutil.copytree(TESTS / "fixtures" / "rfp" / "worked", folder)
        inside = folder / folder_name / file_name if folder_name else folder / file_name
        outside = tmp / f"outside-{file_name}"
        inside.rename(outside)
        inside.symlink_to(outside)
        args = ["rfp", "score", str(folder), "--as-of", "2026-03-01", "--out", str(tmp / "out")]
        return Run(args, f"{file_name}: ")

    return prepare


RECORD_CASES = [
    Hostile(
        "csv_blank_lines_before_a_bad_value", blank_lines_before_a_bad_value, '"2025-02-30" is not a date'
    ),
    Hostile("csv_quoted_cells_spanning_lines", quoted_cells_spanning_lines, '"2025-02-30" is not a date'),
    Hostile("csv_bare_cr_in_a_quoted_cell", bare_cr_in_a_quoted_cell, '"2025-02-30" is not a date'),
    Hostile(
        "csv_ragged_row_after_a_multi_line_cell", ragged_row_after_a_multi_line_cell, "the row has 2 cells"
    ),
    Hostile("csv_quote_left_open", quote_left_open, "cannot be read as CSV"),
    Hostile("jsonl_mixed_types_bad_at_line_304", jsonl_mixed_types, '"high" is not a number'),
    Hostile("jsonl_nested_value", jsonl_nested_value, 'key "staff_id" holds a list or an object'),
    Hostile("jsonl_broken_line", jsonl_broken_line, "not valid JSON"),
    Hostile("jsonl_empty_key", jsonl_empty_key, "a key is empty"),
    Hostile("csv_unnamed_header_column", csv_unnamed_header_column, "column(s) 2 of the header have no name"),
    Hostile("xlsm_read_as_a_workbook", xlsm_bad_value, '"2025-02-30" is not a date'),
    Hostile("xlsx_untitled_column_with_values", xlsx_untitled_column_with_values, "its column has no title"),
    Hostile(
        "xlsx_formula_without_saved_value", xlsx_formula_without_saved_value, "whose value was never saved"
    ),
    Hostile("xlsx_repeated_header", xlsx_repeated_header, "the header repeats column(s) date"),
    Hostile("workbook_named_csv", workbook_named_csv, "is a workbook or other ZIP file"),
    Hostile("xls_named_csv", xls_named_csv, "Excel 97-2003 workbook"),
    Hostile("zip_that_is_no_workbook", zip_that_is_no_workbook, "cannot be opened as an XLSX workbook"),
    Hostile("duplicate_evaluation_id", duplicate_key, 'evaluation_id "EV001" is repeated'),
    Hostile(
        "duplicate_staff_id_without_spells", duplicate_staff_without_spells, 'staff_id "S001" is repeated'
    ),
    Hostile("nul_in_the_manifest", nul_in_the_manifest, "U+0000 is not allowed"),
    Hostile(
        "manifest_symlink_outside_the_bundle", manifest_symlink_outside, "leads outside the bundle folder"
    ),
    Hostile(
        "rfp_vendor_symlink_outside",
        rfp_file_symlink_outside("vendors", "b.yaml"),
        "outside the procurement folder",
    ),
    Hostile(
        "rfp_evaluator_symlink_outside",
        rfp_file_symlink_outside("evaluators", "e2.yaml"),
        "outside the procurement folder",
    ),
    Hostile(
        "rfp_rubric_symlink_outside",
        rfp_file_symlink_outside("", "rubric.yaml"),
        "outside the procurement folder",
    ),
]
