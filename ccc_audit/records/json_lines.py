"""Read a JSON Lines record file line by line into a CSV copy that keeps every row's line.

Each line is one JSON object of scalar values; a value's JSON type does not matter (the record
type checks every value as text, at its own line), so a file mixing ``"3"`` and ``3`` in one
key is read, and a value that does not fit its column is reported at the line that holds it.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from ccc_audit.errors import Diagnostic
from ccc_audit.records.errors import RecordDataError

MAX_LINE_BYTES = 16 * 1024 * 1024
MAX_REPORTED = 20


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _lines(path: Path, shown: str, problems: list[Diagnostic]) -> list[tuple[int, dict[str, object]]]:
    rows: list[tuple[int, dict[str, object]]] = []
    with path.open("rb") as stream:
        number = 0
        while len(problems) < MAX_REPORTED:
            raw = stream.readline(MAX_LINE_BYTES + 1)
            if not raw:
                break
            number += 1
            if len(raw) > MAX_LINE_BYTES:
                problems.append(
                    Diagnostic(shown, number, 0, "the line is longer than 16 MiB; expected one JSON object")
                )
                break
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                problems.append(Diagnostic(shown, number, exc.start + 1, "the line is not valid UTF-8"))
                continue
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(Diagnostic(shown, number, exc.colno, f"not valid JSON: {exc.msg}"))
                continue
            except RecursionError:
                problems.append(Diagnostic(shown, number, 0, "the JSON is nested too deeply"))
                continue
            if not isinstance(value, dict):
                problems.append(Diagnostic(shown, number, 1, "expected one JSON object ({...}) per line"))
                continue
            if any(not key.strip() for key in value):
                problems.append(Diagnostic(shown, number, 0, "a key is empty; every key names a column"))
                continue
            nested = [k for k, v in value.items() if isinstance(v, (dict, list))]
            if nested:
                problems.append(
                    Diagnostic(
                        shown,
                        number,
                        0,
                        f'key "{nested[0]}" holds a list or an object; expected a text, a number, '
                        "true / false or null",
                    )
                )
                continue
            rows.append((number, value))
    return rows


def read_json_lines(path: Path, shown: str, target: Path) -> list[str]:
    """Write ``path`` as CSV ``target`` (its keys in first-seen order, then ``__line``); the keys.

    Raises RecordDataError naming the line (and column) of every line that is not an object of
    scalar values, up to 20.
    """
    problems: list[Diagnostic] = []
    rows = _lines(path, shown, problems)
    if problems:
        raise RecordDataError(problems)
    columns = list(dict.fromkeys(k for _, row in rows for k in row))
    if not columns:
        raise RecordDataError(
            [Diagnostic(shown, 1, 0, "the file holds no JSON object; expected one per line")]
        )
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([*columns, "__line"])
        for number, row in rows:
            writer.writerow([*(_text(row.get(c)).replace("\r", "\n") for c in columns), number])
    return columns
