"""Broken inputs are refused with exit code 2, a located message and no output files.

Every case starts from the committed minimal valid bundle (``tests/fixtures/minimal``), copied to
a temporary folder and broken by a small text edit, or pairs it with a broken rule pack or
profile committed under ``tests/broken/<case>/``.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from bundle_factory import MINIMAL, TESTS, copy_minimal, line_of
from click.testing import CliRunner, Result
from hostile_cases import HOSTILE as HOSTILE_INPUTS
from hostile_cases import PACK, Hostile
from hostile_records import RECORD_CASES

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


# --- Hostile inputs and faults (issue 14): cases in tests/hostile_cases.py -------------------------


def _state(folder: Path | None) -> dict[str, bytes] | None:
    """Every file under ``folder`` with its bytes (None when absent): to prove nothing was written."""
    if folder is None or not folder.exists():
        return None
    if folder.is_file():
        return {"": folder.read_bytes()}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _one_line_per_problem(stderr: str) -> None:
    """stderr holds only ``error: …`` lines and the count: no value started a line of its own."""
    for line in stderr.splitlines():
        assert line.startswith("error: ") or line.endswith("found; nothing was written."), repr(line)


HOSTILE = HOSTILE_INPUTS + RECORD_CASES
"""Every hostile case: inputs and faults, then record files located by their reader."""


def test_there_are_at_least_50_hostile_cases() -> None:
    assert len({c.id for c in HOSTILE}) == len(HOSTILE) >= 50


@pytest.mark.parametrize("case", HOSTILE, ids=[c.id for c in HOSTILE])
def test_hostile_input_is_refused_with_a_located_message(
    case: Hostile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTEST_HOSTILE_TMP", str(tmp_path.parent))
    run = case.prepare(tmp_path)
    watched = run.out or tmp_path / "out"
    before = _state(watched)

    result = invoke(run.args)

    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert run.located in result.stderr, f"{run.located!r} not in:\n{result.stderr}"
    assert case.phrase in result.stderr, result.stderr
    _one_line_per_problem(result.stderr)
    assert not result.stdout
    assert _state(watched) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # no staging folder left


BOUNDED = [c for c in HOSTILE if c.bounded and c.subprocess_ok]


ADDRESS_SPACE = 2 << 30
"""The child's address-space limit. DuckDB reserves virtual memory per thread at start, so 1 GiB
aborts before any file is read; resident memory is asserted separately (under 500 MiB)."""


def _limited() -> None:
    """In the child: at most ADDRESS_SPACE bytes of address space."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


@pytest.mark.parametrize("case", BOUNDED, ids=[c.id for c in BOUNDED])
def test_unbounded_input_ends_with_exit_2_in_10_seconds_and_under_500_mib(
    case: Hostile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import resource
    import time

    monkeypatch.setenv("PYTEST_HOSTILE_TMP", str(tmp_path.parent))
    run = case.prepare(tmp_path)
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "ccc_audit", *run.args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=_limited,
        env={**os.environ, "CCC_AUDIT_CACHE_DIR": str(tmp_path / "cache")},
    )
    elapsed = time.monotonic() - started
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert run.located in proc.stderr
    assert case.phrase in proc.stderr
    assert elapsed < 10, f"{elapsed:.1f} s"
    assert peak_mib < 500, f"{peak_mib:.0f} MiB"


# --- Faults that are not input errors: interruption, cache, full disk, hostile text in reports ------

HOSTILE_TEXT = "<script>alert(1)</script><img src=x onerror=alert(2)>![t](https://evil.example/t.png)\u202e"


def test_hostile_text_is_inert_in_every_report(tmp_path: Path) -> None:
    bundle = copy_minimal(tmp_path / "bundle")
    hostile = HOSTILE_TEXT.replace('"', "'")
    replace("name: Mini Contact Centre", f'name: "{hostile} | x\\n# heading"')(bundle)
    replace("name: Tokyo centre", f'name: "{hostile}"')(bundle)
    replace("title: Privacy policy", f'title: "{hostile}"')(bundle)
    replace(
        "justification: The workforce plan is being rewritten for the new site.",
        f'justification: "{hostile}\\n\\n<iframe src=https://evil.example>"',
    )(bundle)
    out = tmp_path / "out"

    result = invoke(["assess", str(bundle), *PACK, "--out", str(out), "--format", "json,md,html"])

    assert result.exit_code in (0, 1), result.stderr
    html = (out / "gap-report.en.html").read_text("utf-8")
    for live in ("<script>alert", "<img src=x", "<iframe", "\u202e"):
        assert live not in html, live
    raw_json = (out / "assessment.json").read_text("utf-8")
    assert "\u202e" not in raw_json  # written as the escape \\u202e: the same data, shown inert
    assert "<script>alert(1)</script>" in raw_json  # JSON is data: kept as given
    markdown = (out / "gap-report.en.md").read_text("utf-8")
    # Markdown shows a backslash-escaped character as itself: no raw HTML, link or image is left.
    for live in (r"(?<!\\)<(script|img|iframe)", r"(?<!\\)\]\(https://evil", "\u202e"):
        assert re.search(live, markdown) is None, live
    assert "\\u202e" in raw_json
    assert "\n# heading" not in markdown  # a newline cannot open a heading in a table cell


