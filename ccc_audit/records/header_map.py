"""Which of our columns each header of an export is, and which of our values each label is.

An explicit mapping in ``bundle.yaml`` wins; then a header spelled as our column name; then the
record type's aliases, but only when exactly one column claims the header. Headers and labels
are compared after :func:`normalise` (NFKC width folding, case, spaces, underscores, hyphens).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ccc_audit.errors import Diagnostic, closest
from ccc_audit.models.bundle import RecordSet
from ccc_audit.models.records import Column, RecordType, normalise


def header_names(column: Column) -> list[str]:
    """Every header meaning ``column``: its name and its aliases."""
    return [column.name, *column.aliases]


@dataclass
class HeaderMap:
    """Our name for each header of a file (None: not a column of the record type)."""

    headers: list[str]
    names: list[str | None]
    problems: list[Diagnostic] = field(default_factory=list)

    def table_names(self) -> list[str]:
        """Column names of the loaded table: ours, or the header itself for unknown columns."""
        return [n if n is not None else h for h, n in zip(self.headers, self.names, strict=True)]

    def shown(self) -> dict[str, str]:
        """The export's header of each of our columns, for messages."""
        return {n: h for h, n in zip(self.headers, self.names, strict=True) if n is not None}

    def unknown(self) -> list[str]:
        """Headers that are no column of the record type."""
        return [h for h, n in zip(self.headers, self.names, strict=True) if n is None]


def map_headers(headers: list[str], spec: RecordSet, record_type: RecordType | None, shown: str) -> HeaderMap:
    """Resolve the file's headers to our column names (see the module docstring)."""
    names: list[str | None] = [None] * len(headers)
    problems: list[Diagnostic] = []
    if record_type is None:
        return HeaderMap(headers, list(headers))
    taken: set[str] = set()
    for ours, export in spec.columns.items():
        if export in headers:
            names[headers.index(export)] = ours
            taken.add(ours)
        else:
            near = closest(export, headers)
            problems.append(
                Diagnostic(
                    shown,
                    spec.header_line,
                    0,
                    f'bundle.yaml maps column "{ours}" to the header "{export}", which the file does not have'
                    + (f'; did you mean "{near}"?' if near else "")
                    + f"; the header has: {', '.join(headers)}",
                )
            )
    exact = {normalise(c.name): c.name for c in record_type.columns}
    for i, header in enumerate(headers):
        found = exact.get(normalise(header))
        if names[i] is None and found is not None and found not in taken:
            names[i] = found
            taken.add(found)
    claims: dict[str, set[str]] = {}
    for column in record_type.columns:
        for alias in column.aliases:
            claims.setdefault(normalise(alias), set()).add(column.name)
    by_alias: dict[str, list[int]] = {}
    for i, header in enumerate(headers):
        claimed = claims.get(normalise(header), set())
        if names[i] is None and len(claimed) == 1:
            by_alias.setdefault(next(iter(claimed)), []).append(i)
    for found, positions in by_alias.items():
        if len(positions) == 1 and found not in taken:  # two headers meaning one column: ambiguous
            names[positions[0]] = found
            taken.add(found)
    return HeaderMap(headers, names, problems)
