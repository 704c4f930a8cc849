"""DuckDB SQL → Spark SQL with SQLGlot, and the guard every query passes on its parsed form.

One source of SQL: the check kinds, the metrics and rule-pack ``sql`` checks are written for
DuckDB; this module parses each query (SQLGlot's DuckDB dialect), refuses anything but one
read-only query over the record tables, and writes the same tree as Spark SQL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_HARMLESS_TABLE_FUNCTIONS = (exp.GenerateSeries, exp.Unnest, exp.Explode)
_DENIED_FUNCTIONS = frozenset(
    {
        # reach the JVM, the host or the files
        "reflect",
        "java_method",
        "try_reflect",
        "getenv",
        "current_setting",
        "input_file_name",
        "input_file_block_start",
        "input_file_block_length",
        "glob",
        "query",
        "query_table",
        "sql_auto_complete",
        "from_avro",
        "to_avro",
    }
)
_READ_ONLY = "the query must be exactly one SELECT statement (rule-pack SQL is read-only)"
_ONLY_RECORDS = "rule-pack SQL may read only the record tables"
_INTERVAL_UNITS = {
    "to_seconds": ("1", "SECOND"),
    "to_minutes": ("1", "MINUTE"),
    "to_hours": ("1", "HOUR"),
    "to_days": ("1", "DAY"),
    "to_weeks": ("7", "DAY"),
    "to_months": ("1", "MONTH"),
    "to_years": ("1", "YEAR"),
}
"""DuckDB's interval constructors, as a number of Spark's ANSI interval literals."""
_DENIED_NODES = (exp.Command, exp.Set, exp.Pragma, exp.Copy, exp.Create, exp.Drop, exp.Insert, exp.Use)


class RefusedQueryError(ValueError):
    """A query the guard refuses; the message says why (for the pack's file:line)."""


def parse(sql: str) -> exp.Query:
    """The one read-only query in ``sql`` (DuckDB dialect), or RefusedQueryError."""
    try:
        statements = [s for s in sqlglot.parse(sql, read="duckdb") if s is not None]
    except SqlglotError as exc:
        raise RefusedQueryError(f"the query is not valid SQL: {str(exc).splitlines()[0]}") from None
    if len(statements) != 1 or not isinstance(statements[0], exp.Query):
        raise RefusedQueryError(_READ_ONLY)
    return statements[0]


def guard(tree: exp.Query, tables: Collection[str] | None = None) -> None:
    """Raise RefusedQueryError unless ``tree`` reads only record tables (``tables``, when known).

    Refused: a table with a catalog or schema (``csv.`/path` ``, ``parquet.x``, ``qa.t``), a
    table named by a path or any non-identifier, a table function other than a series or an
    unnest (``read_csv``, ``query``), functions that reach files, settings or the JVM
    (``reflect``, ``java_method``, ``getenv``, ``current_setting``), and any command or write.
    """
    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    for node in tree.walk():
        if isinstance(node, _DENIED_NODES):
            raise RefusedQueryError(_READ_ONLY)
        if isinstance(node, exp.Table):
            _check_table(node, ctes, tables)
        elif isinstance(node, exp.Func):
            name = (node.name if isinstance(node, exp.Anonymous) else node.sql_name()).lower()
            if name in _DENIED_FUNCTIONS or name.startswith("read_") or isinstance(node, exp.ReadCSV):
                raise RefusedQueryError(f"the query calls {name}(); {_ONLY_RECORDS}")


def _check_table(node: exp.Table, ctes: set[str], tables: Collection[str] | None) -> None:
    target = node.this
    if isinstance(target, exp.Func):
        if isinstance(target, _HARMLESS_TABLE_FUNCTIONS):
            return
        name = target.name if isinstance(target, exp.Anonymous) else target.sql_name()
        raise RefusedQueryError(f"the query calls {name.lower()}(); {_ONLY_RECORDS}")
    if not isinstance(target, exp.Identifier):
        return  # a subquery or VALUES list in FROM: its own tables are walked too
    shown = ".".join(p for p in (node.catalog, node.db, node.name) if p)
    if node.args.get("catalog") or node.args.get("db") or not _IDENTIFIER.match(node.name):
        raise RefusedQueryError(f'the query reads "{shown}"; {_ONLY_RECORDS}')
    if tables is not None and node.name not in ctes and node.name not in tables:
        raise RefusedQueryError(f'the query reads "{shown}"; {_ONLY_RECORDS}')


def problem(sql: str) -> str | None:
    """Why the guard refuses ``sql`` (any table name allowed), or None: the rule-pack check."""
    try:
        tree = parse(sql)
        guard(tree)
        tree.sql(dialect="spark", unsupported_level=sqlglot.ErrorLevel.RAISE)
    except RefusedQueryError as exc:
        return str(exc)
    except SqlglotError as exc:
        return f"the query cannot be written as Spark SQL: {str(exc).splitlines()[0]}"
    try:
        parse(f"SELECT * FROM ({sql}\n)")  # the checks select from it as a subquery
    except RefusedQueryError:
        return "the query cannot be run as a subquery; remove the ';' that ends it"
    return None


def tables_read(tree: exp.Query) -> list[str]:
    """The plain table names ``tree`` reads (CTE names left out), in order of appearance."""
    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    names = [t.name for t in tree.find_all(exp.Table) if isinstance(t.this, exp.Identifier)]
    return [n for n in dict.fromkeys(names) if n not in ctes]


def to_spark(tree: exp.Query, parameters: list[Any] | None = None) -> str:
    """``tree`` written as Spark SQL, each ``?`` replaced by its parameter as a literal."""
    values = iter(parameters or [])
    aliases = {t.alias_or_name for t in tree.find_all(exp.Table)}
    bound: exp.Expr = tree.copy()
    if parameters:
        bound = bound.transform(lambda n: _literal(next(values)) if isinstance(n, exp.Placeholder) else n)
    return bound.transform(lambda n: _spark_form(n, aliases)).sql(dialect="spark")


def _spark_form(node: exp.Expr, aliases: set[str]) -> exp.Expr:
    """What Spark needs written differently from DuckDB where SQLGlot leaves it as it is.

    - ``generate_series(a, b) AS g(k)`` joined in FROM: ``LATERAL VIEW explode(sequence(a, b)) g AS k``
      (it may read the tables before it); alone in FROM: ``(SELECT explode(...) AS k) AS g``;
    - ``to_json(alias)`` of a whole row: ``to_json(struct(alias.*))``;
    - ``date - date`` (both cast to DATE or DATE literals): ``datediff`` (DuckDB's whole days);
    - ``row_number() OVER ()``, an arbitrary row id on DuckDB: ``monotonically_increasing_id()``,
      also unique and needing no single ordered partition;
    - ``to_seconds(x)`` … ``to_years(x)``: ``(x) * INTERVAL '1' SECOND`` … ``YEAR`` (weeks as 7 days).
    """
    interval = _interval(node)
    if interval is not None:
        return interval
    if isinstance(node, exp.Select):
        return _lateral_series(node)
    if isinstance(node, exp.Table) and isinstance(node.this, exp.GenerateSeries):
        column, name = _series_names(node)
        return exp.select(exp.alias_(exp.Explode(this=node.this.copy()), column)).subquery(name)
    if _is_row_json(node, aliases):
        assert isinstance(node, exp.Anonymous)
        row = exp.Column(this=exp.Star(), table=exp.to_identifier(node.expressions[0].name))
        return exp.Anonymous(this="to_json", expressions=[exp.Struct(expressions=[row])])
    if isinstance(node, exp.Sub) and _is_date(node.this) and _is_date(node.expression):
        return exp.Anonymous(this="datediff", expressions=[node.this.copy(), node.expression.copy()])
    if (
        isinstance(node, exp.Window)
        and isinstance(node.this, exp.RowNumber)
        and not node.args.get("partition_by")
        and not node.args.get("order")
    ):
        row_id = exp.Anonymous(this="monotonically_increasing_id")
        return exp.Add(this=row_id, expression=exp.Literal.number(1))
    return node


def _interval(node: exp.Expr) -> exp.Expr | None:
    """DuckDB's ``to_<unit>(x)`` as ``(x) * INTERVAL 'n' UNIT``; None for any other node."""
    if isinstance(node, exp.ToDays):
        name, argument = "to_days", node.this
    elif (
        isinstance(node, exp.Anonymous)
        and node.name.lower() in _INTERVAL_UNITS
        and len(node.expressions) == 1
    ):
        name, argument = node.name.lower(), node.expressions[0]
    else:
        return None
    count, unit = _INTERVAL_UNITS[name]
    literal = exp.Interval(this=exp.Literal.string(count), unit=exp.var(unit))
    return exp.Paren(this=exp.Mul(this=exp.Paren(this=argument.copy()), expression=literal))


def _series_names(table: exp.Table) -> tuple[str, str]:
    alias = table.args.get("alias")
    columns = alias.columns if isinstance(alias, exp.TableAlias) else []
    name = alias.name if isinstance(alias, exp.TableAlias) and alias.name else "g"
    return (columns[0].name if columns else "generate_series"), name


def _lateral_series(select: exp.Select) -> exp.Select:
    """Comma- or cross-joined ``generate_series`` moved to a LATERAL VIEW of the same rows."""
    joins = select.args.get("joins") or []
    series = [
        j
        for j in joins
        if isinstance(j.this, exp.Table)
        and isinstance(j.this.this, exp.GenerateSeries)
        and not j.args.get("on")
        and j.side in ("", None)
    ]
    if not series:
        return select
    select = select.copy()
    kept = [j for j in select.args.get("joins") or [] if not _is_series_join(j)]
    laterals = list(select.args.get("laterals") or [])
    for join in series:
        table = join.this
        column, name = _series_names(table)
        laterals.append(
            exp.Lateral(
                this=exp.Explode(this=table.this.copy()),
                view=True,
                alias=exp.TableAlias(this=exp.to_identifier(name), columns=[exp.to_identifier(column)]),
            )
        )
    select.set("joins", kept or None)
    select.set("laterals", laterals)
    return select


def _is_series_join(join: exp.Join) -> bool:
    return (
        isinstance(join.this, exp.Table)
        and isinstance(join.this.this, exp.GenerateSeries)
        and not join.args.get("on")
        and join.side in ("", None)
    )


def _is_row_json(node: exp.Expr, aliases: set[str]) -> bool:
    return (
        isinstance(node, exp.Anonymous)
        and node.name.lower() == "to_json"
        and len(node.expressions) == 1
        and isinstance(node.expressions[0], exp.Column)
        and not node.expressions[0].table
        and node.expressions[0].name in aliases
    )


def _is_date(node: exp.Expr) -> bool:
    if isinstance(node, exp.Paren):
        return _is_date(node.this)
    if isinstance(node, exp.Cast | exp.TsOrDsToDate):
        return node.to.is_type(exp.DataType.Type.DATE) if isinstance(node, exp.Cast) else True
    return False


def _literal(value: Any) -> exp.Expr:
    if isinstance(value, dt.datetime):
        return exp.cast(exp.Literal.string(value.isoformat(sep=" ")), exp.DataType.Type.TIMESTAMP)
    if isinstance(value, dt.date):
        return exp.cast(exp.Literal.string(value.isoformat()), exp.DataType.Type.DATE)
    return exp.convert(value)
