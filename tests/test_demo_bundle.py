"""The committed demo bundles are exactly what ``ccc-audit generate --scenario demo`` writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from demo_planted_gaps import verify

from ccc_audit.cli.main import cli
from ccc_audit.generate.demo import BUNDLE, CLIENT_BUNDLE, write_demo
from ccc_audit.generate.demo.records import build_records
from ccc_audit.loading.record_types import builtin_record_types

DEMO = Path(__file__).resolve().parent.parent / "demo"


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    write_demo(out, builtin_record_types())
    return out


@pytest.mark.parametrize("name", [BUNDLE, CLIENT_BUNDLE])
def test_demo_bundle_is_regenerated_byte_for_byte(regenerated: Path, name: str) -> None:
    committed, fresh = _files(DEMO / name), _files(regenerated / name)
    assert sorted(fresh) == sorted(committed), "files written differ from the committed ones"
    changed = [path for path, data in fresh.items() if data != committed[path]]
    assert changed == []


def test_demo_output_holds_only_the_two_bundles(regenerated: Path) -> None:
    assert sorted(p.name for p in regenerated.iterdir()) == sorted([BUNDLE, CLIENT_BUNDLE])


def test_cli_writes_the_demo_scenario(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["generate", str(tmp_path), "--scenario", "demo"])
    assert result.exit_code == 0, result.output
    assert "client gap: no information provision log in 2025-08" in result.output
    for name in (BUNDLE, CLIENT_BUNDLE):
        assert _files(tmp_path / name) == _files(DEMO / name)


def test_cli_keeps_the_scenarios_options_apart(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["generate", str(tmp_path), "--scenario", "demo", "--seed", "1"])
    assert result.exit_code == 2 and "synthetic only" in result.output
    result = CliRunner().invoke(cli, ["generate", str(tmp_path), "--seats", "5"])
    assert result.exit_code == 2 and "required with --scenario synthetic" in result.output


def test_demo_headers_come_from_the_record_types(tmp_path: Path) -> None:
    types = builtin_record_types()
    roster = types["roster"].model_copy(update={"columns": types["roster"].columns[:-1]})
    changed = {**types, "roster": roster}
    with pytest.raises(ValueError, match="under a header"):
        write_demo(tmp_path, changed)


def test_demo_records_hold_exactly_the_planted_gaps() -> None:
    verify(build_records())
