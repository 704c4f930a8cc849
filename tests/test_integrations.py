"""The integration files run as CI systems run them: the GitHub Action's check step, the GitLab
CI example's script, and the pre-commit hooks through ``pre-commit try-repo`` on a sample
evidence repository (pre-commit installs ccc-audit from this checkout into its own env)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from bundle_factory import write_bundle
from test_ci_reports import _sarif_schema

from ccc_audit.resources import demo_bundle

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DEMO_AS_OF = "2026-01-15"


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return {**env, **extra}


def _expressions(text: str, inputs: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m[1]], text)


def test_github_action_check_step_annotates_writes_sarif_and_reports_the_exit_code(tmp_path: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    defaults = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs = {
        **defaults,
        "bundle": str(demo_bundle()),
        "args": f"--as-of {DEMO_AS_OF}",
        "sarif-file": "out/c.sarif",
    }
    steps = {step.get("id", step["name"]): step for step in action["runs"]["steps"]}
    step = steps["check"]
    env = {key: _expressions(str(value), inputs) for key, value in step["env"].items()}
    outputs = tmp_path / "github-output"
    run = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", step["run"]],
        cwd=tmp_path,
        env=_environment(**env, GITHUB_OUTPUT=str(outputs)),
        capture_output=True,
        text=True,
        check=False,
    )

    assert run.returncode == 0, run.stderr
    assert outputs.read_text(encoding="utf-8").splitlines() == ["exit-code=1", "sarif-file=out/c.sarif"]
    assert re.search(r"^::error file=[^,]+/bundle\.yaml,line=\d+,title=", run.stdout, re.M)
    jsonschema.Draft4Validator(_sarif_schema()).validate(
        json.loads((tmp_path / "out/c.sarif").read_text("utf-8"))
    )
    upload = next(s for s in action["runs"]["steps"] if "upload-sarif" in s.get("uses", ""))
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"


def test_gitlab_example_writes_the_reports_it_declares(tmp_path: Path) -> None:
    config = yaml.safe_load((ROOT / "docs/ci/gitlab-ci.yml").read_text(encoding="utf-8"))
    job = config["ccc-audit"]
    shutil.copytree(demo_bundle(), tmp_path / job["variables"]["CCC_AUDIT_BUNDLE"])
    commands = [line for line in job["script"] if line.startswith("ccc-audit ")]
    assert len(commands) == 1
    run = subprocess.run(
        ["bash", "-c", f"{commands[0]} --as-of {DEMO_AS_OF}"],
        cwd=tmp_path,
        env=_environment(**job["variables"]),
        capture_output=True,
        text=True,
        check=False,
    )

    assert run.returncode == 1, run.stderr
    reports = job["artifacts"]["reports"]
    issues = json.loads((tmp_path / reports["codequality"]).read_text(encoding="utf-8"))
    assert issues and all(i["location"]["path"] == "evidence/bundle.yaml" for i in issues)
    assert (tmp_path / reports["junit"]).read_text(encoding="utf-8").startswith("<?xml")


# --- pre-commit ------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=ccc-audit test", "-c", "user.email=test@ccc-audit.invalid"]
    subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True, env=_environment())


def _evidence_repository(repo: Path) -> dict[str, Any]:
    """A sample evidence repository whose every gap is covered by a current waiver."""
    today = dt.date.today()
    period = {"start": dt.date(today.year - 1, 1, 1), "end": dt.date(today.year - 1, 12, 31)}
    write_bundle(repo, {"audit_period": period})
    listed = subprocess.run(
        [str(BIN / "ccc-audit"), "check", ".", "--format", "json"],
        cwd=repo,
        env=_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.returncode == 1, listed.stderr
    failing = sorted({f["rule_id"] for f in json.loads(listed.stdout)["findings"]})
    waivers = [
        {
            "rule": rule_id,
            "justification": "Evidence is being collected for the new centre.",
            "approved_by": "Operations Director",
            "expires": today + dt.timedelta(days=365),
        }
        for rule_id in failing
    ]
    description: dict[str, Any] = {"audit_period": period, "waivers": waivers}
    write_bundle(repo, description)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "evidence")
    return description


def _try_repo(repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "pre-commit"), "try-repo", str(ROOT), hook, "--all-files", "--color", "never"],
        cwd=repo,
        env=_environment(PRE_COMMIT_HOME=str(home)),
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def test_pre_commit_hooks_declare_what_pre_commit_requires() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["ccc-audit-validate", "ccc-audit-check"]
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python" and hook["pass_filenames"] is False


def test_pre_commit_try_repo_passes_then_fails_on_a_new_gap(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = tmp_path / "evidence"
    description = _evidence_repository(repo)

    for hook in ("ccc-audit-validate", "ccc-audit-check"):
        passed = _try_repo(repo, pre_commit_home, hook)
        assert passed.returncode == 0, passed.stdout + passed.stderr
        assert re.search(r"Passed$", passed.stdout, re.M), passed.stdout

    description["waivers"] = description["waivers"][1:]  # the first gap is no longer accepted
    write_bundle(repo, description)
    _git(repo, "commit", "-q", "-am", "withdraw a waiver")
    failed = _try_repo(repo, pre_commit_home, "ccc-audit-check")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"Failed$", failed.stdout, re.M)
    assert "- exit code: 1" in failed.stdout
    assert "Findings that fail the check (1):" in failed.stdout


def test_pre_commit_validate_hook_fails_on_an_expired_waiver(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = tmp_path / "evidence"
    description = _evidence_repository(repo)
    description["waivers"][0]["expires"] = dt.date.today() - dt.timedelta(days=1)
    write_bundle(repo, description)
    _git(repo, "commit", "-q", "-am", "let a waiver expire")

    failed = _try_repo(repo, pre_commit_home, "ccc-audit-validate")

    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "- exit code: 2" in failed.stdout
    assert "bundle.yaml:" in failed.stdout and "expired on" in failed.stdout


# --- the README's pre-commit configuration, verbatim but for repo and rev ---------------------


def _readme_block(heading: str, language: str, containing: str) -> str:
    """The code block of ``language`` holding ``containing`` in the README's section ``heading``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n### {heading}\n", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    blocks: list[str] = re.findall(rf"^```{language}\n(.*?)^```", section, re.M | re.S)
    return next(block for block in blocks if containing in block)


