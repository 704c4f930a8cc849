"""The synthetic bundle generator: deterministic, valid, and planting exactly what it says.

Every violation kind is checked against the data with small independent queries and against the
engine's own findings: on a clean bundle no rule judged from records or documents fails, and
with every kind planted only the rules broken on purpose fail, on exactly the planted subjects.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from click.testing import CliRunner

from ccc_audit.app.setup import prepare
from ccc_audit.checks.attestation import AttestationCheckSpec
from ccc_audit.cli.main import cli
from ccc_audit.errors import InputError
from ccc_audit.generate import VIOLATIONS, GenerateOptions, GenerateResult, generate
from ccc_audit.generate.organisation import ORGANISATION_ID
from ccc_audit.loading.record_types import builtin_record_types
from ccc_audit.models.calendar import windows_in
from ccc_audit.models.common import Window
from ccc_audit.models.records import ColumnType

Found = dict[str, set[tuple[str, str | None]]]

YEARLY = {"annual_verification_missing", "competence_review_missing"}
IMPLIED_RULES = {
    "copc.2.7.quantitative-calibration",
    "copc.ag-outbound.annual-law-verification",
    "copc.3.4.annual-observation",
}
"""Rules a plant breaks besides its own: no calibration at all is no quantitative one either, a
skipped annual re-verification of a CSS who also dials outbound skips their law verification, and
the generator re-verifies CSS by on-the-job observation, so a skipped one is no annual observation."""


def _run(
    out: Path,
    seats: int,
    months: int,
    seed: int,
    violations: str = "none",
    start: dt.date = dt.date(2025, 1, 1),
) -> GenerateResult:
    return generate(
        GenerateOptions(out, seats=seats, months=months, seed=seed, start=start, violations=violations)
    )


Outcomes = dict[str, dict[str, Any]]


def _assess(bundle: Path, out: Path) -> Outcomes:
    """Every rule's result for ``bundle``, assessed 15 days after the end of its period."""
    manifest = yaml.safe_load((bundle / "bundle.yaml").read_text(encoding="utf-8"))
    as_of = manifest["audit_period"]["end"] + dt.timedelta(days=15)
    result = CliRunner().invoke(
        cli, ["assess", str(bundle), "--as-of", as_of.isoformat(), "--out", str(out), "--format", "json"]
    )
    assert result.exit_code in (0, 1), result.output
    rules = json.loads((out / "assessment.json").read_text(encoding="utf-8"))["rules"]
    return {r["rule_id"]: r for r in rules}


def _rules_by_evidence() -> tuple[set[str], set[str]]:
    """Ids of the rules judged only from records and documents, and of those only attested."""
    judged, attested = set(), set()
    for _, rule in prepare(()).library.rules():
        kinds = {isinstance(check, AttestationCheckSpec) for check in rule.checks}
        if kinds == {False}:
            judged.add(rule.id)
        elif kinds == {True}:
            attested.add(rule.id)
    return judged, attested


def _failing_subjects(rule: dict[str, Any]) -> set[str]:
    return {f["subject"] for check in rule["checks"] for f in check.get("failing", [])}


def _expected_subjects(planted: set[tuple[str, str | None]]) -> set[str | None]:
    """The subjects a rule reports: the window for organisation-wide plants, else the subject."""
    return {window if subject == ORGANISATION_ID else subject for subject, window in planted}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clean") / "bundle"
    _run(out, 60, 12, 11)
    return out


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("planted") / "bundle"
    _run(out, 60, 12, 11, "all")
    return out


@pytest.fixture(scope="module")
def short_clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("short-clean") / "bundle"
    _run(out, 40, 6, 5)
    return out


@pytest.fixture(scope="module")
def short_planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("short-planted") / "bundle"
    _run(out, 40, 6, 5, "all")
    return out


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _truth(bundle: Path) -> Found:
    planted: Found = {kind: set() for kind in VIOLATIONS}
    for entry in json.loads((bundle / "ground-truth.json").read_text(encoding="utf-8")):
        planted[entry["violation"]].add((entry["subject"], entry["window"]))
    return planted


