"""Audit windows (ISO week, month, quarter, year) anchored at the audit year's start, and month arithmetic.

Years, quarters and months are counted from an :class:`Anchor`, the day of the year on which
the organisation's audit year starts (its fiscal-year start, or the audit period's first day).
With the default anchor, 1 January, they are calendar years, quarters and months. ISO weeks do
not depend on the anchor.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ccc_audit.models.common import Window


@dataclass(frozen=True, order=True)
class Span:
    """A labelled run of days, both ends inclusive."""

    start: dt.date
    end: dt.date
    label: str

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls in the span."""
        return self.start <= day <= self.end


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the end of shorter months."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


_MONTHS = {Window.MONTH: 1, Window.QUARTER: 3, Window.YEAR: 12}
"""Length in months of the windows counted from the anchor."""


@dataclass(frozen=True)
class Anchor:
    """The day of the year (month, day) on which audit years start; months and quarters follow it.

    Month ``i`` of a year starting on ``month``-``day`` starts on day ``day`` of the ``i``-th month
    after it (on the last day of shorter months) and ends the day before the next one starts.
    """

    month: int = 1
    day: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1 <= self.day <= calendar.monthrange(2024, self.month)[1]:
            raise ValueError(f"no day {self.month:02d}-{self.day:02d} in a year")

    @classmethod
    def of(cls, period_start: dt.date, fiscal_year_start: Anchor | None = None) -> Anchor:
        """The declared fiscal-year start, or else the audit period's first day."""
        if fiscal_year_start is not None:
            return fiscal_year_start
        return cls(period_start.month, period_start.day)

    @property
    def is_calendar(self) -> bool:
        """Whether the windows are calendar years, quarters and months (the anchor is 1 January)."""
        return (self.month, self.day) == (1, 1)

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"

    def boundary(self, year: int, months: int) -> dt.date:
        """The start of the window ``months`` months after the start of the audit year of ``year``."""
        index = year * 12 + self.month - 1 + months
        y, m = divmod(index, 12)
        return dt.date(y, m + 1, min(self.day, calendar.monthrange(y, m + 1)[1]))

    def year_start(self, day: dt.date) -> tuple[int, dt.date]:
        """(year, first day) of the audit year holding ``day``; the year is the one it starts in."""
        year = day.year if self.boundary(day.year, 0) <= day else day.year - 1
        return year, self.boundary(year, 0)

    def label(self, start: dt.date, end: dt.date, window: Window) -> str:
        """A window's label: readable, and a function of its dates only (so stable across runs)."""
        if self.is_calendar:
            if window is Window.MONTH:
                return f"{start.year}-{start.month:02d}"
            if window is Window.QUARTER:
                return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
            return f"{start.year}"
        if self.day == 1:
            if window is Window.MONTH:
                return f"{start.year}-{start.month:02d}"
            return f"{start:%Y-%m}..{end:%Y-%m}"
        return f"{start.isoformat()}..{end.isoformat()}"


CALENDAR = Anchor()
"""Calendar years, quarters and months."""


def window_of(day: dt.date, window: Window, anchor: Anchor = CALENDAR) -> Span:
    """The window of kind ``window`` that contains ``day``, counted from ``anchor``."""
    if window is Window.WEEK:
        start = day - dt.timedelta(days=day.weekday())
        iso = start.isocalendar()
        return Span(start, start + dt.timedelta(days=6), f"{iso.year}-W{iso.week:02d}")
    step = _MONTHS[window]
    year, first = anchor.year_start(day)
    index = 0
    while anchor.boundary(year, (index + 1) * step) <= day:
        index += 1
    start = anchor.boundary(year, index * step)
    end = anchor.boundary(year, (index + 1) * step) - dt.timedelta(days=1)
    assert first <= start <= day <= end
    return Span(start, end, anchor.label(start, end, window))


def windows_in(start: dt.date, end: dt.date, window: Window, anchor: Anchor = CALENDAR) -> list[Span]:
    """Every whole window lying inside ``start`` … ``end`` (partial edge windows are left out)."""
    spans: list[Span] = []
    current = window_of(start, window, anchor)
    while current.start <= end:
        if current.start >= start and current.end <= end:
            spans.append(current)
        current = window_of(current.end + dt.timedelta(days=1), window, anchor)
    return spans


WINDOW_NAMES_JA = {
    Window.WEEK: "週",
    Window.MONTH: "月",
    Window.QUARTER: "四半期",
    Window.YEAR: "年",
}
"""Japanese names of windows, for messages."""
