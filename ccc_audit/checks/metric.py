"""``metric`` check: a library metric per group and period against thresholds, targets and trend.

Without a trend rule every period of every group must meet the bounds. With one (COPC "level
and trend"), only the last N periods are judged: the last must meet the bounds, and the N values
must either all meet them (sustained) or improve period on period (improving).
"""

from __future__ import annotations

import itertools
from typing import Any, Literal

from pydantic import Field

from ccc_audit.checks.base import CheckContext, records_missing
from ccc_audit.checks.kind import CheckKind
from ccc_audit.i18n.text import text
from ccc_audit.metrics.base import Metric, MetricQuery
from ccc_audit.metrics.batch import metric_rows
from ccc_audit.metrics.library import METRICS
from ccc_audit.models.calendar import Span, windows_in
from ccc_audit.models.checks import CheckSpecBase, NumberValue, RowFilter, SpecProblem
from ccc_audit.models.common import Identifier, Localized, StrictModel, Window
from ccc_audit.models.result import Bound, CheckResult, FailingItem, Outcome, Quantity
from ccc_audit.records.quoting import quote_ident, quote_text
from ccc_audit.records.sql import where


class Threshold(StrictModel):
    """Bounds a metric value must respect."""

    min: NumberValue | None = Field(default=None, description="Lowest acceptable value.")
    max: NumberValue | None = Field(default=None, description="Highest acceptable value.")


class Target(StrictModel):
    """Targets declared by the organisation in its KPI observations."""

    records: Identifier = Field(default="kpi_observations", description="Record set of targets.")
    metric: str = Field(min_length=1, description="Metric name as written in the metric column.")
    higher_is_better: bool = Field(default=True, description="Whether values above the target meet it.")


class Trend(StrictModel):
    """COPC level and trend: the last periods improve, or stay at target."""

    periods: int = Field(ge=2, le=24, description="How many most recent periods are judged.")
    higher_is_better: bool = Field(default=True, description="Direction of improvement.")


class MetricCheckSpec(CheckSpecBase):
    """A named metric, computed from records per group and period, compared with thresholds."""

    kind: Literal["metric"] = Field(description="Check kind.")
    metric: Identifier = Field(description="Metric name from the metric library (docs/metrics.md).")
    options: dict[str, str | int | float] = Field(
        default_factory=dict, description="Metric options (see each metric)."
    )
    where: list[RowFilter] = Field(default_factory=list, description="Filters on the metric's records.")
    group_by: list[str] = Field(default_factory=list, description="Columns to compute the metric per.")
    period: Window | None = Field(default=None, description="Compute per window; whole period when omitted.")
    threshold: Threshold | None = Field(default=None, description="Fixed bounds.")
    target: Target | None = Field(default=None, description="Targets from the bundle.")
    trend: Trend | None = Field(default=None, description="Level-and-trend rule over the last periods.")
    require_data: bool = Field(
        default=True, description="Fail when no value can be computed (no data for a period or group)."
    )


Bounds = tuple[float | None, float | None]


def show(metric: Metric, value: float) -> str:
    """A value in the metric's unit."""
    if metric.unit == "ratio":
        return f"{value:.1%}"
    return f"{value:,.1f} {metric.unit}"


def _targets(spec: MetricCheckSpec, ctx: CheckContext) -> dict[tuple[str, str], float]:
    """(program or '', period or '') → target, from the organisation's KPI observations."""
    target = spec.target
    if target is None or not ctx.records.has(target.records):
        return {}
    ctx.records.require(target.records, ["metric", "period", "target"], f"rule {ctx.rule_id}")
    program = "CAST(program AS VARCHAR)" if "program" in ctx.records.sets[target.records].columns else "NULL"
    rows = ctx.records.query(
        f"SELECT coalesce({program}, ''), coalesce(CAST(period AS VARCHAR), ''), CAST(target AS DOUBLE) "
        f"FROM {quote_ident(target.records)} WHERE CAST(metric AS VARCHAR) = {quote_text(target.metric)} "
        "AND target IS NOT NULL ORDER BY 1, 2"
    )
    return {(str(p), str(period)): float(t) for p, period, t in rows}


def _bounds(
    spec: MetricCheckSpec,
    ctx: CheckContext,
    targets: dict[tuple[str, str], float],
    group: tuple[str, ...],
    label: str,
) -> Bounds:
    low = ctx.number(spec.threshold.min) if spec.threshold and spec.threshold.min is not None else None
    high = ctx.number(spec.threshold.max) if spec.threshold and spec.threshold.max is not None else None
    if spec.target is not None:
        program = group[spec.group_by.index("program")] if "program" in spec.group_by else ""
        found = [targets.get(k) for k in ((program, label), (program, ""), ("", label), ("", ""))]
        value = next((v for v in found if v is not None), None)
        if value is not None:
            if spec.target.higher_is_better:
                low = value if low is None else max(low, value)
            else:
                high = value if high is None else min(high, value)
    return low, high


