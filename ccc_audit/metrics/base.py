"""What a metric is, and the helper most metrics are built with (a ratio of two sums)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ccc_audit.models.calendar import CALENDAR, Anchor, Span
from ccc_audit.models.common import Localized, Window
from ccc_audit.records.quoting import quote_ident, quote_text

if TYPE_CHECKING:
    from ccc_audit.records.duck_store import DuckRecordStore


@dataclass(frozen=True)
class MetricQuery:
    """Everything a metric's SQL may depend on."""

    store: DuckRecordStore
    spans: list[Span]
    """Periods to compute, in order; the value is computed for each."""
    group_by: list[str]
    where: str
    """Extra SQL condition on the metric's main record set (alias ``r``)."""
    options: dict[str, str | int | float]
    window: Window | None = None
    """The window the spans are (None: one span, the whole period)."""
    anchor: Anchor = CALENDAR
    """The day audit years start; the spans' months, quarters and years are counted from it."""

    @property
    def calendar_spans(self) -> bool:
        """Whether the spans are ISO weeks or calendar months, quarters or years (SQL can name them)."""
        return self.window is Window.WEEK or self.anchor.is_calendar


@dataclass(frozen=True)
class Metric:
    """A named metric: SQL returning ``group columns…, label, value, numerator, denominator``."""

    name: str
    title: Localized
    formula: Localized
    records: tuple[str, ...]
    """Record sets read; the first is filtered by ``where`` and grouped by ``group_by``."""
    columns: dict[str, tuple[str, ...]]
    """Columns each record set must have."""
    build: Callable[[MetricQuery], str]
    unit: str = "ratio"
    """ratio (shown as %), seconds, days, minutes, count or chats."""
    options: dict[str, str] = field(default_factory=dict)
    """Option name → description (English) of the options the metric reads."""


class MetricOptionError(ValueError):
    """A metric option has an unknown name or value."""


def check_options(metric: str, q: MetricQuery, known: dict[str, str]) -> None:
    """Raise MetricOptionError if ``q`` sets an option the metric does not read."""
    unknown = sorted(set(q.options) - set(known))
    if unknown:
        raise MetricOptionError(
            f"metric {metric!r} has no option {', '.join(map(repr, unknown))}; "
            f"its options are: {', '.join(sorted(known)) or 'none'}"
        )


def option_choice(metric: str, q: MetricQuery, name: str, choices: tuple[str, ...]) -> str:
    """Option ``name`` as one of ``choices`` (the first is the default)."""
    value = str(q.options.get(name, choices[0])).strip().lower()
    if value not in choices:
        raise MetricOptionError(
            f"metric {metric!r}: option {name} is {value!r}; expected one of {', '.join(choices)}"
        )
    return value


def option_flag(metric: str, q: MetricQuery, name: str, default: bool) -> bool:
    """Option ``name`` as yes / no (also true / false, 1 / 0)."""
    raw = q.options.get(name)
    if raw is None:
        return default
    value = str(raw).strip().lower()
    if value in ("yes", "true", "1", "1.0"):
        return True
    if value in ("no", "false", "0", "0.0"):
        return False
    raise MetricOptionError(f"metric {metric!r}: option {name} is {raw!r}; expected yes or no")


def column_or_null(store: DuckRecordStore, records: str, column: str, alias: str) -> str:
    """``alias."column"`` when the record set has the column, else ``NULL`` (an optional column)."""
    return f"{alias}.{quote_ident(column)}" if column in store.sets[records].columns else "NULL"


def group_names(group_by: list[str], alias: str | None = None) -> str:
    """The grouping columns as a select / group-by list prefix (``"a", "b", `` or empty)."""
    prefix = f"{alias}." if alias else ""
    return "".join(f"{prefix}{quote_ident(g)}, " for g in group_by)


def spans_sql(spans: list[Span]) -> str:
    """VALUES (label, ws, we) for the periods."""
    rows = ", ".join(f"({quote_text(s.label)}, DATE '{s.start}', DATE '{s.end}')" for s in spans)
    return f"(VALUES {rows}) AS w(label, ws, we)"


