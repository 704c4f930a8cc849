"""``sample_validity`` check: margin of error of sample-based metrics within tolerance (COPC 1.4).

Margin of error at confidence c for a proportion p from a sample of n out of a population N:
z(c) × sqrt(p(1 − p) / n) × sqrt((N − n) / (N − 1)), the last factor being the finite population
correction (1 when N is unknown). A value outside 0 … 1 is not a proportion, so p = 0.5 (the
most conservative case) is used.
"""

from __future__ import annotations

from statistics import NormalDist
from typing import Literal

from pydantic import Field

from ccc_audit.checks.base import CheckContext, records_missing
from ccc_audit.checks.kind import CheckKind
from ccc_audit.i18n.text import text
from ccc_audit.models.checks import CheckSpecBase, NumberValue
from ccc_audit.models.common import Identifier
from ccc_audit.models.result import Bound, CheckResult, FailingItem, Outcome, Quantity
from ccc_audit.records.quoting import quote_ident, quote_text


class SampleValidityCheckSpec(CheckSpecBase):
    """Sample-based metrics have a margin of error within tolerance (COPC 1.4)."""

    kind: Literal["sample_validity"] = Field(description="Check kind.")
    records: Identifier = Field(default="kpi_observations", description="Record set of observations.")
    metrics: list[str] = Field(min_length=1, description="Sample-based metric names checked.")
    confidence: float = Field(default=0.95, gt=0.5, lt=1, description="Confidence level.")
    tolerance: NumberValue = Field(description="Largest acceptable margin of error (e.g. 0.05).")


def margin_sql(z: float) -> str:
    """SQL for the margin of error of columns value (p), sample_size (n) and population (N)."""
    p = "CASE WHEN value BETWEEN 0 AND 1 THEN value ELSE 0.5 END"
    fpc = (
        "CASE WHEN population IS NOT NULL AND population > 1 AND population >= sample_size "
        "THEN sqrt((population - sample_size) / (population - 1.0)) ELSE 1.0 END"
    )
    return f"{z} * sqrt(({p}) * (1 - ({p})) / sample_size) * {fpc}"


def needs(spec: SampleValidityCheckSpec) -> dict[str, list[str]]:
    """The observations record set and the columns the check reads."""
    return {spec.records: ["metric", "period", "value", "sample_size"]}


def evaluate(spec: SampleValidityCheckSpec, ctx: CheckContext) -> CheckResult:
    """Evaluate a sample-validity check."""
    store = ctx.records
    tolerance = ctx.number(spec.tolerance)
    if not store.has(spec.records):
        return records_missing("sample_validity", [spec.records])
    store.require(spec.records, needs(spec)[spec.records], f"rule {ctx.rule_id}")
    z = NormalDist().inv_cdf(0.5 + spec.confidence / 2)
    has_pop = "population" in store.sets[spec.records].columns
    has_program = "program" in store.sets[spec.records].columns
    population = "population" if has_pop else "NULL::DOUBLE AS population"
    program = "CAST(program AS VARCHAR)" if has_program else "NULL"
    metrics = ", ".join(quote_text(m) for m in spec.metrics)
    inner = (
        f"SELECT CAST(metric AS VARCHAR) AS metric, CAST(period AS VARCHAR) AS period, {program} AS program, "
        f"CAST(value AS DOUBLE) AS value, CAST(sample_size AS DOUBLE) AS sample_size, {population}, "
        f"{store.line_expr(spec.records)} AS line FROM {quote_ident(spec.records)} "
        f"WHERE CAST(metric AS VARCHAR) IN ({metrics})"
    )
    rows = store.query(
        f"SELECT metric, period, program, sample_size, CASE WHEN sample_size > 0 THEN {margin_sql(z)} END, "
        f"line FROM ({inner}) ORDER BY metric, period, program"
    )
    if not rows:
        return CheckResult(
            kind="sample_validity",
            outcome=Outcome.FAIL,
            reason="evidence_missing",
            message=text(
                f"指標 {', '.join(spec.metrics)} の標本情報（標本数・母集団）が記録されていない。",
                f"No sample sizes are recorded for {', '.join(spec.metrics)}.",
            ),
        )
    bad = [r for r in rows if r[4] is None or float(r[4]) > tolerance]
    level = f"{spec.confidence:.0%}"
    worst = max((float(r[4]) for r in rows if r[4] is not None), default=0.0)
    evidence = [ctx.records_ref(spec.records, [int(r[5]) for r in bad][:50])]
    if bad:
        failing = [
            FailingItem(
                subject=f"{metric} {period}" + (f" {program}" if program else ""),
                detail=text(
                    f"標本 {int(n or 0)} 件、誤差範囲 ±{float(moe):.1%}"
                    if moe is not None
                    else "標本数がない",
                    f"sample {int(n or 0)}, margin of error ±{float(moe):.1%}"
                    if moe is not None
                    else "no sample",
                ),
            )
            for metric, period, program, n, moe, _ in bad
        ]
        return CheckResult(
            kind="sample_validity",
            outcome=Outcome.FAIL,
            reason="margin_of_error_too_large",
            message=text(
                f"{len(rows)} 件中 {len(bad)} 件で、信頼水準 {level} の誤差範囲が"
                f"許容値 ±{tolerance:.1%} を超える。",
                f"{len(bad)} of {len(rows)} observations have a margin of error above ±{tolerance:.1%} "
                f"at {level} confidence.",
            ),
            measured=f"max ±{worst:.1%}",
            required=f"<= ±{tolerance:.1%} at {level}",
            values=[Quantity(value=worst, unit="ratio", label="largest margin of error")],
            bound=Bound(max=tolerance, unit="ratio"),
            evidence=evidence,
            failing=failing,
            population=len(rows),
            failing_count=len(bad),
        )
    return CheckResult(
        kind="sample_validity",
        outcome=Outcome.PASS,
        reason="samples_sufficient",
        message=text(
            f"{len(rows)} 件すべての誤差範囲が許容値内（最大 ±{worst:.1%}）。",
            f"All {len(rows)} observations are within ±{tolerance:.1%} (largest ±{worst:.1%}).",
        ),
        measured=f"max ±{worst:.1%}",
        required=f"<= ±{tolerance:.1%} at {level}",
        values=[Quantity(value=worst, unit="ratio", label="largest margin of error")],
        bound=Bound(max=tolerance, unit="ratio"),
        evidence=evidence,
        population=len(rows),
        failing_count=0,
    )


def docs_line(spec: SampleValidityCheckSpec, _lang: str) -> str:
    """Line describing a ``sample_validity`` check in the rule reference (``docs/rules``)."""
    return f"`sample_validity`: {', '.join(spec.metrics)}"


KIND = CheckKind(
    name="sample_validity",
    spec=SampleValidityCheckSpec,
    evaluate=evaluate,
    docs_line=docs_line,
    record_needs=needs,
    population=lambda spec: [spec.records],
)
"""The ``sample_validity`` check kind, registered in :mod:`ccc_audit.checks.registry`."""
