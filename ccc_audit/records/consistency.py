"""Checks across the rows of a loaded record set, and of the records against the declared scope.

- Overlapping employment spells of one staff id in the roster are errors: a person holds one
  spell at a time (a transfer ends one row the day before, or the day, the next begins), and two
  open rows would count the person twice in every population.
- Two rows with the same key (the record type's ``key``; for the roster, staff id and hire date)
  are errors: the second row is almost always an export run twice or a copy-paste, and it would
  be counted twice.
- Records the declared scope contradicts (home workers without ``work_at_home``, chat sessions
  without ``chat``, outbound attempts without ``outbound``) are notices: the rules for them are
  out of scope, which may be meant, but is more often a scope left incomplete.
"""

from __future__ import annotations

from typing import Protocol

import duckdb

from ccc_audit.errors import Diagnostic
from ccc_audit.i18n.text import text
from ccc_audit.loading.bundle import LoadedBundle
from ccc_audit.models.records import RecordType
from ccc_audit.models.result import Notice
from ccc_audit.records.readers import quote_ident

MAX_REPORTED = 20


def overlapping_spells(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: list[str],
    line_expr: str,
    record_type: RecordType | None,
    shown: str,
) -> list[Diagnostic]:
    """Pairs of roster rows of one staff id whose hire-to-exit intervals overlap, both located."""
    if record_type is None or record_type.name != "roster" or "hire_date" not in columns:
        return []
    exit_date = "exit_date" if "exit_date" in columns else "NULL::DATE"
    rows = con.execute(
        f"WITH s AS (SELECT staff_id, hire_date AS h, {exit_date} AS e, {line_expr} AS line "
        f"FROM {quote_ident(table)} WHERE staff_id IS NOT NULL AND hire_date IS NOT NULL) "
        "SELECT a.staff_id, a.line, a.h, a.e, b.line, b.h, b.e FROM s a JOIN s b "
        "ON a.staff_id = b.staff_id AND a.line < b.line "
        "AND a.h < coalesce(b.e, DATE '9999-12-31') AND b.h < coalesce(a.e, DATE '9999-12-31') "
        f"ORDER BY a.line, b.line LIMIT {MAX_REPORTED}"
    ).fetchall()

    def spell(start: object, end: object) -> str:
        return f"{start} to {end if end is not None else 'now'}"

    return [
        Diagnostic(
            shown,
            int(line_a),
            0,
            f'staff "{staff}" has overlapping employment spells: this row ({spell(h_a, e_a)}) and '
            f"{shown}:{line_b} ({spell(h_b, e_b)}); end one spell (exit_date) before the next begins",
        )
        for staff, line_a, h_a, e_a, line_b, h_b, e_b in rows
    ]


def duplicate_keys(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: list[str],
    line_expr: str,
    record_type: RecordType | None,
    shown: str,
) -> list[Diagnostic]:
    """Keys that more than one row holds, located at the repeated row and naming the first."""
    if record_type is None:
        return []
    key = list(record_type.key)
    if record_type.name == "roster" and "hire_date" in columns:
        key.append("hire_date")  # one row per employment spell; overlaps are checked apart
    if any(k not in columns for k in key):
        return []
    names = ", ".join(quote_ident(k) for k in key)
    present = " AND ".join(f"{quote_ident(k)} IS NOT NULL" for k in key)
    rows = con.execute(
        f"SELECT {names}, min({line_expr}) AS first, "
        f"list({line_expr} ORDER BY {line_expr})[2] AS second, count(*) "
        f"FROM {quote_ident(table)} WHERE {present} GROUP BY ALL HAVING count(*) > 1 "
        f"ORDER BY second LIMIT {MAX_REPORTED}"
    ).fetchall()
    problems = []
    for row in rows:
        values = ", ".join(f'{k} "{v}"' for k, v in zip(key, row[: len(key)], strict=True))
        first, second, count = row[len(key) :]
        again = f"{count} rows" if count > 2 else "two rows"
        problems.append(
            Diagnostic(
                shown,
                int(second),
                0,
                f"{values} is repeated ({again}; first at line {first}): each row needs a key of its "
                "own, so remove the repeated row or correct its key",
            )
        )
    return problems


