"""Hostile inputs and faults (issue 14): the cases ``tests/test_broken_inputs.py`` runs.

Each case prepares, in a fresh temporary folder, a copy of the minimal bundle broken on purpose
(or a hostile file next to it) and returns the command line. Every case must end with exit code
2, a located message (the file, or ``file:line``), one line per problem on stderr (a value can
never start a line, e.g. a GitHub ``::error`` workflow command), no traceback and no output.
Cases marked ``bounded`` feed an input that once grew memory without bound; they are also run in
a child process limited to 1 GB of address space and 10 s.
"""

from __future__ import annotations

import functools
import os
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bundle_factory import MINIMAL, TESTS, copy_minimal, line_of
from click.testing import CliRunner

from ccc_audit.cli.main import cli

BROKEN = TESTS / "broken"
AS_OF = "2026-01-15"
PACK = ["--pack", "iso-18295-1-core", "--as-of", AS_OF]


@dataclass(frozen=True)
class Run:
    """A prepared case: its command line, the location stderr must show, the folder to keep."""

    args: list[str]
    located: str
    out: Path | None = None


@dataclass(frozen=True)
class Hostile:
    """One hostile input and the words naming the problem."""

    id: str
    prepare: Callable[[Path], Run]
    phrase: str
    bounded: bool = False
    subprocess_ok: bool = True
    """False when the command line cannot be passed to a process (a NUL in an argument)."""


def bundle_in(tmp: Path) -> Path:
    """A fresh copy of the minimal bundle."""
    return copy_minimal(tmp / "bundle")


def edited(tmp: Path, old: str, new: str, file: str = "bundle.yaml") -> tuple[Path, int]:
    """A bundle with ``old`` replaced by ``new`` in ``file``; the line of the edit."""
    bundle = bundle_in(tmp)
    path = bundle / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return bundle, line_of(text, new.splitlines()[-1] if "\n" in new else new)


def assess(tmp: Path, bundle: Path, *extra: str, pack: str = "iso-18295-1-core") -> list[str]:
    """``assess`` of ``bundle`` into ``tmp/out`` (the folder that must stay absent)."""
    return ["assess", str(bundle), "--pack", pack, "--as-of", AS_OF, "--out", str(tmp / "out"), *extra]


@functools.cache
def _valid_result_bytes() -> bytes:
    out = Path(os.environ.get("PYTEST_HOSTILE_TMP", "/tmp")) / f"hostile-valid-{os.getpid()}"
    done = CliRunner().invoke(cli, ["assess", str(MINIMAL), *PACK, "--out", str(out), "--format", "json"])
    assert done.exit_code in (0, 1), done.output
    return (out / "assessment.json").read_bytes()


def valid_result(tmp: Path) -> Path:
    """A valid assessment.json of the minimal bundle."""
    path = tmp / "valid.json"
    path.write_bytes(_valid_result_bytes())
    return path


