"""The KPI observations: monthly and quarterly results of the centre, with targets (DuckDB SQL).

Computed from the generated records themselves, for the whole entity (``program`` blank):

- service level and abandon rate of voice and forecast accuracy of every queue, per whole month
  of the period, from the interval counts;
- monitoring accuracy (share of evaluations passed) and the three critical-error accuracies,
  per whole month, from the evaluations, with the month's answered contacts as population;
- customer satisfaction (share of responses in the top two boxes), per whole quarter, from the
  survey responses;
- hiring timeliness and quality, training pass rate, time to proficiency, the on-time rate
  of change milestones, chat concurrency forecast accuracy and chat availability, per whole
  quarter, as steady figures that meet their targets.

Every observation carries a target and the benchmark it was set against. The targets of the
judged interval metrics hold by construction (every interval answers at least 80 % within
threshold, abandons at most 6 % and is forecast within 10 %). Sample-based observations are
only reported where the sample gives a margin of error within ±5 % at 95 % confidence, the
centre's sampling plan; smaller samples are folded into the following reports.
"""

from __future__ import annotations

from statistics import NormalDist

from ccc_audit.generate.operations import FORECAST_ERROR, INTERVALS, WITHIN_THRESHOLD
from ccc_audit.generate.options import PeriodWindows
from ccc_audit.generate.store import text_sql
from ccc_audit.models.calendar import Span

MAX_MARGIN = 0.049
"""Largest margin of error (95 % confidence) of a reported sample-based observation."""

_Z95 = NormalDist().inv_cdf(0.975)

TARGETS: dict[str, tuple[float, str]] = {
    "service_level": (0.80, "Client service agreement 2025, schedule 2 (80 % in 20 seconds)"),
    "abandon_rate": (0.05, "COPC CX benchmark study 2024, voice median"),
    "forecast_accuracy": (0.85, "COPC CX benchmark study 2024, workforce management top quartile"),
    "monitoring_accuracy": (0.80, "COPC CX benchmark study 2024, transaction monitoring median"),
    "customer_critical_accuracy": (0.98, "COPC CX benchmark study 2024, customer-critical accuracy"),
    "business_critical_accuracy": (0.98, "COPC CX benchmark study 2024, business-critical accuracy"),
    "compliance_critical_accuracy": (0.99, "COPC CX benchmark study 2024, compliance-critical accuracy"),
    "csat": (0.70, "Japan contact centre satisfaction survey 2024, financial services top quartile"),
    "hiring_timeliness": (0.90, "COPC CX benchmark study 2024, requisitions filled on time"),
    "hiring_quality": (0.85, "COPC CX benchmark study 2024, new hires passing initial training"),
    "training_pass_rate": (0.90, "COPC CX benchmark study 2024, first-attempt verification"),
    "time_to_proficiency": (45.0, "COPC CX benchmark study 2024, days to proficiency, median"),
    "change_milestone_on_time": (0.90, "Programme office standard, milestones completed on time"),
    "chat_concurrency_forecast_accuracy": (0.85, "COPC CX benchmark study 2024, chat workforce management"),
    "chat_availability": (0.98, "Client service agreement 2025, chat open through business hours"),
}
"""Target and benchmark source of each metric reported."""


def _labels(spans: list[Span], name: str) -> str:
    if not spans:
        return f"(SELECT NULL::VARCHAR AS label WHERE false) AS {name}"
    rows = ", ".join(f"({text_sql(s.label)})" for s in spans)
    return f"(VALUES {rows}) AS {name}(label)"


def _label_of(day: str, spans: list[Span]) -> str:
    """SQL naming the span holding ``day`` (NULL outside them), so labels follow the period's windows."""
    if not spans:
        return "NULL::VARCHAR"
    cases = " ".join(
        f"WHEN {day} BETWEEN DATE '{s.start}' AND DATE '{s.end}' THEN {text_sql(s.label)}" for s in spans
    )
    return f"CASE {cases} END"


def _targets() -> str:
    rows = ", ".join(f"({text_sql(m)}, {t}, {text_sql(s)})" for m, (t, s) in TARGETS.items())
    return f"(VALUES {rows}) AS t(metric, target, benchmark_source)"


