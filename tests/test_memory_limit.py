"""DuckDB's memory limit is sized from the machine (issue 18) and can be set by the user."""

from __future__ import annotations

from pathlib import Path

import pytest
from bundle_factory import copy_minimal
from click.testing import CliRunner

from ccc_audit.cli.main import cli
from ccc_audit.errors import InputError
from ccc_audit.records.memory import ENV, available_bytes, memory_limit

GB = 1000**3


def test_the_default_is_sixty_percent_of_the_available_memory() -> None:
    assert memory_limit({}, available=10 * GB) == "6000MB"
    assert memory_limit({}, available=100 * 1000**2) == "256MB"  # a floor on a starved machine


def test_the_variable_sets_a_size_or_a_share() -> None:
    assert memory_limit({ENV: "3GB"}, available=10 * GB) == "3000MB"
    assert memory_limit({ENV: "800MiB"}, available=10 * GB) == "838MB"
    assert memory_limit({ENV: "40%"}, available=10 * GB) == "4000MB"


@pytest.mark.parametrize("value", ["lots", "3XB", "0MB", "150%", "-1GB"])
def test_a_bad_value_names_the_variable(value: str) -> None:
    with pytest.raises(InputError) as raised:
        memory_limit({ENV: value}, available=10 * GB)
    (problem,) = raised.value.diagnostics
    assert problem.path == ENV and "memory limit" in problem.message


def test_available_memory_is_read_from_meminfo_and_capped_by_the_cgroup(tmp_path: Path) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:  8000000 kB\nMemAvailable:  4000000 kB\n", "ascii")
    cgroup = tmp_path / "cgroup"
    cgroup.mkdir()
    assert available_bytes(meminfo, cgroup) == 4000000 * 1024
    (cgroup / "memory.max").write_text("2000000000\n", "ascii")
    (cgroup / "memory.current").write_text("500000000\n", "ascii")
    assert available_bytes(meminfo, cgroup) == 1500000000
    assert available_bytes(tmp_path / "none", tmp_path / "none") is None
    assert memory_limit({}, available=None).endswith("MB")


def test_assess_refuses_a_bad_limit_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = copy_minimal(tmp_path / "bundle")
    monkeypatch.setenv(ENV, "plenty")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["assess", str(bundle), "--as-of", "2026-01-15", "--out", str(out)])
    assert result.exit_code == 2
    assert ENV in result.output and "plenty" in result.output and "Traceback" not in result.output
    assert not out.exists()
