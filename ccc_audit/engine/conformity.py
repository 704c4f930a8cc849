"""Per-requirement conformity from rule results, and roll-ups per standard and category."""

from __future__ import annotations

from collections import defaultdict

from ccc_audit.engine.applicability import node_applies
from ccc_audit.loading.library import Library
from ccc_audit.models.bundle import Bundle
from ccc_audit.models.common import Grade
from ccc_audit.models.result import Conformity, Outcome, RequirementResult, Rollup, RuleResult

_EARNED = {
    Conformity.COMPLIANT: 1.0,
    Conformity.PARTIALLY_COMPLIANT: 0.5,
    Conformity.NON_COMPLIANT: 0.0,
}


def earned_points(points: int | None, conformity: Conformity) -> float | None:
    """Points a requirement earned: all when compliant, half when partly, none when not.

    None when it has no points or was not decided (not applicable, not assessed).
    """
    if not points or conformity not in _EARNED:
        return None
    return points * _EARNED[conformity]


_NOTHING_SHOWN = frozenset({"attested_no", "evidence_missing", "records_empty"})
"""Failures that show nothing of the requirement met: the organisation's own "no", or evidence not
supplied at all. They leave no partial credit, so that withholding evidence never scores better
than supplying evidence that cannot decide the requirement."""


def _decide(results: list[RuleResult]) -> Conformity:
    """A requirement's conformity from its rules.

    A major nonconformity, an organisation's own "no" or evidence not supplied makes it
    non-compliant whatever else is known. Otherwise any rule not decided (not assessed,
    unanswered, error) leaves it not assessed: partial credit for a minor nonconformity, or full
    credit, needs every rule decided, so that evidence taken away can never earn points.
    """
    decided = [r for r in results if r.outcome not in (Outcome.NOT_APPLICABLE, Outcome.EXCLUDED)]
    if not decided:
        applicable = any(r.outcome is Outcome.NOT_APPLICABLE for r in results)
        return Conformity.NOT_APPLICABLE if applicable else Conformity.NOT_ASSESSED
    failed = [r for r in decided if r.outcome is Outcome.FAIL and r.grade is not Grade.OBSERVATION]
    if any(r.grade is Grade.MAJOR or r.reason in _NOTHING_SHOWN for r in failed):
        return Conformity.NON_COMPLIANT
    if any(r.outcome in (Outcome.ERROR, Outcome.MANUAL, Outcome.NOT_ASSESSED) for r in decided):
        return Conformity.NOT_ASSESSED
    if failed:
        return Conformity.PARTIALLY_COMPLIANT
    return Conformity.COMPLIANT


def _group(children: list[Conformity]) -> Conformity:
    assessed = [c for c in children if c not in (Conformity.NOT_APPLICABLE, Conformity.NOT_ASSESSED)]
    if not children or all(c is Conformity.NOT_APPLICABLE for c in children):
        return Conformity.NOT_APPLICABLE
    if not assessed:
        return Conformity.NOT_ASSESSED
    if all(c is Conformity.COMPLIANT for c in assessed):
        return (
            Conformity.COMPLIANT
            if len(assessed) == len([c for c in children if c is not Conformity.NOT_APPLICABLE])
            else Conformity.PARTIALLY_COMPLIANT
        )
    if all(c is Conformity.NON_COMPLIANT for c in assessed):
        return Conformity.NON_COMPLIANT
    return Conformity.PARTIALLY_COMPLIANT


def requirement_results(
    library: Library, bundle: Bundle, rules: list[RuleResult], standards: list[str]
) -> list[RequirementResult]:
    """Conformity of every node of the standards in play, in catalogue order."""
    by_ref: dict[str, list[RuleResult]] = defaultdict(list)
    for result in rules:
        for ref in result.requirements:
            by_ref[ref].append(result)
    results: dict[str, RequirementResult] = {}
    children: dict[str, list[str]] = defaultdict(list)
    order: list[str] = []
    for cat in library.catalogues:
        std = cat.model.standard.id
        if std not in standards:
            continue
        for node, parents in cat.model.walk():
            ref = f"{std}:{node.id}"
            parent = f"{std}:{parents[-1]}" if parents else None
            order.append(ref)
            if parent:
                children[parent].append(ref)
            deciding = by_ref.get(ref, [])
            if not node_applies(node.applies_when, bundle):
                conformity = Conformity.NOT_APPLICABLE
            else:
                conformity = _decide(deciding)
            results[ref] = RequirementResult(
                ref=ref,
                standard=std,
                node_id=node.id,
                parent=parent,
                title=node.title,
                assessable=node.assessable,
                points=node.points,
                conformity=conformity,
                rules=[r.rule_id for r in deciding],
                findings=[]
                if conformity is Conformity.NOT_APPLICABLE
                else [r.finding_id for r in deciding if r.finding_id],
            )
    for ref in reversed(order):
        entry = results[ref]
        if not entry.assessable and children[ref]:
            derived = _group([results[c].conformity for c in children[ref]])
            results[ref] = entry.model_copy(update={"conformity": derived})
    return [results[ref] for ref in order]


def rollups(library: Library, requirements: list[RequirementResult]) -> list[Rollup]:
    """Counts per standard and per top-level category, with COPC-style points."""
    by_ref = {r.ref: r for r in requirements}
    standards = {r.standard for r in requirements}
    out: list[Rollup] = []
    for cat in library.catalogues:
        std = cat.model.standard.id
        if std not in standards:
            continue
        members = [r for r in requirements if r.standard == std and r.assessable]
        out.append(_rollup(std, cat.model.standard.title, members))
        for top in cat.model.nodes:
            ref = f"{std}:{top.id}"
            inside = [r for r in members if _under(r, ref, by_ref)]
            listed = sum(r.points or 0 for r in inside)
            stated = top.points if top.points and listed and top.points != listed else None
            out.append(_rollup(ref, top.title, inside, stated))
    return out


def _under(result: RequirementResult, ref: str, by_ref: dict[str, RequirementResult]) -> bool:
    current: RequirementResult | None = result
    while current is not None:
        if current.ref == ref:
            return True
        current = by_ref.get(current.parent) if current.parent else None
    return False


def _rollup(ref: str, title: object, members: list[RequirementResult], stated: int | None = None) -> Rollup:
    counts = dict.fromkeys(Conformity, 0)
    for member in members:
        counts[member.conformity] += 1
    scored = [m for m in members if m.points and m.conformity in _EARNED]
    has_points = any(m.points for m in members)
    return Rollup.model_validate(
        {
            "ref": ref,
            "title": title,
            "counts": counts,
            "points_available": sum(m.points or 0 for m in scored) if has_points else None,
            "points_earned": sum(earned_points(m.points, m.conformity) or 0 for m in scored)
            if has_points
            else None,
            "points_stated": stated,
        }
    )
