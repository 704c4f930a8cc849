"""The registry of metrics: name → :class:`~ccc_audit.metrics.base.Metric`."""

from __future__ import annotations

from ccc_audit.i18n.text import text
from ccc_audit.metrics import channels, chat, workforce
from ccc_audit.metrics.base import Metric, ratio

METRICS: dict[str, Metric] = {}


def register(metric: Metric) -> None:
    """Add a metric; a duplicate name is an error."""
    if metric.name in METRICS:
        raise ValueError(f"metric {metric.name!r} is registered twice")
    METRICS[metric.name] = metric


register(
    Metric(
        name="service_level",
        title=text("サービスレベル", "Service level"),
        formula=text("閾値内応答数 ÷ 着信数", "answered within threshold ÷ offered"),
        records=("interval_stats",),
        columns={"interval_stats": ("interval_start", "offered", "answered_within_threshold")},
        build=ratio(
            "interval_stats",
            "r.interval_start",
            "r.answered_within_threshold",
            "CASE WHEN r.answered_within_threshold IS NOT NULL THEN r.offered END",
        ),
    )
)
register(
    Metric(
        name="abandon_rate",
        title=text("放棄率", "Abandon rate"),
        formula=text("放棄数 ÷ 着信数", "abandoned ÷ offered"),
        records=("interval_stats",),
        columns={"interval_stats": ("interval_start", "offered", "abandoned")},
        build=ratio(
            "interval_stats",
            "r.interval_start",
            "r.abandoned",
            "CASE WHEN r.abandoned IS NOT NULL THEN r.offered END",
        ),
    )
)
register(
    Metric(
        name="forecast_accuracy",
        title=text("予測精度", "Forecast accuracy"),
        formula=text(
            "1 − Σ|予測着信数 − 実着信数| ÷ Σ実着信数（区間ごとの絶対誤差）",
            "1 − Σ|forecast offered − offered| ÷ Σ offered (absolute error per interval)",
        ),
        records=("interval_stats",),
        columns={"interval_stats": ("interval_start", "offered", "forecast_offered")},
        build=ratio(
            "interval_stats",
            "r.interval_start",
            "(r.offered - abs(r.forecast_offered - r.offered))",
            "CASE WHEN r.forecast_offered IS NOT NULL THEN r.offered END",
        ),
    )
)
register(
    Metric(
        name="calibration_agreement",
        title=text("カリブレーション一致率", "Calibration agreement"),
        formula=text("一致率の平均", "mean agreement"),
        records=("calibration",),
        columns={"calibration": ("date", "agreement")},
        build=ratio("calibration", "r.date", "r.agreement", "CASE WHEN r.agreement IS NOT NULL THEN 1 END"),
    )
)
register(
    Metric(
        name="complaint_resolution_days",
        title=text("苦情解決日数", "Complaint resolution time"),
        formula=text("解決日 − 受付日 の平均（解決済みのみ）", "mean of resolved − received (resolved only)"),
        records=("complaints",),
        columns={"complaints": ("received", "resolved_on")},
        build=ratio(
            "complaints",
            "r.received",
            "CASE WHEN r.resolved_on IS NOT NULL THEN date_diff('day', r.received, r.resolved_on) END",
            "CASE WHEN r.resolved_on IS NOT NULL THEN 1 END",
        ),
        unit="days",
    )
)
register(
    Metric(
        name="autonomous_handling_rate",
        title=text("自律処理率", "Autonomous handling rate"),
        formula=text(
            "ボットだけで完結した会話数 ÷ ボットが開始した会話数",
            "conversations the bot handled end to end ÷ conversations the bot started",
        ),
        records=("bot_conversations",),
        columns={"bot_conversations": ("started_at", "ended_by")},
        build=ratio(
            "bot_conversations", "r.started_at", "CASE WHEN r.ended_by = 'bot' THEN 1 ELSE 0 END", "1"
        ),
    )
)
register(channels.ESCALATION_ACCURACY)
register(
    Metric(
        name="session_abandon_rate",
        title=text("セッション放棄率", "Session abandon rate"),
        formula=text(
            "対話開始後に放棄されたチャット数 ÷ 対話が始まったチャット数",
            "chats abandoned after the dialogue started ÷ chats whose dialogue started",
        ),
        records=("chat_sessions",),
        columns={"chat_sessions": ("requested_at", "first_reply_at", "abandoned_after_start")},
        build=ratio(
            "chat_sessions",
            "r.requested_at",
            "CASE WHEN r.first_reply_at IS NOT NULL AND r.abandoned_after_start THEN 1 ELSE 0 END",
            "CASE WHEN r.first_reply_at IS NOT NULL THEN 1 ELSE 0 END",
        ),
    )
)
register(
    Metric(
        name="chat_asa_seconds",
        title=text("チャットのASA（平均応答速度）", "Chat average speed of answer (ASA)"),
        formula=text(
            "要求（プロアクティブチャットでは顧客の承諾）からCSSの最初の返信（自動応答ではない）までの平均秒数",
            "mean seconds from the customer's request (for proactive"
            " chat, their acceptance of the offer) to the "
            "first CSS reply (not an automated reply)",
        ),
        records=("chat_sessions",),
        columns={"chat_sessions": ("requested_at", "first_reply_at")},
        build=ratio(
            "chat_sessions",
            "r.requested_at",
            "CASE WHEN r.first_reply_at IS NOT NULL "
            "THEN date_diff('second', r.requested_at, r.first_reply_at) END",
            "CASE WHEN r.first_reply_at IS NOT NULL THEN 1 END",
        ),
        unit="seconds",
    )
)
register(
    Metric(
        name="act_seconds",
        title=text("平均チャット処理時間（ACT）", "Average chat time (ACT)"),
        formula=text(
            "（チャット時間 ＋ 後処理時間）の合計 ÷ チャット数",
            "(chat time + wrap time) ÷ number of chats",
        ),
        records=("chat_sessions",),
        columns={"chat_sessions": ("requested_at", "accepted_at", "ended_at", "wrap_seconds")},
        build=ratio(
            "chat_sessions",
            "r.requested_at",
            "date_diff('second', r.accepted_at, r.ended_at) + coalesce(r.wrap_seconds, 0)",
            "CASE WHEN r.accepted_at IS NOT NULL AND r.ended_at IS NOT NULL THEN 1 END",
        ),
        unit="seconds",
    )
)
register(
    Metric(
        name="schedule_interval_minutes",
        title=text("スケジュール区間の長さ", "Schedule interval length"),
        formula=text("スケジュール区間の最大分数", "longest schedule interval, in minutes"),
        records=("schedules",),
        columns={"schedules": ("interval_start", "interval_minutes")},
        build=ratio("schedules", "r.interval_start", "r.interval_minutes", "1", aggregate="max"),
        unit="minutes",
    )
)
register(
    Metric(
        name="attrition_annualised",
        title=text("年換算離職率", "Annualised attrition"),
        formula=text(
            "期間内の離職者数 ÷ 平均在籍人数 × (365 ÷ 期間の日数)。平均在籍人数は期間の各日に在籍した"
            "CSS（派遣・有期を含む）の人数の平均。自己都合・会社都合を数え、異動は補充された場合に限り"
            "プログラム単位でのみ、契約満了は契約終了日より前に離れた場合に限り数える",
            "exits in the span ÷ average headcount × (365 ÷ days in the span); average headcount is the "
            "mean over the span's days of the CSS employed that day (agency and temporary included); "
            "voluntary and involuntary exits count, a transfer only at program level and when backfilled, "
            "a contract end only when the person left before the contract end date",
        ),
        records=("roster",),
        columns={"roster": ("staff_id", "role", "hire_date", "exit_date", "exit_type")},
        build=workforce.build_attrition,
        options=workforce.ATTRITION_OPTIONS,
    )
)
register(
    Metric(
        name="absenteeism_rate",
        title=text("欠勤率", "Absenteeism"),
        formula=text(
            "計画外の不在時間 ÷ 予定された勤務時間（オフライン以外のスケジュール分数 ÷ 60）",
            "unplanned absent hours ÷ scheduled hours (scheduled minutes of every activity but offline ÷ 60)",
        ),
        records=("roster", "absence", "schedules"),
        columns={
            "roster": ("staff_id", "role"),
            "absence": ("staff_id", "date", "hours"),
            "schedules": ("staff_id", "interval_start", "scheduled_minutes"),
        },
        build=workforce.build_absenteeism,
        options=workforce.ABSENTEEISM_OPTIONS,
    )
)
register(
    Metric(
        name="chat_concurrency",
        title=text("チャット同時対応数（コンカレンシー）", "Chat concurrency"),
        formula=text(
            "（チャット時間の合計 ＋ 後処理時間の合計）÷ チャットに要したすべての時間"
            "（担当者ごとに、1件以上のチャットを開いているか後処理中だった時間）",
            "(total chat time + total wrap time) ÷ all the time spent on chat (per staff member, the "
            "time with at least one chat open or in wrap)",
        ),
        records=("chat_sessions",),
        columns={"chat_sessions": ("staff_id", "accepted_at", "ended_at", "wrap_seconds")},
        build=chat.build_concurrency,
        unit="chats",
    )
)
for _metric in channels.CHANNEL_METRICS:
    register(_metric)
