"""Metric definitions of the COPC application guides: chat, digital assistants, face to face.

Each follows the handbook's own definition (line numbers of the COPC CX R7.0 handbook in the
docstrings); where an optional column decides who is counted, the SQL reads it when the record
set has it (:func:`~ccc_audit.metrics.base.column_or_null`).
"""

from __future__ import annotations

from collections.abc import Callable

from ccc_audit.i18n.text import text
from ccc_audit.metrics import chat
from ccc_audit.metrics.base import Metric, MetricQuery, column_or_null, ratio


def _offered(q: MetricQuery) -> str:
    """SQL: the chat was requested by the customer, or a proactive offer the customer accepted.

    An offer the customer declined (``proactive_accepted`` = no) is no request to answer (L1528).
    """
    answer = column_or_null(q.store, "chat_sessions", "proactive_accepted", "r")
    return f"coalesce(CAST({answer} AS BOOLEAN), true)"


def _chat_service_level(q: MetricQuery) -> str:
    """Chats whose first CSS reply came within the centre's threshold ÷ chats with a threshold."""
    kept = f"{_offered(q)} AND r.sl_threshold_seconds IS NOT NULL"
    within = (
        "r.first_reply_at IS NOT NULL "
        "AND date_diff('second', r.requested_at, r.first_reply_at) <= r.sl_threshold_seconds"
    )
    return ratio(
        "chat_sessions",
        "r.requested_at",
        f"CASE WHEN {kept} THEN CASE WHEN {within} THEN 1 ELSE 0 END END",
        f"CASE WHEN {kept} THEN 1 END",
    )(q)


def _chat_abandon(q: MetricQuery) -> str:
    """Chats whose dialogue never started ÷ chats requested (or proactive offers accepted)."""
    never = "r.first_reply_at IS NULL OR coalesce(r.abandoned_before_reply, false)"
    return ratio(
        "chat_sessions",
        "r.requested_at",
        f"CASE WHEN {_offered(q)} THEN CASE WHEN {never} THEN 1 ELSE 0 END END",
        f"CASE WHEN {_offered(q)} THEN 1 END",
    )(q)


def _escalation_accuracy(q: MetricQuery) -> str:
    """Reviewed hand-overs (to a person or another digital entry point) that reached the right one."""
    transferred = column_or_null(q.store, "bot_conversations", "transferred_to", "r")
    handed = (
        f"(coalesce(r.escalated, false) OR {transferred} IS NOT NULL) AND r.escalation_correct IS NOT NULL"
    )
    return ratio(
        "bot_conversations",
        "r.started_at",
        f"CASE WHEN {handed} THEN CASE WHEN r.escalation_correct THEN 1 ELSE 0 END END",
        f"CASE WHEN {handed} THEN 1 END",
    )(q)


def _proactive(answer: str) -> Callable[[MetricQuery], str]:
    """Proactive offers the customer accepted (``yes``) or declined (``no``) ÷ offers with an answer."""
    kept = "coalesce(r.proactive, false) AND r.proactive_accepted IS NOT NULL"
    hit = "r.proactive_accepted" if answer == "yes" else "NOT r.proactive_accepted"
    return ratio(
        "chat_sessions",
        "r.requested_at",
        f"CASE WHEN {kept} THEN CASE WHEN {hit} THEN 1 ELSE 0 END END",
        f"CASE WHEN {kept} THEN 1 END",
    )


def _forecast_accuracy(table: str, date: str, forecast: str, actual: str) -> Callable[[MetricQuery], str]:
    """1 − Σ|forecast − actual| ÷ Σ actual over the rows with both values."""
    both = f"r.{forecast} IS NOT NULL AND r.{actual} IS NOT NULL"
    return ratio(
        table,
        date,
        f"CASE WHEN {both} THEN r.{actual} - abs(r.{forecast} - r.{actual}) END",
        f"CASE WHEN {both} THEN r.{actual} END",
    )


