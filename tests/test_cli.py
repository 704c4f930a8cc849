"""End-to-end behaviour of the command line: real bundles in, files and exit codes out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from ccc_audit.app.schemas import MODELS, SHIPPED, schema_text
from ccc_audit.cli.main import cli
from ccc_audit.i18n.labels import LABELS
from ccc_audit.loading.profile import load_profile
from ccc_audit.resources import builtin_profiles, demo_bundle

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_demo_writes_every_report_and_exits_with_nonconformities(tmp_path: Path) -> None:
    code, out, _ = invoke("demo", "--out", str(tmp_path / "demo"))
    assert code == 1
    for name in ("assessment.json", "gap-report.ja.md", "gap-report.en.md", "corrective-actions.csv"):
        assert (tmp_path / "demo" / name).stat().st_size > 0
        assert (tmp_path / "demo" / "client" / name).stat().st_size > 0
    assert "copc-cx-r7" in out and "iso-18295-1" in out and "iso-18295-2" in out
    centre = json.loads((tmp_path / "demo" / "assessment.json").read_text("utf-8"))
    client = json.loads((tmp_path / "demo" / "client" / "assessment.json").read_text("utf-8"))
    assessed = {
        (result["scope"]["role"], r["standard"])
        for result in (centre, client)
        for r in result["requirements"]
        if r["assessable"] and r["conformity"] not in ("not_applicable", "not_assessed")
    }
    assert assessed == {
        ("contact_centre", "copc-cx-r7"),
        ("contact_centre", "iso-18295-1"),
        ("client", "iso-18295-2"),
    }
    guides = {
        r["node_id"]
        for r in centre["requirements"]
        if r["node_id"].startswith("AG.") and r["conformity"] != "not_applicable"
    }
    assert len(guides) >= 2, guides


def test_demo_summary_leaves_out_standards_with_nothing_applicable(tmp_path: Path) -> None:
    code, out, _ = invoke("demo", "--out", str(tmp_path / "demo"), "--lang", "en", "--format", "json")
    assert code == 1
    centre, client = out.split("Demo: the centre's client organisation (ISO 18295-2), reports in")
    assert "(standards with no applicable requirement: iso-18295-2)" in centre
    assert "\niso-18295-2 " not in centre and "\ncopc-cx-r7 " in centre
    assert "(standards with no applicable requirement: copc-cx-r7, iso-18295-1)" in client
    assert "\niso-18295-2 " in client and "\ncopc-cx-r7 " not in client


def test_two_assessments_with_the_same_as_of_are_byte_identical(tmp_path: Path) -> None:
    runs = []
    for name in ("a", "b"):
        code, _, _ = invoke(
            "assess",
            str(demo_bundle()),
            "--as-of",
            "2026-01-15",
            "--lang",
            "en",
            "--out",
            str(tmp_path / name),
        )
        assert code == 1
        runs.append({p.name: p.read_bytes() for p in sorted((tmp_path / name).iterdir())})
    assert runs[0] == runs[1]
    assert set(runs[0]) == {"assessment.json", "gap-report.en.md", "corrective-actions.csv"}


def test_format_option_limits_outputs(tmp_path: Path) -> None:
    code, _, _ = invoke(
        "assess", str(demo_bundle()), "--as-of", "2026-01-15", "--format", "json", "--out", str(tmp_path)
    )
    assert code == 1
    assert [p.name for p in tmp_path.iterdir()] == ["assessment.json"]


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = invoke("assess", str(demo_bundle()), "--format", "docx", "--out", str(tmp_path / "o"))
    assert code == 2
    assert "unknown format docx" in err
    assert not (tmp_path / "o").exists()


def test_bad_as_of_is_a_usage_error() -> None:
    code, _, err = invoke("assess", str(demo_bundle()), "--as-of", "15/01/2026")
    assert code == 2
    assert "is not a date" in err


def test_init_then_validate_then_assess(tmp_path: Path) -> None:
    bundle = tmp_path / "centre"
    code, out, _ = invoke("init", str(bundle))
    assert code == 0, out
    manifest = (bundle / "bundle.yaml").read_text("utf-8")
    assert "copc.1.3.benchmarked-targets" in manifest  # the questionnaire lists attestation rules
    assert (bundle / "records" / "roster.csv").read_bytes().startswith("\ufeffstaff_id".encode())
    code, out, _ = invoke("validate", str(bundle))
    assert code == 0, out
    code, _, _ = invoke("assess", str(bundle), "--as-of", "2026-01-15", "--out", str(tmp_path / "out"))
    assert code == 1  # an empty bundle misses required evidence
    result = json.loads((tmp_path / "out" / "assessment.json").read_text("utf-8"))
    reasons = {r["reason"] for r in result["rules"]}
    assert "evidence_missing" in reasons and "attestation_missing" in reasons


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("keep me", "utf-8")
    code, _, err = invoke("init", str(tmp_path))
    assert code == 2 and "not empty" in err
    assert (tmp_path / "x.txt").read_text("utf-8") == "keep me"


def test_rules_list_and_show() -> None:
    code, out, _ = invoke("rules", "list")
    assert code == 0 and "copc.3.5.monthly-monitoring" in out and "per_entity_frequency" in out
    code, out, _ = invoke("rules", "show", "copc.3.5.monthly-monitoring", "--lang", "ja")
    assert code == 0 and "copc-cx-r7:3.5" in out and JAPANESE.search(out)
    code, out, _ = invoke("rules", "show", "copc-cx-r7:3.5")
    assert code == 0 and "copc.3.5.monthly-monitoring" in out
    code, _, err = invoke("rules", "show", "no.such.rule")
    assert code == 2 and "no rule or requirement" in err


@pytest.mark.parametrize("name", sorted(MODELS))
def test_schema_command_prints_a_valid_json_schema_that_is_shipped(name: str) -> None:
    code, out, _ = invoke("schema", name)
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert (SHIPPED / f"{name}.schema.json").read_text("utf-8") == schema_text(name)


def test_shipped_bundle_schema_accepts_the_demo_manifest() -> None:
    import yaml

    schema = json.loads((SHIPPED / "bundle.schema.json").read_text("utf-8"))
    manifest = yaml.safe_load((demo_bundle() / "bundle.yaml").read_text("utf-8"))
    jsonschema.validate(json.loads(json.dumps(manifest, default=str)), schema)


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["init"],
        ["validate"],
        ["assess"],
        ["demo"],
        ["check"],
        ["rules"],
        ["rules", "list"],
        ["rules", "show"],
        ["schema"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    code, out, _ = invoke(*command, "--help")
    assert code == 0 and "Usage:" in out


def test_every_builtin_profile_loads_and_is_named_in_both_languages() -> None:
    profiles = [load_profile(path)[0] for path in builtin_profiles()]
    assert "ci-completeness" in [p.profile.id for p in profiles]
    for profile in profiles:
        title = profile.profile.title
        assert JAPANESE.search(title.ja) and LATIN.search(title.en) and not JAPANESE.search(title.en)


def test_every_report_label_exists_in_both_languages() -> None:
    for key, texts in LABELS.items():
        assert set(texts) == {"ja", "en"}, key
        assert texts["ja"] and texts["en"], key
    for name in ("report.md.j2", "report.html.j2"):
        template = (Path(__file__).parent.parent / "templates" / name).read_text("utf-8")
        keys = re.findall(r"""label\(["']([a-z_.]+)["'], lang""", template)
        assert len(keys) > 30, name
        for key in keys:
            assert key in LABELS, f"{name}: {key}"


def test_register_and_questionnaire_vocabulary_is_bilingual() -> None:
    from ccc_audit.questionnaire.questions import ANSWER_LABELS, SHEET
    from ccc_audit.questionnaire.questions import COLUMNS as QUESTION_COLUMNS
    from ccc_audit.register.columns import COLUMNS, STATE_LABELS, STATUS_LABELS

    texts = [names for _, names in COLUMNS] + list(STATUS_LABELS.values()) + list(STATE_LABELS.values())
    texts += [names for _, names, _ in QUESTION_COLUMNS] + list(ANSWER_LABELS.values()) + [SHEET]
    for text in texts:
        assert JAPANESE.search(text.ja), f"not Japanese: {text.ja!r}"
        assert LATIN.search(text.en) and not JAPANESE.search(text.en), f"not English: {text.en!r}"


def test_reports_without_a_workbook_do_not_load_openpyxl(tmp_path: Path) -> None:
    """openpyxl is 80 ms of start-up: only a run that writes XLSX pays for it."""
    import subprocess
    import sys

    probe = (
        "import sys; from ccc_audit.app.render import render_all; "
        "from ccc_audit.reporters.registry import REPORTERS; "
        "assert 'openpyxl' not in sys.modules; "
        "assert REPORTERS['xlsx'].filename('ja') == 'gap-analysis.ja.xlsx'"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, cwd=tmp_path)