def _connect(bundle: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    for path in sorted((bundle / "records").glob("*.csv")):
        con.execute(
            f"CREATE VIEW {path.stem} AS SELECT * FROM read_csv('{path}', header = true, all_varchar = true)"
        )
    return con


def found_violations(bundle: Path) -> Found:
    """Every breach of each violation kind's rule in the data, found by independent queries."""
    manifest = yaml.safe_load((bundle / "bundle.yaml").read_text(encoding="utf-8"))
    start: dt.date = manifest["audit_period"]["start"]
    end: dt.date = manifest["audit_period"]["end"]
    con = _connect(bundle)
    con.execute(
        "CREATE TABLE pop AS SELECT staff_id, role, program, CAST(production_start AS DATE) AS s, "
        "CAST(exit_date AS DATE) AS e FROM roster"
    )
    con.execute(
        "CREATE TABLE ev AS SELECT evaluation_id, staff_id, CAST(date AS DATE) AS d, program, "
        "transaction_type, method, passed FROM monitoring"
    )

    def spans(window: Window) -> str:
        rows = ", ".join(
            f"('{s.label}', DATE '{s.start}', DATE '{s.end}')" for s in windows_in(start, end, window)
        )
        if not rows:
            return "(SELECT NULL::VARCHAR AS label, NULL::DATE AS ws, NULL::DATE AS we WHERE false) AS w"
        return f"(VALUES {rows}) AS w(label, ws, we)"

    present = "p.s <= w.ws AND (p.e IS NULL OR w.we <= p.e)"

    def pairs(sql: str) -> set[tuple[str, str | None]]:
        return {(str(a), None if b is None else str(b)) for a, b in con.execute(sql).fetchall()}

    week = "CAST(p.s + 7 * CAST(k AS INTEGER) AS DATE)"
    found: Found = {
        "monitoring_gap": pairs(
            f"SELECT p.staff_id, w.label FROM pop p JOIN {spans(Window.MONTH)} ON {present} "
            "WHERE p.role = 'CSS' AND NOT EXISTS "
            "(SELECT 1 FROM ev WHERE ev.staff_id = p.staff_id AND ev.d BETWEEN w.ws AND w.we)"
        ),
        "new_hire_weekly_gap": pairs(
            f"""WITH req AS (
                SELECT p.staff_id, 'from ' || strftime(p.s, '%Y-%m-%d') || ' #' || (k + 1) AS label,
                       {week} AS ws, CAST({week} + 6 AS DATE) AS we
                FROM pop p, range(0, 10) AS g(k)
                WHERE p.role = 'CSS' AND p.s + (k + 1) * INTERVAL 7 DAY <= p.s + INTERVAL 1 MONTH
                  AND {week} >= DATE '{start}' AND {week} + 6 <= DATE '{end}'
                  AND (p.e IS NULL OR {week} + 6 <= p.e))
            SELECT staff_id, label FROM req r WHERE NOT EXISTS
                (SELECT 1 FROM ev WHERE ev.staff_id = r.staff_id AND ev.d BETWEEN r.ws AND r.we)"""
        ),
        "kcrp_gap": pairs(
            f"""WITH types AS (SELECT DISTINCT program, transaction_type FROM ev)
            SELECT DISTINCT p.staff_id, w.label FROM pop p JOIN {spans(Window.QUARTER)} ON {present}
            JOIN types t ON t.program = p.program WHERE p.role = 'CSS' AND NOT EXISTS
                (SELECT 1 FROM ev WHERE ev.staff_id = p.staff_id AND ev.transaction_type = t.transaction_type
                 AND ev.d BETWEEN w.ws AND w.we)"""
        ),
        "method_gap": pairs(
            f"""SELECT DISTINCT p.staff_id, w.label FROM pop p JOIN {spans(Window.QUARTER)} ON {present}
            JOIN (VALUES ('side_by_side', 'side_by_side'), ('remote', 'recorded')) AS m(method, also) ON true
            WHERE p.role = 'CSS' AND NOT EXISTS (SELECT 1 FROM ev WHERE ev.staff_id = p.staff_id
                AND ev.method IN (m.method, m.also) AND ev.d BETWEEN w.ws AND w.we)"""
        ),
        "calibration_gap": pairs(
            f"""SELECT p.staff_id, w.label FROM pop p JOIN {spans(Window.QUARTER)} ON {present}
            WHERE p.role = 'qa_evaluator' AND NOT EXISTS (SELECT 1 FROM calibration c
                WHERE c.evaluator_id = p.staff_id AND CAST(c.date AS DATE) BETWEEN w.ws AND w.we)"""
        ),
        "coaching_missing": pairs(
            """SELECT ev.evaluation_id, NULL FROM ev WHERE ev.passed = 'no' AND NOT EXISTS
                (SELECT 1 FROM coaching c WHERE c.related_evaluation_id = ev.evaluation_id
                 AND c.staff_id = ev.staff_id AND c.type = 'one_to_one'
                 AND CAST(c.date AS DATE) BETWEEN ev.d AND ev.d + 7)"""
        ),
        "legal_complaint_unresolved": pairs(
            "SELECT complaint_id, NULL FROM complaints WHERE legal_violation_alleged = 'yes' "
            "AND (resolved_on IS NULL OR investigated_on IS NULL "
            "OR CAST(resolved_on AS DATE) < CAST(received AS DATE))"
        ),
        "annual_verification_missing": pairs(
            f"""SELECT p.staff_id, w.label FROM pop p JOIN {spans(Window.YEAR)} ON {present}
            WHERE p.role = 'CSS' AND NOT EXISTS (SELECT 1 FROM skill_verifications v
                WHERE v.staff_id = p.staff_id AND v.kind = 'annual'
                AND CAST(v.date AS DATE) BETWEEN w.ws AND w.we)"""
        ),
        "competence_review_missing": pairs(
            f"""SELECT p.staff_id, w.label FROM pop p JOIN {spans(Window.YEAR)} ON {present}
            WHERE p.role = 'CSS' AND NOT EXISTS (SELECT 1 FROM competence_reviews r
                WHERE r.staff_id = p.staff_id AND CAST(r.date AS DATE) BETWEEN w.ws AND w.we)"""
        ),
        "schedule_interval_too_long": pairs(
            "SELECT DISTINCT site, valid_from FROM schedule_settings "
            "WHERE channel = 'voice' AND real_time = 'yes' AND CAST(interval_minutes AS INTEGER) > 30"
        ),
        "survey_month_missing": pairs(
            f"""SELECT '{ORGANISATION_ID}', w.label FROM {spans(Window.MONTH)} WHERE NOT EXISTS
                (SELECT 1 FROM customer_surveys s WHERE CAST(s.date AS DATE) BETWEEN w.ws AND w.we)"""
        ),
    }
    con.close()
    return found


# ------------------------------------------------------------------------------ determinism


def test_same_arguments_give_byte_identical_files(tmp_path: Path) -> None:
    _run(tmp_path / "a", 40, 6, 3, "all")
    _run(tmp_path / "b", 40, 6, 3, "all")
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert list(first) == list(second)
    assert "records/interval_stats.csv" in first and "ground-truth.json" in first
    for name, content in first.items():
        assert content == second[name], name


def test_another_seed_gives_other_data(tmp_path: Path) -> None:
    _run(tmp_path / "a", 40, 6, 3)
    _run(tmp_path / "b", 40, 6, 4)
    assert (tmp_path / "a/records/monitoring.csv").read_bytes() != (
        tmp_path / "b/records/monitoring.csv"
    ).read_bytes()


def test_planting_leaves_the_other_record_sets_untouched(clean: Path, planted: Path) -> None:
    untouched = (
        "roster.csv",
        "interval_stats.csv",
        "absence.csv",
        "employee_surveys.csv",
        "chat_sessions.csv",
        "outbound_attempts.csv",
        "it_incidents.csv",
        "content_items.csv",
    )
    for name in untouched:
        assert (clean / "records" / name).read_bytes() == (planted / "records" / name).read_bytes(), name


# ------------------------------------------------------------------------------ validity


def test_the_bundle_validates(clean: Path, short_planted: Path) -> None:
    for bundle in (clean, short_planted):
        result = CliRunner().invoke(cli, ["validate", str(bundle)])
        assert result.exit_code == 0, result.output
        assert "ok:" in result.stdout


def test_manifest_declares_period_scope_and_every_record_file(clean: Path) -> None:
    manifest = yaml.safe_load((clean / "bundle.yaml").read_text(encoding="utf-8"))
    assert manifest["organisation"]["id"] == ORGANISATION_ID
    assert manifest["role"] == "contact_centre"
    assert manifest["audit_period"] == {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31)}
    assert manifest["scope"] == {
        "channels": ["voice", "email", "chat"],
        "operations": ["inbound", "outbound"],
    }
    assert len(manifest["programs"]) == 3
    for name, entry in manifest["records"].items():
        assert entry == {"path": f"records/{name}.csv", "encoding": "utf-8"}
        assert (clean / entry["path"]).is_file()
    for document in manifest["documents"]:
        assert (clean / document["path"]).is_file()
        assert document["approved_on"] < dt.date(2025, 1, 1) or document["type"] in {
            "business_review_minutes",
            "cx_survey_report",
            "employee_survey_report",
            "transfer_reason_analysis",
            "client_performance_report",
            "journey_analysis",
            "kcrp_audit_report",
            "system_capacity_forecast",
            "acceptance_test_report",
        }


