"""Reports fitted to their reader: the client's report titled as such, only the standards actually
assessed listed, and statements of nonconformity that state the gap rather than repeat the evidence."""

from __future__ import annotations

import pytest
from demo_result import AS_OF, assess_demo

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.app.render import render_all
from ccc_audit.resources import demo_bundle, demo_client_bundle

ISO_2 = "Customer contact centres, Part 2"
ISO_1 = "Customer contact centres, Part 1"
COPC = "COPC CX Standard, Customer Operations edition"


def _criteria(markdown: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith("| Audit criteria |"))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_client_report_is_titled_for_the_client_and_lists_only_iso_18295_2(fmt: str) -> None:
    result = assess(AssessOptions(demo_client_bundle(), AS_OF, language="en")).result
    files = render_all(result, ["md", "html"], ["en", "ja"])
    text = files[f"gap-report.en.{fmt}"].decode("utf-8")
    assert "Client Organisation Conformity Assessment (ISO 18295-2)" in text
    assert "Contact Centre Conformity Assessment" not in text
    assert ISO_2 in text and ISO_1 not in text and COPC not in text
    ja = files[f"gap-report.ja.{fmt}"].decode("utf-8")
    assert "顧客組織（委託元）適合性評価" in ja and "コンタクトセンター適合性評価" not in ja
    assert "P2-R1" in text  # the criteria actually assessed are listed requirement by requirement


def test_centre_report_leaves_out_iso_18295_2_and_a_profile_leaves_out_copc() -> None:
    centre = render_all(assess_demo(), ["md"], ["en"])["gap-report.en.md"].decode("utf-8")
    assert ISO_1 in _criteria(centre) and COPC in _criteria(centre)
    assert ISO_2 not in centre
    profiled = assess(
        AssessOptions(demo_bundle(), AS_OF, language="en", profile="iso-18295-1-self-assessment")
    ).result
    text = render_all(profiled, ["md"], ["en"])["gap-report.en.md"].decode("utf-8")
    assert ISO_1 in _criteria(text)
    assert COPC not in text and ISO_2 not in text


def test_statement_of_nonconformity_states_the_gap_not_the_evidence_again() -> None:
    result = assess_demo()
    assert result.findings
    for finding in result.findings:
        for lang in ("ja", "en"):
            evidence = finding.statement.evidence.get(lang)
            gap = finding.statement.nonconformity.get(lang)
            assert gap != evidence
            assert finding.requirements[0] in gap, "names the clause it falls short of"
            assert finding.title.get(lang) in gap, "names the condition not met"
            sentences = [s for s in evidence.replace("。", ".").split(". ") if len(s) > 40]
            assert not any(s in gap for s in sentences[1:]), f"{finding.id} repeats the evidence"
    monitoring = next(f for f in result.findings if f.rule_id == "copc.3.5.monthly-monitoring")
    assert "falls short for 4: E1034" in monitoring.statement.nonconformity.en
    assert "and 1 more" in monitoring.statement.nonconformity.en
    assert "不足 4 件" in monitoring.statement.nonconformity.ja
