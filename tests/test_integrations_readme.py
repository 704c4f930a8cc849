"""The README's pre-commit configuration, exactly as shown, on a repository with the bundle in a
subfolder (in a file of its own so that it runs beside the other pre-commit tests, not after them)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from bundle_factory import write_bundle
from test_integrations import BIN, ROOT, _environment, _git


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


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