_FORMATS = {
    ColumnType.DATE: re.compile(r"\d{4}-\d{2}-\d{2}"),
    ColumnType.TIMESTAMP: re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"),
    ColumnType.BOOLEAN: re.compile(r"yes|no"),
    ColumnType.INTEGER: re.compile(r"-?\d+"),
    ColumnType.NUMBER: re.compile(r"-?\d+(\.\d+)?"),
}


def test_columns_keys_and_value_formats_follow_the_record_types(short_planted: Path) -> None:
    types = builtin_record_types()
    con = _connect(short_planted)
    for path in sorted((short_planted / "records").glob("*.csv")):
        record_type = types[path.stem]
        header = path.read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        declared = {c.name: c for c in record_type.columns}
        assert set(header) <= set(declared), path.stem
        assert {c.name for c in record_type.columns if c.required} <= set(header), path.stem
        keys = ", ".join(k for k in record_type.key if k in header)  # an absent optional key column is blank
        duplicates = con.execute(
            f"SELECT count(*) FROM (SELECT {keys} FROM {path.stem} GROUP BY ALL HAVING count(*) > 1)"
        ).fetchone()
        assert duplicates == (0,), path.stem
        for name in header:
            column = declared[name]
            values = [
                str(v)
                for (v,) in con.execute(
                    f"SELECT DISTINCT {name} FROM {path.stem} WHERE {name} IS NOT NULL"
                ).fetchall()
            ]
            if column.type is ColumnType.ENUM:
                assert set(values) <= set(column.values), (path.stem, name)
            elif column.type in _FORMATS:
                bad = [v for v in values if not _FORMATS[column.type].fullmatch(v)]
                assert not bad, (path.stem, name, bad[:3])
    con.close()


