"""`ccc-audit init` fits the centre: encoding detected, every template the packs read, scoped questions."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from ccc_audit.app.setup import prepare
from ccc_audit.cli.main import cli
from ccc_audit.engine.dependencies import record_sets_read
from ccc_audit.models.rulepack import Rule


def _run(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(cli, list(args))
    return done.exit_code, done.output


def _init(folder: Path, *options: str) -> dict[str, object]:
    code, output = _run("init", str(folder), *options)
    assert code == 0, output
    code, output = _run("validate", str(folder))
    assert code == 0, output
    manifest = yaml.safe_load((folder / "bundle.yaml").read_text("utf-8"))
    assert isinstance(manifest, dict)
    return manifest


def _rules() -> list[Rule]:
    return [rule for _, rule in prepare(()).library.rules()]


def _questions(folder: Path) -> set[str]:
    text = (folder / "bundle.yaml").read_text("utf-8")
    return {line.split("id:", 1)[1].strip() for line in text.splitlines() if line.startswith("#  - id:")}


def test_init_pins_no_encoding_so_cp932_is_detected(tmp_path: Path) -> None:
    manifest = _init(tmp_path / "centre")
    records = manifest["records"]
    assert isinstance(records, dict) and records
    assert {spec["encoding"] for spec in records.values()} == {"auto"}


def test_init_writes_a_template_for_every_record_set_the_packs_read(tmp_path: Path) -> None:
    manifest = _init(tmp_path / "centre")
    read = set().union(*(record_sets_read(rule) for rule in _rules()))
    assert len(read) >= 20
    records = manifest["records"]
    assert isinstance(records, dict)
    assert set(records) == read
    for name in read:
        header = (tmp_path / "centre" / "records" / f"{name}.csv").read_text("utf-8-sig").splitlines()
        assert header and header[0].split(","), name
    minimal = _init(tmp_path / "minimal", "--minimal")["records"]
    assert isinstance(minimal, dict) and 0 < len(minimal) < len(read)


def _inbound_voice_centre(rule: Rule) -> bool:
    """Whether the rule applies to an inbound voice contact centre (init's default scope)."""
    cond = rule.applies_to
    return (
        (not cond.operations or "inbound" in cond.operations)
        and (not cond.channels or "voice" in cond.channels)
        and (not cond.roles or "contact_centre" in cond.roles)
    )


def test_init_asks_only_the_questions_the_declared_scope_makes_applicable(tmp_path: Path) -> None:
    _init(tmp_path / "inbound")
    inbound = _questions(tmp_path / "inbound")
    outside = {rule.id for rule in _rules() if not _inbound_voice_centre(rule)}
    assert inbound and outside and not inbound & outside
    assert not any("outbound" in q or "chat" in q or q.startswith("iso18295-2") for q in inbound)

    _init(tmp_path / "wider", "--channels", "voice,chat", "--operations", "inbound,outbound")
    wider = _questions(tmp_path / "wider")
    assert inbound < wider
    assert any("outbound" in q for q in wider) and any("chat" in q for q in wider)

    _init(tmp_path / "client", "--role", "client")
    assert all(q.startswith("iso18295-2") for q in _questions(tmp_path / "client"))


def test_the_exported_questionnaire_follows_the_bundle_scope(tmp_path: Path) -> None:
    _init(tmp_path / "inbound")
    out = tmp_path / "q.xlsx"
    code, output = _run(
        "questionnaire", "export", str(tmp_path / "inbound"), "--out", str(out), "--lang", "en"
    )
    assert code == 0, output
    sheet = load_workbook(out).worksheets[0]
    asked = {str(sheet.cell(r, 1).value) for r in range(2, sheet.max_row + 1)}
    assert asked == _questions(tmp_path / "inbound")


def test_init_refuses_a_channel_or_operation_outside_the_vocabulary(tmp_path: Path) -> None:
    code, output = _run("init", str(tmp_path / "x"), "--channels", "voice,phone")
    assert code == 2 and 'unknown channel "phone"; did you mean "voice"?' in output
    code, output = _run("init", str(tmp_path / "x"), "--operations", "inbond")
    assert code == 2 and 'unknown operation "inbond"; did you mean "inbound"?' in output
    assert not (tmp_path / "x").exists()
