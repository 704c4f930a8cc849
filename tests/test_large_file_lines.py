"""Lines in a large record file are its own lines, every run.

A million-row file is read by DuckDB in parallel. Typing a yes/no column with a long ``IN (…)``
list made DuckDB plan a join, which shuffled the rows: a bad value at row 900,000 was reported at
another line, quoting another row's (valid) value, differently from run to run, and row
citations in findings could point at the wrong lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bundle_factory import write_bundle

from ccc_audit.engine.assess import open_records
from ccc_audit.errors import InputError
from ccc_audit.loading.bundle import load_bundle

ROWS = 1_000_000
BAD_ROW = 900_000
"""Data row number (1-based); its file line is one more, after the header."""


def _bundle(root: Path, bad: bool) -> Path:
    columns = ["absence_id", "staff_id", "date", "hours", "type", "planned"]
    write_bundle(root, {"records": {"absence": {"columns": columns, "rows": []}}})
    lines = [",".join(columns)]
    for n in range(1, ROWS + 1):
        day = "2025-13-45" if bad and n == BAD_ROW else f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}"
        lines.append(f"A{n:07d},E{n % 97:04d},{day},8,sick,{'yes' if n % 2 else 'はい'}")
    (root / "records" / "absence.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def bad_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _bundle(tmp_path_factory.mktemp("large-bad"), bad=True)


def test_a_bad_value_at_row_900000_is_reported_at_its_line_ten_times_out_of_ten(bad_file: Path) -> None:
    reported = set()
    for _ in range(10):
        with pytest.raises(InputError) as caught:
            open_records(load_bundle(bad_file), None).close()
        reported.add(tuple(str(d) for d in caught.value.diagnostics))
    assert len(reported) == 1
    (messages,) = reported
    assert messages == (
        f'{bad_file / "records" / "absence.csv"}:{BAD_ROW + 1}: column "date": '
        '"2025-13-45" is not a date (expected YYYY-MM-DD or YYYY/M/D (e.g. 2026-04-01 or 2026/4/1))',
    )


def test_every_row_of_a_large_file_keeps_its_own_line(tmp_path: Path) -> None:
    root = _bundle(tmp_path / "bundle", bad=False)
    store = open_records(load_bundle(root), None)
    try:
        wanted = [1, 122_881, 500_000, BAD_ROW, ROWS]
        found = store.query(
            f"SELECT absence_id, {store.line_expr('absence')} FROM absence "
            f"WHERE absence_id IN ({', '.join(repr(f'A{n:07d}') for n in wanted)}) ORDER BY 1"
        )
    finally:
        store.close()
    assert found == [(f"A{n:07d}", n + 1) for n in wanted]
