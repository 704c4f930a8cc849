"""Copy a report-style CSV export row by row, leaving out rows that are not records (a totals row).

The copy is UTF-8, comma-separated, with a ``__line`` column giving each row's line in the
original file, so every later message still points at the export the centre gave.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ccc_audit.errors import Diagnostic
from ccc_audit.models.bundle import RecordSet
from ccc_audit.models.record_mapping import IgnoreRows
from ccc_audit.records.errors import RecordDataError


def ignore_rules(spec: RecordSet, headers: list[str], shown: str) -> list[tuple[int, IgnoreRows]]:
    """Each ``ignore_rows`` rule with the position of the header it reads."""
    rules: list[tuple[int, IgnoreRows]] = []
    for rule in spec.ignore_rows:
        header = rule.column if rule.column in headers else spec.columns.get(rule.column, rule.column)
        if header not in headers:
            raise RecordDataError(
                [
                    Diagnostic(
                        shown,
                        spec.header_line,
                        0,
                        f'ignore_rows reads column "{rule.column}", which the header does not have; '
                        f"the header has: {', '.join(headers)}",
                    )
                ]
            )
        rules.append((headers.index(header), rule))
    return rules


def is_ignored(cells: list[str], rules: list[tuple[int, IgnoreRows]]) -> bool:
    """Whether any rule ignores the row of ``cells``."""
    return any(rule.matches(cells[index]) for index, rule in rules)


def copy_rows(source: Path, spec: RecordSet, headers: list[str], shown: str, target: Path) -> None:
    """Write the records of UTF-8 ``source`` below its header to ``target``, with their lines."""
    rules = ignore_rules(spec, headers, shown)
    problems: list[Diagnostic] = []
    with (
        source.open(encoding="utf-8-sig", newline="") as stream,
        target.open("w", encoding="utf-8", newline="") as out,
    ):
        for _ in range(spec.header_line):
            stream.readline()
        reader = csv.reader(stream, delimiter=spec.delimiter, strict=True)
        writer = csv.writer(out)
        writer.writerow([*headers, "__line"])
        last = 0
        try:
            for cells in reader:
                line = spec.header_line + last + 1
                last = reader.line_num
                if not any(c.strip() for c in cells) or is_ignored(cells + [""] * len(headers), rules):
                    continue
                if len(cells) != len(headers):
                    problems.append(
                        Diagnostic(
                            shown, line, 0, f"the row has {len(cells)} cells; the header has {len(headers)}"
                        )
                    )
                    continue
                writer.writerow([*cells, line])
        except csv.Error as exc:
            problems.append(
                Diagnostic(
                    shown, spec.header_line + reader.line_num, 0, f"the file cannot be read as CSV: {exc}"
                )
            )
    if problems:
        raise RecordDataError(problems[:20])