def _meets(value: float, bounds: Bounds) -> bool:
    low, high = bounds
    return (low is None or value >= low - 1e-12) and (high is None or value <= high + 1e-12)


def _describe(bounds: Bounds, metric: Metric) -> str:
    low, high = bounds
    parts = ([f">= {show(metric, low)}"] if low is not None else []) + (
        [f"<= {show(metric, high)}"] if high is not None else []
    )
    return " and ".join(parts) or "no bound"


def needs(spec: MetricCheckSpec) -> dict[str, list[str]]:
    """Record sets the metric reads, with the columns it needs in each (targets excluded)."""
    metric = METRICS[spec.metric]
    main = metric.records[0]
    names = dict.fromkeys([*metric.records, *metric.columns])
    needed = {name: list(metric.columns.get(name, ())) for name in names}
    needed[main] += [*spec.group_by, *(f.column for f in spec.where)]
    return needed


def evaluate(spec: MetricCheckSpec, ctx: CheckContext) -> CheckResult:
    """Evaluate a metric check."""
    metric = METRICS[spec.metric]
    store = ctx.records
    absent = [name for name in metric.records if not store.has(name)]
    if absent:
        return records_missing("metric", absent)
    for name, columns in needs(spec).items():
        store.require(name, columns, f"rule {ctx.rule_id} (metric {metric.name})")
    main = metric.records[0]
    start, end = ctx.period
    spans = (
        windows_in(start, end, spec.period, ctx.anchor)
        if spec.period
        else [Span(start, end, f"{start}..{end}")]
    )
    if not spans:
        return CheckResult(
            kind="metric",
            outcome=Outcome.NOT_ASSESSED,
            reason="period_too_short",
            message=text(
                "監査期間に完全な評価期間がない。", "The audit period holds no whole period to compute."
            ),
        )
    query = MetricQuery(
        store,
        spans,
        list(spec.group_by),
        where(store, main, spec.where, "r"),
        dict(spec.options),
        spec.period,
        ctx.anchor,
    )
    rows = metric_rows(metric, query)
    return _judge(spec, ctx, metric, spans, rows)


def _judge(
    spec: MetricCheckSpec, ctx: CheckContext, metric: Metric, spans: list[Span], rows: list[tuple[Any, ...]]
) -> CheckResult:
    width = len(spec.group_by)
    values: dict[tuple[str, ...], dict[str, float | None]] = {}
    for row in rows:
        group = tuple("" if g is None else str(g) for g in row[:width])
        values.setdefault(group, {})[str(row[width])] = (
            None if row[width + 1] is None else float(row[width + 1])
        )
    if not values:
        values[tuple("" for _ in spec.group_by)] = {}  # no data at all: judged as one empty series
    targets = _targets(spec, ctx)
    failing: list[FailingItem] = []
    unbounded: list[str] = []
    """Points with a value but no target to judge them against."""
    wants_bound = spec.threshold is not None or spec.target is not None or not spec.require_data
    judged = 0
    shown: list[str] = []
    numbers: list[Quantity] = []
    for group in sorted(values):
        series = values[group]
        name = " / ".join(g or "-" for g in group) if any(group) else ""
        labels = [s.label for s in spans]
        if spec.trend is not None:
            labels = labels[-spec.trend.periods :]
        points = [(label, series.get(label), _bounds(spec, ctx, targets, group, label)) for label in labels]
        judged += len(points)
        for label, value, bounds in points:
            shown.append(
                f"{name + ' ' if name else ''}{label}: {show(metric, value) if value is not None else '-'}"
            )
            if value is not None:
                numbers.append(Quantity(value=value, unit=metric.unit, label=f"{name} {label}".strip()))
            if wants_bound and value is not None and bounds == (None, None):
                # a check that neither requires data nor sets a bound would judge nothing
                unbounded.append(f"{name} {label}".strip())
            if value is None and spec.require_data:
                failing.append(
                    FailingItem(subject=f"{name} {label}".strip(), detail=text("データがない", "no data"))
                )
            elif spec.trend is None and value is not None and not _meets(value, bounds):
                failing.append(
                    FailingItem(
                        subject=f"{name} {label}".strip(),
                        detail=text(
                            f"{show(metric, value)}（要求 {_describe(bounds, metric)}）",
                            f"{show(metric, value)} (required {_describe(bounds, metric)})",
                        ),
                    )
                )
        if spec.trend is not None:
            failing.extend(_trend_failures(spec, metric, name, points))
    title = metric.title
    measured = "; ".join(shown[:12]) + (" …" if len(shown) > 12 else "")
    shown_bounds = _bounds(spec, ctx, targets, next(iter(sorted(values)), ()), spans[-1].label)
    bounds_text = _describe(shown_bounds, metric)
    bound = (
        None
        if shown_bounds == (None, None)
        else Bound(min=shown_bounds[0], max=shown_bounds[1], unit=metric.unit)
    )
    evidence = [ctx.records_ref(name) for name in metric.records]

    def result(outcome: Outcome, reason: str, message: Localized, required: str, **more: Any) -> CheckResult:
        judged_bound = bound if required == bounds_text else None
        return CheckResult(
            kind="metric",
            outcome=outcome,
            reason=reason,
            message=message,
            measured=measured,
            required=required,
            values=numbers,
            bound=judged_bound,
            evidence=evidence,
            **more,
        )

    if failing:
        return result(
            Outcome.FAIL,
            "threshold_breached" if spec.trend is None else "level_or_trend_not_met",
            text(
                f"{title.ja}が基準を満たさない: "
                + "; ".join(f"{f.subject} {f.detail.ja}" for f in failing[:10]),
                f"{title.en} does not meet the requirement: "
                + "; ".join(f"{f.subject} {f.detail.en}" for f in failing[:10]),
            ),
            bounds_text,
            failing=failing,
            population=judged,
            failing_count=len(failing),
        )
    if not numbers:
        message = text(
            f"{title.ja}を計算できる記録が期間内にない。", f"No records in the period to compute {title.en}."
        )
        return result(Outcome.NOT_ASSESSED, "no_data", message, bounds_text, population=0, failing_count=0)
    if unbounded:
        where = ", ".join(unbounded[:10]) + (" …" if len(unbounded) > 10 else "")
        source = f"{spec.target.records} ({spec.target.metric})" if spec.target else "the rule pack"
        message = text(
            f"{title.ja}の目標値が {source} にないため判定できない: {where}（実測 {measured}）。",
            f"{title.en} cannot be judged: no target in {source} for {where} (measured {measured}).",
        )
        return result(
            Outcome.NOT_ASSESSED, "no_target", message, "a target", population=judged, failing_count=0
        )
    if not wants_bound and spec.trend is None:
        message = text(
            f"{title.ja}を各期間について記録から計算できた（{measured}）。目標との比較は別の規則で行う。",
            f"{title.en} could be computed from the records for every period ({measured}); "
            "comparison with targets is another rule's.",
        )
        computed = "computed for every period"
        return result(Outcome.PASS, "metric_computed", message, computed, population=judged, failing_count=0)
    message = text(
        f"{title.ja}は基準を満たしている（{measured}）。", f"{title.en} meets the requirement ({measured})."
    )
    return result(Outcome.PASS, "metric_met", message, bounds_text, population=judged, failing_count=0)


