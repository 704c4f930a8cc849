"""One meaning of each change between two results, in the gate, the progress section, diff and
the register; results that cannot be compared are refused or said to be."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from demo_result import AS_OF, assess_demo

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.app.register_update import read_register, update_register
from ccc_audit.cli.main import cli
from ccc_audit.models.common import Grade
from ccc_audit.models.result import AssessmentResult, Outcome
from ccc_audit.resources import demo_bundle, demo_client_bundle
from ccc_audit.results.comparison import Change, compare
from ccc_audit.results.verdict import decide

NOW = assess_demo()


def _write(path: Path, result: AssessmentResult) -> Path:
    path.write_text(result.model_dump_json(), "utf-8")
    return path


def test_a_profile_change_never_reports_excluded_findings_as_resolved(tmp_path: Path) -> None:
    everything = NOW
    copc_only = assess(AssessOptions(demo_bundle(), AS_OF, profile="copc-readiness", language="ja")).result
    iso_findings = {f.id for f in everything.findings if f.rule_id.startswith("iso18295")}
    assert iso_findings, "the demo has ISO 18295-1 findings"
    excluded = {r.rule_id for r in copc_only.rules if r.outcome is Outcome.EXCLUDED}
    assert {f.rule_id for f in everything.findings if f.id in iso_findings} <= excluded

    progress = compare(everything, copc_only)
    assert {c.id for c in progress.of(Change.NOT_REASSESSED)} == iso_findings
    assert not {c.id for c in progress.of(Change.RESOLVED)} & iso_findings

    verdict = decide(copc_only, baseline=everything)
    assert {f.id for f in verdict.not_reassessed} == iso_findings
    assert not {f.id for f in verdict.resolved} & iso_findings

    register = tmp_path / "car.csv"
    update_register(register, everything, "en")
    done = update_register(register, copc_only, "en")
    assert done.not_reassessed == len(iso_findings)
    rows = {row["finding_id"]: row for row in read_register(register).rows}
    for finding_id in iso_findings:
        assert "resolved" not in rows[finding_id]["assessment"]

    old, new = _write(tmp_path / "old.json", everything), _write(tmp_path / "new.json", copc_only)
    printed = CliRunner().invoke(cli, ["diff", str(old), str(new), "--lang", "en"]).output
    assert f"Not re-assessed {len(iso_findings)}" in printed


def test_register_update_refuses_another_organisations_result(tmp_path: Path) -> None:
    client = assess(AssessOptions(demo_client_bundle(), AS_OF, language="en")).result
    register = tmp_path / "car.xlsx"
    result, foreign = _write(tmp_path / "centre.json", NOW), _write(tmp_path / "client.json", client)
    runner = CliRunner()
    assert runner.invoke(cli, ["register", "update", str(register), "--result", str(result)]).exit_code == 0
    before = register.read_bytes()

    refused = runner.invoke(cli, ["register", "update", str(register), "--result", str(foreign)])

    assert refused.exit_code == 2
    assert f'"{client.scope.organisation_id}"' in refused.output
    assert f'"{NOW.scope.organisation_id}"' in refused.output
    assert register.read_bytes() == before, "nothing was written"
    allowed = runner.invoke(
        cli, ["register", "update", str(register), "--result", str(foreign), "--allow-other-organisation"]
    )
    assert allowed.exit_code == 0, allowed.output


def test_register_update_refuses_a_result_older_than_its_latest(tmp_path: Path) -> None:
    register = tmp_path / "car.csv"
    older = NOW.model_copy(update={"as_of": dt.date(2025, 10, 15)})
    newer, old = _write(tmp_path / "new.json", NOW), _write(tmp_path / "old.json", older)
    runner = CliRunner()
    assert runner.invoke(cli, ["register", "update", str(register), "--result", str(newer)]).exit_code == 0

    refused = runner.invoke(cli, ["register", "update", str(register), "--result", str(old)])

    assert refused.exit_code == 2
    assert "2025-10-15" in refused.output and AS_OF.isoformat() in refused.output
    allowed = runner.invoke(cli, ["register", "update", str(register), "--result", str(old), "--allow-older"])
    assert allowed.exit_code == 0, allowed.output


def _minor_then_major_waived() -> tuple[AssessmentResult, AssessmentResult, str]:
    minor = next(f for f in NOW.findings if f.grade is Grade.MINOR and not f.waived)
    later = [
        f.model_copy(update={"grade": Grade.MAJOR, "waived": True}) if f.id == minor.id else f
        for f in NOW.findings
    ]
    after = NOW.model_copy(update={"findings": later, "as_of": dt.date(2026, 4, 15)})
    return NOW, after, minor.id


@pytest.mark.parametrize("where", ["gate", "progress", "diff", "register"])
def test_minor_unwaived_then_major_waived_is_regressed_everywhere(where: str, tmp_path: Path) -> None:
    before, after, finding_id = _minor_then_major_waived()
    if where == "gate":
        status = decide(after, baseline=before).status(finding_id)
        assert status is not None and status.change is Change.REGRESSED
        assert not status.blocking, "a waived finding never fails the run"
    elif where == "progress":
        assert compare(before, after).change_of(finding_id) is Change.REGRESSED
    elif where == "diff":
        old, new = _write(tmp_path / "old.json", before), _write(tmp_path / "new.json", after)
        printed = CliRunner().invoke(cli, ["diff", str(old), str(new), "--lang", "en"]).output
        assert any(line.startswith(f"Regressed  {finding_id}") for line in printed.splitlines()), printed
    else:
        register = tmp_path / "car.csv"
        update_register(register, before, "en")
        done = update_register(register, after, "en")
        assert (done.regressed, done.improved) == (1, 0)
        row = next(r for r in read_register(register).rows if r["finding_id"] == finding_id)
        assert "regressed (Minor nonconformity → Major nonconformity)" in row["history"], row["history"]


def test_a_result_names_what_produced_it() -> None:
    document = json.loads(NOW.model_dump_json())
    assert document["fingerprint"] == NOW.fingerprint
    other = assess(AssessOptions(demo_bundle(), AS_OF, profile="copc-readiness", language="ja")).result
    assert other.fingerprint != NOW.fingerprint
    again = assess(AssessOptions(demo_bundle(), AS_OF + dt.timedelta(days=1), language="ja")).result
    assert again.fingerprint == NOW.fingerprint, "the date assessed is not part of what produced it"
