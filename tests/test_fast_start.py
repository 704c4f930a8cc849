"""A fast start (issue 18): a command pays only for what it uses, and the validated library is kept.

``import ccc_audit.cli.main`` (what ``--help`` needs) loads neither DuckDB nor the spreadsheet or
template libraries, nor pydantic or PyYAML (the models and the YAML reader), nor any command's
module (the command list comes from a table; a command's module is imported when it runs); the
rule packs and catalogues, once validated, are kept in the cache folder keyed by their content and
sealed, so a later run skips the YAML and the validation; an entry that is altered, or that names
anything but ccc-audit's own classes, is never served.
"""

from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jinja2
import pytest
from bundle_factory import copy_minimal
from demo_result import assess_demo

from ccc_audit.app.render import render_all
from ccc_audit.app.setup import prepare
from ccc_audit.checks.registry import REGISTRY
from ccc_audit.files.cache_seal import seal_bytes, seal_key
from ccc_audit.loading.library_cache import library_key, load_cached, store
from ccc_audit.reporters.base import Report
from ccc_audit.resources import builtin_catalogues, builtin_crosswalks, builtin_packs
from ccc_audit.results.verdict import decide

HEAVY = ("duckdb", "openpyxl", "jinja2")
START = (*HEAVY, "pydantic", "yaml")  # nor does the command line before a command runs


def _loaded_after(code: str, tmp_path: Path, heavy: tuple[str, ...] = START) -> list[str]:
    probe = f"import sys; {code}; print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], check=True, cwd=tmp_path, capture_output=True, text=True
    )
    return done.stdout.split()


def test_the_command_line_starts_without_duckdb_openpyxl_jinja2_pydantic_or_yaml(tmp_path: Path) -> None:
    assert _loaded_after("import ccc_audit.cli.main", tmp_path) == []


def test_help_loads_none_of_them_either(tmp_path: Path) -> None:
    code = (
        "from ccc_audit.cli.main import cli; from click.testing import CliRunner; "
        "r = CliRunner().invoke(cli, ['--help']); assert r.exit_code == 0 and 'assess' in r.output"
    )
    assert _loaded_after(code, tmp_path) == []


