"""Calendar windows (ISO week, month, quarter, year) and month arithmetic."""

from __future__ import annotations

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


def window_of(day: dt.date, window: Window) -> Span:
    """The window of kind ``window`` that contains ``day``."""
    if window is Window.WEEK:
        start = day - dt.timedelta(days=day.weekday())
        iso = start.isocalendar()
        return Span(start, start + dt.timedelta(days=6), f"{iso.year}-W{iso.week:02d}")
    if window is Window.MONTH:
        start = day.replace(day=1)
        return Span(start, add_months(start, 1) - dt.timedelta(days=1), f"{day.year}-{day.month:02d}")
    if window is Window.QUARTER:
        quarter = (day.month - 1) // 3
        start = dt.date(day.year, quarter * 3 + 1, 1)
        return Span(start, add_months(start, 3) - dt.timedelta(days=1), f"{day.year}-Q{quarter + 1}")
    start = dt.date(day.year, 1, 1)
    return Span(start, dt.date(day.year, 12, 31), f"{day.year}")


def windows_in(start: dt.date, end: dt.date, window: Window) -> list[Span]:
    """Every whole window lying inside ``start`` … ``end`` (partial edge windows are left out)."""
    spans: list[Span] = []
    current = window_of(start, window)
    while current.start <= end:
        if current.start >= start and current.end <= end:
            spans.append(current)
        current = window_of(current.end + dt.timedelta(days=1), window)
    return spans


WINDOW_NAMES_JA = {
    Window.WEEK: "週",
    Window.MONTH: "月",
    Window.QUARTER: "四半期",
    Window.YEAR: "年",
}
"""Japanese names of windows, for messages."""
