"""Broken inputs are refused with exit code 2, a located message and no output files.

Every case starts from the committed minimal valid bundle (``tests/fixtures/minimal``), copied to
a temporary folder and broken by a small text edit, or pairs it with a broken rule pack or
profile committed under ``tests/broken/<case>/``.
"""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from bundle_factory import MINIMAL, TESTS, copy_minimal, line_of
from click.testing import CliRunner, Result

from ccc_audit.cli.main import cli

BROKEN = TESTS / "broken"
AS_OF = "2026-01-15"

Edit = Callable[[Path], None]


def no_edit(_bundle: Path) -> None:
    """Leave the bundle as it is (the broken file is a pack or profile)."""


def replace(old: str, new: str, file: str = "bundle.yaml") -> Edit:
    """An edit replacing the first ``old`` by ``new`` in ``file`` of the bundle."""

    def edit(bundle: Path) -> None:
        path = bundle / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {file}; was the minimal fixture changed?"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def write_cp932(bundle: Path) -> None:
    """Save the manifest in Shift_JIS (CP932) with Japanese text in it."""
    path = bundle / "bundle.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "name: Tokyo centre", "name: 東京センター  # saved as cp932"
    )
    path.write_bytes(text.encode("cp932"))


def empty_manifest(bundle: Path) -> None:
    """Truncate the manifest to nothing but blank lines."""
    (bundle / "bundle.yaml").write_text("\n\n", encoding="utf-8")


def symlink_outside(bundle: Path) -> None:
    """Replace a document by a symbolic link to a file outside the bundle."""
    outside = bundle.parent / "outside-secret.md"
    outside.write_text("# Not part of the bundle\n", encoding="utf-8")
    document = bundle / "documents" / "privacy-policy.md"
    document.unlink()
    document.symlink_to(outside)


BOMB_ANCHORS = [chr(ord("a") + i) for i in range(9)]
ALIAS_BOMB = "bomb:\n" + "".join(
    f"  {name}: &{name} [" + ", ".join(['"lol"'] * 9 if i == 0 else [f"*{BOMB_ANCHORS[i - 1]}"] * 9) + "]\n"
    for i, name in enumerate(BOMB_ANCHORS)
)
"""Billion laughs: 9 ** 9 strings once every alias is expanded."""


@dataclass(frozen=True)
class Case:
    """One broken input and what the user must be told about it."""

    id: str
    edit: Edit
    shown: str
    """File named in the location (for a bad command-line value: the value itself)."""
    markers: tuple[str, ...]
    """The location's line is a line of ``shown`` holding one of these texts (empty: no line)."""
    phrase: str
    """Words naming the problem."""
    command: str = "assess"
    pack: str = "iso-18295-1-core"
    profile: str | None = None
    extra_phrases: tuple[str, ...] = field(default_factory=tuple)


