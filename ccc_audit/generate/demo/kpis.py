"""KPI observations of the demo centre, and the quarterly statistics quoted in its documents."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from ccc_audit.generate.demo.contacts import ABANDON_TARGETS, SL_TARGETS, Contacts, queue_totals
from ccc_audit.generate.demo.dates import iso, month_bounds, pct, quarter_bounds, ratio
from ccc_audit.generate.demo.roster import Roster
from ccc_audit.generate.demo.surveys import survey_stats
from ccc_audit.generate.demo.workforce import ABSENTEEISM_TARGET, Workforce, absenteeism, attrition
from ccc_audit.generate.demo.world import ECOMMERCE, YEAR

CSAT_TARGET = 0.85


FORECAST_TARGET = 0.85


ATTRITION_TARGET = 0.30
"""Quarterly annualised attrition ceiling per program (a 15-CSS team losing one CSS in a quarter
is at 27 %); the business plan's yearly entity target is 15 %."""


MONITORING_TARGET = 0.90
"""Monitoring pass rate target of the business plan."""


CRITICAL_TARGET = 0.98


SOURCE_VOICE = "COPC benchmark 2024（国内受信・音声、上位四分位）と委託元SLA"


SOURCE_CSAT = "国内コンタクトセンター顧客満足度調査2024（上位25%）"


SOURCE_OWN = "自社2024年度実績の最良四半期"


ATTRITION_SPIKE = (ECOMMERCE, 3)
"""Planted gap (from the roster): みなとマーケット lost two CSS in 2025-Q3 (a resignation and a
backfilled transfer), 36.5 % annualised against a 30 % target. Q4 is back at 0 %, but the last
three quarters neither stay at target nor improve (rule copc.4.5.attrition-absence-level-and-trend)."""


PEOPLE_AND_CHANGE_KPIS: dict[str, tuple[tuple[float, float, float, float], float, str]] = {
    "hiring_timeliness": ((0.91, 0.94, 0.88, 0.93), 0.90, SOURCE_OWN),
    "hiring_quality": ((0.86, 0.89, 0.90, 0.88), 0.85, SOURCE_OWN),
    "training_pass_rate": ((0.92, 0.95, 0.93, 0.94), 0.90, "COPC benchmark 2024（初回検定合格率）"),
    "time_to_proficiency": ((44.0, 41.0, 39.0, 40.0), 45.0, "COPC benchmark 2024（習熟までの日数、中央値）"),
    "change_milestone_on_time": ((0.83, 0.90, 0.92, 0.95), 0.90, SOURCE_OWN),
    "chat_concurrency_forecast_accuracy": ((0.86, 0.88, 0.90, 0.89), 0.85, SOURCE_OWN),
    "chat_availability": ((0.985, 0.991, 0.993, 0.990), 0.98, "委託元SLA（営業時間中のチャット受付）"),
}
"""Quarterly entity-level figures reported by HR and the programme office (values Q1-Q4, target,
benchmark): hiring timeliness and quality (COPC 3.2), training pass rate and days to proficiency
(3.3), share of change milestones completed on time (2.13), chat concurrency forecast accuracy
(measured daily, reported quarterly) and chat availability over business hours (chat guide).
They are reported, not derived from other records, and carry no planted gap."""


def margin(value: float, sample: int, population: int) -> float:
    """Return the 95 % margin of error of a proportion, with the finite population correction."""
    z = 1.959963984540054
    fpc = (
        math.sqrt((population - sample) / (population - 1))
        if population > 1 and population >= sample
        else 1.0
    )
    return z * math.sqrt(value * (1 - value) / sample) * fpc