# ------------------------------------------------------------------------------ volumes


def test_row_counts_are_realistic(clean: Path) -> None:
    con = _connect(clean)

    def one(sql: str) -> float:
        row = con.execute(sql).fetchone()
        assert row is not None
        return float(row[0])

    css_months = one(
        """SELECT count(*) FROM roster r,
            generate_series(DATE '2025-01-01', DATE '2025-12-01', INTERVAL 1 MONTH) t(m)
        WHERE r.role = 'CSS' AND CAST(r.production_start AS DATE) <= m
          AND (r.exit_date IS NULL OR CAST(r.exit_date AS DATE) >= m + INTERVAL 1 MONTH - INTERVAL 1 DAY)"""
    )
    assert css_months >= 60 * 12 * 0.8
    assert one("SELECT count(*) FROM monitoring") >= 17 * css_months
    assert 50 <= one("SELECT count(*) FROM roster WHERE role = 'CSS' AND exit_date IS NULL") <= 70
    assert one("SELECT count(*) FROM roster WHERE role = 'CSS' AND exit_date IS NOT NULL") >= 5
    assert one("SELECT count(*) FROM roster WHERE role = 'qa_evaluator'") >= 2
    assert one("SELECT count(*) FROM roster WHERE role = 'supervisor'") >= 3
    assert one("SELECT count(*) FROM interval_stats") == 3 * 3 * 2 * 365 * 56
    assert 60 * 2 * 12 * 0.7 <= one("SELECT count(*) FROM complaints") <= 60 * 2 * 12 * 1.3
    failed = one("SELECT count(*) FROM monitoring WHERE passed = 'no'")
    assert one("SELECT count(*) FROM coaching WHERE related_evaluation_id IS NOT NULL") == failed
    assert 0.05 <= failed / one("SELECT count(*) FROM monitoring") <= 0.3
    con.close()


