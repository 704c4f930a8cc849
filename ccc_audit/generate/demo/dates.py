"""Date, number and random-stream helpers of the demo, and its business-day calendar."""

from __future__ import annotations

import datetime as dt
import random

from ccc_audit.generate.demo.world import HOLIDAYS, SEED, WEEKDAYS_JA, YEAR


def iso(day: dt.date | None) -> str:
    """Return ``day`` as ``YYYY-MM-DD``, or an empty string for no date."""
    return day.isoformat() if day else ""


def jp_date(day: dt.date) -> str:
    """Return ``day`` written the Japanese way, e.g. 2025年3月25日."""
    return f"{day.year}年{day.month}月{day.day}日"


def jp_date_wd(day: dt.date) -> str:
    """Return ``day`` written the Japanese way with its weekday."""
    return f"{jp_date(day)}（{WEEKDAYS_JA[day.weekday()]}）"


def month_bounds(month: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of ``month`` in the audit year."""
    first = dt.date(YEAR, month, 1)
    nxt = dt.date(YEAR + 1, 1, 1) if month == 12 else dt.date(YEAR, month + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def quarter_bounds(quarter: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of ``quarter`` (1-4) in the audit year."""
    first, _ = month_bounds(3 * quarter - 2)
    _, last = month_bounds(3 * quarter)
    return first, last


def quarter_of(day: dt.date) -> int:
    """Return the calendar quarter (1-4) of ``day``."""
    return (day.month - 1) // 3 + 1


def days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """Return every day from ``start`` to ``end`` inclusive."""
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def is_business_day(day: dt.date) -> bool:
    """Tell whether back-office staff work on ``day`` (not a weekend or a holiday)."""
    return day.weekday() < 5 and day not in HOLIDAYS


def business_days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """Return the business days from ``start`` to ``end`` inclusive."""
    return [d for d in days_between(start, end) if is_business_day(d)]


def next_business_day(day: dt.date) -> dt.date:
    """Return ``day`` if it is a business day, otherwise the next one."""
    while not is_business_day(day):
        day += dt.timedelta(days=1)
    return day


def next_monday(day: dt.date) -> dt.date:
    """Return the first Monday on or after ``day``."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """Return a uniformly drawn day from ``start`` to ``end`` inclusive."""
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def pct(numerator: int, denominator: int) -> str:
    """Return a percentage with one decimal, or a dash when undefined."""
    if denominator == 0:
        return "-"
    return f"{100 * numerator / denominator:.1f}"


def previous_business_day(day: dt.date) -> dt.date:
    """Return the last business day strictly before ``day``."""
    day -= dt.timedelta(days=1)
    while not is_business_day(day):
        day -= dt.timedelta(days=1)
    return day


def rng_for(name: str) -> random.Random:
    """Return the random generator of one record set.

    The roster draws from ``random.Random(SEED)``; every other record set has its own stream,
    seeded with ``SEED`` and the set's name (string seeds are hashed with SHA-512, so the
    stream does not depend on ``PYTHONHASHSEED``). Changing one set leaves the others as they are.
    """
    return random.Random(f"{SEED}:{name}")


def stamp(moment: dt.datetime | None) -> str:
    """Return ``moment`` as ``YYYY-MM-DDThh:mm:ss``, or an empty string for no time."""
    return moment.isoformat(timespec="seconds") if moment else ""


def at(day: dt.date, seconds: float) -> dt.datetime:
    """Return the moment ``seconds`` after midnight of ``day``, to the second."""
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=round(seconds))


def ratio(value: float) -> str:
    """Return a 0-1 ratio with four decimals, as written in the KPI observations."""
    return f"{value:.4f}"


def within(text: str, first: dt.date, last: dt.date) -> bool:
    """Tell whether the date or timestamp ``text`` falls from ``first`` to ``last``."""
    return bool(text) and iso(first) <= text[:10] <= iso(last)
