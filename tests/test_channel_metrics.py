"""The chat, bot and store metrics of the COPC application guides, against hand-computed values.

Each test writes a tiny record set, builds the metric's SQL as an assessment does and checks
(value, numerator, denominator); the comments give the arithmetic and the handbook line.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_metrics import JUNE, assert_values, compute, store_of

__all__ = ["store_of"]  # the fixture, imported for the tests below

CHAT = [
    "session_id",
    "staff_id",
    "requested_at",
    "accepted_at",
    "first_reply_at",
    "ended_at",
    "abandoned_before_reply",
    "proactive",
    "proactive_accepted",
    "sl_threshold_seconds",
    "css_response_seconds_total",
    "css_responses",
]
CHAT_ROWS: list[list[object]] = [
    # Reactive, first reply after 40 s against a 60 s threshold: within. 4 answers, 100 s in all.
    ["C1", "X", "2025-06-02T10:00:00", "2025-06-02T10:00:20", "2025-06-02T10:00:40",
     "2025-06-02T10:10:00", "no", "no", None, 60, 100, 4],
    # Reactive, first reply after 90 s: outside the threshold. 2 answers, 80 s in all.
    ["C2", "X", "2025-06-02T11:00:00", "2025-06-02T11:01:00", "2025-06-02T11:01:30",
     "2025-06-02T11:06:00", "no", "no", None, 60, 80, 2],
    # The customer never answered the CSS's first reply: a chat abandon (dialogue never started).
    ["C3", "Y", "2025-06-02T12:00:00", "2025-06-02T12:00:05", "2025-06-02T12:00:20",
     "2025-06-02T12:03:00", "yes", "no", None, 60, 15, 1],
    # Abandoned in the queue: no CSS reply at all, also a chat abandon; outside the threshold.
    ["C4", None, "2025-06-02T13:00:00", None, None, None, "no", "no", None, 60, None, None],
    # Proactive offer accepted at 14:00 (requested_at is the acceptance), reply after 10 s: within.
    ["C5", "Y", "2025-06-02T14:00:00", "2025-06-02T14:00:02", "2025-06-02T14:00:10",
     "2025-06-02T14:05:00", "no", "yes", "yes", 60, 45, 3],
    # Proactive offers declined: no request to answer, out of service level and abandonment.
    ["C6", None, "2025-06-02T15:00:00", None, None, None, "no", "yes", "no", 60, None, None],
    ["C7", None, "2025-06-02T15:10:00", None, None, None, "no", "yes", "no", 60, None, None],
    # A proactive offer whose answer was not recorded: out of the accept and decline rates.
    ["C8", None, "2025-06-02T15:20:00", None, None, None, "no", "yes", None, None, None, None],
]  # fmt: skip


def test_chat_service_level_counts_from_the_request_or_the_acceptance(store_of: Any) -> None:
    store = store_of({"chat_sessions": {"columns": CHAT, "rows": CHAT_ROWS}})
    # L1528: within the 60 s threshold C1 (40 s), C3 (15 s), C5 (10 s after acceptance); not C2
    # (90 s) nor C4 (no reply). C6, C7 declined and C8 without threshold are left out: 3 of 5.
    assert_values(compute(store, "chat_service_level", [JUNE]), {("2025-06",): (0.6, 3, 5)})


def test_chat_abandon_rate_is_before_the_dialogue_starts(store_of: Any) -> None:
    store = store_of({"chat_sessions": {"columns": CHAT, "rows": CHAT_ROWS}})
    # L1534: C3 (no answer to the first reply) and C4 (no reply) never started a dialogue; C8 has
    # no reply either (its offer is not declined). Requests: C1-C5 and C8 (C6, C7 declined): 3 of 6.
    assert_values(compute(store, "chat_abandon_rate", [JUNE]), {("2025-06",): (0.5, 3, 6)})


def test_css_average_response_time_is_per_answer_not_asa(store_of: Any) -> None:
    store = store_of({"chat_sessions": {"columns": CHAT, "rows": CHAT_ROWS}})
    # L1546: (100 + 80 + 15 + 45) s over (4 + 2 + 1 + 3) answers = 240 / 10 = 24 s.
    assert_values(compute(store, "css_response_seconds", [JUNE]), {("2025-06",): (24, 240, 10)})
    # ASA is another metric, request (or acceptance) to the first reply: C1 40, C2 90, C3 20, C5 10
    # → 160 / 4 = 40 s.
    assert_values(compute(store, "chat_asa_seconds", [JUNE]), {("2025-06",): (40, 160, 4)})


def test_proactive_accept_or_decline_rate(store_of: Any) -> None:
    store = store_of({"chat_sessions": {"columns": CHAT, "rows": CHAT_ROWS}})
    # L1572-1588: proactive offers with an answer are C5 (accepted), C6 and C7 (declined).
    assert_values(compute(store, "proactive_accept_rate", [JUNE]), {("2025-06",): (1 / 3, 1, 3)})
    assert_values(compute(store, "proactive_decline_rate", [JUNE]), {("2025-06",): (2 / 3, 2, 3)})


def test_chat_metrics_without_the_proactive_columns(store_of: Any) -> None:
    columns = [
        "session_id",
        "requested_at",
        "first_reply_at",
        "abandoned_before_reply",
        "sl_threshold_seconds",
    ]
    rows = [
        ["C1", "2025-06-02T10:00:00", "2025-06-02T10:00:30", "no", 20],
        ["C2", "2025-06-02T10:00:00", "2025-06-02T10:00:10", "no", 20],
    ]
    store = store_of({"chat_sessions": {"columns": columns, "rows": rows}})
    # Every chat is a request: service level 1 of 2 within 20 s; no abandon.
    assert_values(compute(store, "chat_service_level", [JUNE]), {("2025-06",): (0.5, 1, 2)})
    assert_values(compute(store, "chat_abandon_rate", [JUNE]), {("2025-06",): (0, 0, 2)})


def test_escalation_accuracy_counts_digital_to_digital_transfers(store_of: Any) -> None:
    columns = ["conversation_id", "started_at", "escalated", "transferred_to", "escalation_correct"]
    rows = [
        # Handed to a person, right entry point.
        ["B1", "2025-06-02T10:00:00", "yes", "human", "yes"],
        # Transferred to another bot (digital to digital), right entry point: it counts.
        ["B2", "2025-06-02T10:05:00", "no", "digital", "yes"],
        # Transferred to another digital channel, wrong entry point.
        ["B3", "2025-06-02T10:10:00", "no", "digital", "no"],
        # Handed to a person at the wrong queue.
        ["B4", "2025-06-02T10:15:00", "yes", "human", "no"],
        # Not handed over: not in the population (even if someone marked it).
        ["B5", "2025-06-02T10:20:00", "no", None, "yes"],
    ]
    store = store_of({"bot_conversations": {"columns": columns, "rows": rows}})
    # L2607-2611: right entry point B1, B2 of the four handed over = 50 %.
    assert_values(compute(store, "escalation_accuracy", [JUNE]), {("2025-06",): (0.5, 2, 4)})


def test_chat_concurrency_from_measured_logged_time(store_of: Any) -> None:
    sessions = {
        "columns": ["session_id", "staff_id", "requested_at", "accepted_at", "ended_at", "wrap_seconds"],
        "rows": [
            # X on 2 June: chats of 600 + 60 and 1200 + 140 s = 2000 s handled.
            ["C1", "X", "2025-06-02T10:00:00", "2025-06-02T10:00:00", "2025-06-02T10:10:00", 60],
            ["C2", "X", "2025-06-02T10:05:00", "2025-06-02T10:05:00", "2025-06-02T10:25:00", 140],
            # X on 3 June: no logged time measured that day, left out.
            ["C3", "X", "2025-06-03T10:00:00", "2025-06-03T10:00:00", "2025-06-03T10:10:00", 0],
        ],
    }
    logged = {
        "columns": ["staff_id", "date", "logged_seconds"],
        # X logged in to chat 1600 s on 2 June; Y 400 s on 2 June without a chat (handled 0).
        "rows": [["X", "2025-06-02", 1600], ["Y", "2025-06-02", 400]],
    }
    store = store_of({"chat_sessions": sessions, "chat_logged_time": logged})
    # (2000 + 0) / (1600 + 400) = 1.0.
    assert_values(compute(store, "chat_concurrency_logged", [JUNE]), {("2025-06",): (1.0, 2000, 2000)})


def test_daily_concurrency_forecast_accuracy(store_of: Any) -> None:
    rows = [
        ["2025-06-02", "p1", 2.0, 1.6],  # |2.0 - 1.6| = 0.4
        ["2025-06-03", "p1", 1.5, 1.6],  # 0.1
        ["2025-06-04", "p1", 1.8, None],  # not measured yet: left out
    ]
    columns = ["date", "program", "forecast_concurrency", "actual_concurrency"]
    store = store_of({"chat_concurrency_forecasts": {"columns": columns, "rows": rows}})
    # L1604: 1 - (0.4 + 0.1) / (1.6 + 1.6) = 1 - 0.15625 = 0.84375.
    assert_values(
        compute(store, "chat_concurrency_forecast_accuracy", [JUNE]), {("2025-06",): (0.84375, 2.7, 3.2)}
    )


def test_store_staffing_forecast_accuracy_per_store(store_of: Any) -> None:
    rows = [
        ["ST1", "2025-06-02", 40, 50],  # |40 - 50| = 10
        ["ST1", "2025-06-03", 45, 50],  # 5
        ["ST2", "2025-06-02", 20, 16],  # 4
    ]
    columns = ["store_id", "date", "forecast_staff_hours", "required_staff_hours"]
    store = store_of({"store_staffing": {"columns": columns, "rows": rows}})
    # L2248, per store: ST1 1 - 15 / 100 = 0.85; ST2 1 - 4 / 16 = 0.75.
    assert_values(
        compute(store, "store_staffing_forecast_accuracy", [JUNE], group_by=["store_id"]),
        {("ST1", "2025-06"): (0.85, 85, 100), ("ST2", "2025-06"): (0.75, 12, 16)},
    )


@pytest.mark.parametrize("name", ["chat_service_level", "chat_abandon_rate", "escalation_accuracy"])
def test_optional_columns_are_read_only_when_present(name: str) -> None:
    from ccc_audit.metrics.library import METRICS

    assert "proactive_accepted" not in METRICS[name].columns.get("chat_sessions", ())
    assert "transferred_to" not in METRICS[name].columns.get("bot_conversations", ())