def test_volumes_answer_and_forecast_constraints(clean: Path) -> None:
    con = _connect(clean)
    stats = "SELECT *, CAST(interval_start AS TIMESTAMP) AS ts, " + ", ".join(
        f"CAST({c} AS INTEGER) AS n_{c}"
        for c in ("offered", "answered", "abandoned", "answered_within_threshold", "forecast_offered")
    )
    con.execute(f"CREATE VIEW s AS {stats} FROM interval_stats")
    broken = con.execute(
        "SELECT count(*) FROM s WHERE n_answered > n_offered OR n_abandoned <> n_offered - n_answered "
        "OR n_answered_within_threshold > n_answered OR abs(n_forecast_offered - n_offered) > 0.1 * n_offered"
    ).fetchone()
    assert broken == (0,)
    level = con.execute(
        "SELECT min(sl) FROM (SELECT queue, CAST(ts AS DATE), "
        "sum(n_answered_within_threshold) / sum(n_offered) AS sl FROM s GROUP BY ALL)"
    ).fetchone()
    assert level is not None and level[0] >= 0.8
    weekday = dict(con.execute("SELECT isodow(ts), avg(n_offered) FROM s GROUP BY ALL").fetchall())
    assert weekday[1] > weekday[3] > weekday[7]
    thresholds = dict(con.execute("SELECT DISTINCT channel, threshold_seconds FROM s").fetchall())
    assert thresholds == {"voice": "20", "email": "3600", "chat": "60"}
    con.close()


def test_chats_dials_incidents_and_kpis_agree_with_the_other_records(clean: Path) -> None:
    con = _connect(clean)

    def rows(sql: str) -> list[tuple[Any, ...]]:
        return con.execute(sql).fetchall()

    chats = "SELECT *, " + ", ".join(
        f"CAST({c} AS TIMESTAMP) AS t_{c}"
        for c in ("requested_at", "accepted_at", "first_reply_at", "ended_at")
    )
    con.execute(f"CREATE VIEW c AS {chats} FROM chat_sessions")
    assert rows(
        "SELECT count(*) FROM c LEFT JOIN roster r USING (staff_id) "
        "WHERE NOT (t_requested_at <= t_accepted_at AND t_accepted_at <= t_first_reply_at "
        "AND t_first_reply_at <= t_ended_at) OR r.role <> 'CSS' "
        "OR CAST(t_requested_at AS DATE) < CAST(r.production_start AS DATE) "
        "OR CAST(t_requested_at AS DATE) > coalesce(CAST(r.exit_date AS DATE), DATE '2025-12-31')"
    ) == [(0,)]
    assert rows(
        "SELECT count(*) FROM outbound_attempts WHERE on_do_not_contact_list <> 'no' "
        "OR within_permitted_hours <> 'yes' OR hour(CAST(date_time AS TIMESTAMP)) NOT BETWEEN 9 AND 19"
    ) == [(0,)]
    assert rows(
        "SELECT count(*) FROM it_incidents WHERE resolved_at IS NOT NULL AND date_diff('minute', "
        "CAST(opened_at AS TIMESTAMP), CAST(resolved_at AS TIMESTAMP)) > CAST(target_hours AS DOUBLE) * 60"
    ) == [(0,)]
    assert rows(
        "SELECT count(*) FROM kpi_observations WHERE target IS NOT NULL AND benchmark_source IS NULL"
    ) == [(0,)]
    computed = dict(
        rows(
            "SELECT strftime(CAST(interval_start AS TIMESTAMP), '%Y-%m'), "
            "round(sum(CAST(answered_within_threshold AS INTEGER)) / sum(CAST(offered AS INTEGER)), 4) "
            "FROM interval_stats WHERE channel = 'voice' GROUP BY 1"
        )
    )
    reported = dict(
        rows("SELECT period, CAST(value AS DOUBLE) FROM kpi_observations WHERE metric = 'service_level'")
    )
    assert len(reported) == 12 and reported == {period: computed[period] for period in reported}
    assert {m for (m,) in rows("SELECT DISTINCT metric FROM kpi_observations")} >= {
        "csat",
        "monitoring_accuracy",
        "service_level",
        "abandon_rate",
        "forecast_accuracy",
    }
    con.close()


