"""Assess a bundle: the one use case behind every command, test and benchmark that assesses.

``assess``, ``check``, ``demo``, RFP evidence scoring, the tests, the benchmarks and anyone
using ccc-audit as a library call it::

    from ccc_audit.app.assess import AssessOptions, assess

    assessed = assess(AssessOptions(bundle=Path("my-centre"), as_of=dt.date(2026, 3, 31)))
    assessed.result      # the canonical AssessmentResult (what assessment.json holds)
    assessed.verdict     # which findings fail the run, and the exit code that follows
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccc_audit.app.rule_memo import load_memo, save_memo
from ccc_audit.app.setup import prepare
from ccc_audit.engine.assess import Assessment, OnRuleDone, run
from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.i18n.text import text
from ccc_audit.loading.bundle import LoadedBundle
from ccc_audit.loading.library import Library
from ccc_audit.models.result import AssessmentResult, Notice
from ccc_audit.records.memory import memory_limit
from ccc_audit.records.parsed_cache import cache_notices, usable_cache_dir
from ccc_audit.records.sql_engine import DUCKDB, SqlEngine
from ccc_audit.results.comparison import Comparison, compare
from ccc_audit.results.exit_codes import ExitCode, exit_code_for
from ccc_audit.results.expiring import Expiring, expiring
from ccc_audit.results.reading import read_result
from ccc_audit.results.verdict import FailOn, Verdict, decide

if TYPE_CHECKING:
    from ccc_audit.records.duck_store import DuckRecordStore


@dataclass(frozen=True)
class AssessOptions:
    """Everything one assessment depends on besides the files themselves."""

    bundle: Path
    """The bundle folder (or its bundle.yaml)."""
    as_of: dt.date
    """Assessment date: expiry, recency and period checks are judged on this day."""
    packs: tuple[str, ...] = ()
    """Rule packs by id or file (default: every built-in pack)."""
    catalogues: tuple[str, ...] = ()
    """Extra catalogue files beside the built-in ones."""
    profile: str | None = None
    """Tailoring profile by id or file (None: none)."""
    language: str | None = None
    """Language of the result's texts (None: the bundle's)."""
    cache_dir: Path | None = None
    """Where parsed records and file hashes are cached between runs (None: no cache)."""
    with_records: bool = False
    """Compute record-based checks that the profile would only check for presence."""
    fail_on: FailOn = FailOn.MINOR
    """Lowest finding grade that fails the run."""
    baseline: Path | None = None
    """An earlier assessment.json: only findings new or regressed since it fail the run."""
    previous: Path | None = None
    """An earlier assessment.json: the reports gain a progress section against it."""
    rules: tuple[str, ...] = ()
    """Run only these rule ids (the others are excluded); empty: every rule the profile keeps."""
    warn_expiring_days: int = 0
    """Horizon in days of the advance warning on expiring evidence (0: none)."""
    engine: str = "duckdb"
    """Where the record checks' SQL runs: duckdb (embedded) or spark (see :mod:`ccc_audit.spark`)."""
    spark_remote: str | None = None
    """Spark Connect URL (sc://HOST:PORT); None: the active SparkSession or local mode."""
    spark_conf: tuple[tuple[str, str], ...] = ()
    """Spark settings (key, value) for the session this run starts."""


@dataclass(frozen=True)
class Assessed:
    """What one assessment produced."""

    result: AssessmentResult
    verdict: Verdict
    language: str
    """The language the result was written in (the option, or the bundle's)."""
    progress: Comparison | None = None
    """Change since ``options.previous``, when one was given."""
    sources: dict[str, Path] = field(default_factory=dict)
    """The earlier results read, by option name (baseline, previous)."""
    expiring: list[Expiring] = field(default_factory=list)
    """Evidence current on the as-of date that lapses within ``warn_expiring_days``."""
    rules_served: int = 0
    """Rules whose result the last run's memo served (their inputs were unchanged)."""

    @property
    def exit_code(self) -> ExitCode:
        """The process exit code of this run (input errors never reach a result)."""
        return exit_code_for(self.verdict)


