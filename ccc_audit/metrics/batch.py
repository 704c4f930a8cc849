"""Compute the ratio metrics that read the same rows in one scan, and every metric query once per run.

Service level and abandon rate, for instance, both sum columns of the interval statistics for the
same channel, grouping and months: on a year of a large centre's intervals one scan instead of
two saves a noticeable share of the run. When every sum of the batch is exact (integers or
decimals), rows are summed per day first and the day sums per period (see
:func:`~ccc_audit.metrics.base.ratio_batch_sql`). Results are kept in the record store for the
rest of the run, keyed by everything the SQL depends on.
"""

from __future__ import annotations

from typing import Any

from ccc_audit.metrics.base import Metric, MetricQuery, RatioBuild, day_sums_sql, ratio_batch_sql
from ccc_audit.metrics.library import METRICS

Row = tuple[Any, ...]


def _companions(first: RatioBuild, q: MetricQuery) -> list[tuple[str, RatioBuild]]:
    """(name, builder) of the ratio metrics over the same table and date that the records allow."""
    present = set(q.store.sets[first.table].columns)
    return [
        (metric.name, metric.build)
        for metric in METRICS.values()
        if isinstance(metric.build, RatioBuild)
        and (metric.build.table, metric.build.date_expr) == (first.table, first.date_expr)
        and set(metric.columns.get(first.table, ())) <= present
    ]


def _exact_sums(q: MetricQuery, parts: list[RatioBuild]) -> bool:
    """Whether every sum of the batch is of integers or decimals (summing daily sums is then exact)."""
    types = [str(row[1]).upper() for row in q.store.query(f"DESCRIBE {day_sums_sql(parts)}")]
    return not any(t in ("DOUBLE", "FLOAT", "REAL") for t in types)


def _once(q: MetricQuery, sql: str) -> list[Row]:
    """The rows of ``sql``, run once per run.

    Rules that compute the same metric for the same groups and periods (attrition per program
    per quarter, say) share the result.
    """
    known = q.store.shared_results
    if ("sql", sql) not in known:
        known[("sql", sql)] = q.store.query(sql)
    return known[("sql", sql)]


def metric_rows(metric: Metric, q: MetricQuery) -> list[Row]:
    """Rows ``group columns…, label, value, numerator, denominator`` of ``metric`` for ``q``."""
    import duckdb  # a metric is computed only when a rule runs, never when its result is remembered

    build = metric.build
    if not isinstance(build, RatioBuild) or not build.batchable(q):
        return _once(q, build(q))
    key = (build.table, build.date_expr, q.where, tuple(q.group_by), q.window, tuple(q.spans))
    known = q.store.shared_results
    if (*key, metric.name) not in known:
        batch = _companions(build, q)
        parts = [part for _, part in batch]
        try:
            rows = q.store.query(ratio_batch_sql(parts, q, by_day=_exact_sums(q, parts)))
        except duckdb.Error:  # a companion's SQL does not fit these records: compute this one alone
            return _once(q, build(q))
        width = len(q.group_by) + 1
        for index, (name, _) in enumerate(batch):
            at = width + 3 * index
            known[(*key, name)] = [(*row[:width], *row[at : at + 3]) for row in rows]
    return known[(*key, metric.name)]
