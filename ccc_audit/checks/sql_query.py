"""``sql`` check: a rule pack's own read-only SELECT; every row it returns is a failure.

The query runs in the locked record store (no file access, configuration locked) and was
checked at load time to be exactly one SELECT statement.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from ccc_audit.checks.base import CheckContext, records_missing
from ccc_audit.checks.kind import CheckKind
from ccc_audit.i18n.text import text
from ccc_audit.models.calendar import WINDOW_NAMES_JA, windows_in
from ccc_audit.models.checks import CheckSpecBase, ParamRef, SpecProblem, WindowValue
from ccc_audit.models.common import Identifier, Localized, Window
from ccc_audit.models.result import Bound, CheckResult, FailingItem, Outcome, Quantity
from ccc_audit.records.errors import MissingColumnsError


class SqlCheckSpec(CheckSpecBase):
    """The escape hatch: a read-only SELECT over the record tables returning failing rows."""

    kind: Literal["sql"] = Field(description="Check kind.")
    activity: Localized = Field(description="What a returned row means, for findings.")
    uses: list[Identifier] = Field(min_length=1, description="Record sets the query reads.")
    columns: dict[Identifier, list[str]] = Field(
        default_factory=dict,
        description="Columns the query reads, per record set; a missing one fails the check as incomplete.",
    )
    query: str = Field(min_length=1, description="One SELECT; its first column names the failing subject.")
    bind: list[int | float | ParamRef] = Field(
        default_factory=list,
        description="Values bound, in order, to the query's ? placeholders: literals or $parameters "
        "(a designated value the bundle leaves unset fails the check before the query runs).",
    )
    per_window: WindowValue | None = Field(
        default=None,
        description="The query checks each whole window of this kind (from the audit_windows table); "
        "a period holding none is not assessed instead of passing on no rows.",
    )


MAX_LISTED = 200
_MISSING_COLUMN = re.compile(r'Referenced column "([^"]+)" not found')


def needs(spec: SqlCheckSpec) -> dict[str, list[str]]:
    """Record sets the query reads, with the columns it declares for each."""
    return {name: list(spec.columns.get(name, [])) for name in spec.uses}


def evaluate(spec: SqlCheckSpec, ctx: CheckContext) -> CheckResult:
    """Evaluate a SQL check."""
    import duckdb  # only when a rule's SQL runs: a run whose rules are all remembered needs no DuckDB

    store = ctx.records
    absent = [name for name in spec.uses if not store.has(name)]
    if absent:
        return records_missing("sql", absent)
    for name, columns in spec.columns.items():
        store.require(name, columns, f"rule {ctx.rule_id}")
    if spec.per_window is not None:
        window = ctx.window(spec.per_window)
        if not windows_in(*ctx.period, window, ctx.anchor):
            return CheckResult(
                kind="sql",
                outcome=Outcome.NOT_ASSESSED,
                reason="period_too_short",
                message=text(
                    f"監査期間に完全な{WINDOW_NAMES_JA[window]}の区間がない。",
                    f"The audit period holds no whole {window.value}.",
                ),
            )
    bound = [_bound_value(value, ctx) for value in spec.bind]
    try:
        rows = store.query_limited(f"SELECT * FROM {subquery(spec.query)} LIMIT {MAX_LISTED}", bound)
        total = len(rows)
        if total == MAX_LISTED:  # only then can there be more rows than listed
            total = int(store.query_limited(f"SELECT count(*) FROM {subquery(spec.query)}", bound)[0][0])
    except duckdb.BinderException as exc:
        missing = _MISSING_COLUMN.search(str(exc))
        if missing and len(spec.uses) == 1:
            raise MissingColumnsError(
                spec.uses[0], store.bundle.model.records[spec.uses[0]].shown(), [missing[1]]
            ) from None
        raise RuntimeError(f"the rule's SQL failed: {str(exc).splitlines()[0]}") from None
    except duckdb.Error as exc:
        raise RuntimeError(f"the rule's SQL failed: {str(exc).splitlines()[0]}") from None
    evidence = [ctx.records_ref(name) for name in spec.uses]
    if total:
        failing = [
            FailingItem(
                subject="-" if row[0] is None else str(row[0]),
                detail=text(
                    ", ".join(str(v) for v in row[1:]) or spec.activity.ja,
                    ", ".join(str(v) for v in row[1:]) or spec.activity.en,
                ),
            )
            for row in rows
        ]
        return CheckResult(
            kind="sql",
            outcome=Outcome.FAIL,
            reason="rows_returned",
            message=text(
                f"{spec.activity.ja}: {total} 件", f"{spec.activity.en.capitalize()}: {total} row(s)."
            ),
            measured=str(total),
            required="0",
            values=[Quantity(value=total, unit="rows")],
            bound=Bound(max=0, unit="rows"),
            evidence=evidence,
            failing=failing,
            failing_count=total,
        )
    return CheckResult(
        kind="sql",
        outcome=Outcome.PASS,
        reason="no_rows",
        message=text(f"該当なし（{spec.activity.ja}）。", f"None found ({spec.activity.en})."),
        measured="0",
        required="0",
        values=[Quantity(value=0, unit="rows")],
        bound=Bound(max=0, unit="rows"),
        evidence=evidence,
    )


def _bound_value(value: int | float | str, ctx: CheckContext) -> object:
    """A bound value: a literal, or a parameter's value (a window as its name)."""
    if not isinstance(value, str):
        return value
    resolved = ctx.parameters[value[1:]]
    return resolved.value if isinstance(resolved, Window) else resolved


