"""Fuzz targets for the four readers of user files: CSV, XLSX, JSON Lines records and YAML.

Each target takes one generated input, runs it as a user would (``validate`` on the minimal
bundle with the record file or manifest replaced) and checks the oracle: the run ends with exit 0
or 2, never a traceback or an internal error, and every problem it reports names the file and a
line (``file:line``), except the whole-file faults of a damaged workbook, which name the file.

``tests/test_reader_fuzz.py`` runs each target for a few dozen examples in the suite;
``scripts/fuzz_readers.py`` runs them for minutes and prints how many examples ran.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from bundle_factory import MINIMAL
from click.testing import CliRunner
from hypothesis import strategies as st

from ccc_audit.cli.main import cli

AS_OF = "2026-01-15"
COLUMNS = ["evaluation_id", "staff_id", "date", "score", "critical_error", "channel", "comment"]

CELL_PIECES = st.sampled_from(
    [
        "EV1",
        "S001",
        "2025-01-15",
        "2025/1/5",
        "2025-02-30",
        "2099-01-01",
        "3",
        "-1",
        "85.5",
        "yes",
        "no",
        "はい",
        "voice",
        "chat",
        "=1+1",
        "+81",
        "",
        " ",
        ",",
        '"',
        '""',
        "\n",
        "\r",
        "\r\n",
        "\t",
        "\0",
        "\u202e",
        "東京",
        "𠮷",
        "\ufeff",
        "x" * 300,
    ]
)
CELL = st.lists(CELL_PIECES, max_size=4).map("".join) | st.text(max_size=12)


class OracleError(AssertionError):
    """A run broke the oracle: a crash, an internal error or an unlocated problem."""


def _bundle(work: Path, record_name: str | None, payload: bytes) -> Path:
    bundle = work / "bundle"
    shutil.rmtree(bundle, ignore_errors=True)
    shutil.copytree(MINIMAL, bundle)
    manifest = bundle / "bundle.yaml"
    if record_name is None:
        manifest.write_bytes(payload)
        return bundle
    (bundle / "records" / "monitoring.csv").unlink()
    (bundle / "records" / record_name).write_bytes(payload)
    text = manifest.read_text("utf-8").replace("records/monitoring.csv", f"records/{record_name}")
    manifest.write_text(text, "utf-8")
    return bundle


def check(record_name: str | None, payload: bytes, *, file_level_ok: bool = False) -> int:
    """Run ``validate`` on ``payload`` as the monitoring file (or the manifest); its exit code.

    Raises OracleError when the oracle does not hold.
    """
    shown = record_name or "bundle.yaml"
    with tempfile.TemporaryDirectory(prefix="ccc-fuzz-") as folder:
        bundle = _bundle(Path(folder), record_name, payload)
        result = CliRunner().invoke(cli, ["validate", str(bundle), "--as-of", AS_OF])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise OracleError(f"{shown}: exception {result.exception!r}")
    if result.exit_code not in (0, 2) or "Traceback" in result.output:
        raise OracleError(f"{shown}: exit {result.exit_code}\n{result.output}")
    for line in result.stderr.splitlines():
        if not line.startswith("error: "):
            continue
        if re.search(rf"{re.escape(shown)}:\d+:", line):
            continue
        if file_level_ok and shown in line:
            continue
        if record_name is not None and "bundle.yaml:" in line:  # the manifest names the file's place
            continue
        raise OracleError(f"unlocated problem: {line}")
    return result.exit_code


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    """CSV text: the monitoring header (sometimes altered), rows of awkward cells, odd line ends."""
    header = draw(st.lists(st.sampled_from(COLUMNS), min_size=3, max_size=7, unique=True))
    for needed in ("evaluation_id", "staff_id", "date"):
        if needed not in header and draw(st.booleans()):
            header.append(needed)
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    rows = draw(st.lists(st.lists(CELL, min_size=len(header) - 1, max_size=len(header) + 1), max_size=12))

    def cell(value: str) -> str:
        quoted = draw(st.booleans()) or any(c in value for c in ',"\n\r')
        return '"' + value.replace('"', '""') + '"' if quoted and draw(st.integers(0, 9)) else value

    text = ",".join(header) + end + "".join(",".join(cell(c) for c in row) + end for row in rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp932"]))
    return text.encode(encoding, errors="replace")


@st.composite
def xlsx_files(draw: st.DrawFn) -> bytes:
    """A workbook: a header with gaps or repeats at times, cells of every Excel type, formulas."""
    import datetime as dt

    from openpyxl import Workbook

    header: list[object] = list(
        draw(st.lists(st.sampled_from([*COLUMNS, None, "", "date"]), min_size=1, max_size=8))
    )
    value = (
        CELL
        | st.none()
        | st.integers(-(10**12), 10**12)
        | st.floats(allow_nan=True, allow_infinity=True)
        | st.booleans()
        | st.dates(dt.date(1900, 1, 1), dt.date(2200, 1, 1))
        | st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2200, 1, 1))
        | st.sampled_from(["=1+1", "=DATE(2025,1,15)", "=A1"])
    )
    rows: list[list[object]] = draw(st.lists(st.lists(value, max_size=9), max_size=10))
    if draw(st.booleans()):
        header = ["evaluation_id", "staff_id", "date", *header]
    book = Workbook()
    book.properties.created = book.properties.modified = dt.datetime(2025, 1, 1)
    sheet = book.active
    assert sheet is not None
    for row in [header, *rows]:
        try:
            sheet.append([_excel_safe(v) for v in row])
        except Exception:  # openpyxl refuses some text (control characters): a user cannot type it either
            sheet.append(["?" for _ in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _excel_safe(value: object) -> object:
    if isinstance(value, str):
        return value[:32000]
    return value


@st.composite
def damaged_xlsx_files(draw: st.DrawFn) -> bytes:
    """A valid workbook with bytes overwritten: only whole-file faults may go without a line."""
    data = bytearray(draw(xlsx_files()))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, 1 << 20)) % len(data)  # a bound of its own: the size varies
        data[at] = draw(st.integers(0, 255))
    return bytes(data)


SCALAR = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | CELL
JSON_VALUE = st.recursive(
    SCALAR, lambda inner: st.lists(inner, max_size=2) | st.dictionaries(CELL, inner, max_size=2), max_leaves=4
)


@st.composite
def jsonl_files(draw: st.DrawFn) -> bytes:
    """JSON Lines: objects whose keys are the monitoring columns or others, values of every type."""
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            lines.append(draw(CELL))  # a broken line
        elif kind == 1:
            lines.append(json.dumps(draw(JSON_VALUE)))
        else:
            keys = draw(st.lists(st.sampled_from([*COLUMNS, "extra"]), max_size=8, unique=True))
            lines.append(
                json.dumps(
                    {k: draw(JSON_VALUE if kind == 2 else SCALAR) for k in keys},
                    ensure_ascii=draw(st.booleans()),
                )
            )
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return end.join(lines).encode("utf-8", errors="replace")


MANIFEST = (MINIMAL / "bundle.yaml").read_text("utf-8")
YAML_PIECES = st.sampled_from(
    [
        "\n",
        ": ",
        "- ",
        "  ",
        "&a ",
        "*a",
        "!!python/object:os.system ",
        "{",
        "}",
        "[",
        "]",
        "'",
        '"',
        "#",
        "|",
        ">",
        "\t",
        "\0",
        "\x07",
        "\u202e",
        "2025-13-01",
        "2026/10/8",
        "yes",
        "~",
        "%YAML 1.1\n",
        "---\n",
        "...\n",
        "<<: *a\n",
        "東京",
        "\ufeff",
    ]
)


@st.composite
def manifests(draw: st.DrawFn) -> bytes:
    """The minimal manifest with pieces of YAML syntax inserted, lines deleted or duplicated."""
    lines = MANIFEST.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.integers(0, 3))
        if action == 0:
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(YAML_PIECES) + lines[at][column:]
        elif action == 1:
            del lines[at]
        elif action == 2:
            lines.insert(at, lines[draw(st.integers(0, len(lines) - 1))])
        else:
            lines[at] = lines[at].replace(": ", ":", 1)
        if not lines:
            lines = ["\n"]
    return "".join(lines).encode("utf-8", errors="replace")


TARGETS: dict[str, tuple[str | None, st.SearchStrategy[bytes], bool]] = {
    "csv": ("monitoring.csv", csv_files(), False),
    "xlsx": ("monitoring.xlsx", xlsx_files(), False),
    "xlsx-damaged": ("monitoring.xlsx", damaged_xlsx_files(), True),
    "jsonl": ("monitoring.jsonl", jsonl_files(), False),
    "yaml": (None, manifests(), False),
}
"""Name → (record file name or None for the manifest, inputs, whether file-level faults may go unlocated)."""


def target(name: str) -> Callable[[bytes], int]:
    """The oracle check of target ``name`` for one input."""
    record_name, _, file_level_ok = TARGETS[name]
    return lambda payload: check(record_name, payload, file_level_ok=file_level_ok)
