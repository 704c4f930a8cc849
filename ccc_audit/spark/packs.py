"""Rule-pack ``sql`` checks checked for Spark before a Spark run starts, located at their file:line."""

from __future__ import annotations

from ccc_audit.errors import Diagnostic
from ccc_audit.loading.library import Library
from ccc_audit.spark.dialect import problem


def pack_sql_problems(library: Library) -> list[Diagnostic]:
    """Every rule-pack query the Spark guard refuses or SQLGlot cannot write as Spark SQL.

    DuckDB's own load-time check (one SELECT, no table function, no qualified table) has already
    passed; this one also refuses what only Spark would reach (``reflect``, ``java_method``).
    """
    problems: list[Diagnostic] = []
    for pack in library.packs:
        for r, rule in enumerate(pack.model.rules):
            for c, check in enumerate(rule.checks):
                query = getattr(check, "query", None) if check.kind == "sql" else None
                refused = problem(query) if isinstance(query, str) else None
                if refused:
                    problems.append(pack.doc.diagnostic(("rules", r, "checks", c, "query"), refused))
    return problems