# ------------------------------------------------------------------------------ violations


def test_ground_truth_lists_exactly_the_requested_kinds(tmp_path: Path, planted: Path, clean: Path) -> None:
    truth = json.loads((planted / "ground-truth.json").read_text(encoding="utf-8"))
    assert {e["violation"] for e in truth} == set(VIOLATIONS)
    assert all(e["rule_id"] == VIOLATIONS[e["violation"]] for e in truth)
    assert all(1 <= sum(e["violation"] == k for e in truth) <= 3 for k in VIOLATIONS)
    key = [(e["violation"], e["rule_id"], e["subject"], e["window"] or "") for e in truth]
    assert key == sorted(key)
    assert json.loads((clean / "ground-truth.json").read_text(encoding="utf-8")) == []
    result = _run(tmp_path / "some", 40, 6, 5, "coaching_missing, monitoring_gap")
    assert {p.violation for p in result.plants} == {"coaching_missing", "monitoring_gap"}


def test_all_skips_kinds_the_period_cannot_hold(short_planted: Path) -> None:
    kinds = {e["violation"] for e in json.loads((short_planted / "ground-truth.json").read_text())}
    assert kinds == set(VIOLATIONS) - YEARLY


def test_a_kind_that_cannot_be_planted_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no whole calendar year"):
        _run(tmp_path / "x", 40, 6, 5, "annual_verification_missing")
    assert not (tmp_path / "x").exists()
    with pytest.raises(InputError, match="unknown violation kind"):
        _run(tmp_path / "y", 40, 6, 5, "monitoring_gap,typo")


@pytest.fixture(scope="module")
def found(clean: Path, planted: Path, short_clean: Path, short_planted: Path) -> dict[str, Found]:
    bundles = {"clean": clean, "planted": planted, "short_clean": short_clean, "short_planted": short_planted}
    return {name: found_violations(bundle) for name, bundle in bundles.items()}


@pytest.mark.parametrize("kind", list(VIOLATIONS))
def test_each_planted_violation_is_in_the_data_and_nothing_else(
    kind: str, found: dict[str, Found], planted: Path, short_planted: Path
) -> None:
    assert found["clean"][kind] == set()
    assert found["short_clean"][kind] == set()
    expected = _truth(planted)[kind]
    assert expected, kind
    assert found["planted"][kind] == expected
    assert found["short_planted"][kind] == _truth(short_planted)[kind]


def test_the_engine_finds_exactly_the_planted_violations(tmp_path: Path, clean: Path, planted: Path) -> None:
    rule_ids = prepare(()).library.rule_ids()
    assert set(VIOLATIONS.values()) | IMPLIED_RULES <= rule_ids
    outcomes = {
        name: _assess(bundle, tmp_path / name) for name, bundle in (("clean", clean), ("planted", planted))
    }
    newly_failing = {
        rule_id
        for rule_id, rule in outcomes["planted"].items()
        if rule["outcome"] == "fail" and outcomes["clean"][rule_id]["outcome"] != "fail"
    }
    assert newly_failing <= set(VIOLATIONS.values()) | IMPLIED_RULES
    truth = _truth(planted)
    for kind, rule_id in VIOLATIONS.items():
        assert outcomes["clean"][rule_id]["outcome"] == "pass", rule_id
        rule = outcomes["planted"][rule_id]
        assert rule["outcome"] == "fail", rule_id
        assert _failing_subjects(rule) == _expected_subjects(truth[kind]), rule_id