def test_bidi_controls_never_reach_a_ci_output(tmp_path: Path) -> None:
    bundle = copy_minimal(tmp_path / "bundle")
    replace("name: Mini Contact Centre", 'name: "Mini \u202eertnec"')(bundle)
    replace("title: Privacy policy", 'title: "Privacy \u202epolicy"')(bundle)
    out = tmp_path / "ci"
    formats = [f"{name}:{out / name}" for name in ("text", "json", "junit", "sarif", "github", "gitlab")]
    arguments = ["check", str(bundle), *PACK, "--show", "all", "--sarif-all"]

    result = invoke([*arguments, *(option for f in formats for option in ("--format", f))])

    assert result.exit_code in (0, 1), result.stderr
    for name in ("text", "json", "junit", "sarif", "github", "gitlab"):
        assert "\u202e" not in (out / name).read_text("utf-8"), name


def test_ctrl_c_exits_130_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ccc_audit.app.assess as app_assess

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(app_assess, "run", interrupted)
    out = tmp_path / "out"

    result = invoke(["assess", str(MINIMAL), *PACK, "--out", str(out)])

    assert result.exit_code == 130, result.output
    assert "interrupted" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_an_unusable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x", "utf-8")
    out = tmp_path / "out"

    result = invoke(
        ["assess", str(MINIMAL), *PACK, "--out", str(out), "--cache-dir", str(tmp_path / "plain" / "c")]
    )

    assert result.exit_code in (0, 1), result.output
    assert "cache" in result.stdout
    notices = json.loads((out / "assessment.json").read_text("utf-8"))["notices"]
    assert [n["code"] for n in notices if n["code"] == "cache_unusable"] == ["cache_unusable"]


def test_no_home_folder_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ccc_audit.records.parsed_cache import default_cache_dir

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    for name in ("HOME", "XDG_CACHE_HOME", "CCC_AUDIT_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert default_cache_dir() is None

    result = invoke(["assess", str(MINIMAL), *PACK, "--out", str(tmp_path / "out")])

    assert result.exit_code in (0, 1), result.output


def test_a_full_disk_leaves_the_earlier_output_set_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import ccc_audit.files.writing as writing

    out = tmp_path / "out"
    first = invoke(["assess", str(MINIMAL), *PACK, "--out", str(out), "--format", "json,md,csv,html"])
    assert first.exit_code in (0, 1)
    (out / "my-notes.txt").write_text("a person's work\n", "utf-8")
    before = _state(out)
    real = writing._write_file
    calls = []

    def full_disk(path: Path, content: bytes) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, content)

    monkeypatch.setattr(writing, "_write_file", full_disk)

    result = invoke(
        [
            "assess",
            str(MINIMAL),
            *PACK,
            "--as-of",
            "2026-02-01",
            "--out",
            str(out),
            "--format",
            "json,md,csv,html",
        ]
    )

    assert result.exit_code == 2, result.output
    assert f"error: {out}: cannot write the output files: No space left on device" in result.stderr
    assert _state(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")] == []


def test_a_read_only_output_folder_is_a_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import ccc_audit.files.writing as writing

    def read_only(*_args: object, **_kwargs: object) -> str:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(writing, "tempfile", SimpleNamespace(mkdtemp=read_only))
    out = tmp_path / "out"

    result = invoke(["assess", str(MINIMAL), *PACK, "--out", str(out)])

    assert result.exit_code == 2, result.output
    assert f"error: {out}: cannot write the output files: Permission denied" in result.stderr
    assert not out.exists()


def test_a_trailing_sql_comment_passes_validate_and_assess(tmp_path: Path) -> None:
    pack = str(BROKEN / "pack_sql_trailing_comment" / "pack.yaml")
    assert invoke(["validate", str(MINIMAL), "--pack", pack, "--as-of", AS_OF]).exit_code == 0
    result = invoke(
        ["assess", str(MINIMAL), "--pack", pack, "--as-of", AS_OF, "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
