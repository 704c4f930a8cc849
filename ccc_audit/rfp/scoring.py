"""Score a procurement: knock-outs, evaluator aggregation, price, weighted totals, ranking, ties."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Callable
from operator import mul
from pathlib import Path
from typing import Any

from ccc_audit import __version__
from ccc_audit.errors import InputError
from ccc_audit.i18n.text import text
from ccc_audit.models.conformity import Conformity
from ccc_audit.rfp.evidence import EvidenceScore, evidence_reason, evidence_scores
from ccc_audit.rfp.inputs import LoadedVendor, Procurement, missing_scores
from ccc_audit.rfp.knockouts import knockouts
from ccc_audit.rfp.models import Aggregation, PriceMethod
from ccc_audit.rfp.ranking import rank_vendors
from ccc_audit.rfp.result import (
    EVIDENCE_GAP,
    CriterionInfo,
    CriterionScore,
    EvaluatorInfo,
    Flag,
    FlagKind,
    KnockoutOutcome,
    KnockoutStatus,
    PriceReference,
    RfpResult,
    ScoreSource,
    VendorResult,
)
from ccc_audit.rfp.rubric import LoadedRubric
from ccc_audit.rfp.sensitivity import analyse

ConformityRunner = Callable[[Path, dt.date], dict[str, Conformity]]
"""Assess an evidence bundle on a date: requirement ref → conformity."""


def _flag(kind: FlagKind, ja: str, en: str) -> Flag:
    return Flag(kind=kind, message=text(ja, en))


def aggregate(values: list[int], how: Aggregation) -> float:
    """Median or mean of evaluator scores."""
    return float(statistics.median(values)) if how is Aggregation.MEDIAN else statistics.fmean(values)


def price_scores(prices: dict[str, float], method: PriceMethod) -> dict[str, float]:
    """Normalised price score (0-1) of every bid in ``prices`` (the reference bids).

    Bids are finite and positive (the response model refuses others with their location); a
    non-finite bid here is a caller's error, refused rather than scored (inf once looped forever).
    """
    if not all(math.isfinite(p) and p > 0 for p in prices.values()):
        raise ValueError(f"bids must be finite and greater than 0: {sorted(prices.values())}")
    lowest, highest = min(prices.values()), max(prices.values())
    if method is PriceMethod.LOWEST_OVER_PRICE:
        return {v: lowest / p for v, p in prices.items()}
    if highest == lowest:
        return dict.fromkeys(prices, 1.0)
    return {v: (highest - p) / (highest - lowest) for v, p in prices.items()}


def _criteria(rubric: LoadedRubric) -> list[CriterionInfo]:
    leaf_weight = dict(zip(rubric.leaves, rubric.leaf_weights(), strict=True))
    effective: dict[int, float] = {}
    depth: dict[int, int] = {}
    for node in reversed(rubric.nodes):  # children follow their parents: sum upwards
        effective[node.index] = (
            leaf_weight[node.index] if node.is_leaf else sum(effective[c] for c in node.children)
        )
    for node in rubric.nodes:
        depth[node.index] = 0 if node.parent is None else depth[node.parent] + 1
    return [
        CriterionInfo(
            id=n.id,
            title=n.title,
            parent=None if n.parent is None else rubric.nodes[n.parent].id,
            depth=depth[n.index],
            weight=n.weight,
            effective_weight=round(100 * effective[n.index], 6),
            leaf=n.is_leaf,
        )
        for n in rubric.nodes
    ]


def _leaf_scores(
    procurement: Procurement,
    vendor: str,
    found: dict[str, EvidenceScore],
    price_score: float,
    flags: list[Flag],
) -> list[CriterionScore]:
    rubric = procurement.rubric
    method = rubric.model.method
    low, high = rubric.scale_min, rubric.scale_max
    scores = []
    for index, weight in zip(rubric.leaves, rubric.leaf_weights(), strict=True):
        ident = rubric.nodes[index].id
        if index == rubric.price_leaf:
            scores.append(
                CriterionScore(
                    criterion=ident,
                    source=ScoreSource.PRICE,
                    score=None,
                    normalised=price_score,
                    points=round(100 * weight * price_score, 6),
                    **_said(procurement, vendor, ident),
                )
            )
            continue
        given = {
            s.model.evaluator.id: s.model.scores[vendor][ident]
            for s in procurement.sheets
            if ident in s.model.scores.get(vendor, {})
        }
        spread = float(max(given.values()) - min(given.values())) if given else None
        disagreement = spread is not None and spread > method.disagreement_threshold
        by_evaluator = ", ".join(f"{who}: {value}" for who, value in given.items())
        panel = aggregate(list(given.values()), method.aggregation) if given else None
        reason, differs = None, False
        if ident in found:
            value, source, basis = float(found[ident].score), ScoreSource.EVIDENCE, list(found[ident].basis)
            reason = evidence_reason(found[ident])
            differs = panel is not None and abs(value - panel) >= EVIDENCE_GAP
            if differs:
                flags.append(
                    _flag(
                        FlagKind.EVIDENCE_DIFFERS,
                        f"{vendor} / {ident}: 証拠による得点 {value:g} は評価者の得点"
                        f"（{by_evaluator}、集約 {panel:g}）と {EVIDENCE_GAP:g} 点以上異なる。{reason.ja}",
                        f"{vendor} / {ident}: the evidence-derived score {value:g} differs by "
                        f"{EVIDENCE_GAP:g} or more from the evaluators' ({by_evaluator}; "
                        f"aggregate {panel:g}). {reason.en}",
                    )
                )
        else:
            value, source, basis = (panel if panel is not None else 0.0, ScoreSource.EVALUATORS, [])
        if disagreement and source is ScoreSource.EVALUATORS:
            flags.append(
                _flag(
                    FlagKind.DISAGREEMENT,
                    f"{vendor} / {ident}: 評価者間の差が {spread:g} 点あり、"
                    f"基準 {method.disagreement_threshold:g} を超える（{by_evaluator}）。",
                    f"{vendor} / {ident}: evaluators differ by {spread:g} points, "
                    f"above the threshold {method.disagreement_threshold:g} ({by_evaluator}).",
                )
            )
        normalised = (value - low) / (high - low)
        scores.append(
            CriterionScore(
                criterion=ident,
                source=source,
                score=round(value, 6),
                normalised=normalised,
                points=round(100 * weight * normalised, 6),
                evaluator_scores=given,
                spread=spread,
                disagreement=disagreement,
                evidence=basis,
                evaluators_score=panel if source is ScoreSource.EVIDENCE else None,
                reason=reason,
                differs=differs,
                **_said(procurement, vendor, ident),
            )
        )
    return scores


def _said(procurement: Procurement, vendor: str, ident: str) -> dict[str, Any]:
    """What the vendor answered on a criterion and what the evaluators remarked."""
    response = next((v.model for v in procurement.vendors if v.model.vendor.id == vendor), None)
    answer = response.answers.get(ident) if response is not None else None
    comments = {
        s.model.evaluator.id: s.model.comments[vendor][ident]
        for s in procurement.sheets
        if ident in s.model.comments.get(vendor, {})
    }
    return {
        "answer": answer.answer if answer else "",
        "answer_evidence": list(answer.evidence) if answer else [],
        "comments": comments,
    }


def _matrix_row(scores: list[CriterionScore]) -> list[float]:
    return [s.normalised for s in scores]


def score(procurement: Procurement, as_of: dt.date, assess_bundle: ConformityRunner) -> RfpResult:
    """Score every vendor; raise InputError for a missing evaluator score (located in the sheet).

    ``assess_bundle`` assesses a vendor's evidence bundle on ``as_of`` (the application layer's
    assessment, passed in so that procurement never depends on the engine).
    """
    rubric = procurement.rubric
    method = rubric.model.method
    flags: list[Flag] = []
    outcomes = {v.model.vendor.id: knockouts(rubric, v) for v in procurement.vendors}
    active = [
        v
        for v in procurement.vendors
        if all(o.status is KnockoutStatus.MET for o in outcomes[v.model.vendor.id])
    ]
    for vendor in procurement.vendors:
        for o in outcomes[vendor.model.vendor.id]:
            if o.status is not KnockoutStatus.MET:
                flags.append(
                    _flag(
                        FlagKind.KNOCKOUT,
                        f"{vendor.model.vendor.id} を除外: {o.reason.ja}",
                        f"{vendor.model.vendor.id} knocked out: {o.reason.en}",
                    )
                )
    found: dict[str, dict[str, EvidenceScore]] = {}
    for vendor in active:
        if vendor.bundle_dir is not None and method.evidence_scores is not None:
            found[vendor.model.vendor.id] = evidence_scores(rubric, assess_bundle(vendor.bundle_dir, as_of))
    scored = {rubric.nodes[i].id for i in rubric.leaves if i != rubric.price_leaf}
    needed = {v.model.vendor.id: scored - set(found.get(v.model.vendor.id, {})) for v in active}
    problems = missing_scores(procurement, needed)
    if problems:
        raise InputError(problems)
    price_ref = None
    normalised_price: dict[str, float] = {}
    if rubric.price_leaf is not None and active:
        spec = rubric.nodes[rubric.price_leaf].criterion.price
        assert spec is not None
        bids = {v.model.vendor.id: v.model.price.amount for v in active}
        normalised_price = price_scores(bids, spec.method)
        price_ref = PriceReference(
            criterion=rubric.nodes[rubric.price_leaf].id,
            method=spec.method.value,
            currency=spec.currency,
            lowest=min(bids.values()),
            highest=max(bids.values()),
            reference_bids=sorted(bids),
            left_out=sorted(v.model.vendor.id for v in procurement.vendors if v not in active),
        )
    ids = [v.model.vendor.id for v in active]
    leaf_scores = [
        _leaf_scores(procurement, i, found.get(i, {}), normalised_price.get(i, 0.0), flags) for i in ids
    ]
    rows = [_matrix_row(s) for s in leaf_scores]
    weights = rubric.leaf_weights()
    totals = [100 * sum(map(mul, weights, row)) for row in rows]
    order, ties = rank_vendors(rubric, ids, totals, rows, [v.model.price.amount for v in active])
    sensitivity = None
    if len(order) > 1:
        sensitivity = analyse(rubric, [rows[i] for i in order], [ids[i] for i in order])
        for change in sensitivity.changes:
            if change.flips:
                flags.append(
                    _flag(
                        FlagKind.FLIP,
                        f"重み {change.criterion} を {change.declared:g}% から {change.changed:g}% にすると、"
                        f"1位が {change.winner} に入れ替わる。",
                        f"Moving the weight of {change.criterion} from {change.declared:g}% "
                        f"to {change.changed:g}% "
                        f"makes {change.winner} the winner.",
                    )
                )
    results = []
    p_first = sensitivity.monte_carlo.p_first if sensitivity and sensitivity.monte_carlo else {}
    for rank, i in enumerate(order, start=1):
        results.append(
            _vendor(
                procurement,
                active[i],
                outcomes,
                leaf_scores[i],
                round(totals[i], 6),
                rank,
                p_first.get(ids[i]),
            )
        )
    for vendor in procurement.vendors:
        if vendor not in active:
            results.append(_vendor(procurement, vendor, outcomes, [], None, None, None))
    return RfpResult(
        schema_version=1,
        tool_version=__version__,
        as_of=as_of,
        rubric_id=rubric.model.rubric.id,
        rubric_version=rubric.model.rubric.version,
        rubric_title=rubric.model.rubric.title,
        scale=[level.score for level in rubric.model.scale],
        aggregation=method.aggregation.value,
        disagreement_threshold=method.disagreement_threshold,
        tie_margin=method.tie_margin,
        tie_breakers=list(method.tie_breakers),
        criteria=_criteria(rubric),
        evaluators=[
            EvaluatorInfo(
                id=s.model.evaluator.id,
                name=s.model.evaluator.name,
                source=_relative(procurement, s.doc.path),
            )
            for s in procurement.sheets
        ],
        vendors=results,
        price=price_ref,
        ties=ties,
        sensitivity=sensitivity,
        flags=flags,
    )


def _relative(procurement: Procurement, shown: str) -> str:
    """A file of the procurement folder, relative to it (results do not depend on where it is)."""
    return Path(shown).relative_to(procurement.root).as_posix()


def _vendor(
    procurement: Procurement,
    vendor: LoadedVendor,
    outcomes: dict[str, list[KnockoutOutcome]],
    scores: list[CriterionScore],
    total: float | None,
    rank: int | None,
    p_first: float | None,
) -> VendorResult:
    model = vendor.model
    return VendorResult(
        id=model.vendor.id,
        name=model.vendor.name,
        source=_relative(procurement, vendor.doc.path),
        price=model.price.amount,
        currency=model.price.currency,
        excluded=rank is None,
        knockouts=outcomes[model.vendor.id],
        scores=scores,
        total=total,
        rank=rank,
        p_first=p_first,
        evidence_bundle=model.evidence_bundle,
    )
