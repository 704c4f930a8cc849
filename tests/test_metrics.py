"""Every metric of the library against values computed by hand on tiny record sets.

Each test writes a small bundle with ``bundle_factory``, opens its record store as an assessment
would (typed and locked), builds the metric's SQL for a list of periods and runs it. The comments
show the arithmetic so that every expected number can be checked by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bundle_factory import write_bundle

from ccc_audit.checks.base import CheckContext
from ccc_audit.checks.metric import MetricCheckSpec
from ccc_audit.checks.metric import evaluate as evaluate_metric
from ccc_audit.engine.assess import open_records
from ccc_audit.loading.bundle import load_bundle
from ccc_audit.loading.record_types import builtin_record_types
from ccc_audit.metrics.base import MetricOptionError, MetricQuery
from ccc_audit.metrics.library import METRICS
from ccc_audit.models.calendar import Span
from ccc_audit.models.common import Window
from ccc_audit.models.result import Outcome
from ccc_audit.records.duck_store import DuckRecordStore

D = dt.date
MAY = Span(D(2025, 5, 1), D(2025, 5, 31), "2025-05")  # 31 days
JUNE = Span(D(2025, 6, 1), D(2025, 6, 30), "2025-06")  # 30 days
JULY = Span(D(2025, 7, 1), D(2025, 7, 31), "2025-07")
JAN_2023 = Span(D(2023, 1, 1), D(2023, 1, 31), "2023-01")  # before anyone was hired

Values = dict[tuple[str, ...], tuple[float | None, float | None, float | None]]


@pytest.fixture
def store_of(tmp_path: Path) -> Iterator[Any]:
    """A function turning record tables into an open, locked record store (closed afterwards)."""
    opened: list[DuckRecordStore] = []

    def make(records: dict[str, Any]) -> DuckRecordStore:
        root = write_bundle(tmp_path / f"bundle{len(opened)}", {"records": records})
        store = open_records(load_bundle(root), None)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


def compute(
    store: DuckRecordStore,
    metric: str,
    spans: list[Span],
    group_by: list[str] | None = None,
    options: dict[str, str | int | float] | None = None,
    where: str = "TRUE",
) -> Values:
    """(group…, period label) → (value, numerator, denominator); a period with no row is absent."""
    sql = METRICS[metric].build(MetricQuery(store, spans, list(group_by or []), where, dict(options or {})))
    width = len(group_by or [])
    out: Values = {}
    for row in store.query(sql):
        key = tuple(str(v) for v in row[: width + 1])
        assert key not in out, f"{metric}: two rows for {key}"
        value, num, den = (None if v is None else float(v) for v in row[width + 1 : width + 4])
        out[key] = (value, num, den)
    return out


def value(values: Values, *key: str) -> float | None:
    return values[key][0]


def assert_values(actual: Values, expected: dict[tuple[str, ...], tuple[float | None, ...]]) -> None:
    """Same groups and periods, and each (value, numerator, denominator) equal within 1e-6."""
    assert set(actual) == set(expected)
    for key, wanted in expected.items():
        assert actual[key] == pytest.approx(wanted), key


# ---------------------------------------------------------------------------- attrition

ROSTER_COLUMNS = [
    "staff_id",
    "role",
    "program",
    "employment_type",
    "hire_date",
    "exit_date",
    "exit_type",
    "backfilled",
    "contract_end_date",
]
# Days each row is employed in June 2025 (30 days; hire and exit days both count):
ROSTER_ROWS: list[list[object]] = [
    # A permanent CSS in p1 all June: 30 days.
    ["S001", "CSS", "p1", "permanent", "2024-01-01", None, None, None, None],
    # An agency CSS resigning on 10 June: 10 days, a counted (voluntary) exit.
    ["S002", "CSS", "p1", "agency", "2024-01-01", "2025-06-10", "voluntary", None, None],
    # Transfer out of p2 on 15 June, backfilled: 15 days; counts at program level only.
    ["S003", "CSS", "p2", "permanent", "2024-01-01", "2025-06-15", "transfer", "yes", None],
    # Transfer out of p2 on 15 June, not backfilled: 15 days; never counts.
    ["S004", "CSS", "p2", "permanent", "2024-01-01", "2025-06-15", "transfer", "no", None],
    # Temporary CSS leaving on 20 June, ten days before the contract ends: 20 days, counted.
    ["S005", "CSS", "p1", "temporary", "2025-01-01", "2025-06-20", "contract_end", None, "2025-06-30"],
    # Temporary CSS leaving on the contract end date: 30 days, not counted.
    ["S006", "CSS", "p2", "temporary", "2025-01-01", "2025-06-30", "contract_end", None, "2025-06-30"],
    # S007 is dismissed on 5 June (5 days, counted) and rejoins on 21 June (10 days): two spells.
    ["S007", "CSS", "p1", "permanent", "2024-01-01", "2025-06-05", "involuntary", None, None],
    ["S007", "CSS", "p1", "permanent", "2025-06-21", None, None, None, None],
    # A team leader is not in the population.
    ["T001", "supervisor", "p1", "permanent", "2024-01-01", "2025-06-05", "voluntary", None, None],
]
ANNUAL = 365 / 30  # June annualised


def roster(rows: list[list[object]] | None = None) -> dict[str, Any]:
    return {"roster": {"columns": ROSTER_COLUMNS, "rows": ROSTER_ROWS if rows is None else rows}}


def test_attrition_entity_level(store_of: Any) -> None:
    values = compute(store_of(roster()), "attrition_annualised", [JAN_2023, MAY, JUNE])
    # June person-days: 30 + 10 + 15 + 15 + 20 + 30 + 5 + 10 = 135, average headcount 135 / 30 = 4.5.
    # Exits counted: S002 (voluntary, agency), S005 (left before contract end), S007's first spell
    # (involuntary) = 3. Transfers never count at entity level; S006 left at contract end.
    assert values[("2025-06",)] == pytest.approx((3 / 4.5 * ANNUAL, 3, 4.5 * 30 / 365))
    assert value(values, "2025-06") == pytest.approx(8.1111, abs=1e-4)
    # May: seven spells employed all 31 days (S007's first spell, no second), no exits: 0 %.
    assert values[("2025-05",)] == pytest.approx((0.0, 0.0, 7 * 31 / 365))
    # January 2023: nobody employed yet, so no value at all.
    assert ("2023-01",) not in values


def test_attrition_program_level_counts_backfilled_transfers_only(store_of: Any) -> None:
    values = compute(store_of(roster()), "attrition_annualised", [JUNE], group_by=["program"])
    # p1: S001 30 + S002 10 + S005 20 + S007 5 + 10 = 75 person-days, average 2.5; exits S002, S005,
    #     S007 = 3 → 3 / 2.5 × 365/30 = 14.6.
    assert value(values, "p1", "2025-06") == pytest.approx(3 / 2.5 * ANNUAL)
    assert value(values, "p1", "2025-06") == pytest.approx(14.6)
    # p2: S003 15 + S004 15 + S006 30 = 60, average 2; the backfilled transfer S003 counts,
    #     S004 (not backfilled) and S006 (at contract end) do not → 1 / 2 × 365/30 = 6.0833.
    assert values[("p2", "2025-06")] == pytest.approx((1 / 2 * ANNUAL, 1, 2 * 30 / 365))


def test_attrition_level_option_overrides_grouping(store_of: Any) -> None:
    store = store_of(roster())
    # Program level without grouping: S003's backfilled transfer now counts → 4 / 4.5 × 365/30.
    forced = compute(store, "attrition_annualised", [JUNE], options={"level": "program"})
    assert value(forced, "2025-06") == pytest.approx(4 / 4.5 * ANNUAL)
    # Entity level while grouping by program: p2 has no counted exit any more.
    entity = compute(store, "attrition_annualised", [JUNE], group_by=["program"], options={"level": "entity"})
    assert value(entity, "p2", "2025-06") == 0.0
    assert value(entity, "p1", "2025-06") == pytest.approx(3 / 2.5 * ANNUAL)


def test_attrition_count_option_restricts_the_exits(store_of: Any) -> None:
    store = store_of(roster())
    voluntary = compute(store, "attrition_annualised", [JUNE], options={"count": "voluntary"})
    involuntary = compute(store, "attrition_annualised", [JUNE], options={"count": "involuntary"})
    # Only S002 is voluntary, only S007's first spell involuntary: 1 / 4.5 × 365/30 = 2.7037 each.
    assert value(voluntary, "2025-06") == pytest.approx(1 / 4.5 * ANNUAL)
    assert value(involuntary, "2025-06") == pytest.approx(1 / 4.5 * ANNUAL)
    assert value(voluntary, "2025-06") == pytest.approx(2.7037, abs=1e-4)


def test_attrition_blank_exit_type_counts_and_role_option(store_of: Any) -> None:
    rows: list[list[object]] = [
        # 30 days, no exit.
        ["S001", "CSS", "p1", "permanent", "2024-01-01", None, None, None, None],
        # Leaves on 15 June, how is not recorded: 15 days, counted.
        ["S002", "CSS", "p1", "permanent", "2024-01-01", "2025-06-15", None, None, None],
        # contract_end with no contract end date: cannot be shown early, not counted; 30 days.
        ["S003", "CSS", "p1", "agency", "2024-01-01", "2025-06-30", "contract_end", None, None],
        # A trainer resigning on 10 June: 10 days.
        ["T001", "trainer", "p1", "permanent", "2024-01-01", "2025-06-10", "voluntary", None, None],
    ]
    store = store_of(roster(rows))
    # CSS: (30 + 15 + 30) / 30 = 2.5 average; 1 exit → 1 / 2.5 × 365/30 = 4.8667.
    assert value(compute(store, "attrition_annualised", [JUNE]), "2025-06") == pytest.approx(1 / 2.5 * ANNUAL)
    # Trainers only: 10 / 30 average; 1 exit → 3 × 365/30 = 36.5.
    trainers = compute(store, "attrition_annualised", [JUNE], options={"role": "trainer"})
    assert value(trainers, "2025-06") == pytest.approx(36.5)
    # Every role: (75 + 10) / 30 average; 2 exits.
    everyone = compute(store, "attrition_annualised", [JUNE], options={"role": "*"})
    assert value(everyone, "2025-06") == pytest.approx(2 / (85 / 30) * ANNUAL)


def test_attrition_without_optional_columns(store_of: Any) -> None:
    # No backfilled and no contract_end_date columns: transfers and contract ends never count.
    rows = [
        ["S001", "CSS", "2024-01-01", None, None],
        ["S002", "CSS", "2024-01-01", "2025-06-15", "transfer"],
        ["S003", "CSS", "2024-01-01", "2025-06-15", "contract_end"],
        ["S004", "CSS", "2024-01-01", "2025-06-15", "voluntary"],
    ]
    columns = ["staff_id", "role", "hire_date", "exit_date", "exit_type"]
    store = store_of({"roster": {"columns": columns, "rows": rows}})
    values = compute(store, "attrition_annualised", [JUNE], options={"level": "program"})
    # (30 + 15 + 15 + 15) / 30 = 2.5 average, 1 exit (S004).
    assert value(values, "2025-06") == pytest.approx(1 / 2.5 * ANNUAL)


def test_attrition_year_span_and_where_filter(store_of: Any) -> None:
    rows: list[list[object]] = [
        ["S001", "CSS", "p1", "permanent", "2024-01-01", None, None, None, None],
        # Hired 1 July 2025: 184 days of 2025 (July to December).
        ["S002", "CSS", "p1", "permanent", "2025-07-01", None, None, None, None],
        # Leaves 31 March 2025: 90 days.
        ["S003", "CSS", "p1", "permanent", "2024-01-01", "2025-03-31", "voluntary", None, None],
        ["S004", "CSS", "p2", "permanent", "2024-01-01", "2025-03-31", "voluntary", None, None],
    ]
    store = store_of(roster(rows))
    year = Span(D(2025, 1, 1), D(2025, 12, 31), "2025")
    values = compute(store, "attrition_annualised", [year], where="r.program = 'p1'")
    # p1 only: (365 + 184 + 90) / 365 = 1.7507 average; 1 exit; × 365/365 → 1 / 1.7507 = 0.5712.
    assert value(values, "2025") == pytest.approx(365 / (365 + 184 + 90))


def test_attrition_rejects_unknown_options(store_of: Any) -> None:
    store = store_of(roster())
    with pytest.raises(MetricOptionError, match="count"):
        compute(store, "attrition_annualised", [JUNE], options={"count": "transfers"})
    with pytest.raises(MetricOptionError, match="no option 'colour'"):
        compute(store, "attrition_annualised", [JUNE], options={"colour": "red"})


# ---------------------------------------------------------------------------- absenteeism


def absence_bundle(
    absence_rows: list[list[object]], roster_rows: list[list[object]] | None = None
) -> dict[str, Any]:
    return {
        "roster": {
            "columns": ["staff_id", "role", "program", "hire_date", "exit_date"],
            "rows": roster_rows
            or [
                ["S001", "CSS", "p1", "2024-01-01", None],
                ["S002", "CSS", "p2", "2024-01-01", None],
                ["T001", "supervisor", "p1", "2024-01-01", None],
            ],
        },
        "schedules": {
            "columns": ["staff_id", "date", "interval_start", "activity", "scheduled_minutes"],
            "rows": [
                # S001 and S002: 8 scheduled hours on 2 and on 3 June (16 hours each).
                ["S001", "2025-06-02", "2025-06-02T09:00:00", "handling", 420],
                ["S001", "2025-06-02", "2025-06-02T12:00:00", "break", 60],
                ["S001", "2025-06-03", "2025-06-03T09:00:00", "handling", 480],
                # Offline work is not scheduled time for absenteeism.
                ["S001", "2025-06-03", "2025-06-03T17:00:00", "offline", 60],
                ["S002", "2025-06-02", "2025-06-02T09:00:00", "handling", 480],
                ["S002", "2025-06-03", "2025-06-03T09:00:00", "handling", 480],
                # The supervisor is not in the population.
                ["T001", "2025-06-02", "2025-06-02T09:00:00", "meeting", 480],
            ],
        },
        "absence": {"columns": ["staff_id", "date", "hours", "type", "planned"], "rows": absence_rows},
    }


ABSENCE_ROWS: list[list[object]] = [
    ["S001", "2025-06-02", 4, "sick", "no"],  # 4 unplanned hours
    ["S001", "2025-06-03", 8, "planned", "yes"],  # 8 planned hours
    ["S002", "2025-06-02", None, "sick", "no"],  # blank hours: S002's scheduled 8 hours that day
    ["T001", "2025-06-02", 8, "sick", "no"],  # not in the population
    ["S001", "2025-07-01", 8, "sick", "no"],  # July has no schedule at all
]


def test_absenteeism_unplanned_only(store_of: Any) -> None:
    values = compute(store_of(absence_bundle(ABSENCE_ROWS)), "absenteeism_rate", [MAY, JUNE, JULY])
    # June: unplanned 4 + 8 = 12 hours of 16 + 16 = 32 scheduled hours = 37.5 %.
    assert values[("2025-06",)] == pytest.approx((0.375, 12, 32))
    # July: 8 absent hours but no scheduled hours: division by zero → no value.
    assert values[("2025-07",)] == (None, 8.0, 0.0)
    # May: no data at all → no value.
    assert ("2025-05",) not in values


def test_absenteeism_with_planned_absence(store_of: Any) -> None:
    store = store_of(absence_bundle(ABSENCE_ROWS))
    values = compute(store, "absenteeism_rate", [JUNE], options={"include_planned": "yes"})
    # 4 + 8 + 8 = 20 of 32 hours = 62.5 %.
    assert value(values, "2025-06") == pytest.approx(0.625)


def test_absenteeism_per_program_via_the_roster(store_of: Any) -> None:
    values = compute(store_of(absence_bundle(ABSENCE_ROWS)), "absenteeism_rate", [JUNE], group_by=["program"])
    # p1: S001 4 of 16 hours = 25 %; p2: S002 8 of 16 = 50 %. The supervisor is left out.
    assert value(values, "p1", "2025-06") == pytest.approx(0.25)
    assert value(values, "p2", "2025-06") == pytest.approx(0.5)


def test_absenteeism_follows_the_roster_spell_of_the_day(store_of: Any) -> None:
    # S001 works in p1 until 2 June, then in p2 (two roster rows).
    roster_rows: list[list[object]] = [
        ["S001", "CSS", "p1", "2024-01-01", "2025-06-02"],
        ["S001", "CSS", "p2", "2025-06-03", None],
        ["S002", "CSS", "p2", "2024-01-01", None],
    ]
    absence = [["S001", "2025-06-02", 2, "sick", "no"], ["S001", "2025-06-03", 4, "sick", "no"]]
    store = store_of(absence_bundle(absence, roster_rows))
    values = compute(store, "absenteeism_rate", [JUNE], group_by=["program"])
    # p1: 2 of S001's 8 hours on 2 June = 25 %.
    assert values[("p1", "2025-06")] == pytest.approx((0.25, 2, 8))
    # p2: 4 hours of S001's 8 on 3 June plus S002's 16 = 4 / 24.
    assert values[("p2", "2025-06")] == pytest.approx((4 / 24, 4, 24))
    # Entity level: every hour counted once: 6 / 32.
    assert value(compute(store, "absenteeism_rate", [JUNE]), "2025-06") == pytest.approx(6 / 32)


def test_absenteeism_type_planned_when_the_planned_column_is_absent(store_of: Any) -> None:
    bundle = absence_bundle([])
    bundle["absence"] = {
        "columns": ["staff_id", "date", "hours", "type"],
        "rows": [["S001", "2025-06-02", 4, "sick"], ["S001", "2025-06-03", 8, "planned"]],
    }
    values = compute(store_of(bundle), "absenteeism_rate", [JUNE])
    # Only the 4 sick hours count: 4 / 32.
    assert value(values, "2025-06") == pytest.approx(0.125)


# ---------------------------------------------------------------------------- chat concurrency

CHAT_COLUMNS = [
    "session_id",
    "staff_id",
    "program",
    "requested_at",
    "accepted_at",
    "ended_at",
    "wrap_seconds",
]
CHAT_ROWS: list[list[object]] = [
    # X (p1): with their 60 s of wrap, 10:00-10:11 and 10:05-10:21 overlap → one stretch of 21
    # minutes; 10:30-10:41 another of 11. Chat time 10 + 15 + 10 = 35 min = 2100 s, wrap 3 × 60 =
    # 180 s, time spent on chat (wrap included) 32 min = 1920 s.
    ["C1", "X", "p1", "2025-06-02T09:59:00", "2025-06-02T10:00:00", "2025-06-02T10:10:00", 60],
    ["C2", "X", "p1", "2025-06-02T10:04:00", "2025-06-02T10:05:00", "2025-06-02T10:20:00", 60],
    ["C3", "X", "p1", "2025-06-02T10:29:00", "2025-06-02T10:30:00", "2025-06-02T10:40:00", 60],
    # Y (p2): 10:10-10:20 lies inside 10:00-10:30. Chat 30 + 10 = 40 min = 2400 s, no wrap
    # (blank = 0), busy 30 min = 1800 s.
    ["C4", "Y", "p2", "2025-06-02T09:59:00", "2025-06-02T10:00:00", "2025-06-02T10:30:00", None],
    ["C5", "Y", "p2", "2025-06-02T10:09:00", "2025-06-02T10:10:00", "2025-06-02T10:20:00", 0],
    # Y again at the same time of day, on another day: a separate stretch (no overlap with C4).
    # Accepted on 30 June 23:50 and ended in July: it belongs to June (by acceptance).
    ["C6", "Y", "p2", "2025-06-30T23:49:00", "2025-06-30T23:50:00", "2025-07-01T00:10:00", 120],
    # Never accepted, never assigned, or never ended: left out.
    ["C7", None, "p1", "2025-06-02T10:00:00", None, None, None],
    ["C8", "X", "p1", "2025-06-02T10:00:00", "2025-06-02T10:01:00", None, None],
]


def test_chat_concurrency_union_of_overlapping_sessions(store_of: Any) -> None:
    store = store_of({"chat_sessions": {"columns": CHAT_COLUMNS, "rows": CHAT_ROWS}})
    values = compute(store, "chat_concurrency", [MAY, JUNE])
    # X: handled 2100 + 180 = 2280 s over 1920 s. Y: C4 + C5 2400 s over 1800 s; C6 20 min = 1200 s
    # + 120 s wrap over 1200 + 120 = 1320 s. Total (2280 + 2400 + 1320) / (1920 + 1800 + 1320)
    # = 6000 / 5040.
    assert values[("2025-06",)] == pytest.approx((6000 / 5040, 6000, 5040))
    # May: no chats → no value.
    assert ("2025-05",) not in values


def test_chat_concurrency_per_program(store_of: Any) -> None:
    store = store_of({"chat_sessions": {"columns": CHAT_COLUMNS, "rows": CHAT_ROWS}})
    values = compute(store, "chat_concurrency", [JUNE], group_by=["program"])
    # p1 is X alone: 2280 / 1920 = 1.1875. p2 is Y: 3720 / 3120.
    assert values[("p1", "2025-06")] == pytest.approx((2280 / 1920, 2280, 1920))
    assert values[("p2", "2025-06")] == pytest.approx((3720 / 3120, 3720, 3120))


def test_chat_concurrency_touching_and_chained_sessions(store_of: Any) -> None:
    rows = [
        # 10:00-10:10, then 10:10-10:20 starting as the first ends, then 10:15-10:25 overlapping
        # only the second: one stretch 10:00-10:25 = 1500 s; chat 600 × 3 = 1800 s.
        ["C1", "Z", "p1", "2025-06-02T10:00:00", "2025-06-02T10:00:00", "2025-06-02T10:10:00", 0],
        ["C2", "Z", "p1", "2025-06-02T10:10:00", "2025-06-02T10:10:00", "2025-06-02T10:20:00", 0],
        ["C3", "Z", "p1", "2025-06-02T10:15:00", "2025-06-02T10:15:00", "2025-06-02T10:25:00", 0],
        # A second staff member at the same time is not merged with Z: 600 s over 600 s.
        ["C4", "W", "p1", "2025-06-02T10:00:00", "2025-06-02T10:00:00", "2025-06-02T10:10:00", 0],
    ]
    store = store_of({"chat_sessions": {"columns": CHAT_COLUMNS, "rows": rows}})
    values = compute(store, "chat_concurrency", [JUNE])
    assert values[("2025-06",)] == pytest.approx((2400 / 2100, 2400, 2100))


def test_chat_concurrency_one_chat_at_a_time_is_exactly_one(store_of: Any) -> None:
    rows = [
        # 10:00-10:10 with 120 s of wrap (to 10:12), then 10:20-10:25 with 30 s of wrap: never two
        # chats at once. Handled (600 + 120) + (300 + 30) = 1050 s; time on chat 720 + 330 = 1050 s.
        ["C1", "X", "p1", "2025-06-02T10:00:00", "2025-06-02T10:00:00", "2025-06-02T10:10:00", 120],
        ["C2", "X", "p1", "2025-06-02T10:20:00", "2025-06-02T10:20:00", "2025-06-02T10:25:00", 30],
    ]
    store = store_of({"chat_sessions": {"columns": CHAT_COLUMNS, "rows": rows}})
    # The handbook divides by all the time spent on chat, wrap included (L1554): exactly 1.0.
    assert compute(store, "chat_concurrency", [JUNE])[("2025-06",)] == (1.0, 1050.0, 1050.0)


def test_chat_concurrency_a_chat_accepted_during_wrap_overlaps(store_of: Any) -> None:
    rows = [
        # 10:00-10:10 + 120 s wrap (to 10:12); the next chat is accepted at 10:11, during the wrap,
        # and runs to 10:21 with no wrap: one stretch 10:00-10:21 = 1260 s; handled 720 + 600 = 1320 s.
        ["C1", "X", "p1", "2025-06-02T10:00:00", "2025-06-02T10:00:00", "2025-06-02T10:10:00", 120],
        ["C2", "X", "p1", "2025-06-02T10:11:00", "2025-06-02T10:11:00", "2025-06-02T10:21:00", 0],
    ]
    store = store_of({"chat_sessions": {"columns": CHAT_COLUMNS, "rows": rows}})
    assert compute(store, "chat_concurrency", [JUNE])[("2025-06",)] == pytest.approx(
        (1320 / 1260, 1320, 1260)
    )


# ---------------------------------------------------------------------------- existing metrics

INTERVAL_COLUMNS = [
    "queue",
    "interval_start",
    "offered",
    "answered_within_threshold",
    "abandoned",
    "forecast_offered",
    "program",
]
INTERVAL_ROWS: list[list[object]] = [
    ["Q1", "2025-06-02T09:00:00", 100, 80, 5, 110, "p1"],
    ["Q1", "2025-06-02T09:30:00", 50, 30, 10, 40, "p2"],
    # Not measured (blank answered, abandoned and forecast): left out of those metrics.
    ["Q1", "2025-06-02T10:00:00", 30, None, None, None, "p2"],
    ["Q1", "2025-07-01T09:00:00", 0, 0, 0, 0, "p1"],  # nothing offered: division by zero
]


def test_interval_metrics(store_of: Any) -> None:
    store = store_of({"interval_stats": {"columns": INTERVAL_COLUMNS, "rows": INTERVAL_ROWS}})
    # Service level: (80 + 30) / (100 + 50) = 73.3 %.
    assert_values(
        compute(store, "service_level", [MAY, JUNE, JULY]),
        {("2025-06",): (110 / 150, 110, 150), ("2025-07",): (None, 0, 0)},
    )
    # Abandon rate: (5 + 10) / 150 = 10 %.
    assert value(compute(store, "abandon_rate", [JUNE]), "2025-06") == pytest.approx(0.1)
    # Forecast accuracy: 1 − (|110 − 100| + |40 − 50|) / 150 = 1 − 20/150 = 86.7 %.
    assert value(compute(store, "forecast_accuracy", [JUNE]), "2025-06") == pytest.approx(130 / 150)
    # Per program: p1 80/100, p2 30/50 (the blank row is left out).
    per_program = compute(store, "service_level", [JUNE], group_by=["program"])
    assert value(per_program, "p1", "2025-06") == pytest.approx(0.8)
    assert value(per_program, "p2", "2025-06") == pytest.approx(0.6)


def test_interval_ratios_share_one_scan_and_give_the_hand_computed_values(store_of: Any) -> None:
    from ccc_audit.metrics.batch import metric_rows

    store = store_of({"interval_stats": {"columns": INTERVAL_COLUMNS, "rows": INTERVAL_ROWS}})
    query = MetricQuery(store, [MAY, JUNE, JULY], ["program"], "TRUE", {}, Window.MONTH)
    service = {(r[0], r[1]): r[2:] for r in metric_rows(METRICS["service_level"], query)}
    # p1 in June: 80 / 100; p2: 30 / 50 (the unmeasured row is left out); July: nothing offered.
    assert service[("p1", "2025-06")] == pytest.approx((0.8, 80, 100))
    assert service[("p2", "2025-06")] == pytest.approx((0.6, 30, 50))
    assert service[("p1", "2025-07")] == (None, 0, 0)
    # The same scan computed the other interval ratios for the same query; they are reused.
    shared = {key[-1] for key in store.shared_results}
    assert {"service_level", "abandon_rate", "forecast_accuracy"} <= shared
    abandon = {(r[0], r[1]): r[2:] for r in metric_rows(METRICS["abandon_rate"], query)}
    assert abandon[("p2", "2025-06")] == pytest.approx((10 / 50, 10, 50))
    forecast = {(r[0], r[1]): r[2:] for r in metric_rows(METRICS["forecast_accuracy"], query)}
    # p1: 1 − |110 − 100| / 100 = 90 %.
    assert forecast[("p1", "2025-06")] == pytest.approx((0.9, 90, 100))


def test_calibration_agreement_is_the_mean_of_recorded_agreements(store_of: Any) -> None:
    rows = [["QA1", "2025-06-05", 0.9], ["QA2", "2025-06-06", 0.8], ["QA3", "2025-06-07", None]]
    store = store_of({"calibration": {"columns": ["evaluator_id", "date", "agreement"], "rows": rows}})
    # (0.9 + 0.8) / 2 = 85 %; the session with no agreement recorded is left out.
    assert_values(compute(store, "calibration_agreement", [MAY, JUNE]), {("2025-06",): (0.85, 1.7, 2)})


def test_complaint_resolution_days(store_of: Any) -> None:
    rows = [
        ["K1", "2025-06-01", "2025-06-11"],  # 10 days
        ["K2", "2025-06-05", "2025-06-08"],  # 3 days
        ["K3", "2025-06-10", None],  # unresolved: left out
        ["K4", "2025-07-10", None],  # July: nothing resolved → no value
    ]
    columns = ["complaint_id", "received", "resolved_on"]
    store = store_of({"complaints": {"columns": columns, "rows": rows}})
    values = compute(store, "complaint_resolution_days", [JUNE, JULY])
    assert values[("2025-06",)] == pytest.approx((6.5, 13, 2))  # (10 + 3) / 2
    assert value(values, "2025-07") is None


def test_bot_metrics(store_of: Any) -> None:
    columns = ["conversation_id", "started_at", "ended_by", "escalated", "escalation_correct"]
    rows = [
        ["B1", "2025-06-02T10:00:00", "bot", "no", None],
        ["B2", "2025-06-02T10:05:00", "bot", "no", None],
        ["B3", "2025-06-02T10:10:00", "escalated", "yes", "yes"],
        ["B4", "2025-06-02T10:15:00", "escalated", "yes", "no"],
        ["B5", "2025-06-02T10:20:00", "abandoned", "no", None],
        # Escalated but not reviewed: whether it reached the right entry point is unknown, left out.
        ["B6", "2025-06-02T10:25:00", "escalated", "yes", None],
    ]
    store = store_of({"bot_conversations": {"columns": columns, "rows": rows}})
    # Autonomous: 2 of 6 ended by the bot. Escalation accuracy: 1 of the 2 reviewed escalations = 50 %.
    assert_values(compute(store, "autonomous_handling_rate", [JUNE]), {("2025-06",): (2 / 6, 2, 6)})
    assert_values(compute(store, "escalation_accuracy", [JUNE]), {("2025-06",): (0.5, 1, 2)})


def test_chat_session_metrics(store_of: Any) -> None:
    columns = [
        "session_id",
        "staff_id",
        "requested_at",
        "accepted_at",
        "first_reply_at",
        "ended_at",
        "wrap_seconds",
        "abandoned_after_start",
    ]
    rows = [
        # Reply after 30 s; chat 600 s + wrap 60 s; customer stayed.
        ["C1", "X", "2025-06-02T10:00:00", "2025-06-02T10:00:10", "2025-06-02T10:00:30",
         "2025-06-02T10:10:10", 60, "no"],
        # Reply after 90 s; chat 300 s + no wrap; customer left after the dialogue started.
        ["C2", "X", "2025-06-02T11:00:00", "2025-06-02T11:01:00", "2025-06-02T11:01:30",
         "2025-06-02T11:06:00", None, "yes"],
        # Never answered: no reply, no chat time; not a session abandon (dialogue never started).
        ["C3", None, "2025-06-02T12:00:00", None, None, None, None, "no"],
    ]  # fmt: skip
    store = store_of({"chat_sessions": {"columns": columns, "rows": rows}})
    # ASA: (30 + 90) / 2 = 60 s. ACT: (600 + 60 + 300) / 2 = 480 s. Session abandon: 1 of 2 = 50 %.
    assert_values(compute(store, "chat_asa_seconds", [JUNE]), {("2025-06",): (60, 120, 2)})
    assert_values(compute(store, "act_seconds", [JUNE]), {("2025-06",): (480, 960, 2)})
    assert_values(compute(store, "session_abandon_rate", [JUNE]), {("2025-06",): (0.5, 1, 2)})


def test_schedule_interval_minutes_is_the_longest_interval(store_of: Any) -> None:
    rows = [
        ["S001", "2025-06-02T09:00:00", 30],
        ["S001", "2025-06-02T09:30:00", 15],
        ["S002", "2025-06-02T09:00:00", 60],
    ]
    columns = ["staff_id", "interval_start", "interval_minutes"]
    store = store_of({"schedules": {"columns": columns, "rows": rows}})
    # max(30, 15, 60) = 60 minutes, over 3 rows.
    assert_values(compute(store, "schedule_interval_minutes", [MAY, JUNE]), {("2025-06",): (60, 60, 3)})


# ---------------------------------------------------------------------------- registry and check


def test_every_metric_is_described_and_documented() -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "metrics.md").read_text(encoding="utf-8")
    for name, metric in METRICS.items():
        assert metric.records and set(metric.columns) <= set(metric.records), name
        assert metric.title.ja and metric.title.en and metric.formula.ja and metric.formula.en, name
        assert metric.unit in ("ratio", "seconds", "days", "minutes", "count", "chats"), name
        assert f"`{name}`" in docs, f"{name} is not in docs/metrics.md"
        assert metric.title.ja in docs, f"the Japanese name of {name} is not in docs/metrics.md"
        for option in metric.options:
            assert f"`{option}`" in docs, f"option {option} of {name} is not in docs/metrics.md"


@pytest.mark.parametrize("name", sorted(METRICS))
def test_every_metric_runs_on_empty_record_sets(name: str, store_of: Any) -> None:
    metric = METRICS[name]
    types = builtin_record_types()
    records = {
        records_name: {
            "columns": list(
                dict.fromkeys(
                    [
                        *(c.name for c in types[records_name].columns if c.required),
                        *metric.columns.get(records_name, ()),
                        "program",
                    ]
                )
            )
        }
        for records_name in metric.records
    }
    store = store_of(records)
    assert compute(store, name, [JUNE]) == {}
    assert compute(store, name, [JUNE], group_by=["program"]) == {}


def test_attrition_through_the_metric_check(tmp_path: Path) -> None:
    bundle = load_bundle(
        write_bundle(
            tmp_path / "bundle",
            {"audit_period": {"start": D(2025, 5, 1), "end": D(2025, 6, 30)}, "records": roster()},
        )
    )
    spec = MetricCheckSpec.model_validate(
        {
            "kind": "metric",
            "metric": "attrition_annualised",
            "period": "month",
            "group_by": ["program"],
            "threshold": {"max": 10.0},
        }
    )
    with open_records(bundle, None) as records:
        ctx = CheckContext(bundle=bundle, as_of=D(2025, 7, 15), parameters={}, records=records, rule_id="t")
        result = evaluate_metric(spec, ctx)
    # p1 June is 1460 % (14.6); p2 June 608.3 %; May 0 % for both.
    assert result.outcome is Outcome.FAIL
    assert [item.subject for item in result.failing] == ["p1 2025-06"]
    assert result.measured == "p1 2025-05: 0.0%; p1 2025-06: 1460.0%; p2 2025-05: 0.0%; p2 2025-06: 608.3%"