CASES = [
    Case(
        "malformed_yaml",
        replace("role: contact_centre", "role: contact_centre: extra"),
        "bundle.yaml",
        ("role: contact_centre: extra",),
        "malformed YAML",
    ),
    Case(
        "duplicate_key",
        replace("language: en\n", "language: en\nrole: client\n"),
        "bundle.yaml",
        ("role: client",),
        "duplicate key 'role'",
        extra_phrases=("first defined at line 6",),
    ),
    Case(
        "unknown_key_did_you_mean",
        replace("language: en", "langauge: en"),
        "bundle.yaml",
        ("langauge",),
        'unknown key "langauge"',
        extra_phrases=('did you mean "language"?',),
    ),
    Case(
        "wrong_type_scalar_role",
        replace("role: contact_centre", "role: 5"),
        "bundle.yaml",
        ("role: 5",),
        "role: expected 'contact_centre' or 'client', got 5",
    ),
    Case(
        "wrong_type_list_for_mapping",
        replace(
            "organisation:\n  id: mini-cc\n  name: Mini Contact Centre",
            "organisation: [mini-cc, Mini Contact Centre]",
        ),
        "bundle.yaml",
        ("organisation: [",),
        "organisation: expected a valid dictionary",
    ),
    Case(
        "missing_document_file",
        replace("path: documents/privacy-policy.md", "path: documents/privacy-policy-v2.md"),
        "bundle.yaml",
        ("privacy-policy-v2.md",),
        'file "documents/privacy-policy-v2.md" not found in the bundle folder',
    ),
    Case(
        "path_with_dotdot",
        replace("path: documents/privacy-policy.md", "path: documents/../../privacy-policy.md"),
        "bundle.yaml",
        ("../../privacy-policy.md",),
        'contains ".."',
    ),
    Case(
        "absolute_path",
        replace("path: documents/privacy-policy.md", "path: /etc/hostname"),
        "bundle.yaml",
        ("/etc/hostname",),
        "is an absolute path",
    ),
    Case(
        "symlink_outside_bundle",
        symlink_outside,
        "bundle.yaml",
        ("path: documents/privacy-policy.md",),
        "leads outside the bundle folder",
    ),
    Case(
        "pack_unknown_requirement",
        no_edit,
        "pack.yaml",
        ('"iso-18295-1:4.99"',),
        'unknown requirement "iso-18295-1:4.99"',
        pack=str(BROKEN / "pack_unknown_requirement" / "pack.yaml"),
    ),
    Case(
        "alias_bomb",
        replace("language: en\n", "language: en\n" + ALIAS_BOMB),
        "bundle.yaml",
        tuple(f"&{name} [" for name in BOMB_ANCHORS),
        "alias bomb",
    ),
    Case(
        "recursive_alias",
        replace("language: en\n", "language: en\nloop: &loop [*loop]\n"),
        "bundle.yaml",
        ("&loop",),
        "nested more than",
    ),
    Case(
        "non_utf8_manifest",
        write_cp932,
        "bundle.yaml",
        ("# saved as cp932",),
        "the file is not UTF-8",
        extra_phrases=("CP932",),
    ),
    Case("empty_manifest", empty_manifest, "bundle.yaml", ("",), "the file is empty"),
    Case(
        "bad_date_in_manifest",
        replace("start: 2025-01-01", "start: 2025-13-01"),
        "bundle.yaml",
        ("start: 2025-13-01",),
        "2025-13-01",
        extra_phrases=("not a valid date",),
    ),
    Case(
        "expired_waiver_validate",
        replace("expires: 2026-03-31", "expires: 2025-12-31"),
        "bundle.yaml",
        ("expires: 2025-12-31",),
        'the waiver for "iso18295-1.7.workforce-plan" expired on 2025-12-31',
        command="validate",
    ),
    Case(
        "attestation_unknown_evidence",
        replace("evidence: [complaints-procedure]", "evidence: [complaints-procedur]"),
        "bundle.yaml",
        ("complaints-procedur]",),
        'evidence "complaints-procedur" is neither a document id nor a record-set name',
        extra_phrases=('did you mean "complaints-procedure"?',),
    ),
    Case(
        "pack_unknown_grade",
        no_edit,
        "pack.yaml",
        ("grade: critical",),
        "expected 'major', 'minor' or 'observation', got 'critical'",
        pack=str(BROKEN / "pack_unknown_grade" / "pack.yaml"),
    ),
    Case(
        "profile_looser_than_floor",
        no_edit,
        "profile.yaml",
        ("monitoring_window: quarter",),
        "is looser than the pack's floor month",
        pack="copc-cx-r7-core",
        profile=str(BROKEN / "profile_looser_than_floor" / "profile.yaml"),
        extra_phrases=("deviations",),
    ),
    Case(
        "record_csv_bad_date",
        replace("EV003,S001,2025-03-15", "EV003,S001,2025-13-01", file="records/monitoring.csv"),
        "monitoring.csv",
        ("2025-13-01",),
        'column "date": "2025-13-01" is not a date',
        pack="copc-cx-r7-core",
    ),
    Case(
        "unknown_pack_id",
        no_edit,
        "no-such-pack",
        (),
        "unknown rule pack",
        pack="no-such-pack",
        extra_phrases=("copc-cx-r7-core", "iso-18295-1-core"),
    ),
    Case(
        "python_tag",
        replace("  name: Mini Contact Centre", '  name: !!python/object/apply:os.system ["echo pwned"]'),
        "bundle.yaml",
        ("!!python/object/apply",),
        "is not allowed; only plain YAML data is",
    ),
]


def _file_of(case: Case, bundle: Path) -> Path:
    if case.shown == "pack.yaml":
        return Path(case.pack)
    if case.shown == "profile.yaml":
        assert case.profile is not None
        return Path(case.profile)
    if case.shown == "monitoring.csv":
        return bundle / "records" / "monitoring.csv"
    return bundle / case.shown


def expected_lines(case: Case, bundle: Path) -> set[int]:
    """Lines the location may point at: those of the broken file holding a marker."""
    if not case.markers:
        return set()
    text = _file_of(case, bundle).read_bytes().decode("utf-8", errors="replace")
    if not text.strip():
        return {1}
    return {line_of(text, marker) for marker in case.markers}


def arguments(case: Case, bundle: Path, out: Path) -> list[str]:
    """Command line of a case."""
    args = [case.command, str(bundle), "--pack", case.pack, "--as-of", AS_OF]
    if case.profile:
        args += ["--profile", case.profile]
    if case.command == "assess":
        args += ["--out", str(out)]
    return args


def runner() -> CliRunner:
    """A runner keeping stderr apart from stdout (click < 8.2 needs mix_stderr=False for that)."""
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        options: dict[str, Any] = {"mix_stderr": False}
        return CliRunner(**options)
    return CliRunner()


def invoke(args: list[str]) -> Result:
    """Run the CLI in-process."""
    return runner().invoke(cli, args)