def _this_checkout_committed(tmp_path: Path) -> tuple[Path, str]:
    """This checkout's working tree, uncommitted changes included, as one commit of a throwaway
    repository (what ``pre-commit try-repo`` does): a ``repo`` and a ``rev`` to pin."""
    shadow = tmp_path / "ccc-audit"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        env=_environment(),
        capture_output=True,
        check=True,
    )
    for name in filter(None, listed.stdout.decode("utf-8").split("\0")):
        source = ROOT / name
        if source.is_file():
            (shadow / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, shadow / name)
    _git(shadow, "init", "-q")
    _git(shadow, "add", "-A")
    _git(shadow, "commit", "-q", "-m", "ccc-audit under test")
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"],
        cwd=shadow,
        env=_environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    return shadow, head.stdout.strip()


def _pre_commit_run(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "pre-commit"), "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=_environment(PRE_COMMIT_HOME=str(home)),
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def test_readme_pre_commit_config_gates_a_bundle_in_a_subfolder(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    source, sha = _this_checkout_committed(tmp_path)
    today = dt.date.today()
    privacy = {
        "id": "privacy",
        "type": "privacy_policy",
        "title": "Privacy policy",
        "approved_by": "Managing Director",
        "approved_on": today - dt.timedelta(days=100),
        "next_review_date": today + dt.timedelta(days=200),
    }
    period = {"start": dt.date(today.year - 1, 1, 1), "end": dt.date(today.year - 1, 12, 31)}
    description: dict[str, Any] = {"audit_period": period, "documents": [privacy]}
    repo = tmp_path / "evidence-repository"
    write_bundle(repo / "evidence", description)

    baseline = subprocess.run(
        ["bash", "-c", _readme_block("pre-commit", "sh", "--format json:")],
        cwd=repo,
        env=_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert baseline.returncode == 1, baseline.stderr  # gaps remain: that is what the baseline holds
    config = yaml.safe_load(_readme_block("pre-commit", "yaml", "repos:"))
    (entry,) = config["repos"]
    assert re.fullmatch(r"[0-9a-f]{40}", entry["rev"])
    entry.update(repo=str(source), rev=sha)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "evidence and its baseline")

    passed = _pre_commit_run(repo, pre_commit_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert len(re.findall(r"Passed$", passed.stdout, re.M)) == 2, passed.stdout

    privacy["next_review_date"] = today - dt.timedelta(days=1)
    write_bundle(repo / "evidence", description)
    _git(repo, "commit", "-q", "-am", "the privacy policy is overdue for review")
    failed = _pre_commit_run(repo, pre_commit_home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "- exit code: 1" in failed.stdout
    blocking = failed.stdout.split("Findings that fail the check (1):\n")[1].splitlines()[0]
    assert (
        blocking.startswith("  evidence/bundle.yaml:") and "iso18295-1.4.5.privacy-policy [new]" in blocking
    )
    assert "already in the baseline not shown" in failed.stdout

    description["waivers"] = [
        {
            "rule": "iso18295-1.4.5.privacy-policy",
            "justification": "The review is scheduled with the new data protection officer.",
            "approved_by": "Operations Director",
            "expires": today + dt.timedelta(days=30),
        }
    ]
    write_bundle(repo / "evidence", description)
    _git(repo, "commit", "-q", "-am", "waive the overdue review until it is done")
    waived = _pre_commit_run(repo, pre_commit_home)
    assert waived.returncode == 0, waived.stdout + waived.stderr
    assert len(re.findall(r"Passed$", waived.stdout, re.M)) == 2, waived.stdout
