"""What is wrong or unexpected in a record file's header, once mapped: missing and unknown columns."""

from __future__ import annotations

from ccc_audit.errors import Diagnostic, closest
from ccc_audit.i18n.text import text
from ccc_audit.models.records import RecordType, normalise
from ccc_audit.models.result import Notice
from ccc_audit.records.header_map import HeaderMap, header_names


def header_problems(
    mapped: HeaderMap, record_type: RecordType | None, shown: str, line: int
) -> list[Diagnostic]:
    """Required columns no header gives, and two headers giving one column name."""
    problems: list[Diagnostic] = []
    names = mapped.table_names()
    seen: dict[str, str] = {}
    for header, name in zip(mapped.headers, names, strict=True):
        key = name.lower()  # DuckDB column names ignore case
        if key in seen:
            problems.append(
                Diagnostic(
                    shown,
                    line,
                    0,
                    f'the headers "{seen[key]}" and "{header}" both give column "{name}"; '
                    "map one of them in bundle.yaml (columns:) or remove it",
                )
            )
        seen.setdefault(key, header)
    if record_type is None:
        return problems
    for column in record_type.columns:
        if column.required and column.name not in names:
            also = f" (or {', '.join(column.aliases)})" if column.aliases else ""
            problems.append(
                Diagnostic(
                    shown,
                    line,
                    0,
                    f'required column "{column.name}"{also} of record type "{record_type.name}" is missing; '
                    f"the header has: {', '.join(mapped.headers)}; if one of them holds it, map it in "
                    f'bundle.yaml (records: … columns: {{{column.name}: "<header>"}}) or run `ccc-audit map`',
                )
            )
    return problems


def suggestion(header: str, record_type: RecordType) -> str | None:
    """The column of ``record_type`` whose name or alias is closest to ``header``."""
    by_name = {normalise(n): c.name for c in record_type.columns for n in header_names(c)}
    found = closest(normalise(header), by_name)
    return by_name[found] if found is not None else None


def unknown_column_notices(
    unknown: list[str], record_type: RecordType, shown: str, line: int | None = None
) -> list[Notice]:
    """A warning per header that is no column of the record type, with the nearest column."""
    notices: list[Notice] = []
    for header in unknown:
        near = suggestion(header, record_type)
        hint_ja = f"「{near}」のことであれば bundle.yaml の columns で対応付ける。" if near else ""
        hint_en = f'; did you mean "{near}"? map it with columns: in bundle.yaml' if near else ""
        notices.append(
            Notice(
                code="unknown_column",
                message=text(
                    f"{shown}: 列「{header}」は記録種別 {record_type.name} の列ではないため、"
                    f"どの規則も読まない。{hint_ja}",
                    f'{shown}: column "{header}" is not a column of record type {record_type.name}, '
                    f"so no rule reads it{hint_en}",
                ),
                line=line,
            )
        )
    return notices