NOT_MODELLED = {"copc.4.5.attrition-absence-level-and-trend": ("not_assessed", "no_target")}
"""Rules the generator gives no evidence to decide: it records no attrition or absence targets, so
the level-and-trend rule is not assessed (and says so) rather than passed without a target."""


@pytest.mark.parametrize(
    ("seed", "seats", "months", "start"),
    [(1, 20, 12, dt.date(2025, 1, 1)), (2, 24, 12, dt.date(2024, 1, 1)), (3, 33, 14, dt.date(2024, 11, 16))],
    ids=["seed1-20x12", "seed2-24x12", "seed3-33x14"],
)
def test_only_the_planted_rules_fail_and_only_on_the_planted_subjects(
    tmp_path: Path, seed: int, seats: int, months: int, start: dt.date
) -> None:
    """Clean: every rule judged from records or documents passes (or does not apply). Planted:
    each violation rule fails on exactly its ground truth, and no other such rule fails."""
    judged, attested = _rules_by_evidence()
    outcomes: dict[str, Outcomes] = {}
    for violations in ("none", "all"):
        bundle = tmp_path / violations / "bundle"
        result = _run(bundle, seats, months, seed, violations, start)
        assert result.skipped == [], result.skipped
        outcomes[violations] = _assess(bundle, tmp_path / violations / "out")
    for name, rules in outcomes.items():
        assert {
            r: rules[r]["outcome"]
            for r in attested
            if rules[r]["outcome"] not in ("manual", "not_applicable")
        } == {}, name
    clean = outcomes["none"]
    assert {
        r: (clean[r]["outcome"], clean[r]["reason"])
        for r in judged
        if clean[r]["outcome"] not in ("pass", "not_applicable")
    } == NOT_MODELLED
    planted = outcomes["all"]
    truth = _truth(tmp_path / "all" / "bundle")
    for kind, rule_id in VIOLATIONS.items():
        assert truth[kind], kind
        assert planted[rule_id]["outcome"] == "fail", rule_id
        assert _failing_subjects(planted[rule_id]) == _expected_subjects(truth[kind]), rule_id
    others = judged - set(VIOLATIONS.values()) - IMPLIED_RULES
    assert {
        r: (planted[r]["outcome"], planted[r]["reason"])
        for r in others
        if planted[r]["outcome"] not in ("pass", "not_applicable")
    } == NOT_MODELLED


# ------------------------------------------------------------------------------ command line


def test_generate_command_writes_a_bundle(tmp_path: Path) -> None:
    out = tmp_path / "cli"
    args = ["generate", str(out), "--seats", "20", "--months", "3", "--seed", "9", "--violations", "none"]
    result = CliRunner().invoke(cli, [*args, "--start", "2025-04-01"])
    assert result.exit_code == 0, result.output
    assert "monitoring" in result.stdout and "0 planted" in result.stdout
    manifest = yaml.safe_load((out / "bundle.yaml").read_text(encoding="utf-8"))
    assert manifest["audit_period"] == {"start": dt.date(2025, 4, 1), "end": dt.date(2025, 6, 30)}


def test_generate_command_rejects_bad_arguments(tmp_path: Path) -> None:
    base = ["generate", str(tmp_path / "x"), "--seats", "20", "--months", "3", "--seed", "1"]
    result = CliRunner().invoke(cli, [*base, "--violations", "nonsense"])
    assert result.exit_code == 2 and "unknown violation kind" in result.stderr
    result = CliRunner().invoke(cli, [*base, "--start", "2025-02-30"])
    assert result.exit_code == 2
    result = CliRunner().invoke(
        cli, ["generate", str(tmp_path / "x"), "--seats", "0", "--months", "3", "--seed", "1"]
    )
    assert result.exit_code == 2