def test_minimal_fixture_is_valid_for_both_packs(tmp_path: Path) -> None:
    # The broken variants below are only meaningful if the unbroken bundle is accepted.
    for pack in ("iso-18295-1-core", "copc-cx-r7-core"):
        out = tmp_path / pack
        result = invoke(["assess", str(MINIMAL), "--pack", pack, "--as-of", AS_OF, "--out", str(out)])
        assert result.exit_code in (0, 1), result.stderr
        assert "error:" not in result.stderr
        data = json.loads((out / "assessment.json").read_text(encoding="utf-8"))
        assert data["packs"][0]["id"] == pack
    validated = invoke(["validate", str(MINIMAL), "--pack", "iso-18295-1-core", "--as-of", AS_OF])
    assert validated.exit_code == 0, validated.stderr
    assert validated.stdout.startswith("ok:")


def test_there_are_at_least_18_distinct_cases() -> None:
    assert len({c.id for c in CASES}) == len(CASES) >= 18


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_input_is_refused_with_a_located_message(case: Case, tmp_path: Path) -> None:
    bundle = copy_minimal(tmp_path / "bundle")
    case.edit(bundle)
    out = tmp_path / "out"

    result = invoke(arguments(case, bundle, out))

    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, result.output
    stderr = result.stderr
    assert "Traceback" not in result.output
    assert "Traceback" not in stderr
    lines = expected_lines(case, bundle)
    if lines:
        located = [f"{case.shown}:{line}:" for line in sorted(lines)]
        assert any(spot in stderr for spot in located), f"none of {located} in:\n{stderr}"
    else:
        assert f"error: {case.shown}: " in stderr
    assert case.phrase in stderr
    for phrase in case.extra_phrases:
        assert phrase in stderr
    assert "nothing was written" in stderr
    assert result.stdout == ""
    assert not out.exists() or not any(out.iterdir())


def test_every_problem_of_a_manifest_is_reported_at_once(tmp_path: Path) -> None:
    bundle = copy_minimal(tmp_path / "bundle")
    replace("role: contact_centre", "role: 5")(bundle)
    replace("language: en", "langauge: en")(bundle)
    out = tmp_path / "out"

    result = invoke(["assess", str(bundle), "--pack", "iso-18295-1-core", "--out", str(out)])

    assert result.exit_code == 2
    text = (bundle / "bundle.yaml").read_text(encoding="utf-8")
    assert f"bundle.yaml:{line_of(text, 'role: 5')}:" in result.stderr
    assert f"bundle.yaml:{line_of(text, 'langauge')}:" in result.stderr
    assert "2 problems found" in result.stderr
    assert not out.exists()


def test_expired_waiver_is_ignored_by_assess_with_a_notice(tmp_path: Path) -> None:
    bundle = copy_minimal(tmp_path / "bundle")
    replace("expires: 2026-03-31", "expires: 2025-12-31")(bundle)
    out = tmp_path / "out"

    result = invoke(
        ["assess", str(bundle), "--pack", "iso-18295-1-core", "--as-of", AS_OF, "--out", str(out)]
    )

    assert result.exit_code != 2, result.stderr
    assert result.exit_code == 1  # the workforce-plan finding now counts
    data = json.loads((out / "assessment.json").read_text(encoding="utf-8"))
    notices = [n for n in data["notices"] if n["code"] == "waiver_expired"]
    assert len(notices) == 1
    assert "iso18295-1.7.workforce-plan" in notices[0]["message"]["en"]
    assert "2025-12-31" in notices[0]["message"]["en"]
    rule = next(r for r in data["rules"] if r["rule_id"] == "iso18295-1.7.workforce-plan")
    assert rule["outcome"] == "fail"
    assert rule["waived"] is False
    finding = next(f for f in data["findings"] if f["rule_id"] == "iso18295-1.7.workforce-plan")
    assert finding["waived"] is False
    assert "expired" in result.stdout  # the summary repeats the notice


def test_valid_waiver_passes_validate_on_the_same_date() -> None:
    # Counterpart of the expired-waiver case: the unedited waiver (expires 2026-03-31) is fine.
    result = invoke(["validate", str(MINIMAL), "--pack", "iso-18295-1-core", "--as-of", AS_OF])
    assert result.exit_code == 0, result.stderr
    late = invoke(["validate", str(MINIMAL), "--pack", "iso-18295-1-core", "--as-of", "2026-04-01"])
    assert late.exit_code == 2
    assert "expired on 2026-03-31" in late.stderr


def test_python_tag_in_a_real_process_is_refused_without_traceback_or_side_effect(tmp_path: Path) -> None:
    bundle = copy_minimal(tmp_path / "bundle")
    marker = tmp_path / "PWNED"
    replace("  name: Mini Contact Centre", f'  name: !!python/object/apply:os.system ["touch {marker}"]')(
        bundle
    )
    out = tmp_path / "out"

    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ccc_audit",
            "assess",
            str(bundle),
            "--pack",
            "iso-18295-1-core",
            "--as-of",
            AS_OF,
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )

    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "Traceback" not in proc.stdout
    line = line_of((bundle / "bundle.yaml").read_text(encoding="utf-8"), "!!python")
    assert f"bundle.yaml:{line}:" in proc.stderr
    assert "python/object/apply:os.system" in proc.stderr
    assert "is not allowed" in proc.stderr
    assert not marker.exists()
    assert not out.exists()
