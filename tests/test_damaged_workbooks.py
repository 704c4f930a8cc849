"""Every command that reads a user's XLSX workbook: damage is exit 2 and one message naming the file.

No traceback, whatever layer the damage makes raise, and nothing is written: the register and the
manifest are left byte for byte, no report folder is created.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bundle_factory import MINIMAL
from click.testing import CliRunner
from damaged_workbooks import DAMAGE
from demo_result import assess_demo
from openpyxl import Workbook, load_workbook

from ccc_audit.cli.main import cli
from ccc_audit.resources import demo_bundle
from ccc_audit.rfp.questionnaire import build_questionnaire, field_key
from ccc_audit.rfp.rubric import load_rubric

TESTS = Path(__file__).parent
AS_OF = "2026-01-15"
MESSAGE = "cannot be opened as an XLSX workbook"


@dataclass(frozen=True)
class Reader:
    """A command that reads a workbook: the workbook's place, its good bytes, the command, kept files."""

    prepare: Callable[[Path], tuple[Path, bytes, list[str], list[Path]]]


def _records_workbook(tmp: Path) -> tuple[Path, bytes, list[str], list[Path]]:
    bundle = tmp / "bundle"
    shutil.copytree(MINIMAL, bundle)
    book = Workbook()
    sheet = book.worksheets[0]
    with (bundle / "records" / "monitoring.csv").open(encoding="utf-8-sig", newline="") as rows:
        for row in csv.reader(rows):
            sheet.append(row)
    (bundle / "records" / "monitoring.csv").unlink()
    manifest = bundle / "bundle.yaml"
    manifest.write_text(manifest.read_text("utf-8").replace("monitoring.csv", "monitoring.xlsx"), "utf-8")
    target = bundle / "records" / "monitoring.xlsx"
    book.save(target)
    return target, target.read_bytes(), ["validate", str(bundle), "--as-of", AS_OF], [manifest]


def _mapped_export(tmp: Path) -> tuple[Path, bytes, list[str], list[Path]]:
    target, good, _, kept = _records_workbook(tmp)
    return target, good, ["map", str(target), "--type", "monitoring"], kept


def _register(tmp: Path) -> tuple[Path, bytes, list[str], list[Path]]:
    result = tmp / "assessment.json"
    result.write_text(assess_demo().model_dump_json(), "utf-8")
    target = tmp / "car.xlsx"
    args = ["register", "update", str(target), "--result", str(result)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    (tmp / "car.xlsx.bak").unlink(missing_ok=True)
    return target, target.read_bytes(), args, [result]


def _attestation_questionnaire(tmp: Path) -> tuple[Path, bytes, list[str], list[Path]]:
    bundle = tmp / "bundle"
    shutil.copytree(demo_bundle(), bundle)
    target = tmp / "q.xlsx"
    done = CliRunner().invoke(cli, ["questionnaire", "export", str(bundle), "--out", str(target)])
    assert done.exit_code == 0, done.output
    return (
        target,
        target.read_bytes(),
        ["questionnaire", "import", str(target), str(bundle)],
        [bundle / "bundle.yaml"],
    )


def _vendor_questionnaire(tmp: Path) -> tuple[Path, bytes, list[str], list[Path]]:
    folder = tmp / "procurement"
    shutil.copytree(TESTS / "fixtures" / "rfp" / "worked", folder)
    (folder / "vendors" / "a.yaml").unlink()
    target = folder / "vendors" / "a.xlsx"
    book = load_workbook(io.BytesIO(build_questionnaire(load_rubric(folder / "rubric.yaml"), "en")))
    vendor: dict[str, str | int] = {"vendor_id": "a", "vendor_name": "Vendor A", "price_amount": 100_000_000}
    sheet = book.worksheets[0]
    for number in range(2, sheet.max_row + 1):
        field = field_key(sheet.cell(row=number, column=1).value)
        if field in vendor:
            sheet.cell(row=number, column=2, value=vendor[field])
    book.save(target)
    args = ["rfp", "score", str(folder), "--as-of", "2026-03-01", "--out", str(tmp / "out")]
    return target, target.read_bytes(), args, [folder / "rubric.yaml"]


READERS = {
    "records": _records_workbook,
    "map": _mapped_export,
    "register": _register,
    "attestation-questionnaire": _attestation_questionnaire,
    "vendor-questionnaire": _vendor_questionnaire,
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_damaged_workbook_is_one_clear_error_and_nothing_is_written(
    tmp_path: Path, reader: str, damage: str
) -> None:
    target, good, args, kept = READERS[reader](tmp_path)
    bad = DAMAGE[damage](good)
    target.write_bytes(bad)
    before = {path: path.read_bytes() for path in kept}
    files_before = sorted(tmp_path.rglob("*"))
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 2, done.output
    assert done.exception is None or isinstance(done.exception, SystemExit), repr(done.exception)
    assert "Traceback" not in done.output
    assert any(target.name in line and MESSAGE in line for line in done.output.splitlines()), done.output
    assert target.read_bytes() == bad
    assert {path: path.read_bytes() for path in kept} == before
    assert sorted(tmp_path.rglob("*")) == files_before


def test_the_good_workbooks_are_read(tmp_path: Path) -> None:
    for name, prepare in READERS.items():
        folder = tmp_path / name
        folder.mkdir()
        _, _, args, _ = prepare(folder)
        done = CliRunner().invoke(cli, args)
        assert done.exit_code in (0, 1), f"{name}: {done.output}"
        assert MESSAGE not in done.output
