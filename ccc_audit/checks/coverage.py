"""``coverage`` check: every row of a set is followed up (a matching row elsewhere, or filled columns)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from ccc_audit.checks.base import CheckContext, records_missing
from ccc_audit.checks.kind import CheckKind
from ccc_audit.i18n.text import text
from ccc_audit.models.checks import CheckSpecBase, CountValue, RowFilter
from ccc_audit.models.common import Identifier, Localized, StrictModel
from ccc_audit.models.result import Bound, CheckResult, FailingItem, Outcome, Quantity
from ccc_audit.records.quoting import quote_ident
from ccc_audit.records.sql import where


class ColumnPair(StrictModel):
    """Columns that must hold equal values in two record sets."""

    left: str = Field(min_length=1, description="Column of the rows checked.")
    right: str = Field(min_length=1, description="Column of the matching set.")


class CoverageRows(StrictModel):
    """The rows that each need a follow-up."""

    records: Identifier = Field(description="Record set.")
    key_column: str = Field(min_length=1, description="Column naming a row in findings.")
    date_column: str = Field(min_length=1, description="Date of the row; only rows in the period count.")
    where: list[RowFilter] = Field(default_factory=list, description="Row filters, all applied.")
    grace_days: CountValue = Field(
        default=0, description="Rows dated within this many days before the period end are not yet due."
    )


class CoverageMatch(StrictModel):
    """The follow-up: a row of another set, matched on columns, dated within a number of days."""

    records: Identifier = Field(description="Record set holding the follow-ups.")
    date_column: str = Field(min_length=1, description="Date of the follow-up.")
    on: list[ColumnPair] = Field(min_length=1, description="Columns that must match.")
    where: list[RowFilter] = Field(default_factory=list, description="Row filters, all applied.")
    within_days: CountValue = Field(description="Follow-up dated 0 … n days after the row.")


class Duration(StrictModel):
    """A time to report, e.g. from complaint received to resolved."""

    from_column: str = Field(min_length=1, description="Start date column.")
    to_column: str = Field(min_length=1, description="End date column.")
    name: Localized = Field(description="What the duration is, for findings.")


class CoverageCheckSpec(CheckSpecBase):
    """Every row of one set is followed up: by a matching row of another set, or by filled columns."""

    kind: Literal["coverage"] = Field(description="Check kind.")
    activity: Localized = Field(description="The follow-up each row needs, for findings.")
    rows: CoverageRows = Field(description="Rows to cover.")
    match: CoverageMatch | None = Field(default=None, description="Follow-up in another record set.")
    filled: list[str] = Field(
        default_factory=list, description="Columns of the same row that must be filled (e.g. resolved_on)."
    )
    filled_or_flag: str | None = Field(
        default=None,
        description=(
            "With filled: an optional yes/no column of the same row whose yes also counts as the follow-up "
            "(e.g. investigated, for registers that keep no date); read only when the record file has it."
        ),
    )
    duration: Duration | None = Field(default=None, description="A duration to report (mean and maximum).")

    @model_validator(mode="after")
    def _one_way(self) -> CoverageCheckSpec:
        if (self.match is None) == (not self.filled):
            raise ValueError("give either match or filled")
        return self


MAX_LISTED = 200


def needs(spec: CoverageCheckSpec) -> dict[str, list[str]]:
    """Record sets the check reads, with the columns it needs in each."""
    rows = spec.rows
    needed = {
        rows.records: [rows.key_column, rows.date_column, *(f.column for f in rows.where), *spec.filled]
    }
    if spec.duration:
        needed[rows.records] += [spec.duration.from_column, spec.duration.to_column]
    if spec.match:
        m = spec.match
        needed[rows.records] += [pair.left for pair in m.on]
        needed.setdefault(m.records, []).extend(
            [m.date_column, *(p.right for p in m.on), *(f.column for f in m.where)]
        )
    return needed


def evaluate(spec: CoverageCheckSpec, ctx: CheckContext) -> CheckResult:
    """Evaluate a coverage check."""
    store = ctx.records
    needed = needs(spec)
    absent = [name for name in needed if not store.has(name)]
    if absent:
        return records_missing("coverage", absent)
    for name, columns in needed.items():
        store.require(name, columns, f"rule {ctx.rule_id}")
    rows = spec.rows
    start, end = ctx.period
    grace = ctx.count(rows.grace_days)
    date = quote_ident(rows.date_column)
    line = store.line_expr(rows.records, "r")
    duration = spec.duration
    days = "CAST(NULL AS INTEGER)"
    if duration:
        to, frm = quote_ident(duration.to_column), quote_ident(duration.from_column)
        days = f"CAST(r.{to} AS DATE) - CAST(r.{frm} AS DATE)"
    if spec.match:
        m = spec.match
        within = ctx.count(m.within_days)
        keys = [(f"k{i}", p.left, p.right) for i, p in enumerate(m.on)]
        kept = "".join(f", CAST(r.{quote_ident(left)} AS VARCHAR) AS {k}" for k, left, _ in keys)
    else:
        empty = " OR ".join(f"r.{quote_ident(c)} IS NULL" for c in spec.filled)
        flag = spec.filled_or_flag
        if flag and flag in store.sets[rows.records].columns:
            empty = f"({empty}) AND NOT coalesce(CAST(r.{quote_ident(flag)} AS BOOLEAN), false)"
        kept = f", ({empty}) AS is_open"
    # every column the check reads, in one pass over the rows (no self-join on the row number)
    base = (
        f"SELECT coalesce(CAST(r.{quote_ident(rows.key_column)} AS VARCHAR), 'line ' || {line}) AS subject, "
        f"{line} AS line, CAST(r.{date} AS DATE) AS d, {days} AS days{kept} "
        f"FROM {quote_ident(rows.records)} r "
        f"WHERE r.{date} IS NOT NULL AND CAST(r.{date} AS DATE) BETWEEN DATE '{start}' "
        f"AND DATE '{end}' - INTERVAL {grace} DAY AND {where(store, rows.records, rows.where, 'r')}"
    )
    if spec.match:
        m = spec.match
        on = " AND ".join(f"f.{k} = b.{k}" for k, _, _ in keys)
        mdate = f"CAST(m.{quote_ident(m.date_column)} AS DATE)"
        followups = (
            "SELECT DISTINCT "
            + ", ".join(f"CAST(m.{quote_ident(right)} AS VARCHAR) AS {k}" for k, _, right in keys)
            + f", {mdate} AS md FROM {quote_ident(m.records)} m WHERE {mdate} BETWEEN DATE '{start}' "
            f"AND DATE '{end}' + INTERVAL {within} DAY AND {where(store, m.records, m.where, 'm')}"
        )
        # an anti-join on the keys: the rows that no follow-up within the days covers
        uncovered = (
            f"WITH b AS ({base}), f AS ({followups}), hit AS (SELECT DISTINCT b.line FROM b JOIN f ON {on} "
            f"AND f.md BETWEEN b.d AND b.d + INTERVAL {within} DAY) "
            "SELECT b.subject, b.line, b.d, count(*) OVER () FROM b LEFT JOIN hit h ON h.line = b.line "
            "WHERE h.line IS NULL"
        )
        missing_ja = f"{within} 日以内の{spec.activity.ja}がない"
        missing_en = f"no {spec.activity.en} within {within} days"
    else:
        uncovered = (
            f"WITH b AS ({base}) SELECT b.subject, b.line, b.d, count(*) OVER () FROM b WHERE b.is_open"
        )
        missing_ja = f"{spec.activity.ja}の記録（{', '.join(spec.filled)}）がない"
        missing_en = f"no record of {spec.activity.en} ({', '.join(spec.filled)})"
    summary = store.query(f"SELECT count(*), avg(days), max(days), count(days) FROM ({base}) AS b")[0]
    total = int(summary[0])
    listed = store.query(f"{uncovered} ORDER BY b.d, b.subject, b.line LIMIT {MAX_LISTED}")
    failing_count = int(listed[0][3]) if listed else 0
    failing_rows = [row[:3] for row in listed]
    timing = _duration(duration, summary[1:])
    evidence_names = list(needed)
    lines = [int(number) for _, number, _ in failing_rows]
    keys_listed = [str(subject) for subject, _, _ in failing_rows]
    evidence = [ctx.records_ref(evidence_names[0], lines, keys_listed)] + [
        ctx.records_ref(n) for n in evidence_names[1:]
    ]
    if total == 0:
        rows_read = store.row_count(spec.rows.records)
        shown = store.shown(spec.rows.records)
        return CheckResult(
            kind="coverage",
            outcome=Outcome.PASS,
            reason="nothing_to_cover",
            message=text(
                f"{shown} の {rows_read} 行のうち、期間内にフォローアップを要する行はなかった。",
                f"None of the {rows_read} rows of {shown} needed a follow-up in the period.",
            ),
            evidence=evidence,
            population=0,
            failing_count=0,
        )
    if failing_rows:
        failing = [
            FailingItem(subject=str(subject), detail=text(f"{d}: {missing_ja}", f"{d}: {missing_en}"))
            for subject, _, d in failing_rows
        ]
        return CheckResult(
            kind="coverage",
            outcome=Outcome.FAIL,
            reason="not_covered",
            message=text(
                f"対象 {total} 件中 {failing_count} 件で{missing_ja}。{timing[0]}",
                f"{failing_count} of {total} rows have {missing_en}. {timing[1]}".strip(),
            ),
            measured=f"{total - failing_count}/{total} covered",
            values=[Quantity(value=total - failing_count, unit="rows", out_of=total)],
            bound=Bound(min=total, unit="rows"),
            required=f"{total}/{total} covered",
            evidence=evidence,
            failing=failing,
            population=total,
            failing_count=failing_count,
        )
    return CheckResult(
        kind="coverage",
        outcome=Outcome.PASS,
        reason="all_rows_covered",
        message=text(
            f"対象 {total} 件すべてに{spec.activity.ja}の記録がある。{timing[0]}",
            f"All {total} rows are followed by {spec.activity.en}. {timing[1]}".strip(),
        ),
        measured=f"{total}/{total} covered",
        values=[Quantity(value=total, unit="rows", out_of=total)],
        bound=Bound(min=total, unit="rows"),
        required=f"{total}/{total} covered",
        evidence=evidence,
        population=total,
        failing_count=0,
    )


def _duration(duration: Duration | None, figures: tuple[Any, ...]) -> tuple[str, str]:
    """(ja, en) sentence on the duration: mean and longest of (mean, longest, count) days."""
    if duration is None:
        return "", ""
    mean, longest, count = figures
    if not count:
        return "", ""
    d = duration
    return (
        f"{d.name.ja}: 平均 {float(mean):.1f} 日、最長 {int(longest)} 日（{count} 件）。",
        f"{d.name.en.capitalize()}: mean {float(mean):.1f} days, longest {int(longest)} days ({count} rows).",
    )


def docs_line(spec: CoverageCheckSpec, lang: str) -> str:
    """Line describing a ``coverage`` check in the rule reference (``docs/rules``)."""
    return f"`coverage`: {spec.activity.get(lang)}"


KIND = CheckKind(
    name="coverage",
    spec=CoverageCheckSpec,
    evaluate=evaluate,
    docs_line=docs_line,
    record_needs=needs,
    population=lambda spec: [spec.rows.records],
)
"""The ``coverage`` check kind, registered in :mod:`ccc_audit.checks.registry`."""