class RecordTables(Protocol):
    """What :func:`scope_notices` reads of the record store."""

    def has(self, name: str) -> bool:
        """Whether set ``name`` is loaded."""

    def query(self, sql: str, parameters: list[object] | None = None) -> list[tuple[object, ...]]:
        """Rows of ``sql``."""

    def shown(self, name: str) -> str:
        """The set's file as shown to users."""

    def line_expr(self, name: str, alias: str | None = None) -> str:
        """SQL giving a row's file line."""

    def columns(self, name: str) -> list[str]:
        """The set's columns."""


def _sets_of_type(bundle: LoadedBundle, records: RecordTables, type_name: str) -> list[str]:
    declared = bundle.model.records.items()
    return [n for n, spec in declared if (spec.type or n) == type_name and records.has(n)]


def _scope_line(bundle: LoadedBundle, key: str) -> int | None:
    scope = bundle.doc.data.get("scope") if isinstance(bundle.doc.data, dict) else None
    if isinstance(scope, dict) and key in scope:
        return bundle.doc.position(("scope", key), key=True).line
    return bundle.section_line("scope")


def _home_workers(bundle: LoadedBundle, records: RecordTables) -> list[Notice]:
    notices: list[Notice] = []
    for name in _sets_of_type(bundle, records, "roster"):
        if "work_mode" not in records.columns(name):
            continue
        found = records.query(
            f"SELECT count(*), min({records.line_expr(name)}) FROM {quote_ident(name)} "
            "WHERE CAST(work_mode AS VARCHAR) = 'home'"
        )
        count, first = found[0] if found else (0, None)
        if not count:
            continue
        where = f"{records.shown(name)}:{first}"
        ja = (
            f"名簿に在宅勤務（work_mode: home）の従業員が {count} 名いる（最初は {where}）が、"
            "scope.operations に work_at_home がないため、在宅勤務の規則は適用されない。"
            "対象範囲に加えるか、名簿を正すこと。"
        )
        en = (
            f'{count} staff have work_mode "home" (first at {where}) but "work_at_home" is not in '
            "scope.operations, so the work-at-home rules do not apply; add it to the scope or correct "
            "the roster."
        )
        notices.append(
            Notice(code="scope_contradicted", message=text(ja, en), line=_scope_line(bundle, "operations"))
        )
    return notices


def _out_of_scope_sets(
    bundle: LoadedBundle, records: RecordTables, type_name: str, key: str, word: str
) -> list[Notice]:
    notices: list[Notice] = []
    for name in _sets_of_type(bundle, records, type_name):
        found = records.query(f"SELECT count(*) FROM {quote_ident(name)}")
        count = found[0][0] if found else 0
        if not count:
            continue
        shown = records.shown(name)
        ja = (
            f"記録 {shown} に {count} 行あるが、scope.{key} に {word} がないため、その規則は適用されない。"
            "対象範囲に加えるか、記録を外すこと。"
        )
        en = (
            f'{shown} holds {count} rows but "{word}" is not in scope.{key}, so the rules for it do not '
            "apply; add it to the scope or remove the records."
        )
        notices.append(Notice(code="scope_contradicted", message=text(ja, en), line=_scope_line(bundle, key)))
    return notices


def scope_notices(bundle: LoadedBundle, records: RecordTables) -> list[Notice]:
    """Notices for records that the declared scope contradicts, located in bundle.yaml."""
    scope = bundle.model.scope
    notices: list[Notice] = []
    if "work_at_home" not in scope.operations:
        notices.extend(_home_workers(bundle, records))
    if "chat" not in scope.channels:
        notices.extend(_out_of_scope_sets(bundle, records, "chat_sessions", "channels", "chat"))
    if "outbound" not in scope.operations:
        notices.extend(_out_of_scope_sets(bundle, records, "outbound_attempts", "operations", "outbound"))
    return notices
