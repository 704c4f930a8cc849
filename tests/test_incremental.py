"""Incremental re-assessment (issue 18): a rule whose inputs are unchanged is served, not run again.

Whatever the sequence of edits to a bundle (a document changed, added or removed; a record row
changed, added or removed; an answer changed), a run that reuses the last run's memo writes
exactly the bytes of a run without any cache; and a run after a one-document change runs only
the rules that read documents.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import yaml
from bundle_factory import copy_minimal
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.app.rule_memo import memo_file
from ccc_audit.app.setup import prepare
from ccc_audit.cli.main import cli

DOCUMENT_KINDS = {"document", "periodic", "attestation"}
"""Check kinds that may read or cite a document (every other kind reads records only)."""
ARGS = ["--as-of", "2026-01-15", "--format", "json,md"]
EDITS = [
    "change_document",
    "rename_heading",
    "add_document",
    "remove_document",
    "change_row",
    "add_row",
    "remove_row",
    "answer",
]


def _manifest(bundle: Path) -> dict[str, object]:
    loaded: dict[str, object] = yaml.safe_load((bundle / "bundle.yaml").read_text("utf-8"))
    return loaded


def _write_manifest(bundle: Path, manifest: dict[str, object]) -> None:
    (bundle / "bundle.yaml").write_text(
        yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True), "utf-8"
    )


def _edit(bundle: Path, edit: str, n: int) -> None:
    """Apply edit number ``n`` of kind ``edit`` (every edit keeps the bundle valid)."""
    manifest = _manifest(bundle)
    documents = manifest["documents"]
    assert isinstance(documents, list)
    monitoring = bundle / "records" / "monitoring.csv"
    lines = monitoring.read_text("utf-8").splitlines()
    if edit == "change_document":
        with (bundle / "documents" / "privacy-policy.md").open("a", encoding="utf-8") as handle:
            handle.write(f"\n## Section {n}\n\nMore text.\n")
    elif edit == "rename_heading":  # a section a rule looks for comes and goes
        procedure = bundle / "documents" / "complaints-procedure.md"
        text = procedure.read_text("utf-8")
        swapped = (
            ("## Escalation to client", "## Passing on")
            if n % 2 == 0
            else ("## Passing on", "## Escalation to client")
        )
        procedure.write_text(text.replace(*swapped), "utf-8")
    elif edit == "add_document":
        (bundle / "documents" / f"extra-{n}.md").write_text(f"# Extra {n}\n\nText.\n", "utf-8")
        documents.append(
            {
                "id": f"extra-{n}",
                "path": f"documents/extra-{n}.md",
                "type": "training_plan",
                "title": f"Extra {n}",
                "approved_by": "Head of Quality",
                "approved_on": dt.date(2025, 3, 1),
            }
        )
        _write_manifest(bundle, manifest)
    elif edit == "remove_document":
        extras = [d for d in documents if str(d["id"]).startswith("extra-")]
        victims = extras or [d for d in documents if d["id"] == "privacy-policy"]
        if victims:
            documents.remove(victims[-1])
            _write_manifest(bundle, manifest)
    elif edit == "change_row":
        lines[1 + n % (len(lines) - 1)] = f"EV9{n:02d},S002,2025-{1 + n % 12:02d}-20"
        monitoring.write_text("\n".join(lines) + "\n", "utf-8")
    elif edit == "add_row":
        lines.append(f"EV8{n:02d},S001,2025-{1 + n % 12:02d}-{10 + n % 15:02d}")
        monitoring.write_text("\n".join(lines) + "\n", "utf-8")
    elif edit == "remove_row" and len(lines) > 2:
        del lines[1 + n % (len(lines) - 1)]
        monitoring.write_text("\n".join(lines) + "\n", "utf-8")
    elif edit == "answer":
        attestations = manifest["attestations"]
        assert isinstance(attestations, list)
        attestations[0]["answer"] = ["yes", "no", "partial"][n % 3]
        _write_manifest(bundle, manifest)


def _outputs(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _assess(bundle: Path, out: Path, cache: Path | None) -> dict[str, bytes]:
    shutil.rmtree(out, ignore_errors=True)
    options = ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    result = CliRunner().invoke(cli, ["assess", str(bundle), *ARGS, "--out", str(out), *options])
    assert result.exit_code in (0, 1), result.output
    return _outputs(out)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.sampled_from(EDITS), min_size=1, max_size=3))
def test_incremental_runs_write_exactly_what_a_cold_run_writes(tmp_path: Path, edits: list[str]) -> None:
    case = tmp_path / f"case-{len(list(tmp_path.iterdir()))}"
    bundle = copy_minimal(case / "bundle")
    cache = case / "cache"
    _assess(bundle, case / "first", cache)
    for n, edit in enumerate(edits):
        _edit(bundle, edit, n)
        incremental = _assess(bundle, case / "incremental", cache)
        cold = _assess(bundle, case / "cold", None)
        assert incremental == cold, f"after {edits[: n + 1]}"


def test_a_run_after_one_document_changed_runs_only_the_rules_that_read_it(tmp_path: Path) -> None:
    bundle = copy_minimal(tmp_path / "bundle")
    cache = tmp_path / "cache"
    as_of = dt.date(2026, 1, 15)
    first = assess(AssessOptions(bundle, as_of, cache_dir=cache))
    again = assess(AssessOptions(bundle, as_of, cache_dir=cache))
    assert first.rules_served == 0 and again.rules_served == len(again.result.rules)
    assert memo_file(cache, bundle).exists()

    (bundle / "documents" / "privacy-policy.md").write_text("# Privacy\n\nChanged.\n", "utf-8")
    after = assess(AssessOptions(bundle, as_of, cache_dir=cache))
    cold = assess(AssessOptions(bundle, as_of))
    assert after.result == cold.result

    rerun = len(after.result.rules) - after.rules_served
    citing = [
        r.rule_id
        for r in cold.result.rules
        if any(ref.kind == "document" and ref.id == "privacy-policy" for c in r.checks for ref in c.evidence)
    ]
    reading_documents = [
        r for _, r in prepare().library.rules() if any(check.kind in DOCUMENT_KINDS for check in r.checks)
    ]
    assert citing and len(citing) <= rerun < len(reading_documents) // 2


def test_a_check_between_two_assessments_keeps_the_assessments_results(tmp_path: Path) -> None:
    """`check` (the CI profile) and `assess` on one bundle do not evict each other's results."""
    bundle = copy_minimal(tmp_path / "bundle")
    cache = tmp_path / "cache"
    as_of = dt.date(2026, 1, 15)
    assess(AssessOptions(bundle, as_of, cache_dir=cache))
    ci = assess(AssessOptions(bundle, as_of, cache_dir=cache, profile="ci-completeness"))
    again = assess(AssessOptions(bundle, as_of, cache_dir=cache))
    assert ci.rules_served < len(ci.result.rules)
    assert again.rules_served == len(again.result.rules)


def test_the_summary_says_how_many_rules_were_reused_and_how_many_run(tmp_path: Path) -> None:
    bundle = copy_minimal(tmp_path / "bundle")
    options = ["--as-of", "2026-01-15", "--format", "json", "--cache-dir", str(tmp_path / "cache")]
    first = CliRunner().invoke(cli, ["assess", str(bundle), "--out", str(tmp_path / "a"), *options])
    assert first.exit_code in (0, 1) and "reused" not in first.output
    with (bundle / "documents" / "privacy-policy.md").open("a", encoding="utf-8") as handle:
        handle.write("\nOne more line.\n")
    after = CliRunner().invoke(cli, ["assess", str(bundle), "--out", str(tmp_path / "b"), *options])
    rules = len(json.loads((tmp_path / "b" / "assessment.json").read_text("utf-8"))["rules"])
    assert f"{rules - 1} of {rules} rules reused the last run's results" in after.output
    assert "rules evaluated: 1" in after.output
