"""Evidence ablation: taking evidence away never makes anything look better.

For every document, record set and attestation of a bundle in turn, (a) remove it from the
manifest and (b) empty it (a header-only record file, a zero-byte document, an answer stripped
of its rationale and evidence). After each, no rule that read the item may move from another
outcome to pass or not applicable, a rule that still passes must cite the evidence it rested
on, and no requirement's conformity or points may go up.

Rules are independent of each other, so each ablation re-runs only the rules that read the item
(``AssessOptions.rules``) and merges their results into the full baseline before conformity and
points are recomputed by the engine's own functions.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.app.setup import prepare
from ccc_audit.engine.conformity import requirement_results, rollups
from ccc_audit.engine.dependencies import record_sets_read
from ccc_audit.errors import InputError
from ccc_audit.models.result import AssessmentResult, Conformity, Outcome, RuleResult
from ccc_audit.resources import demo_bundle

DEMO_AS_OF = dt.date(2026, 1, 15)
_RANK = {
    Conformity.NOT_ASSESSED: 0,
    Conformity.NON_COMPLIANT: 0,
    Conformity.PARTIALLY_COMPLIANT: 1,
    Conformity.COMPLIANT: 2,
}
"""Conformity as credit (what earns points): not applicable is checked apart, it is never gained."""


@dataclass(frozen=True)
class Ablation:
    """One piece of evidence taken away, and how."""

    section: str
    ident: str
    how: str

    @property
    def name(self) -> str:
        """Test id."""
        return f"{self.how}-{self.section}-{self.ident}"


def _manifest(bundle: Path) -> dict[str, Any]:
    data = yaml.safe_load((bundle / "bundle.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _ablations(bundle: Path) -> list[Ablation]:
    data = _manifest(bundle)
    items = [("documents", d["id"]) for d in data.get("documents", [])]
    items += [("records", name) for name in data.get("records", {})]
    items += [("attestations", a["id"]) for a in data.get("attestations", [])]
    return [Ablation(section, ident, how) for section, ident in items for how in ("remove", "empty")]


def _apply(bundle: Path, ablation: Ablation) -> None:
    data = _manifest(bundle)
    if ablation.section == "records":
        entry = data["records"][ablation.ident]
        if ablation.how == "remove":
            del data["records"][ablation.ident]
        else:
            path = bundle / entry["path"]
            header = path.read_bytes().splitlines(keepends=True)[0]
            path.write_bytes(header)
    else:
        listed = data[ablation.section]
        index = next(i for i, item in enumerate(listed) if item["id"] == ablation.ident)
        if ablation.how == "remove":
            del listed[index]
        elif ablation.section == "documents":
            (bundle / listed[index]["path"]).write_bytes(b"")
        else:
            listed[index].pop("evidence", None)
            listed[index]["rationale"] = ""
    (bundle / "bundle.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _reads(rule: RuleResult, ablation: Ablation, read_sets: frozenset[str]) -> bool:
    if ablation.section == "records":
        return ablation.ident in read_sets
    kind = ablation.section[:-1]
    return any(ref.kind == kind and ref.id == ablation.ident for c in rule.checks for ref in c.evidence)


@dataclass
class Baseline:
    """A bundle copy, its full assessment and what each rule reads."""

    source: Path
    work: Path
    cache: Path
    result: AssessmentResult
    as_of: dt.date
    sets_read: dict[str, frozenset[str]]


def _baseline(source: Path, root: Path, as_of: dt.date) -> Baseline:
    work, cache = root / "bundle", root / "cache"
    shutil.copytree(source, work)
    result = assess(AssessOptions(work, as_of, cache_dir=cache, language="en")).result
    library = prepare().library
    sets = {rule.id: record_sets_read(rule) for _, rule in library.rules()}
    return Baseline(source, work, cache, result, as_of, sets)


def _restore(base: Baseline) -> None:
    shutil.rmtree(base.work)
    shutil.copytree(base.source, base.work)


def _check(base: Baseline, ablation: Ablation) -> int:
    """Apply the ablation, re-run the rules that read the item, assert the properties; rules re-run."""
    affected = [r for r in base.result.rules if _reads(r, ablation, base.sets_read[r.rule_id])]
    if not affected:
        return 0
    _apply(base.work, ablation)
    try:
        options = AssessOptions(
            base.work,
            base.as_of,
            cache_dir=base.cache,
            language="en",
            rules=tuple(r.rule_id for r in affected),
        )
        after = assess(options).result
    except InputError:
        return len(affected)  # the manifest no longer validates: nothing is assessed, nothing passes
    finally:
        _restore(base)
    now = {r.rule_id: r for r in after.rules}
    for before in affected:
        rule = now[before.rule_id]
        gained = rule.outcome in (Outcome.PASS, Outcome.NOT_APPLICABLE) and rule.outcome is not before.outcome
        assert not gained, f"{ablation.name}: {rule.rule_id} {before.outcome} -> {rule.outcome}"
        if rule.outcome is Outcome.PASS:
            assert all(c.evidence for c in rule.checks if c.outcome is Outcome.PASS), (
                f"{ablation.name}: {rule.rule_id} passes without citing evidence"
            )
    rerun = {r.rule_id for r in affected}
    merged = [now[r.rule_id] if r.rule_id in rerun else r for r in base.result.rules]
    setup = prepare(bundle=base.work)
    assert setup.bundle is not None
    standards = sorted({q.standard for q in base.result.requirements})
    old_requirements = {q.ref: q.conformity for q in base.result.requirements}
    new_requirements = requirement_results(setup.library, setup.bundle.model, merged, standards)
    for q in new_requirements:
        was = old_requirements[q.ref]
        if q.conformity is Conformity.NOT_APPLICABLE:
            assert was is Conformity.NOT_APPLICABLE, f"{ablation.name}: {q.ref} {was} -> not applicable"
        elif was is not Conformity.NOT_APPLICABLE:
            assert _RANK[q.conformity] <= _RANK[was], f"{ablation.name}: {q.ref} {was} -> {q.conformity}"
    old_points = {r.ref: r.points_earned or 0.0 for r in base.result.rollups}
    for roll in rollups(setup.library, new_requirements):
        assert (roll.points_earned or 0.0) <= old_points.get(roll.ref, 0.0) + 1e-9, (
            f"{ablation.name}: {roll.ref}"
        )
    return len(affected)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Baseline]:
    yield _baseline(demo_bundle(), tmp_path_factory.mktemp("ablation-demo"), DEMO_AS_OF)


def test_taking_any_evidence_away_from_the_demo_never_makes_it_look_better(demo: Baseline) -> None:
    ablations = _ablations(demo.source)
    rerun = sum(_check(demo, ablation) for ablation in ablations)
    assert len(ablations) == 2 * (46 + 19 + 19), "every document, record set and attestation, twice"
    assert rerun > len(ablations), "the ablations reached the rules that read the items"
