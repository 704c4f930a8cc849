"""One generation run: roster, plans, records, documents, manifest and ground truth."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ccc_audit.generate import contacts, hr, kpis, operations, quality, support
from ccc_audit.generate.documents import bundle_documents
from ccc_audit.generate.manifest import manifest_text
from ccc_audit.generate.options import GenerateOptions, PeriodWindows
from ccc_audit.generate.organisation import Organisation
from ccc_audit.generate.people import Roster, build_roster
from ccc_audit.generate.plants import PlantPlan, apply_evaluation_plants, plan_roster_plants, plant_in_records
from ccc_audit.generate.randomness import install_macros
from ccc_audit.generate.store import copy_csv, load_roster, write_csv
from ccc_audit.generate.violations import Plant

GROUND_TRUTH = "ground-truth.json"


@dataclass(frozen=True)
class GenerateResult:
    """What a run wrote: row counts per record set, planted and skipped violations, bytes."""

    out: Path
    rows: dict[str, int]
    plants: list[Plant]
    skipped: list[str]
    csv_bytes: int


_ROSTER_HEADER = (
    "staff_id",
    "name",
    "role",
    "program",
    "site",
    "employment_type",
    "work_mode",
    "hire_date",
    "production_start",
    "exit_date",
    "exit_type",
    "backfilled",
    "contract_end_date",
)


def _write_roster(path: Path, roster: Roster) -> int:
    return write_csv(
        path,
        _ROSTER_HEADER,
        (
            (
                p.staff_id,
                p.name,
                p.role,
                p.program or "",
                p.site,
                p.employment_type,
                p.work_mode,
                p.hire_date,
                p.production_start,
                p.exit_date,
                p.exit_type or "",
                p.backfilled,
                p.contract_end_date,
            )
            for p in roster.people
        ),
    )


def _sql_records(
    options: GenerateOptions,
    period: PeriodWindows,
    org: Organisation,
    roster: Roster,
    schedule: list[tuple[str, dt.date]],
    plan: PlantPlan,
    records: Path,
) -> dict[str, int]:
    """Build, plant and write the record sets made in DuckDB."""
    with tempfile.TemporaryDirectory(prefix="ccc-audit-generate-") as spill:
        con = duckdb.connect()
        try:
            con.execute("SET enable_progress_bar = false")
            con.execute(f"SET temp_directory = '{spill}'")
            install_macros(con, options.seed)
            load_roster(con, roster)
            quality.build_css(con, period)
            quality.build_evaluations(con, period)
            apply_evaluation_plants(con, plan)
            quality.finish_evaluations(con, period, roster.evaluator_slots())
            quality.build_coaching(con, period)
            operations.load_reference(con, org, roster, options.seed)
            operations.build_interval_counts(con, period)
            operations.build_complaints(con, period, options.seats, len(org.programs))
            operations.build_customer_surveys(con, period)
            plant_in_records(con, options, period, plan)
            operations.load_schedule_days(con, [(s, d, 30) for s, d in schedule])
            outputs = {
                "monitoring": quality.MONITORING_CSV,
                "coaching": quality.COACHING_CSV,
                "complaints": operations.COMPLAINTS_CSV,
                "customer_surveys": operations.CUSTOMER_SURVEYS_CSV,
                "absence": operations.absence_csv(period),
                "schedules": operations.SCHEDULES_CSV,
                "interval_stats": operations.INTERVAL_STATS_CSV,
                "schedule_settings": operations.schedule_settings_sql(
                    org, period, plan.long_interval_settings
                ),
                "chat_sessions": contacts.chat_sessions_csv(period),
                "chat_concurrency_forecasts": contacts.concurrency_forecasts_csv(period),
                "outbound_attempts": contacts.outbound_attempts_csv(period),
                "kpi_observations": kpis.kpi_observations_csv(period),
            }
            return {name: copy_csv(con, sql, records / f"{name}.csv") for name, sql in outputs.items()}
        finally:
            con.close()


def generate(options: GenerateOptions) -> GenerateResult:
    """Write a synthetic evidence bundle into ``options.out``; same options, same bytes.

    Raises :class:`ccc_audit.errors.InputError` when a requested violation cannot be planted in
    the period or population asked for.
    """
    period = PeriodWindows.of(options)
    org = Organisation.for_seats(options.seats)
    roster = build_roster(options.seats, options.seed, (period.start, period.end), org)
    schedule = operations.schedule_days(roster, period, options.seed)
    plan = plan_roster_plants(options, roster, period)
    out = options.out
    records = out / "records"
    rows = _sql_records(options, period, org, roster, schedule, plan, records)
    rows["roster"] = _write_roster(records / "roster.csv", roster)
    tables = (
        hr.calibration(roster, period, options.seed, frozenset(plan.calibration_skip)),
        hr.skill_verifications(roster, period, options.seed, frozenset(plan.verification_skip)),
        hr.competence_reviews(roster, period, options.seed, frozenset(plan.review_skip)),
        hr.employee_surveys(roster, period, options.seed),
        support.it_incidents(period, options.seed),
        support.content_items(org, period, options.seed),
    )
    for table in tables:
        rows[table.name] = write_csv(records / f"{table.name}.csv", table.header, table.rows)
    documents = bundle_documents(period.start, period.end, period.quarters, period.years)
    for document in documents:
        path = out / document.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document.markdown(), encoding="utf-8")
    manifest = manifest_text(
        org, documents, (period.start, period.end), (options.seats, options.months, options.seed)
    )
    (out / "bundle.yaml").write_text(manifest, encoding="utf-8")
    plants = sorted(plan.plants, key=Plant.sort_key)
    truth = json.dumps([p.as_json() for p in plants], indent=2, ensure_ascii=False) + "\n"
    (out / GROUND_TRUTH).write_text(truth, encoding="utf-8")
    size = sum((records / f"{name}.csv").stat().st_size for name in rows)
    return GenerateResult(out, dict(sorted(rows.items())), plants, sorted(plan.skipped), size)