def problems(spec: SqlCheckSpec) -> list[SpecProblem]:
    """A query that is not exactly one read-only SELECT over the record tables."""
    problem = sql_problem(spec.query)
    return [SpecProblem(("query",), problem)] if problem else []


def subquery(query: str) -> str:
    """A rule-pack query in parentheses, ready to select from (a trailing ``--`` comment ends before them)."""
    return f"({query}\n)"


def sql_problem(query: str) -> str | None:
    """Why a rule-pack query is refused (anything but exactly one SELECT), or None."""
    import duckdb  # when packs are validated, not when the validated library is served from the cache

    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        return f"the query is not valid SQL: {str(exc).splitlines()[0]}"
    if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
        return "the query must be exactly one SELECT statement (rule-pack SQL is read-only)"
    try:
        embedded = duckdb.extract_statements(f"SELECT * FROM {subquery(query)}")
    except duckdb.Error:
        embedded = []
    if len(embedded) != 1:
        return "the query cannot be run as a subquery; remove the ';' that ends it"
    serialised = duckdb.execute("SELECT json_serialize_sql(?)", [query]).fetchall()
    for node in _nodes(json.loads(serialised[0][0])):
        if node.get("type") == "TABLE_FUNCTION":
            function = node.get("function")
            name = str(function.get("function_name", "?")) if isinstance(function, dict) else "?"
            if name not in _HARMLESS_TABLE_FUNCTIONS:
                return f"the query calls {name}(); rule-pack SQL may read only the record tables"
        if node.get("type") == "BASE_TABLE" and (
            node.get("catalog_name")
            or node.get("schema_name")
            or not _IDENTIFIER.match(str(node.get("table_name")))
        ):
            return (
                f'the query reads "{node.get("table_name")}"; rule-pack SQL may read only the record tables'
            )
    return None


_TABLES: dict[str, frozenset[str]] = {}
"""The table names of every query parsed (or learnt) by this process."""


def tables_named(query: str) -> frozenset[str]:
    """Every table name a rule-pack query mentions (CTE names included): what it can read."""
    found = _TABLES.get(query)
    if found is None:
        found = _TABLES[query] = _parse_tables(query)
    return found


def learn_tables(known: dict[str, frozenset[str]]) -> None:
    """Take the table names of queries that an earlier run parsed (kept with the cached library)."""
    _TABLES.update(known)


def _parse_tables(query: str) -> frozenset[str]:
    import duckdb  # only for a query this process has not learnt the tables of

    serialised = duckdb.execute("SELECT json_serialize_sql(?)", [query]).fetchall()
    named: set[str] = set()

    def base_table(node: dict[str, object]) -> dict[str, object]:
        """Every object of the tree, at any depth, passes here once (a walk in the decoder itself)."""
        if node.get("type") == "BASE_TABLE":
            named.add(str(node.get("table_name")))
        return node

    json.loads(serialised[0][0], object_hook=base_table)
    return frozenset(named)


_HARMLESS_TABLE_FUNCTIONS = {"generate_series", "range", "unnest"}
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _nodes(value: object) -> Iterator[dict[str, object]]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _nodes(item)


def docs_line(spec: SqlCheckSpec, lang: str) -> str:
    """Line describing a ``sql`` check in the rule reference (``docs/rules``)."""
    return f"`sql`: {spec.activity.get(lang)}"


KIND = CheckKind(
    name="sql",
    spec=SqlCheckSpec,
    evaluate=evaluate,
    docs_line=docs_line,
    record_needs=needs,
    problems=problems,
)
"""The ``sql`` check kind, registered in :mod:`ccc_audit.checks.registry`."""
