"""Ranking by total, with ties within the declared margin ordered by the declared tie-breakers."""

from __future__ import annotations

from ccc_audit.rfp.result import Tie
from ccc_audit.rfp.rubric import LoadedRubric
from ccc_audit.rfp.sensitivity import EPSILON


def node_score(rubric: LoadedRubric, index: int, row: list[float]) -> float:
    """Weighted normalised score of a criterion (a leaf, or a group over its leaves)."""
    weights = rubric.leaf_weights()
    under = {index}
    for node in rubric.nodes:
        if node.parent in under:
            under.add(node.index)
    pairs = [(w, s) for leaf, w, s in zip(rubric.leaves, weights, row, strict=True) if leaf in under]
    return sum(w * s for w, s in pairs) / sum(w for w, _ in pairs)


def rank_vendors(
    rubric: LoadedRubric, ids: list[str], totals: list[float], rows: list[list[float]], prices: list[float]
) -> tuple[list[int], list[Tie]]:
    """Order of vendors (indexes into ``ids``) and the ties resolved on the way.

    Vendors within the tie margin of a group's leading total form a tie, ordered by the
    declared tie-breakers ("price": lower first; a criterion: higher score first), then by id.
    """
    margin = rubric.model.method.tie_margin
    by_id = rubric.by_id()
    breakers = rubric.model.method.tie_breakers

    def keys(i: int) -> list[tuple[float, str]]:
        return [
            (prices[i], "price") if b == "price" else (-node_score(rubric, by_id[b].index, rows[i]), b)
            for b in breakers
        ]

    remaining = sorted(range(len(ids)), key=lambda i: (-totals[i], ids[i]))
    order: list[int] = []
    ties: list[Tie] = []
    while remaining:
        lead = totals[remaining[0]]
        group = [i for i in remaining if lead - totals[i] <= margin + EPSILON]
        remaining = [i for i in remaining if i not in group]
        if len(group) > 1:
            ranked = sorted(group, key=lambda i: ([k for k, _ in keys(i)], ids[i]))
            decided = "vendor_id"
            for position, name in enumerate(breakers):
                if len({round(keys(i)[position][0], 12) for i in group}) > 1:
                    decided = name
                    break
            ties.append(Tie(vendors=[ids[i] for i in ranked], decided_by=decided))
            group = ranked
        order.extend(group)
    return order, ties
