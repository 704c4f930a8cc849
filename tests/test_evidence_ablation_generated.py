"""Evidence ablation on a generated bundle: every record set removed and emptied in turn.

The same property as ``test_evidence_ablation`` (which runs it on the demo), in a file of its own
so that the two long runs go to different test workers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from test_evidence_ablation import Baseline, _ablations, _baseline, _check, _manifest

from ccc_audit.cli.main import cli


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Baseline]:
    source = tmp_path_factory.mktemp("generated") / "bundle"
    options = ["--seats", "20", "--months", "12", "--seed", "5", "--violations", "all"]
    done = CliRunner().invoke(cli, ["generate", str(source), *options])
    assert done.exit_code == 0, done.output
    as_of = _manifest(source)["audit_period"]["end"] + dt.timedelta(days=15)
    yield _baseline(source, tmp_path_factory.mktemp("ablation-generated"), as_of)


def test_taking_any_record_set_away_from_a_generated_bundle_never_makes_it_look_better(
    generated: Baseline,
) -> None:
    ablations = [a for a in _ablations(generated.source) if a.section == "records"]
    rerun = sum(_check(generated, ablation) for ablation in ablations)
    assert len(ablations) >= 2 * 10
    assert rerun > len(ablations)
