"""Planning records of the demo centre: schedule interval settings and daily concurrency forecasts.

Both sites schedule real-time phone and chat work in 30-minute intervals and deferred email work
in one-hour blocks (COPC 2.5 asks 30 minutes or less of real-time phone work only). For every
chat sample day and chat program the centre records the concurrency it planned with and the
actual concurrency of the day, (chat + wrap) ÷ all the time spent on chat, computed from the
sessions; the plan assumed 1.6 chats at a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ccc_audit.generate.demo.world import PERIOD_START, SITES

PLANNED_CONCURRENCY = "1.6"
"""The concurrency the staffing plan assumed on every chat day."""


def schedule_settings() -> list[list[str]]:
    """Return the schedule_settings rows: site, channel, real time, interval minutes, valid from, to."""
    rows = []
    for site, _ in SITES:
        rows.append([site, "voice", "yes", "30", PERIOD_START.isoformat(), ""])
        rows.append([site, "chat", "yes", "30", PERIOD_START.isoformat(), ""])
        rows.append([site, "email", "no", "60", PERIOD_START.isoformat(), ""])
    return rows


def _stamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def concurrency_forecasts(chats: Sequence[Sequence[str]], columns: Sequence[str]) -> list[list[str]]:
    """Return the chat_concurrency_forecasts rows: one per chat day and program, planned and actual."""
    at = {name: i for i, name in enumerate(columns)}
    spans: dict[tuple[dt.date, str, str], list[tuple[dt.datetime, dt.datetime, float]]] = {}
    for row in chats:
        staff, accepted, ended = row[at["staff_id"]], row[at["accepted_at"]], row[at["ended_at"]]
        if not (staff and accepted and ended):
            continue
        start, end = _stamp(accepted), _stamp(ended)
        wrap = float(row[at["wrap_seconds"]] or 0)
        key = (start.date(), row[at["program"]], staff)
        spans.setdefault(key, []).append(
            (start, end + dt.timedelta(seconds=wrap), (end - start).total_seconds() + wrap)
        )
    totals: dict[tuple[dt.date, str], list[float]] = {}
    for (day, program, _), sessions in sorted(spans.items()):
        busy, until = 0.0, None
        open_from: dt.datetime | None = None
        for start, stop, _ in sorted(sessions):
            if until is None or start > until:
                if open_from is not None and until is not None:
                    busy += (until - open_from).total_seconds()
                open_from, until = start, stop
            else:
                until = max(until, stop)
        if open_from is not None and until is not None:
            busy += (until - open_from).total_seconds()
        total = totals.setdefault((day, program), [0.0, 0.0])
        total[0] += sum(s[2] for s in sessions)
        total[1] += busy
    return [
        [day.isoformat(), program, PLANNED_CONCURRENCY, f"{handled / busy:.2f}"]
        for (day, program), (handled, busy) in sorted(totals.items())
        if busy > 0
    ]