def zip_bomb(path: Path, expanded: int, member: str = "xl/worksheets/sheet1.xml") -> Path:
    """A small zip (an XLSX by its name) whose one member expands to ``expanded`` bytes of spaces."""
    block = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(member, "w", force_zip64=True) as stream:
            for _ in range(expanded // len(block)):
                stream.write(block)
    assert path.stat().st_size < 3 * 1024 * 1024
    return path


def nested_json(path: Path) -> Path:
    """JSON nested 200,000 deep (RecursionError in the parser)."""
    path.write_text('{"schema_version": 1, "rules": ' + "[" * 200_000 + "]" * 200_000 + "}", "utf-8")
    return path


# --- bullet 2: a value quoted in a message never starts a new line --------------------------------


def newline_in_key(tmp: Path) -> Run:
    bundle, line = edited(tmp, "language: en\n", 'language: en\n"x\\n::error file=a.py::pwned": 1\n')
    return Run(assess(tmp, bundle), f"bundle.yaml:{line}:")


def cr_in_document_path(tmp: Path) -> Run:
    bundle, line = edited(
        tmp, "path: documents/privacy-policy.md", 'path: "documents/p.md\\r::error::pwned.md"'
    )
    return Run(assess(tmp, bundle), f"bundle.yaml:{line}:")


def bidi_in_evidence(tmp: Path) -> Run:
    bundle, line = edited(tmp, "evidence: [complaints-procedure]", 'evidence: ["complaints-procedur\\u202e"]')
    return Run(assess(tmp, bundle), f"bundle.yaml:{line}:")


def bell_in_document_type(tmp: Path) -> Run:
    bundle, line = edited(tmp, "type: complaints_procedure", 'type: "complaints_procedure\\a"')
    return Run(assess(tmp, bundle), f"bundle.yaml:{line}:")


def newline_in_evidence(tmp: Path) -> Run:
    bundle, line = edited(
        tmp, "evidence: [complaints-procedure]", 'evidence: ["complaints\\n::error::pwned"]'
    )
    return Run(assess(tmp, bundle), f"bundle.yaml:{line}:")


# --- bullet 3: unbounded reads -----------------------------------------------------------------------


def baseline_dev_zero(tmp: Path) -> Run:
    return Run(assess(tmp, bundle_in(tmp), "--baseline", "/dev/zero"), "error: /dev/zero: ")


def previous_symlink_to_dev_zero(tmp: Path) -> Run:
    link = tmp / "previous.json"
    link.symlink_to("/dev/zero")
    return Run(assess(tmp, bundle_in(tmp), "--previous", str(link)), f"error: {link}: ")


def previous_fifo(tmp: Path) -> Run:
    fifo = tmp / "previous.json"
    os.mkfifo(fifo)
    return Run(assess(tmp, bundle_in(tmp), "--previous", str(fifo)), f"error: {fifo}: ")


def baseline_folder(tmp: Path) -> Run:
    folder = tmp / "baseline.json"
    folder.mkdir()
    return Run(assess(tmp, bundle_in(tmp), "--baseline", str(folder)), f"error: {folder}: ")


def baseline_oversized(tmp: Path) -> Run:
    big = tmp / "baseline.json"
    with big.open("wb") as stream:
        stream.truncate(300 * 1024 * 1024)  # sparse: takes no disk
    return Run(assess(tmp, bundle_in(tmp), "--baseline", str(big)), f"error: {big}: ")


def diff_dev_zero(tmp: Path) -> Run:
    return Run(["diff", "/dev/zero", str(valid_result(tmp))], "error: /dev/zero: ")


def register_result_dev_zero(tmp: Path) -> Run:
    return Run(["register", "update", str(tmp / "car.csv"), "--result", "/dev/zero"], "error: /dev/zero: ")


def register_csv_dev_zero(tmp: Path) -> Run:
    register = tmp / "car.csv"
    register.symlink_to("/dev/zero")
    return Run(
        ["register", "update", str(register), "--result", str(valid_result(tmp))], f"error: {register}: "
    )


def register_xlsx_bomb(tmp: Path) -> Run:
    register = zip_bomb(tmp / "car.xlsx", 600 * 1024 * 1024)
    return Run(
        ["register", "update", str(register), "--result", str(valid_result(tmp))], f"error: {register}: "
    )


def record_xlsx_bomb(tmp: Path) -> Run:
    bundle, _ = edited(tmp, "path: records/monitoring.csv", "path: records/monitoring.xlsx")
    zip_bomb(bundle / "records" / "monitoring.xlsx", 700 * 1024 * 1024)
    return Run(assess(tmp, bundle, pack="copc-cx-r7-core"), "monitoring.xlsx")


def record_huge_header_cell(tmp: Path) -> Run:
    bundle = bundle_in(tmp)
    path = bundle / "records" / "monitoring.csv"
    path.write_text("evaluation_id,staff_id,date," + "x" * 200_000 + "\nEV001,S001,2025-01-15,\n", "utf-8")
    return Run(assess(tmp, bundle, pack="copc-cx-r7-core"), "monitoring.csv:1:")


def record_single_line_1gb(tmp: Path) -> Run:
    bundle = bundle_in(tmp)
    path = bundle / "records" / "monitoring.csv"
    with path.open("wb") as stream:
        stream.write(b"evaluation_id,staff_id,date")
        stream.truncate(1024 * 1024 * 1024)  # sparse: NUL bytes, no line break
    return Run(assess(tmp, bundle, pack="copc-cx-r7-core"), "monitoring.csv:1:")


def record_fifo(tmp: Path) -> Run:
    bundle = bundle_in(tmp)
    path = bundle / "records" / "monitoring.csv"
    path.unlink()
    os.mkfifo(path)
    line = line_of((bundle / "bundle.yaml").read_text("utf-8"), "path: records/monitoring.csv")
    return Run(assess(tmp, bundle, pack="copc-cx-r7-core"), f"bundle.yaml:{line}:")


def document_fifo(tmp: Path) -> Run:
    bundle = bundle_in(tmp)
    path = bundle / "documents" / "privacy-policy.md"
    path.unlink()
    os.mkfifo(path)
    line = line_of((bundle / "bundle.yaml").read_text("utf-8"), "path: documents/privacy-policy.md")
    return Run(assess(tmp, bundle), f"bundle.yaml:{line}:")


def manifest_dev_zero(tmp: Path) -> Run:
    bundle = bundle_in(tmp)
    (bundle / "bundle.yaml").unlink()
    (bundle / "bundle.yaml").symlink_to("/dev/zero")
    return Run(assess(tmp, bundle), f"error: {bundle / 'bundle.yaml'}: ")


def pack_dev_zero(tmp: Path) -> Run:
    pack = tmp / "pack.yaml"
    pack.symlink_to("/dev/zero")
    return Run(assess(tmp, bundle_in(tmp), pack=str(pack)), f"error: {pack}: ")


# --- bullet 4: faults that ended in exit 3 -------------------------------------------------------------


def previous_nested_json(tmp: Path) -> Run:
    path = nested_json(tmp / "previous.json")
    return Run(assess(tmp, bundle_in(tmp), "--previous", str(path)), f"{path}:1:")


def diff_nested_json(tmp: Path) -> Run:
    path = nested_json(tmp / "old.json")
    return Run(["diff", str(path), str(valid_result(tmp))], f"{path}:1:")


def nul_in_baseline_path(tmp: Path) -> Run:
    return Run(assess(tmp, bundle_in(tmp), "--baseline", "old\0.json"), "error: old\\u0000.json: ")


def nul_in_document_path(tmp: Path) -> Run:
    bundle, line = edited(tmp, "path: documents/privacy-policy.md", 'path: "documents/privacy\\0.md"')
    return Run(assess(tmp, bundle), f"bundle.yaml:{line}:")


def nul_in_out(tmp: Path) -> Run:
    return Run(["assess", str(bundle_in(tmp)), *PACK, "--out", f"{tmp}/out\0put"], "error: ")


def out_is_a_file(tmp: Path) -> Run:
    target = tmp / "report.md"
    target.write_text("someone's notes\n", "utf-8")
    return Run(["assess", str(bundle_in(tmp)), *PACK, "--out", str(target)], f"error: {target}: ", target)


def out_inside_bundle(tmp: Path) -> Run:
    bundle = bundle_in(tmp)
    return Run(
        ["assess", str(bundle), *PACK, "--out", str(bundle / "records")], f"error: {bundle / 'records'}: "
    )


def out_is_the_bundle(tmp: Path) -> Run:
    bundle = bundle_in(tmp)
    return Run(["assess", str(bundle), *PACK, "--out", str(bundle)], f"error: {bundle}: ")


def out_under_a_file(tmp: Path) -> Run:
    (tmp / "plain").write_text("x", "utf-8")
    out = tmp / "plain" / "out"
    return Run(["assess", str(bundle_in(tmp)), *PACK, "--out", str(out)], f"error: {out}: ")


def period_ends_9999(tmp: Path) -> Run:
    bundle, _ = edited(tmp, "end: 2025-12-31", "end: 9999-12-31")
    start = line_of((bundle / "bundle.yaml").read_text("utf-8"), "start: 2025-01-01")
    return Run(assess(tmp, bundle), f"bundle.yaml:{start}:")


def sql_semicolon(command: str) -> Callable[[Path], Run]:
    def prepare(tmp: Path) -> Run:
        pack = BROKEN / "pack_sql_trailing_semicolon" / "pack.yaml"
        line = line_of(pack.read_text("utf-8"), "query:")
        if command == "validate":
            return Run(["validate", str(bundle_in(tmp)), "--pack", str(pack)], f"pack.yaml:{line}:")
        return Run(assess(tmp, bundle_in(tmp), pack=str(pack)), f"pack.yaml:{line}:")

    return prepare


def rfp_price(amount: str) -> Callable[[Path], Run]:
    """The worked procurement with vendor b's price replaced by ``amount`` (inf once looped forever)."""

    def prepare(tmp: Path) -> Run:
        folder = tmp / "procurement"
        shutil.copytree(TESTS / "fixtures" / "rfp" / "worked", folder)
        vendor = folder / "vendors" / "b.yaml"
        text = vendor.read_text("utf-8").replace("amount: 125000000", f"amount: {amount}", 1)
        vendor.write_text(text, "utf-8")
        line = line_of(text, f"amount: {amount}")
        out = tmp / "out"
        return Run(
            ["rfp", "score", str(folder), "--as-of", "2026-03-01", "--out", str(out)], f"b.yaml:{line}:"
        )

    return prepare


HOSTILE = [
    Hostile("newline_in_key_is_escaped", newline_in_key, 'unknown key "x\\n::error file=a.py::pwned"'),
    Hostile("cr_in_document_path_is_escaped", cr_in_document_path, "p.md\\r::error::pwned.md"),
    Hostile("bidi_in_evidence_id_is_escaped", bidi_in_evidence, "complaints-procedur\\u202e"),
    Hostile("bell_in_document_type_is_escaped", bell_in_document_type, "complaints_procedure"),
    Hostile("newline_in_evidence_is_escaped", newline_in_evidence, '"complaints\\n::error::pwned"'),
    Hostile("baseline_dev_zero", baseline_dev_zero, "is a device, not a regular file", bounded=True),
    Hostile("previous_symlink_to_dev_zero", previous_symlink_to_dev_zero, "is a device", bounded=True),
    Hostile("previous_fifo", previous_fifo, "is a FIFO (named pipe)", bounded=True),
    Hostile("baseline_folder", baseline_folder, "is a folder, not a regular file"),
    Hostile(
        "baseline_oversized_sparse", baseline_oversized, "the limit for an assessment.json", bounded=True
    ),
    Hostile("diff_dev_zero", diff_dev_zero, "is a device", bounded=True),
    Hostile("register_update_result_dev_zero", register_result_dev_zero, "is a device", bounded=True),
    Hostile("register_csv_symlink_to_dev_zero", register_csv_dev_zero, "is a device", bounded=True),
    Hostile("register_xlsx_zip_bomb", register_xlsx_bomb, "expands to 600.0 MiB when unpacked", bounded=True),
    Hostile("record_xlsx_zip_bomb", record_xlsx_bomb, "expands to 700.0 MiB when unpacked", bounded=True),
    Hostile(
        "record_200kb_header_cell", record_huge_header_cell, "header row is longer than 64 KiB", bounded=True
    ),
    Hostile(
        "record_1gb_single_line", record_single_line_1gb, "header row is longer than 64 KiB", bounded=True
    ),
    Hostile("record_file_is_a_fifo", record_fifo, "not a regular file", bounded=True),
    Hostile("document_is_a_fifo", document_fifo, "not a regular file", bounded=True),
    Hostile(
        "manifest_symlink_to_dev_zero", manifest_dev_zero, "leads outside the bundle folder", bounded=True
    ),
    Hostile("pack_symlink_to_dev_zero", pack_dev_zero, "is a device", bounded=True),
    Hostile("previous_nested_json", previous_nested_json, "nested too deeply"),
    Hostile("diff_nested_json", diff_nested_json, "nested too deeply"),
    Hostile("nul_in_baseline_path", nul_in_baseline_path, "embedded null byte", subprocess_ok=False),
    Hostile("nul_in_document_path", nul_in_document_path, "contains a NUL character"),
    Hostile("nul_in_out_path", nul_in_out, "cannot be used as the output folder", subprocess_ok=False),
    Hostile("out_is_an_existing_file", out_is_a_file, "exists and is not a folder"),
    Hostile("out_inside_the_bundle", out_inside_bundle, "is inside the bundle folder"),
    Hostile("out_is_the_bundle", out_is_the_bundle, "is inside the bundle folder"),
    Hostile("out_under_a_plain_file", out_under_a_file, "cannot write the output files"),
    Hostile("period_ending_9999_12_31", period_ends_9999, "spans more than 10 years"),
    Hostile("sql_trailing_semicolon_validate", sql_semicolon("validate"), "remove the ';' that ends it"),
    Hostile("sql_trailing_semicolon_assess", sql_semicolon("assess"), "remove the ';' that ends it"),
    Hostile("rfp_price_infinite", rfp_price(".inf"), "expected a finite number, got inf", bounded=True),
    Hostile("rfp_price_nan", rfp_price(".nan"), "expected a finite number, got nan", bounded=True),
    Hostile("rfp_price_negative", rfp_price("-1"), "expected greater than 0, got -1"),
]