def group_cols(group_by: list[str], alias: str = "r") -> tuple[str, str]:
    """(select list prefix, group-by list prefix) for grouping columns."""
    if not group_by:
        return "", ""
    cols = ", ".join(f"CAST({alias}.{quote_ident(g)} AS VARCHAR) AS {quote_ident(g)}" for g in group_by)
    names = ", ".join(quote_ident(g) for g in group_by)
    return cols + ", ", names + ", "


def label_sql(day: str, q: MetricQuery) -> str:
    """SQL giving the label of the span holding ``day`` (an equality, cheaper than a range join).

    The labels are those of :func:`ccc_audit.models.calendar.window_of`; with no window there is
    one span and one label.
    """
    if q.window is None:
        return quote_text(q.spans[0].label)
    if not q.calendar_spans:  # ``day`` is a span's first day (see period_key_sql)
        cases = " ".join(f"WHEN DATE '{s.start}' THEN {quote_text(s.label)}" for s in q.spans)
        return f"CASE {day} {cases} END"
    if q.window is Window.MONTH:
        return f"strftime({day}, '%Y-%m')"
    if q.window is Window.QUARTER:
        return f"CAST(year({day}) AS VARCHAR) || '-Q' || CAST(quarter({day}) AS VARCHAR)"
    if q.window is Window.YEAR:
        return f"CAST(year({day}) AS VARCHAR)"
    return f"CAST(isoyear({day}) AS VARCHAR) || '-W' || lpad(CAST(week({day}) AS VARCHAR), 2, '0')"


_TRUNCATED = {Window.MONTH: "month", Window.QUARTER: "quarter", Window.YEAR: "year", Window.WEEK: "week"}


def period_key_sql(moment: str, q: MetricQuery) -> str:
    """SQL giving the first day of the span holding ``moment``: a cheap key to group rows by.

    Labelling each of millions of rows costs string formatting per row; grouping by this key and
    applying :func:`label_sql` to the few groups gives the same labels.
    """
    if q.window is None:
        return "DATE '1970-01-01'"
    if not q.calendar_spans:  # windows counted from another anchor: the span started last
        day = f"CAST({moment} AS DATE)"
        cases = " ".join(
            f"WHEN {day} < DATE '{later.start}' THEN DATE '{span.start}'"
            for span, later in zip(q.spans, q.spans[1:], strict=False)
        )
        last = f"DATE '{q.spans[-1].start}'"
        return f"CASE {cases} ELSE {last} END" if cases else last
    return f"CAST(date_trunc('{_TRUNCATED[q.window]}', {moment}) AS DATE)"


@dataclass(frozen=True)
class RatioBuild:
    """A metric = aggregate(numerator) ÷ aggregate(denominator) over rows dated in each period.

    With ``aggregate="max"`` the value is max(numerator) and the denominator is the row count.
    Calling it builds the metric's SQL; :func:`ratio_batch_sql` computes several ratios over the
    same rows in one scan.
    """

    table: str
    date_expr: str
    numerator: str
    denominator: str
    aggregate: str = "sum"

    def terms(self) -> tuple[str, str, str]:
        """SQL of (value, numerator, denominator), each an aggregate."""
        if self.aggregate == "max":
            return f"max({self.numerator})", f"max({self.numerator})", "count(*)"
        num, den = f"sum({self.numerator})", f"sum({self.denominator})"
        return f"{num} / NULLIF({den}, 0)", num, den

    def batchable(self, q: MetricQuery) -> bool:
        """Whether the metric can share a scan with others for ``q`` (periods by calendar key)."""
        return not q.options and not (q.window is None and len(q.spans) > 1)

    def __call__(self, q: MetricQuery) -> str:
        """The metric's SQL for ``q``."""
        if q.options:
            raise MetricOptionError(
                f"the metric over {self.table} has no options; got {', '.join(sorted(q.options))}"
            )
        if not self.batchable(q):  # arbitrary spans: join on the date range
            select, group = group_cols(q.group_by)
            value, num, den = self.terms()
            day = f"CAST({self.date_expr} AS DATE)"
            return (
                f"SELECT {select}w.label, CAST({value} AS DOUBLE) AS value, CAST({num} AS DOUBLE) AS num, "
                f"CAST({den} AS DOUBLE) AS den FROM {quote_ident(self.table)} r JOIN {spans_sql(q.spans)} "
                f"ON {day} BETWEEN w.ws AND w.we WHERE {q.where} GROUP BY {group}w.label"
            )
        return ratio_batch_sql([self], q)