def kpi_observations_csv(period: PeriodWindows) -> str:
    """The ``kpi_observations`` record set, in a total order.

    Reads tables ``interval_counts``, ``queues``, ``monitoring`` and ``customer_surveys``; call it
    once they are final.
    """
    p = "CASE WHEN value BETWEEN 0 AND 1 THEN value ELSE 0.5 END"
    fpc = (
        "CASE WHEN population IS NOT NULL AND population > 1 AND population >= sample_size "
        "THEN sqrt((population - sample_size) / (population - 1.0)) ELSE 1.0 END"
    )
    margin = f"{_Z95!r} * sqrt(({p}) * (1 - ({p})) / sample_size) * {fpc}"
    return f"""
    WITH daily AS (
        SELECT day,
               sum(CASE WHEN channel = 'voice' THEN offered END) AS voice_offered,
               sum(CASE WHEN channel = 'voice' THEN {WITHIN_THRESHOLD} END) AS voice_within,
               sum(CASE WHEN channel = 'voice' THEN offered - answered END) AS voice_abandoned,
               sum(offered) AS offered, sum(answered) AS answered, sum({FORECAST_ERROR}) AS forecast_error
        FROM {INTERVALS} GROUP BY day
    ),
    volumes AS (
        SELECT {_label_of("day", period.months)} AS label, {_label_of("day", period.quarters)} AS quarter,
               sum(voice_offered) AS voice_offered, sum(voice_within) AS voice_within,
               sum(voice_abandoned) AS voice_abandoned, sum(offered) AS offered, sum(answered) AS answered,
               sum(forecast_error) AS forecast_error
        FROM daily GROUP BY ALL
    ),
    months AS (SELECT v.* FROM volumes v JOIN {_labels(period.months, "wm")} USING (label)),
    quarters AS (
        SELECT v.quarter AS label, sum(v.answered) AS answered
        FROM volumes v JOIN {_labels(period.quarters, "wq")} ON wq.label = v.quarter GROUP BY ALL
    ),
    evaluations AS (
        SELECT {_label_of("date", period.months)} AS label, count(*) AS n,
               count(*) FILTER (WHERE passed) AS passed,
               count(*) FILTER (WHERE NOT customer_critical_error) AS customer_ok,
               count(*) FILTER (WHERE NOT business_critical_error) AS business_ok,
               count(*) FILTER (WHERE NOT compliance_critical_error) AS compliance_ok
        FROM monitoring GROUP BY ALL
    ),
    surveys AS (
        SELECT {_label_of("date", period.quarters)} AS label, count(*) AS n,
               count(*) FILTER (WHERE overall >= scale_max - 1) AS top_two
        FROM customer_surveys GROUP BY ALL
    ),
    observed AS (
        SELECT 'service_level' AS metric, label AS period, voice_within / voice_offered AS value,
               NULL::BIGINT AS sample_size, NULL::BIGINT AS population
        FROM months WHERE voice_offered > 0
        UNION ALL
        SELECT 'abandon_rate', label, voice_abandoned / voice_offered, NULL, NULL
        FROM months WHERE voice_offered > 0
        UNION ALL
        SELECT 'forecast_accuracy', label, (offered - forecast_error) / offered, NULL, NULL
        FROM months WHERE offered > 0
        UNION ALL
        SELECT unnest(['monitoring_accuracy', 'customer_critical_accuracy', 'business_critical_accuracy',
                       'compliance_critical_accuracy']),
               e.label,
               unnest([e.passed, e.customer_ok, e.business_ok, e.compliance_ok]) / e.n, e.n, m.answered
        FROM evaluations e JOIN months m USING (label)
        UNION ALL
        SELECT 'csat', s.label, s.top_two / s.n, s.n, q.answered FROM surveys s JOIN quarters q USING (label)
        UNION ALL
        SELECT unnest(['hiring_timeliness', 'hiring_quality', 'training_pass_rate', 'time_to_proficiency',
                       'change_milestone_on_time', 'chat_concurrency_forecast_accuracy',
                       'chat_availability']),
               label, unnest([0.92, 0.88, 0.93, 41.0, 0.91, 0.89, 0.99]), NULL, NULL
        FROM quarters
    ),
    rounded AS (
        SELECT metric, period, CAST(round(value, 4) AS DECIMAL(6, 4)) AS value, sample_size, population
        FROM observed
    ),
    margins AS (
        SELECT *, CASE WHEN sample_size > 0 THEN {margin} END AS margin
        FROM (SELECT metric, period, CAST(value AS DOUBLE) AS value, sample_size, population FROM rounded)
    )
    SELECT r.metric, r.period, NULL AS program, r.value,
           CAST(t.target AS DECIMAL(4, 2)) AS target, t.benchmark_source, r.sample_size, r.population,
           CAST(round(m.margin, 4) AS DECIMAL(6, 4)) AS margin_of_error
    FROM rounded r JOIN margins m USING (metric, period) JOIN {_targets()} USING (metric)
    WHERE r.sample_size IS NULL OR m.margin <= {MAX_MARGIN}
    ORDER BY r.metric, r.period
    """