def build_kpis(
    roster: Roster,
    monitoring: Sequence[Sequence[str]],
    workforce: Workforce,
    contacts: Contacts,
    surveys: Sequence[Sequence[str]],
) -> list[list[str]]:
    """Compute the KPI observations from the records, with targets and benchmark sources."""
    rows: list[list[str]] = []

    def add(metric: str, period: str, program: str, value: float, target: float, source: str) -> None:
        rows.append([metric, period, program, ratio(value), ratio(target), source, "", "", ""])

    def add_sampled(
        metric: str, quarter: int, program: str, value: float, target: float, sample: int
    ) -> None:
        """Add a sample-based observation; its population is the contacts answered in the quarter."""
        period = f"{YEAR}-Q{quarter}"
        population = queue_totals(contacts.intervals, None, program or None, quarter_bounds(quarter))[1]
        moe = ratio(margin(value, sample, population))
        source = SOURCE_CSAT if metric == "csat" else SOURCE_OWN
        rows.append(
            [metric, period, program, ratio(value), ratio(target), source, str(sample), str(population), moe]
        )

    for month in range(1, 13):
        span = month_bounds(month)
        period = f"{YEAR}-{month:02d}"
        for program in SL_TARGETS:
            offered, _, within, abandoned, _ = queue_totals(contacts.intervals, "voice", program, span)
            add("service_level", period, program, within / offered, SL_TARGETS[program], SOURCE_VOICE)
            add("abandon_rate", period, program, abandoned / offered, ABANDON_TARGETS[program], SOURCE_VOICE)
        offered, _, _, _, error = queue_totals(contacts.intervals, None, None, span)
        add("forecast_accuracy", period, "", 1 - error / offered, FORECAST_TARGET, SOURCE_OWN)
    for quarter in range(1, 5):
        span = quarter_bounds(quarter)
        period = f"{YEAR}-Q{quarter}"
        for program in SL_TARGETS:
            add(
                "attrition",
                period,
                program,
                attrition(roster, program, quarter),
                ATTRITION_TARGET,
                SOURCE_OWN,
            )
            value = absenteeism(roster, workforce, program, quarter)
            add("absenteeism", period, program, value, ABSENTEEISM_TARGET, SOURCE_OWN)
            count, csat, _ = survey_stats(surveys, program, *span)
            add_sampled("csat", quarter, program, csat, CSAT_TARGET, count)
        evaluations = [r for r in monitoring if iso(span[0]) <= r[3] <= iso(span[1])]
        n = len(evaluations)
        passed = sum(r[8] == "yes" for r in evaluations) / n
        add_sampled("monitoring_accuracy", quarter, "", passed, MONITORING_TARGET, n)
        for metric, column in (("customer", 9), ("business", 10), ("compliance", 11)):
            value = sum(r[column] == "no" for r in evaluations) / n
            add_sampled(f"{metric}_critical_accuracy", quarter, "", value, CRITICAL_TARGET, n)
        for metric, (values, target, source) in PEOPLE_AND_CHANGE_KPIS.items():
            add(metric, period, "", values[quarter - 1], target, source)
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return rows


@dataclass(frozen=True)
class QuarterStats:
    """Figures of one quarter, quoted in the minutes and reports."""

    evaluations: int
    pass_rate: str
    mean_score: str
    critical_errors: int
    complaints: int
    legal_complaints: int
    css_at_end: int
    exits: int
    hires: int
    calibration_agreement: str


def quarter_stats(
    quarter: int,
    roster: Roster,
    monitoring: Sequence[Sequence[str]],
    complaints: Sequence[Sequence[str]],
    calibration: Sequence[Sequence[str]],
) -> QuarterStats:
    """Compute the figures of ``quarter`` from the generated records."""
    start, end = quarter_bounds(quarter)

    def within(text: str) -> bool:
        return bool(text) and start <= dt.date.fromisoformat(text) <= end

    evals = [r for r in monitoring if within(r[3])]
    passed = sum(1 for r in evals if r[8] == "yes")
    critical = sum(1 for r in evals if "yes" in r[9:12])
    mean = sum(int(r[7]) for r in evals) / len(evals) if evals else 0.0
    comps = [r for r in complaints if within(r[1])]
    cal = [float(r[4]) for r in calibration if within(r[2])]
    css = roster.by_role("CSS")
    return QuarterStats(
        evaluations=len(evals),
        pass_rate=pct(passed, len(evals)),
        mean_score=f"{mean:.1f}",
        critical_errors=critical,
        complaints=len(comps),
        legal_complaints=sum(1 for r in comps if r[5] == "yes"),
        css_at_end=sum(1 for s in css if s.hire_date <= end and (s.exit_date is None or s.exit_date > end)),
        exits=sum(1 for s in css if s.exit_date and start <= s.exit_date <= end),
        hires=sum(1 for s in css if start <= s.hire_date <= end),
        calibration_agreement=f"{sum(cal) / len(cal):.2f}" if cal else "-",
    )
