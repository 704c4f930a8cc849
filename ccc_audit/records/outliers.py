"""Notices for record dates no audit window can use: decades before, or years after, the period.

A row dated 2099 (a typo for 2009 or 2019, or a placeholder) lies outside every window, so every
rule ignores it. That may be right, but the reader must know: a notice names the file, how many
rows, and the first one with its value. Columns a record type marks ``planned`` (a contract's
planned end) may lie years ahead and are not reported.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from ccc_audit.i18n.text import text
from ccc_audit.models.records import ColumnType, RecordType
from ccc_audit.models.result import Notice
from ccc_audit.records.consistency import RecordTables
from ccc_audit.records.quoting import quote_ident

YEARS_BEFORE = 60
"""Dates earlier than this many years before the period are implausible (hire dates included)."""
DAYS_AFTER = 366
"""Dates later than this many days after the period are implausible for events."""


class DatedTables(RecordTables, Protocol):
    """What :func:`date_outliers` reads of the record store."""

    def loaded_names(self) -> list[str]:
        """Names of the loaded record sets."""

    def record_type_of(self, name: str) -> RecordType | None:
        """The record type of loaded set ``name``."""


def date_outliers(records: DatedTables, start: dt.date, end: dt.date) -> list[Notice]:
    """One notice per record date column holding dates far outside the period ``start``..``end``."""
    low = start.replace(year=max(start.year - YEARS_BEFORE, 1))
    high = end + dt.timedelta(days=DAYS_AFTER)
    notices: list[Notice] = []
    for name in sorted(records.loaded_names()):
        record_type = records.record_type_of(name)
        if record_type is None:
            continue
        present = set(records.columns(name))
        dated = [
            c.name
            for c in record_type.columns
            if c.type in (ColumnType.DATE, ColumnType.TIMESTAMP) and c.name in present and not c.planned
        ]
        if not dated:
            continue
        dated = _outside(records, name, dated, low, high)
        if not dated:
            continue
        line = records.line_expr(name)
        parts = []
        for column in dated:
            day = f"CAST({quote_ident(column)} AS DATE)"
            outside = f"({day} < DATE '{low}' OR {day} > DATE '{high}')"
            parts.append(
                f"count(*) FILTER (WHERE {outside}), min({line}) FILTER (WHERE {outside}), "
                f"arg_min(CAST({quote_ident(column)} AS VARCHAR), {line}) FILTER (WHERE {outside})"
            )
        row = records.query(f"SELECT {', '.join(parts)} FROM {quote_ident(name)}")[0]
        for index, column in enumerate(dated):
            count, first, value = row[3 * index : 3 * index + 3]
            if count:
                notices.append(_notice(records.shown(name), column, int(str(count)), first, value, low, high))
    return notices


def _outside(records: DatedTables, name: str, dated: list[str], low: dt.date, high: dt.date) -> list[str]:
    """The columns of ``dated`` whose earliest or latest date lies outside ``low``..``high``.

    A plain minimum and maximum is one cheap pass; locating the first outlier (with its value
    as text) costs a cast per row, so it is done only for a column that has one.
    """
    days = ", ".join(
        f"min(CAST({quote_ident(c)} AS DATE)), max(CAST({quote_ident(c)} AS DATE))" for c in dated
    )
    row = records.query(f"SELECT {days} FROM {quote_ident(name)}")[0]
    return [
        column
        for index, column in enumerate(dated)
        if _before(row[2 * index], low) or _before(high, row[2 * index + 1])
    ]


def _before(day: object, other: object) -> bool:
    return isinstance(day, dt.date) and isinstance(other, dt.date) and day < other


def _notice(
    shown: str, column: str, count: int, first: object, value: object, low: dt.date, high: dt.date
) -> Notice:
    where = f"{shown}:{first}"
    ja = (
        f"{shown} の列 {column} に、監査期間から大きく外れた日付（{low} より前または {high} より後）が "
        f"{count} 行ある（最初は {where} の {value}）。どの期間にも数えられないため、日付を確認すること。"
    )
    en = (
        f'{shown}: {count} row(s) of column "{column}" are dated before {low} or after {high}, far '
        f"outside the audit period (first at {where}: {value}); no window counts them, so check the dates."
    )
    return Notice(code="dates_outside_period", message=text(ja, en))
