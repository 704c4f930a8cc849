"""How much the winner depends on the weights: one at a time, critical weights, Monte Carlo.

Every function takes the matrix of normalised leaf scores (vendors × leaves, 0-1) and the
rubric tree; a weight is always changed within its level, the others of the level rescaled
in proportion so that the level still sums to 100.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from operator import mul

from ccc_audit.rfp.result import CriticalWeight, MonteCarlo, SensitivityResult, WeightChange
from ccc_audit.rfp.rubric import LoadedRubric

Matrix = Sequence[Sequence[float]]
EPSILON = 1e-9
"""Totals closer than this to the tie margin count as within it (floating-point rounding)."""


def totals(rubric: LoadedRubric, matrix: Matrix, weights: list[float] | None = None) -> list[float]:
    """Totals out of 100 of every vendor row for the given node weights (default: declared)."""
    leaf = rubric.leaf_weights(weights)
    return [100 * sum(map(mul, leaf, row)) for row in matrix]


def leader(values: Sequence[float], margin: float) -> int:
    """Index of the winner: the earliest row within ``margin`` of the highest total.

    Rows are in ranking order, so ties are already broken by the declared tie-breakers.
    """
    top = max(values)
    return next(index for index, value in enumerate(values) if value >= top - margin - EPSILON)


def _siblings(rubric: LoadedRubric, index: int) -> list[int]:
    parent = rubric.nodes[index].parent
    if parent is None:
        return [n.index for n in rubric.nodes if n.parent is None]
    return list(rubric.nodes[parent].children)


def with_weight(rubric: LoadedRubric, index: int, new: float) -> list[float]:
    """Declared weights with node ``index`` set to ``new`` and its siblings rescaled to keep 100."""
    weights = [n.weight for n in rubric.nodes]
    old = weights[index]
    factor = (100 - new) / (100 - old)
    for sibling in _siblings(rubric, index):
        weights[sibling] = new if sibling == index else weights[sibling] * factor
    return weights


def movable(rubric: LoadedRubric) -> list[int]:
    """Nodes whose weight can move: those with at least one sibling."""
    return [n.index for n in rubric.nodes if len(_siblings(rubric, n.index)) > 1]


def one_at_a_time(rubric: LoadedRubric, matrix: Matrix, ids: list[str], step: float) -> list[WeightChange]:
    """Each movable weight raised and lowered by ``step`` % of its value."""
    margin = rubric.model.method.tie_margin
    changes = []
    for index in movable(rubric):
        node = rubric.nodes[index]
        for sign in (1, -1):
            new = min(node.weight * (1 + sign * step / 100), 100.0)
            winner = leader(totals(rubric, matrix, with_weight(rubric, index, new)), margin)
            changes.append(
                WeightChange(
                    criterion=node.id,
                    declared=node.weight,
                    changed=round(new, 6),
                    winner=ids[winner],
                    flips=winner != 0,
                )
            )
    return changes


def critical_weights(rubric: LoadedRubric, matrix: Matrix, ids: list[str]) -> list[CriticalWeight]:
    """For each movable weight, the nearest weight at which another vendor overtakes the winner.

    A vendor's total is linear in one weight when its level is rescaled in proportion, so the
    crossing point with the winner is found exactly from the totals at weight 0 and 100 (the
    winner loses its place once another vendor leads it by more than the tie margin).
    """
    margin = rubric.model.method.tie_margin
    found = []
    for index in movable(rubric):
        node = rubric.nodes[index]
        at_zero = totals(rubric, matrix, with_weight(rubric, index, 0.0))
        at_full = totals(rubric, matrix, with_weight(rubric, index, 100.0))
        best: tuple[float, float, int] | None = None
        for other in range(1, len(ids)):
            d0 = at_zero[0] - at_zero[other] + margin
            d1 = at_full[0] - at_full[other] + margin
            if d0 == d1 or d0 * d1 > 0:
                continue  # parallel, or the winner stays ahead at every weight of this criterion
            crossing = 100 * d0 / (d0 - d1)
            if 0 <= crossing <= 100 and (best is None or abs(crossing - node.weight) < best[0]):
                best = (abs(crossing - node.weight), crossing, other)
        if best is not None:
            found.append(
                CriticalWeight(
                    criterion=node.id,
                    declared=node.weight,
                    critical=round(best[1], 4),
                    relative_change=round(100 * (best[1] - node.weight) / node.weight, 4),
                    overtaken_by=ids[best[2]],
                )
            )
    return sorted(found, key=lambda c: (abs(c.relative_change), c.criterion))


def monte_carlo(
    rubric: LoadedRubric, matrix: Matrix, ids: list[str], draws: int, spread: float, seed: int
) -> MonteCarlo:
    """How often each vendor ranks first when the weights are drawn at random.

    Every weight is drawn uniformly within ± ``spread`` % of its value and each level rescaled
    to 100; within the tie margin the better-ranked vendor takes the draw.
    """
    margin = rubric.model.method.tie_margin
    rng = random.Random(seed)
    draw = rng.random
    nodes = rubric.nodes
    declared = [n.weight for n in nodes]
    parents = [n.parent for n in nodes]
    groups = [[n.index for n in nodes if n.parent is None]] + [list(n.children) for n in nodes if n.children]
    leaves = rubric.leaves
    width = spread / 100
    wins = [0] * len(ids)
    local = [0.0] * len(nodes)
    effective = [0.0] * len(nodes)
    for _ in range(draws):
        raw = [w * (1 + width * (2 * draw() - 1)) for w in declared]
        for group in groups:
            total = sum(raw[i] for i in group)
            for i in group:
                local[i] = raw[i] / total
        for i, parent in enumerate(parents):  # parents precede their children
            effective[i] = local[i] if parent is None else local[i] * effective[parent]
        weights = [effective[i] for i in leaves]
        wins[leader([100 * sum(map(mul, weights, row)) for row in matrix], margin)] += 1
    p_first = {
        ident: round(count / draws, 6) if draws else 0.0 for ident, count in zip(ids, wins, strict=True)
    }
    return MonteCarlo(draws=draws, seed=seed, spread_percent=spread, p_first=p_first)


def analyse(rubric: LoadedRubric, matrix: Matrix, ids: list[str]) -> SensitivityResult:
    """Every robustness test the rubric asks for; rows of ``matrix`` are in ranking order."""
    settings = rubric.model.method.sensitivity
    changes = one_at_a_time(rubric, matrix, ids, settings.step_percent)
    carlo = (
        monte_carlo(rubric, matrix, ids, settings.draws, settings.spread_percent, settings.seed)
        if settings.draws
        else None
    )
    return SensitivityResult(
        step_percent=settings.step_percent,
        changes=changes,
        stable=not any(c.flips for c in changes),
        critical=critical_weights(rubric, matrix, ids),
        monte_carlo=carlo,
    )