def _trend_failures(
    spec: MetricCheckSpec, metric: Metric, name: str, points: list[tuple[str, float | None, Bounds]]
) -> list[FailingItem]:
    assert spec.trend is not None
    known = [(label, v, b) for label, v, b in points if v is not None]
    if len(known) < len(points):
        return []  # missing data is reported separately
    last_label, last, last_bounds = known[-1]
    subject = f"{name} {last_label}".strip()
    if not _meets(last, last_bounds):
        return [
            FailingItem(
                subject=subject,
                detail=text(
                    f"直近の値 {show(metric, last)} が要求（{_describe(last_bounds, metric)}）に届かない",
                    f"latest value {show(metric, last)} misses the requirement "
                    f"({_describe(last_bounds, metric)})",
                ),
            )
        ]
    sustained = all(_meets(v, b) for _, v, b in known)
    series = [v for _, v, _ in known]
    step = [b - a for a, b in itertools.pairwise(series)]
    improving = all(s >= 0 for s in step) if spec.trend.higher_is_better else all(s <= 0 for s in step)
    if sustained or improving:
        return []
    trail = ", ".join(show(metric, v) for v in series)
    return [
        FailingItem(
            subject=subject,
            detail=text(
                f"直近 {len(series)} 期間（{trail}）は改善も維持もしていない",
                f"the last {len(series)} periods ({trail}) neither improve nor stay at target",
            ),
        )
    ]


def problems(spec: MetricCheckSpec) -> list[SpecProblem]:
    """An unknown metric, or options the metric does not have."""
    metric = METRICS.get(spec.metric)
    if metric is None:
        return [
            SpecProblem(("metric",), f'unknown metric "{spec.metric}"; known: {", ".join(sorted(METRICS))}')
        ]
    unknown = sorted(set(spec.options) - set(metric.options))
    if not unknown:
        return []
    allowed = ", ".join(sorted(metric.options)) or "none"
    return [
        SpecProblem(
            ("options",), f'metric "{spec.metric}" has no option {", ".join(unknown)}; its options: {allowed}'
        )
    ]


def docs_line(spec: MetricCheckSpec, _lang: str) -> str:
    """Line describing a ``metric`` check in the rule reference (``docs/rules``)."""
    per = f" / {spec.period.value}" if spec.period else ""
    return f"`metric`: {spec.metric}{per}"


KIND = CheckKind(
    name="metric",
    spec=MetricCheckSpec,
    evaluate=evaluate,
    docs_line=docs_line,
    record_needs=needs,
    population=lambda spec: [METRICS[spec.metric].records[0]],
    problems=problems,
)
"""The ``metric`` check kind, registered in :mod:`ccc_audit.checks.registry`."""