def _engine(options: AssessOptions, library: Library, bundle: LoadedBundle) -> dict[str, Any]:
    """The run's SQL engine and table reader (none: DuckDB); Spark's session starts here, before any work."""
    tables = [name for name, spec in bundle.model.records.items() if spec.table]
    if options.engine == DUCKDB:
        if tables:
            why = "a catalog table is read on Spark: run with --engine spark (and its session's catalog)"
            raise InputError([bundle.doc.diagnostic(("records", name, "table"), why) for name in tables])
        return {}
    try:
        from ccc_audit.spark.engine import SparkSqlEngine
        from ccc_audit.spark.packs import pack_sql_problems
        from ccc_audit.spark.session import spark_session
        from ccc_audit.spark.tables import table_reader
    except ImportError as exc:  # the spark extra is not installed
        missing = f"{exc.name} is not installed: pip install 'ccc-audit[spark]'"
        raise InputError([Diagnostic("--engine spark", 0, 0, missing)]) from None

    problems = pack_sql_problems(library)
    if problems:
        raise InputError(problems)
    session = spark_session(options.spark_remote, dict(options.spark_conf))

    def factory(store: DuckRecordStore) -> SqlEngine:
        return SparkSqlEngine(session, store)

    return {"sql_engine": factory, "table_reader": table_reader(session), "engine_name": options.engine}


def assess(options: AssessOptions, on_rule_done: OnRuleDone | None = None) -> Assessed:
    """Load and cross-check everything, assess the bundle, decide the verdict.

    Raises ``InputError`` (every problem, located) when any input is unusable; earlier results
    are read first, so that a bad ``--baseline`` fails before the work starts.
    """
    baseline = read_result(options.baseline) if options.baseline else None
    previous = read_result(options.previous) if options.previous else None
    memory_limit()  # a bad $CCC_AUDIT_MEMORY_LIMIT fails before the work starts
    cache_dir, cache_problem = usable_cache_dir(options.cache_dir)
    setup = prepare(options.packs, options.catalogues, options.profile, options.bundle, cache_dir)
    assert setup.bundle is not None
    tailoring = setup.tailoring
    if options.with_records:
        tailoring = dataclasses.replace(tailoring, presence_only=False)
    if options.rules:
        known = {rule.id for _, rule in setup.library.rules()}
        unknown = [r for r in options.rules if r not in known]
        if unknown:
            raise InputError(
                [Diagnostic(r, 0, 0, "no such rule; see `ccc-audit rules list`") for r in unknown]
            )
        tailoring = dataclasses.replace(tailoring, only=frozenset(options.rules))
    language = options.language or setup.bundle.model.language.value
    engine = _engine(options, setup.library, setup.bundle)
    # A catalog table has no file to hash before the run: a run reading one remembers nothing.
    remembers = not any(spec.table for spec in setup.bundle.model.records.values())
    memo, memo_fault = load_memo(cache_dir, setup.bundle.root) if cache_dir and remembers else (None, None)
    job = Assessment(
        setup.library,
        setup.bundle,
        tailoring,
        options.as_of,
        language,
        setup.profile_source,
        cache_dir,
        memo,
        **engine,
    )
    result = run(job, on_rule_done)
    faults = [*setup.cache_faults, *([memo_fault] if memo_fault else [])]
    if cache_dir and memo is not None:
        late_fault = save_memo(cache_dir, setup.bundle.root, memo)
        faults.extend([late_fault] if late_fault else [])
    if faults:
        result = result.model_copy(update={"notices": [*result.notices, *cache_notices(faults)]})
    if cache_problem is not None:
        notice = Notice(
            code="cache_unusable",
            message=text(
                f"キャッシュフォルダーを使えないため、キャッシュなしで実行した({cache_problem})。",
                f"the cache folder cannot be used, so this run kept no cache ({cache_problem})",
            ),
        )
        result = result.model_copy(update={"notices": [*result.notices, notice]})
    reported = len(setup.bundle.hasher.faults)
    setup.bundle.save_hash_cache()
    late = cache_notices(setup.bundle.hasher.faults[reported:])  # the hash cache could not be written
    if late:
        result = result.model_copy(update={"notices": [*result.notices, *late]})
    sources = {k: p for k, p in (("baseline", options.baseline), ("previous", options.previous)) if p}
    return Assessed(
        result,
        decide(result, options.fail_on, baseline),
        language,
        compare(previous, result) if previous else None,
        sources,
        expiring(setup.bundle, options.as_of, options.warn_expiring_days)
        if options.warn_expiring_days
        else [],
        memo.served if memo is not None else 0,
    )
