"""A corpus of typos: each is refused on load with exit code 2, a location and a suggestion.

Misspelt scope channels and operations, roles, document types, topics, record-set names and enum
values used to be accepted and switched rules off without a word. Every case starts from the
committed minimal bundle (``tests/fixtures/minimal``), makes one small edit and runs
``ccc-audit validate``. Records that contradict the declared scope are warnings (exit 0), and a
role written in another case is read as the declared role.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from bundle_factory import copy_minimal, line_of
from click.testing import CliRunner, Result

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.cli.main import cli
from ccc_audit.loading.record_types import builtin_record_types
from ccc_audit.loading.vocabulary import builtin_vocabulary
from ccc_audit.resources import builtin_catalogues, builtin_packs, demo_bundle

AS_OF = "2026-01-15"
ROSTER = (
    "staff_id,role,employment_type,work_mode,hire_date,production_start,exit_date,exit_type\n"
    "S001,CSS,permanent,office,2024-03-01,2024-04-01,,\n"
    "S002,CSS,temporary,office,2024-09-01,2024-10-01,,\n"
)
MONITORING = "evaluation_id,staff_id,date,method,passed\nEV001,S001,2025-01-15,remote,yes\n"


def validate(bundle: Path, as_of: str = AS_OF) -> Result:
    return CliRunner().invoke(cli, ["validate", str(bundle), "--pack", "copc-cx-r7-core", "--as-of", as_of])


def edit(bundle: Path, file: str, old: str, new: str) -> int:
    """Replace the first ``old`` by ``new`` in ``file``; return the 1-based line of the change."""
    path = bundle / file
    text = path.read_text(encoding="utf-8")
    assert old in text, (file, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line_of(path.read_text(encoding="utf-8"), new.strip().splitlines()[-1])


def with_full_records(bundle: Path) -> Path:
    """The minimal bundle with enum columns in its roster and monitoring files."""
    (bundle / "records" / "roster.csv").write_text(ROSTER, encoding="utf-8")
    (bundle / "records" / "monitoring.csv").write_text(MONITORING, encoding="utf-8")
    return bundle


@dataclass(frozen=True)
class Typo:
    id: str
    file: str
    old: str
    new: str
    suggestion: str
    column: bool = True
    """Whether the location has a column (bundle.yaml) or only a line (record files)."""


TYPOS = [
    Typo("channel-phone", "bundle.yaml", "channels: [voice]", "channels: [phone]", "voice"),
    Typo("channel-misspelt", "bundle.yaml", "channels: [voice]", "channels: [voise]", "voice"),
    Typo("channel-capitalised", "bundle.yaml", "channels: [voice]", "channels: [Voice]", "voice"),
    Typo("channel-chat-misspelt", "bundle.yaml", "channels: [voice]", "channels: [voice, caht]", "chat"),
    Typo(
        "operation-wah", "bundle.yaml", "operations: [inbound]", "operations: [inbound, wah]", "work_at_home"
    ),
    Typo(
        "operation-work-at-home-hyphen",
        "bundle.yaml",
        "operations: [inbound]",
        "operations: [inbound, work-at-home]",
        "work_at_home",
    ),
    Typo("operation-misspelt", "bundle.yaml", "operations: [inbound]", "operations: [inbond]", "inbound"),
    Typo(
        "operation-outbound",
        "bundle.yaml",
        "operations: [inbound]",
        "operations: [inbound, outbund]",
        "outbound",
    ),
    Typo(
        "document-type",
        "bundle.yaml",
        "type: privacy_policy",
        "type: privacy_polcy",
        "privacy_policy",
    ),
    Typo(
        "document-type-plural",
        "bundle.yaml",
        "type: complaints_procedure",
        "type: complaint_procedures",
        "complaints_procedure",
    ),
    Typo(
        "topic",
        "bundle.yaml",
        "    type: privacy_policy\n",
        "    type: privacy_policy\n    topics: [qualty]\n",
        "quality",
    ),
    Typo(
        "topic-hyphen",
        "bundle.yaml",
        "    type: privacy_policy\n",
        "    type: privacy_policy\n    topics: [customer-experience]\n",
        "customer_experience",
    ),
    Typo("record-set-name", "bundle.yaml", "  monitoring:\n", "  monitorng:\n", "monitoring"),
    Typo("record-set-name-singular", "bundle.yaml", "  roster:\n", "  rosters:\n", "roster"),
    Typo("role-upper", "records/roster.csv", "S002,CSS,", "S002,CSSS,", "CSS", column=False),
    Typo("role-lower", "records/roster.csv", "S002,CSS,", "S002,csss,", "CSS", column=False),
    Typo("role-supervisor", "records/roster.csv", "S002,CSS,", "S002,supervisr,", "supervisor", column=False),
    Typo(
        "enum-work-mode", "records/roster.csv", "permanent,office", "permanent,ofice", "office", column=False
    ),
    Typo(
        "enum-employment-type",
        "records/roster.csv",
        "S002,CSS,temporary",
        "S002,CSS,temprary",
        "temporary",
        column=False,
    ),
    Typo("enum-method", "records/monitoring.csv", ",remote,", ",remot,", "remote", column=False),
    Typo(
        "enum-side-by-side",
        "records/monitoring.csv",
        ",remote,",
        ",side-by-side,",
        "side_by_side",
        column=False,
    ),
]


def test_the_corpus_has_at_least_15_distinct_typos() -> None:
    assert len({t.id for t in TYPOS}) == len(TYPOS) >= 15


@pytest.mark.parametrize("typo", TYPOS, ids=[t.id for t in TYPOS])
def test_a_typo_is_refused_with_a_location_and_a_suggestion(typo: Typo, tmp_path: Path) -> None:
    bundle = with_full_records(copy_minimal(tmp_path / "bundle"))
    line = edit(bundle, typo.file, typo.old, typo.new)
    result = validate(bundle)
    assert result.exit_code == 2, result.output
    located = re.escape(str(bundle / typo.file)) + f":{line}:" + (r"\d+: " if typo.column else " ")
    assert re.search(located, result.stderr), result.stderr
    assert f'did you mean "{typo.suggestion}"?' in result.stderr, result.stderr


def test_an_unknown_word_lists_the_known_ones(tmp_path: Path) -> None:
    bundle = copy_minimal(tmp_path / "bundle")
    line = edit(bundle, "bundle.yaml", "channels: [voice]", "channels: [phone]")
    result = validate(bundle)
    assert f'bundle.yaml:{line}:14: unknown channel "phone"; did you mean "voice"? known: voice, email' in (
        result.stderr
    )


def test_a_record_set_with_an_explicit_type_may_have_another_name(tmp_path: Path) -> None:
    bundle = with_full_records(copy_minimal(tmp_path / "bundle"))
    edit(bundle, "bundle.yaml", "  monitoring:\n", "  monitoring_2025:\n    type: monitoring\n")
    result = validate(bundle)
    assert result.exit_code == 0, result.output


# ------------------------------------------------------------------- scope contradictions


def test_home_workers_without_work_at_home_in_scope_are_a_located_warning(tmp_path: Path) -> None:
    bundle = with_full_records(copy_minimal(tmp_path / "bundle"))
    row = edit(bundle, "records/roster.csv", "S002,CSS,temporary,office", "S002,CSS,temporary,home")
    manifest = (bundle / "bundle.yaml").read_text(encoding="utf-8")
    result = validate(bundle)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok:")
    expected = f"{bundle / 'bundle.yaml'}:{line_of(manifest, 'operations:')}: warning: 1 staff have"
    assert expected in result.stderr, result.stderr
    assert f"records/roster.csv:{row}" in result.stderr and '"work_at_home"' in result.stderr
    edit(bundle, "bundle.yaml", "operations: [inbound]", "operations: [inbound, work_at_home]")
    assert "warning" not in validate(bundle).stderr


@pytest.mark.parametrize(
    ("record_set", "word"), [("chat_sessions", "chat"), ("outbound_attempts", "outbound")]
)
def test_records_outside_the_declared_scope_are_a_located_warning(
    tmp_path: Path, record_set: str, word: str
) -> None:
    bundle = copy_minimal(tmp_path / "bundle")
    record_type = builtin_record_types()[record_set]
    required = [c for c in record_type.columns if c.required]
    header = ",".join(c.name for c in required)
    values = ",".join(c.example for c in required)
    (bundle / "records" / f"{record_set}.csv").write_text(f"{header}\n{values}\n", encoding="utf-8")
    edit(
        bundle,
        "bundle.yaml",
        "records:\n",
        f"records:\n  {record_set}:\n    path: records/{record_set}.csv\n    encoding: utf-8\n",
    )
    manifest = (bundle / "bundle.yaml").read_text(encoding="utf-8")
    key = "channels:" if word == "chat" else "operations:"
    result = validate(bundle)
    assert result.exit_code == 0, result.output
    expected = f"{bundle / 'bundle.yaml'}:{line_of(manifest, key)}: warning: "
    assert expected in result.stderr and f'"{word}" is not in scope' in result.stderr, result.stderr


# ------------------------------------------------------------------------ overlapping spells


def test_overlapping_employment_spells_are_refused_naming_both_rows(tmp_path: Path) -> None:
    bundle = with_full_records(copy_minimal(tmp_path / "bundle"))
    roster = bundle / "records" / "roster.csv"
    roster.write_text(
        roster.read_text(encoding="utf-8") + "S001,supervisor,permanent,office,2025-01-01,2025-01-01,,\n",
        encoding="utf-8",
    )
    result = validate(bundle)
    assert result.exit_code == 2, result.output
    assert f"{roster}:2: " in result.stderr and f"{roster}:4 " in result.stderr, result.stderr
    assert "overlapping employment spells" in result.stderr


def test_a_transfer_ending_the_day_the_next_spell_begins_is_accepted(tmp_path: Path) -> None:
    bundle = with_full_records(copy_minimal(tmp_path / "bundle"))
    roster = bundle / "records" / "roster.csv"
    roster.write_text(
        ROSTER.replace("2024-04-01,,\n", "2024-04-01,2025-01-01,transfer\n", 1)
        + "S001,supervisor,permanent,office,2025-01-01,2025-01-01,,\n",
        encoding="utf-8",
    )
    result = validate(bundle)
    assert result.exit_code == 0, result.output


# ------------------------------------------------------------------------------ roles


def _outcomes(bundle: Path) -> tuple[dict[str, str], list[str]]:
    result = assess(AssessOptions(bundle=bundle, as_of=dt.date(2026, 1, 15))).result
    return {r.rule_id: r.outcome.value for r in result.rules}, sorted(f.id for f in result.findings)


def test_roles_in_another_case_are_read_as_the_declared_role(tmp_path: Path) -> None:
    upper = tmp_path / "upper"
    shutil.copytree(demo_bundle(), upper)
    lower = tmp_path / "lower"
    shutil.copytree(demo_bundle(), lower)
    roster = lower / "records" / "roster.csv"
    text = roster.read_text(encoding="utf-8")
    assert ",CSS," in text and ",supervisor," in text
    roster.write_text(
        text.replace(",CSS,", ",css,").replace(",supervisor,", ",Supervisor,"), encoding="utf-8"
    )
    checked = validate(lower, "2025-06-01")  # before the demo's waivers expire
    assert checked.exit_code == 0 and checked.stderr == "", checked.output
    outcomes, findings = _outcomes(lower)
    assert (outcomes, findings) == _outcomes(upper)
    assert outcomes["copc.3.5.monthly-monitoring"] not in ("not_applicable", "not_assessed")


# ------------------------------------------------------------------- the vocabulary itself


def test_the_shipped_packs_and_catalogues_use_only_vocabulary_words() -> None:
    import yaml

    vocabulary = builtin_vocabulary()
    used: dict[str, set[str]] = {"channels": set(), "operations": set(), "types": set(), "topics": set()}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key in ("channels", "operations"):
                if isinstance(node.get(key), list):
                    used[key].update(node[key])
            if node.get("kind") == "document":
                used["types"].update(node["types"])
                topics = node.get("topics") or {}
                used["topics"].update(topics.get("all_of", []), topics.get("any_of", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in [*builtin_packs(), *builtin_catalogues()]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert used["channels"] <= set(vocabulary.channels)
    assert used["operations"] <= set(vocabulary.operations)
    assert used["types"] <= set(vocabulary.document_types)
    assert used["topics"] <= set(vocabulary.topics)
    assert set(vocabulary.hints.values()) <= set(vocabulary.channels) | set(vocabulary.operations)


def test_the_vocabulary_page_lists_the_shipped_vocabulary() -> None:
    page = (Path(__file__).resolve().parent.parent / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    vocabulary = builtin_vocabulary()
    for word in [
        *vocabulary.channels,
        *vocabulary.operations,
        *vocabulary.document_types,
        *vocabulary.topics,
    ]:
        assert f"`{word}`" in page, word
