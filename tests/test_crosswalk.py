"""Crosswalks: strict files, references checked, and traces in an assessment of several standards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ccc_audit.app.setup import prepare
from ccc_audit.cli.main import cli
from ccc_audit.errors import InputError
from ccc_audit.loading.crosswalk import load_crosswalks
from ccc_audit.resources import builtin_crosswalks

RATIONALE = "rationale: {ja: あ, en: a}}\n"
HEADER = """schema_version: 1
crosswalk:
  id: test
  title: {ja: テスト, en: Test}
  version: "1"
  source: iso-18295-1
  target: copc-cx-r7
links:
"""


def _library_nodes() -> tuple[dict[str, bool], set[str]]:
    library = prepare().library
    nodes = {ref: entry.node.assessable for ref, entry in library.nodes.items()}
    return nodes, {c.model.standard.id for c in library.catalogues}


def test_builtin_crosswalks_load_and_cover_both_pairs() -> None:
    library = prepare().library
    pairs = {(c.model.crosswalk.source, c.model.crosswalk.target) for c in library.crosswalks}
    assert pairs == {("iso-18295-1", "copc-cx-r7"), ("iso-18295-2", "iso-18295-1")}
    assert len(builtin_crosswalks()) == 2
    mapped = {
        link.source
        for c in library.crosswalks
        for link in c.model.links
        if c.model.crosswalk.target == "copc-cx-r7"
    }
    assessable_iso = {
        ref
        for ref, entry in library.nodes.items()
        if entry.standard == "iso-18295-1" and entry.node.assessable
    }
    # Every ISO 18295-1 requirement except the work environment (8.R1) has a COPC counterpart.
    assert assessable_iso - mapped == {"iso-18295-1:8.R1"}


@pytest.mark.parametrize(
    ("link", "message"),
    [
        (
            '  - {source: "iso-18295-1:4.9", target: "copc-cx-r7:2.1", relationship: equal, ' + RATIONALE,
            'unknown requirement "iso-18295-1:4.9"',
        ),
        (
            '  - {source: "copc-cx-r7:2.1", target: "copc-cx-r7:2.1", relationship: equal, ' + RATIONALE,
            '"copc-cx-r7:2.1" is not in catalogue "iso-18295-1" (the source standard)',
        ),
        (
            '  - {source: "iso-18295-1:4", target: "copc-cx-r7:2.1", relationship: equal, ' + RATIONALE,
            '"iso-18295-1:4" is a grouping node',
        ),
        (
            '  - {source: "iso-18295-1:4.4", target: "copc-cx-r7:2.1", relationship: overlaps, ' + RATIONALE,
            "relationship",
        ),
    ],
    ids=["unknown-node", "wrong-catalogue", "grouping-node", "unknown-relationship"],
)
def test_bad_links_are_refused_with_their_position(tmp_path: Path, link: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(HEADER + link, encoding="utf-8")
    nodes, catalogues = _library_nodes()
    with pytest.raises(InputError) as raised:
        load_crosswalks([path], nodes, catalogues)
    (problem,) = raised.value.diagnostics
    assert problem.line == 9 and message in problem.message


def test_a_pair_mapped_twice_is_refused(tmp_path: Path) -> None:
    link = '  - {source: "iso-18295-1:4.4", target: "copc-cx-r7:2.1", relationship: intersect, ' + RATIONALE
    path = tmp_path / "twice.yaml"
    path.write_text(HEADER + link + link, encoding="utf-8")
    nodes, catalogues = _library_nodes()
    with pytest.raises(InputError) as raised:
        load_crosswalks([path], nodes, catalogues)
    assert [p.line for p in raised.value.diagnostics] == [10]
    assert "mapped twice" in raised.value.diagnostics[0].message


def test_demo_assessed_on_iso_and_copc_shows_shared_evidence_and_crosswalk_traces(tmp_path: Path) -> None:
    args = ["demo", "--out", str(tmp_path), "--no-cache"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.stderr
    data = json.loads((tmp_path / "assessment.json").read_text("utf-8"))
    traces = data["crosswalk"]
    assert {t["crosswalk"] for t in traces} == {"iso-18295-1_copc-cx-r7"}  # the demo is a centre
    conformity = {r["ref"]: r["conformity"] for r in data["requirements"]}
    for trace in traces:
        assert trace["source_conformity"] == conformity[trace["source"]]
        assert trace["target_conformity"] == conformity[trace["target"]]
    shared = [e for e in data["evidence_index"] if len(e["standards"]) > 1]
    assert {"copc-cx-r7", "iso-18295-1"} <= {s for e in shared for s in e["standards"]}
    report = (tmp_path / "gap-report.en.md").read_text("utf-8")
    assert "## Crosswalk between standards" in report
    assert "| iso-18295-1:7.R2 Quality assurance of interactions |" in report
    assert "## Evidence serving several standards" in report
    for entry in shared:
        assert f"`{entry['path']}` | {', '.join(entry['requirements'])} |" in report
