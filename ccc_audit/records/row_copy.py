"""Copy a report-style CSV export row by row, leaving out rows that are not records (a totals row).

The copy is UTF-8, comma-separated, with a ``__line`` column giving each row's line in the
original file, so every later message still points at the export the centre gave.
"""

from __future__ import annotations

from pathlib import Path

from ccc_audit.errors import Diagnostic
from ccc_audit.models.bundle import RecordSet
from ccc_audit.models.record_mapping import IgnoreRows
from ccc_audit.records.errors import RecordDataError
from ccc_audit.records.lined_csv import read_csv_lined


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

    def left_out(cells: list[str]) -> bool:
        return not any(c.strip() for c in cells) or is_ignored(cells + [""] * len(headers), rules)

    read_csv_lined(
        source,
        headers,
        shown,
        target,
        spec.delimiter,
        spec.header_line,
        left_out=lambda cells: (
            not any(c.strip() for c in cells) or is_ignored(cells + [""] * len(headers), rules)
        ),
    )