def ratio_batch_sql(ratios: list[RatioBuild], q: MetricQuery, by_day: bool = False) -> str:
    """One scan computing every ratio of the list, which share their table and date.

    Columns: the group columns, the period label, then value, numerator and denominator of each
    ratio in turn. With ``by_day`` the rows are first summed per group and day, then the few
    day sums per period: the period of each of millions of rows (``date_trunc``) costs more than
    the sums, and a day is a plain cast. Only for exact sums (see :func:`day_sums_exact`): the
    sums of sums must equal the sums.
    """
    table, date_expr = ratios[0].table, ratios[0].date_expr
    select, group = group_cols(q.group_by)
    names = "".join(f"{quote_ident(g)}, " for g in q.group_by)
    day = f"CAST({date_expr} AS DATE)"
    first, last = q.spans[0].start, q.spans[-1].end
    scan = f"FROM {quote_ident(table)} r WHERE {day} BETWEEN DATE '{first}' AND DATE '{last}' AND {q.where}"
    outer = ", ".join(f"v{index}, n{index}, d{index}" for index in range(len(ratios)))
    inner = []
    if not by_day:
        for index, part in enumerate(ratios):
            value, num, den = part.terms()
            inner.append(
                f"CAST({value} AS DOUBLE) AS v{index}, CAST({num} AS DOUBLE) AS n{index}, "
                f"CAST({den} AS DOUBLE) AS d{index}"
            )
        return (
            f"SELECT {names}{label_sql('period', q)} AS label, {outer} FROM ("
            f"SELECT {select}{period_key_sql(date_expr, q)} AS period, {', '.join(inner)} "
            f"{scan} GROUP BY {group}period)"
        )
    daily = []
    for index, part in enumerate(ratios):
        _, num, den = part.terms()
        daily.append(f"{num} AS n{index}, {den} AS d{index}")
        if part.aggregate == "max":  # the largest of the daily largest; the sum of the daily counts
            value, num, den = f"max(n{index})", f"max(n{index})", f"sum(d{index})"
        else:
            num, den = f"sum(n{index})", f"sum(d{index})"
            value = f"{num} / NULLIF({den}, 0)"
        inner.append(
            f"CAST({value} AS DOUBLE) AS v{index}, CAST({num} AS DOUBLE) AS n{index}, "
            f"CAST({den} AS DOUBLE) AS d{index}"
        )
    return (
        f"SELECT {names}{label_sql('period', q)} AS label, {outer} FROM ("
        f"SELECT {names}{period_key_sql('__day', q)} AS period, {', '.join(inner)} FROM ("
        f"SELECT {select}{day} AS __day, {', '.join(daily)} {scan} GROUP BY {group}__day) "
        f"GROUP BY {names}period)"
    )


def day_sums_sql(ratios: list[RatioBuild]) -> str:
    """SQL whose result types tell whether summing the ratios' daily sums is exact (DESCRIBE it).

    Integer and decimal sums are exact whatever the order of addition; floating-point ones are
    not, so a ratio summing a DOUBLE keeps the one-level scan.
    """
    table = ratios[0].table
    terms = []
    for index, part in enumerate(ratios):
        if part.aggregate != "max":
            _, num, den = part.terms()
            terms.append(f"{num} AS n{index}, {den} AS d{index}")
    return f"SELECT {', '.join(terms) or '1'} FROM {quote_ident(table)} r"


def ratio(
    table: str, date_expr: str, numerator: str, denominator: str, *, aggregate: str = "sum"
) -> RatioBuild:
    """A ratio metric's builder (see :class:`RatioBuild`)."""
    return RatioBuild(table, date_expr, numerator, denominator, aggregate)
