"""A fast start (issue 18): a command pays only for what it uses, and the validated library is kept.

``import ccc_audit.cli.main`` (what ``--help`` needs) loads neither DuckDB nor the spreadsheet or
template libraries; the rule packs and catalogues, once validated, are kept in the cache folder
keyed by their content and sealed, so a later run skips the YAML and the validation; an entry
that is altered, or that names anything but ccc-audit's own classes, is never served.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

from bundle_factory import copy_minimal

from ccc_audit.app.setup import prepare
from ccc_audit.checks.registry import REGISTRY
from ccc_audit.files.cache_seal import seal_bytes, seal_key
from ccc_audit.loading.library_cache import library_key, load_cached, store
from ccc_audit.resources import builtin_catalogues, builtin_crosswalks, builtin_packs

HEAVY = ("duckdb", "openpyxl", "jinja2")


def _loaded_after(code: str, tmp_path: Path) -> list[str]:
    probe = f"import sys; {code}; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], check=True, cwd=tmp_path, capture_output=True, text=True
    )
    return done.stdout.split()


def test_the_command_line_starts_without_duckdb_openpyxl_or_jinja2(tmp_path: Path) -> None:
    assert _loaded_after("import ccc_audit.cli.main", tmp_path) == []


def test_help_loads_none_of_them_either(tmp_path: Path) -> None:
    code = (
        "from ccc_audit.cli.main import cli; from click.testing import CliRunner; "
        "r = CliRunner().invoke(cli, ['--help']); assert r.exit_code == 0 and 'assess' in r.output"
    )
    assert _loaded_after(code, tmp_path) == []


def test_procurement_scoring_loads_neither_the_engine_nor_openpyxl(tmp_path: Path) -> None:
    """``rfp score`` without evidence bundles needs no DuckDB, no assessment models, no workbook."""
    code = (
        "import ccc_audit.app.procurement, ccc_audit.rfp.inputs, ccc_audit.rfp.rubric; "
        "assert 'ccc_audit.models.result' not in sys.modules, 'assessment models'; "
        "assert 'ccc_audit.loading.library' not in sys.modules, 'rule packs'"
    )
    assert _loaded_after(code, tmp_path) == []


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