def test_help_imports_no_command_and_neither_pathlib_nor_dataclasses(tmp_path: Path) -> None:
    """``ccc-audit --help`` lists the commands from a table: only the command run pays for its imports."""
    from ccc_audit.cli.commands import COMMANDS

    modules = sorted({place.partition(":")[0] for place, _ in COMMANDS.values()} | {"ccc_audit.cli.options"})
    assert "ccc_audit.cli.check" in modules and "ccc_audit.cli.rfp" in modules
    probe = (
        "import atexit, sys; from ccc_audit.cli.main import main; "
        f"atexit.register(lambda: print(' '.join(m for m in {[*modules, 'pathlib', 'dataclasses']!r} "
        "if m in sys.modules))); sys.argv = ['ccc-audit', '--help']; main()"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Commands:" in done.stdout and done.stdout.splitlines()[-1] == ""


def test_a_command_loads_its_own_module_and_no_other_command(tmp_path: Path) -> None:
    from ccc_audit.cli.commands import COMMANDS

    modules = sorted({place.partition(":")[0] for place, _ in COMMANDS.values()})
    probe = (
        "import atexit, sys; from ccc_audit.cli.main import main; "
        f"atexit.register(lambda: print(' '.join(m for m in {modules!r} if m in sys.modules))); "
        "sys.argv = ['ccc-audit', 'diff', '--help']; main()"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "ccc_audit.cli.diff"


def test_the_ci_formats_need_no_template_engine(tmp_path: Path) -> None:
    """``check`` writes text, JSON, JUnit or SARIF: Jinja2 and markdown-it come with md or html only."""
    code = "import ccc_audit.app.assess, ccc_audit.reporters.registry"
    assert _loaded_after(code, tmp_path, ("jinja2", "markdown_it", "openpyxl")) == []


def test_procurement_scoring_loads_neither_the_engine_nor_openpyxl(tmp_path: Path) -> None:
    """``rfp score`` without evidence bundles needs no DuckDB, no assessment models, no workbook."""
    code = (
        "import ccc_audit.app.procurement, ccc_audit.rfp.inputs, ccc_audit.rfp.rubric; "
        "assert 'ccc_audit.models.result' not in sys.modules, 'assessment models'; "
        "assert 'ccc_audit.loading.library' not in sys.modules, 'rule packs'"
    )
    assert _loaded_after(code, tmp_path, HEAVY) == []


def _paths() -> list[Path]:
    return [*builtin_catalogues(), *builtin_packs(), *builtin_crosswalks()]


def test_a_kept_library_is_the_library_that_was_loaded(tmp_path: Path) -> None:
    library = prepare().library
    key = library_key(_paths())
    assert key is not None
    assert store(tmp_path, key, library, REGISTRY) is None

    served, fault = load_cached(tmp_path, key, REGISTRY)

    assert fault is None and served is not None
    assert [p.model for p in served.packs] == [p.model for p in library.packs]
    assert [c.model for c in served.catalogues] == [c.model for c in library.catalogues]
    assert [c.model for c in served.crosswalks] == [c.model for c in library.crosswalks]
    assert served.nodes == library.nodes


def test_the_key_follows_the_content_of_every_file(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text("a: 1\n", "utf-8")
    first = library_key([*_paths(), pack])
    pack.write_text("a: 2\n", "utf-8")
    assert library_key([*_paths(), pack]) != first
    assert library_key([tmp_path / "missing.yaml"]) is None  # the loader reports it, located


def test_an_altered_or_foreign_entry_is_never_served(tmp_path: Path) -> None:
    key = library_key(_paths())
    assert key is not None
    assert store(tmp_path, key, prepare().library, REGISTRY) is None
    entry = tmp_path / f"library-{key}.pickle"
    data = entry.read_bytes()

    entry.write_bytes(data[:-10] + b"0123456789")
    assert load_cached(tmp_path, key, REGISTRY)[1] is not None

    class Foreign:  # sealed with the right key, but names a class outside ccc-audit
        def __reduce__(self) -> tuple[Any, ...]:
            return (print, ("never run",))

    foreign = pickle.dumps(Foreign())
    key_bytes = seal_key(tmp_path)
    assert key_bytes is not None
    entry.write_bytes(foreign)
    (tmp_path / f"library-{key}.pickle.seal").write_text(seal_bytes(key_bytes, foreign), "ascii")
    served, fault = load_cached(tmp_path, key, REGISTRY)
    assert served is None and fault is not None and "cannot be read back" in fault

    (tmp_path / f"library-{key}.pickle.seal").unlink()
    served, fault = load_cached(tmp_path, key, REGISTRY)
    assert served is None and fault is not None and "seal cannot be checked" in fault


def _assess(bundle: Path, cache: Path, out: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "ccc_audit", "assess", str(bundle), "--pack", "iso-18295-1-core"]
    command += ["--as-of", "2026-01-15", "--out", str(out), "--cache-dir", str(cache), "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    loaded: dict[str, Any] = json.loads((out / "assessment.json").read_text("utf-8"))
    return loaded


def test_a_run_with_a_corrupt_library_entry_says_so_and_gives_the_same_result(tmp_path: Path) -> None:
    bundle = copy_minimal(tmp_path / "bundle")
    cache = tmp_path / "cache"
    cold = _assess(bundle, cache, tmp_path / "cold")
    (entry,) = cache.glob("library-*.pickle")
    warm = _assess(bundle, cache, tmp_path / "warm")
    entry.write_bytes(entry.read_bytes()[:1000])
    corrupt = _assess(bundle, cache, tmp_path / "corrupt")

    assert warm == cold
    healed = _assess(bundle, cache, tmp_path / "healed")  # the corrupt run kept a sound entry again
    assert healed == cold
    notices = [n["message"]["en"] for n in corrupt.pop("notices") if n["code"] == "cache_unusable"]
    assert len(notices) == 1 and "does not match the seal" in notices[0]
    del cold["notices"]
    assert corrupt == cold


def test_compiled_report_templates_are_kept_sealed_and_never_change_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo compiles its two report templates once; a later run reads the sealed code instead."""
    report = Report(decide(assess_demo()))
    formats, languages = ["md", "html"], ["ja", "en"]
    compiled_afresh = render_all(report, formats, languages)
    cache = tmp_path / "cache"
    clear_caches()
    first = render_all(report, formats, languages, cache_dir=cache)
    entries = sorted((cache / "templates").glob("*.jinja"))
    assert len(entries) == 2 and all(e.with_name(e.name + ".seal").is_file() for e in entries)

    clear_caches()  # as in a new process: the compiled code now comes from the cache folder
    with monkeypatch.context() as patch:
        patch.setattr(jinja2.Environment, "compile", lambda *a, **_: _never_compiled(*a))
        served = render_all(report, formats, languages, cache_dir=cache)

    entries[0].write_bytes(entries[0].read_bytes()[:-20] + b"\0" * 20)  # altered: compiled again
    (cache / "templates" / (entries[1].name + ".seal")).unlink()  # unsealed: compiled again
    clear_caches()
    healed = render_all(report, formats, languages, cache_dir=cache)
    assert compiled_afresh == first == served == healed
    assert all(e.with_name(e.name + ".seal").is_file() for e in entries)  # rewritten, sealed again


def _never_compiled(*args: object) -> None:
    raise AssertionError(f"a kept template was compiled again: {args[2:3]}")


def clear_caches() -> None:
    """Forget the compiled templates this process holds."""
    from ccc_audit.templating import environment, html_environment

    for made in (environment, html_environment):
        made.cache_clear()


def test_an_assessing_command_starts_without_collections_and_runs_with_them(tmp_path: Path) -> None:
    """``check`` imports and loads with the collector off, then runs its rules with it on again."""
    bundle = copy_minimal(tmp_path / "bundle")
    probe = (
        "import atexit, gc, sys; from ccc_audit.cli.main import main; "
        "atexit.register(lambda: print('collector', gc.isenabled(), gc.get_freeze_count() > 1000)); "
        f"sys.argv = ['ccc-audit', 'check', {str(bundle)!r}, '--as-of', '2026-01-15']; main()"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout.splitlines()[-1] == "collector True True"


def test_a_kept_library_keeps_the_tables_its_queries_read_and_the_record_types(tmp_path: Path) -> None:
    """A later run keys its SQL rules by the kept table names instead of parsing every query, and
    takes the built-in record types and vocabulary as kept instead of reading their files again."""
    from ccc_audit.checks.sql_query import SqlCheckSpec, tables_named
    from ccc_audit.loading.record_types import builtin_record_types
    from ccc_audit.loading.vocabulary import builtin_vocabulary

    cache = tmp_path / "cache"
    _assess(copy_minimal(tmp_path / "bundle"), cache, tmp_path / "out")  # loads and keeps the library
    (entry,) = cache.glob("library-*.pickle")
    key = entry.name.removeprefix("library-").removesuffix(".pickle")
    served, fault = load_cached(cache, key, REGISTRY)
    assert fault is None and served is not None
    queries = {c.query for _, r in served.rules() for c in r.checks if isinstance(c, SqlCheckSpec)}
    assert queries and served.query_tables == {q: tables_named(q) for q in queries}
    assert served.record_types == builtin_record_types()
    assert served.vocabulary == builtin_vocabulary()


def test_a_warm_run_that_changes_nothing_leaves_the_memo_as_it_is(tmp_path: Path) -> None:
    """Writing and sealing an unchanged memo again cost a warm check ~0.05 s of CPU: it is skipped."""
    bundle = copy_minimal(tmp_path / "bundle")
    cache = tmp_path / "cache"
    cold = _assess(bundle, cache, tmp_path / "cold")
    (memo,) = (cache / "rules").glob("*.json")
    written = memo.stat().st_mtime_ns, memo.read_bytes()
    warm = _assess(bundle, cache, tmp_path / "warm")
    assert (memo.stat().st_mtime_ns, memo.read_bytes()) == written
    assert warm == cold
    (bundle / "bundle.yaml").write_text((bundle / "bundle.yaml").read_text("utf-8") + "\n", "utf-8")
    _assess(bundle, cache, tmp_path / "edited")  # the manifest's hash is in every key: written again
    assert memo.read_bytes() != written[1]


DEMO_BUNDLE = Path(__file__).resolve().parents[1] / "demo" / "bundle"


def _check_modules(
    bundle: Path, cache: Path, report: Path, modules: tuple[str, ...]
) -> tuple[int, list[str]]:
    """Exit code of ``check`` on ``bundle`` (JSON and SARIF beside ``report``), and which of ``modules`` it
    imported."""
    argv = ["ccc-audit", "check", str(bundle), "--as-of", "2026-01-15", "--cache-dir", str(cache)]
    argv += ["--format", f"json:{report}", "--format", f"sarif:{report.with_suffix('.sarif')}"]
    probe = (
        "import atexit, sys; from ccc_audit.cli.main import main; "
        f"atexit.register(lambda: print(' '.join(m for m in {modules!r} if m in sys.modules))); "
        f"sys.argv = {argv!r}; main()"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, done.stdout.split()


def test_a_warm_check_that_the_memo_serves_opens_no_record_store(tmp_path: Path) -> None:
    """The second check of a CI job with its cache kept serves every rule from the memo: it imports
    neither DuckDB nor the record store, and writes the very same reports as the first."""
    cache = tmp_path / "cache"
    watched = ("duckdb", "ccc_audit.records.duck_store")
    first_code, first_loaded = _check_modules(DEMO_BUNDLE, cache, tmp_path / "first.json", watched)
    assert first_loaded == list(watched)  # a cold run reads the records
    warm_code, warm_loaded = _check_modules(DEMO_BUNDLE, cache, tmp_path / "warm.json", watched)
    assert warm_loaded == []
    assert warm_code == first_code == 1  # the demo's planted gaps fail the gate either way
    for suffix in (".json", ".sarif"):
        first = tmp_path.joinpath("first").with_suffix(suffix).read_bytes()
        assert tmp_path.joinpath("warm").with_suffix(suffix).read_bytes() == first


def test_a_warm_check_after_a_record_file_changed_reads_it_and_reports_as_a_cold_run(tmp_path: Path) -> None:
    """A changed record file must still be read (its bad values stop the run): the store is opened,
    and the reports are those of a run without any cache."""
    bundle = tmp_path / "bundle"
    shutil.copytree(DEMO_BUNDLE, bundle)
    cache = tmp_path / "cache"
    for run in ("cold", "warm"):
        _check_modules(bundle, cache, tmp_path / f"{run}.json", ("duckdb",))
    coaching = bundle / "records" / "coaching.csv"
    coaching.write_text(coaching.read_text("utf-8") + "\n", "utf-8")
    _, loaded = _check_modules(bundle, cache, tmp_path / "edited.json", ("duckdb",))
    assert loaded == ["duckdb"]
    _check_modules(bundle, tmp_path / "fresh-cache", tmp_path / "fresh.json", ())
    for suffix in (".json", ".sarif"):
        fresh = tmp_path.joinpath("fresh").with_suffix(suffix).read_bytes()
        assert tmp_path.joinpath("edited").with_suffix(suffix).read_bytes() == fresh


def test_the_models_field_docstrings_are_shipped_current() -> None:
    """A warm check reads the fields' docstrings from the shipped table instead of parsing every
    model module (35-55 ms); ``python -m ccc_audit.app.schemas`` writes it again."""
    from ccc_audit.models.attribute_docs import DOCS_FILE, docs_table_text

    assert DOCS_FILE.read_text("utf-8") == docs_table_text()


def test_a_table_entry_that_does_not_match_the_source_is_never_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """An edited module's docstrings are parsed from its source, whatever the table says."""
    from ccc_audit.models import attribute_docs, checks

    filename = checks.__file__
    assert filename is not None
    parsed = attribute_docs._module_docs.__wrapped__(filename)
    assert parsed["SpecProblem"]  # documented attributes, served from the table
    stale = {"sha256": "0" * 64, "classes": {"SpecProblem": {"message": "an old text"}}}
    monkeypatch.setattr(attribute_docs, "_shipped", lambda: {"models/checks.py": stale})
    assert attribute_docs._module_docs.__wrapped__(filename) == parsed