CHANNEL_METRICS: tuple[Metric, ...] = (
    Metric(
        name="chat_service_level",
        title=text("チャットのサービスレベル", "Chat service level"),
        formula=text(
            "要求（プロアクティブチャットでは承諾）からセンターの閾値秒数以内に"
            "CSSが最初に返信したチャット数 ÷ "
            "閾値が記録されたチャット数（プロアクティブの提案を断られたものを除く）",
            "chats whose first CSS reply came within the centre's threshold seconds of the request (for "
            "proactive chat, of acceptance) ÷ chats with a threshold"
            " recorded (declined proactive offers excluded)",
        ),
        records=("chat_sessions",),
        columns={"chat_sessions": ("requested_at", "first_reply_at", "sl_threshold_seconds")},
        build=_chat_service_level,
    ),
    Metric(
        name="chat_abandon_rate",
        title=text("冒頭チャットの応答放棄率", "Chat abandon rate (before the dialogue)"),
        formula=text(
            "対話が成立しなかったチャット数（CSSの返信がない、またはCSSの最初の返信に顧客が応答しない）÷ "
            "チャットの要求数（プロアクティブの提案は承諾されたもののみ）",
            "chats whose dialogue never started (no CSS reply,"
            " or no customer answer to the CSS's first reply) ÷ "
            "chats requested (proactive offers only when accepted)",
        ),
        records=("chat_sessions",),
        columns={"chat_sessions": ("requested_at", "first_reply_at", "abandoned_before_reply")},
        build=_chat_abandon,
    ),
    Metric(
        name="css_response_seconds",
        title=text("CSS平均応答時間", "CSS average response time"),
        formula=text(
            "顧客のメッセージにCSSが返信するまでの秒数の合計 ÷ その返信の数",
            "total seconds the CSS took to answer customer messages ÷ number of those answers",
        ),
        records=("chat_sessions",),
        columns={"chat_sessions": ("requested_at", "css_response_seconds_total", "css_responses")},
        build=ratio(
            "chat_sessions",
            "r.requested_at",
            "CASE WHEN r.css_responses IS NOT NULL THEN r.css_response_seconds_total END",
            "CASE WHEN r.css_response_seconds_total IS NOT NULL THEN r.css_responses END",
        ),
        unit="seconds",
    ),
    Metric(
        name="proactive_accept_rate",
        title=text("プロアクティブチャットの承諾率", "Proactive chat accept rate"),
        formula=text(
            "顧客が承諾したプロアクティブチャットの提案数 ÷ 諾否が記録された提案数",
            "proactive offers the customer accepted ÷ offers with the answer recorded",
        ),
        records=("chat_sessions",),
        columns={"chat_sessions": ("requested_at", "proactive", "proactive_accepted")},
        build=_proactive("yes"),
    ),
    Metric(
        name="proactive_decline_rate",
        title=text("プロアクティブチャットの否認率", "Proactive chat decline rate"),
        formula=text(
            "顧客が受け入れなかったプロアクティブチャットの提案数 ÷ 諾否が記録された提案数",
            "proactive offers the customer declined ÷ offers with the answer recorded",
        ),
        records=("chat_sessions",),
        columns={"chat_sessions": ("requested_at", "proactive", "proactive_accepted")},
        build=_proactive("no"),
    ),
    Metric(
        name="chat_concurrency_logged",
        title=text(
            "チャット同時対応数（ログイン時間の実測による）", "Chat concurrency (measured logged-in time)"
        ),
        formula=text(
            "（チャット時間の合計 ＋ 後処理時間の合計）÷ 実測したチャットのログイン時間の合計"
            "（ログイン時間が記録された担当者・日のみ）",
            "(total chat time + total wrap time) ÷ measured"
            " time logged in to chat (only the staff-days whose "
            "logged-in time was measured)",
        ),
        records=("chat_logged_time", "chat_sessions"),
        columns={
            "chat_logged_time": ("staff_id", "date", "logged_seconds"),
            "chat_sessions": ("staff_id", "accepted_at", "ended_at", "wrap_seconds"),
        },
        build=chat.build_logged_concurrency,
        unit="chats",
    ),
    Metric(
        name="chat_concurrency_forecast_accuracy",
        title=text("コンカレンシー数の予測精度（日次）", "Daily concurrency forecast accuracy"),
        formula=text(
            "1 − Σ|予測コンカレンシー − 実績コンカレンシー| ÷ Σ実績コンカレンシー（日ごとの絶対誤差）",
            "1 − Σ|forecast concurrency − actual concurrency|"
            " ÷ Σ actual concurrency (absolute error per day)",
        ),
        records=("chat_concurrency_forecasts",),
        columns={"chat_concurrency_forecasts": ("date", "forecast_concurrency", "actual_concurrency")},
        build=_forecast_accuracy(
            "chat_concurrency_forecasts", "r.date", "forecast_concurrency", "actual_concurrency"
        ),
    ),
    Metric(
        name="store_staffing_forecast_accuracy",
        title=text("店舗別スタッフィング予測精度", "Store staffing forecast accuracy"),
        formula=text(
            "1 − Σ|予測した必要スタッフ時間 − 実際に必要だったスタッフ時間| ÷ Σ実際に必要だったスタッフ時間"
            "（店舗（または資源を共有する店舗群）ごと、日ごとの絶対誤差）",
            "1 − Σ|forecast staff hours needed − staff hours"
            " actually needed| ÷ Σ staff hours actually needed "
            "(absolute error per day, per store or group of stores sharing staff)",
        ),
        records=("store_staffing",),
        columns={"store_staffing": ("store_id", "date", "forecast_staff_hours", "required_staff_hours")},
        build=_forecast_accuracy("store_staffing", "r.date", "forecast_staff_hours", "required_staff_hours"),
    ),
)
"""The chat, bot and store metrics, registered by :mod:`ccc_audit.metrics.library`."""

ESCALATION_ACCURACY = Metric(
    name="escalation_accuracy",
    title=text("エスカレーション精度", "Escalation accuracy"),
    formula=text(
        "正しい窓口（有人または別のデジタル窓口）に引き継がれた会話数 ÷ "
        "引き継ぎ・転送した会話のうちレビューしたもの",
        "conversations handed to the right entry point (a person or another digital channel) ÷ reviewed "
        "conversations escalated or transferred",
    ),
    records=("bot_conversations",),
    columns={"bot_conversations": ("started_at", "escalated", "escalation_correct")},
    build=_escalation_accuracy,
)
"""Bot escalation accuracy as the handbook defines it (L2607-2611)."""
