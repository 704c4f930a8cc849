"""The register as CSV: UTF-8 with BOM for Excel, every cell neutralised, read back exactly."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.files.reading import REGISTER_LIMIT, read_bounded
from ccc_audit.register.columns import column_keys, header, key_for_header
from ccc_audit.register.model import Register
from ccc_audit.spreadsheet.cells import neutralise_exact as neutralise
from ccc_audit.spreadsheet.cells import restore_exact as restore


def render_csv(register: Register) -> bytes:
    """CSV bytes: headers in the register's language, then one row per corrective action."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([neutralise(register.title(key)) for key in register.columns])
    for row in register.rows:
        writer.writerow([neutralise(row.get(key, "")) for key in register.columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _decode(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp932")
    except UnicodeDecodeError:
        raise InputError(
            [Diagnostic(str(path), 0, 0, "the register is neither UTF-8 nor CP932 (Shift_JIS) text")]
        ) from None


def read_csv(path: Path) -> Register:
    """Read a register written by :func:`render_csv` and edited in a spreadsheet."""
    text = _decode(read_bounded(path, str(path), "a register", REGISTER_LIMIT), path)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise InputError([Diagnostic(str(path), 1, 1, "the register is empty; expected a header row")])
    headers = [restore(cell) for cell in rows[0]]
    keys, titles = column_keys(headers)
    if "finding_id" not in keys:
        raise InputError(
            [Diagnostic(str(path), 1, 1, 'no "finding_id" column (所見ID / Finding id) in the header row')]
        )
    lang = "ja" if rows[0] and restore(rows[0][0]).strip() == header("id", "ja") else "en"
    register = Register(lang, extra=[k for k in keys if key_for_header(k) is None], titles=titles)
    for number, cells in enumerate(rows[1:], start=2):
        if len(cells) > len(keys):
            raise InputError(
                [
                    Diagnostic(
                        str(path), number, len(keys) + 1, f"{len(cells)} cells; the header has {len(keys)}"
                    )
                ]
            )
        if not any(cell.strip() for cell in cells):
            continue
        register.rows.append({keys[i]: restore(cell) for i, cell in enumerate(cells) if cell != ""})
    return register
