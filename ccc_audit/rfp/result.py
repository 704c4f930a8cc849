"""The canonical result of scoring a procurement (written as JSON, read by every reporter)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from ccc_audit.models.common import Localized, StrictModel


def percent(share: float | None) -> str:
    """A share (0-1) as a percentage with one decimal that never shows 100.0 or 0.0 unless exact.

    0.9996 reads 99.9, not 100.0: a committee must not read certainty into a rounding.
    """
    if share is None:
        return "–"
    shown = f"{100 * share:,.1f}"
    if shown == "100.0" and share < 1:
        return "99.9"
    if shown == "0.0" and share > 0:
        return "0.1"
    return shown


class KnockoutStatus(StrEnum):
    """Outcome of one knock-out criterion for one vendor."""

    MET = "met"
    NOT_MET = "not_met"
    UNANSWERED = "unanswered"
    UNSUPPORTED = "unsupported"
    """Answered yes with no evidence: treated as not met, and flagged."""


class ScoreSource(StrEnum):
    """Where a criterion score came from."""

    EVALUATORS = "evaluators"
    EVIDENCE = "evidence"
    PRICE = "price"


class FlagKind(StrEnum):
    """What a flag is about."""

    KNOCKOUT = "knockout"
    DISAGREEMENT = "disagreement"
    FLIP = "flip"
    EVIDENCE_DIFFERS = "evidence_differs"
    """An evidence-derived score 2 or more points away from the evaluators' aggregate."""


class Flag(StrictModel):
    """Something a reader of the result must look at."""

    kind: FlagKind = Field(description="knockout, disagreement or flip.")
    message: Localized = Field(description="What, in words.")


class KnockoutOutcome(StrictModel):
    """One knock-out criterion applied to one vendor."""

    knockout: str = Field(description="Knock-out id.")
    status: KnockoutStatus = Field(description="met, not_met, unanswered or unsupported.")
    reason: Localized = Field(description="Why, in words.")
    evidence: list[str] = Field(default_factory=list, description="Evidence the vendor offered.")


class CriterionScore(StrictModel):
    """One leaf criterion scored for one vendor."""

    criterion: str = Field(description="Criterion id.")
    source: ScoreSource = Field(description="evaluators, evidence or price.")
    score: float | None = Field(description="Aggregated score on the scale (None for price).")
    normalised: float = Field(description="Score as a fraction of the scale, 0-1.")
    points: float = Field(description="Contribution to the total, out of 100.")
    evaluator_scores: dict[str, int] = Field(default_factory=dict, description="Evaluator id → score.")
    spread: float | None = Field(default=None, description="Highest minus lowest evaluator score.")
    disagreement: bool = Field(default=False, description="Spread above the rubric's threshold.")
    evidence: list[str] = Field(default_factory=list, description="Requirement conformities used.")
    answer: str = Field(default="", description="The vendor's answer to the criterion's question.")
    answer_evidence: list[str] = Field(default_factory=list, description="Evidence the vendor offered.")
    comments: dict[str, str] = Field(default_factory=dict, description="Evaluator id → remark.")
    evaluators_score: float | None = Field(
        default=None, description="The evaluators' aggregate, kept where evidence replaced it."
    )
    reason: Localized | None = Field(default=None, description="Why an evidence-derived score is what it is.")
    differs: bool = Field(
        default=False, description="The evidence-derived score is 2 or more points from the evaluators'."
    )


EVIDENCE_GAP = 2.0
"""Points between an evidence-derived score and the evaluators' aggregate that are flagged."""


class VendorResult(StrictModel):
    """Everything about one vendor."""

    id: str = Field(description="Vendor id.")
    name: str = Field(description="Vendor name.")
    source: str = Field(description="Response file.")
    price: float = Field(description="Bid amount.")
    currency: str = Field(description="Currency of the bid.")
    excluded: bool = Field(description="Knocked out.")
    knockouts: list[KnockoutOutcome] = Field(description="Every knock-out criterion.")
    scores: list[CriterionScore] = Field(default_factory=list, description="Leaf scores (not for excluded).")
    total: float | None = Field(default=None, description="Weighted total out of 100.")
    rank: int | None = Field(default=None, description="1 is the winner.")
    p_first: float | None = Field(default=None, description="Monte Carlo probability of ranking first.")
    evidence_bundle: str | None = Field(default=None, description="Evidence bundle folder, when given.")


class CriterionInfo(StrictModel):
    """A criterion of the rubric as used."""

    id: str = Field(description="Criterion id.")
    title: Localized = Field(description="Title.")
    parent: str | None = Field(description="Parent id.")
    depth: int = Field(description="0 for top level.")
    weight: float = Field(description="Declared weight, % of its level.")
    effective_weight: float = Field(description="Share of the total, % (product down the tree).")
    leaf: bool = Field(description="Scored directly.")


class PriceReference(StrictModel):
    """How bid prices were normalised and which bids formed the reference."""

    criterion: str = Field(description="Price criterion id.")
    method: str = Field(description="lowest_over_price or linear.")
    currency: str = Field(description="Currency.")
    lowest: float = Field(description="Lowest bid among the reference bids.")
    highest: float = Field(description="Highest bid among the reference bids.")
    reference_bids: list[str] = Field(description="Vendors whose bids formed the reference.")
    left_out: list[str] = Field(description="Knocked-out vendors whose bids were left out.")


class Tie(StrictModel):
    """Vendors whose totals fell within the tie margin, and how their order was decided."""

    vendors: list[str] = Field(description="Vendor ids in their final order.")
    decided_by: str = Field(description='"price", a criterion id or "vendor_id".')


class WeightChange(StrictModel):
    """One weight moved up or down, the others of its level rescaled to keep 100."""

    criterion: str = Field(description="Criterion whose weight moved.")
    declared: float = Field(description="Declared weight, %.")
    changed: float = Field(description="Weight tried, %.")
    winner: str = Field(description="Winner with that weight.")
    flips: bool = Field(description="The winner differs from the declared ranking's.")


class CriticalWeight(StrictModel):
    """The weight at which another vendor would overtake the winner."""

    criterion: str = Field(description="Criterion id.")
    declared: float = Field(description="Declared weight, %.")
    critical: float = Field(description="Weight at which the winner changes, %.")
    relative_change: float = Field(description="(critical − declared) ÷ declared, %.")
    overtaken_by: str = Field(description="Vendor that would win past that weight.")


class MonteCarlo(StrictModel):
    """Random weights: how often each vendor ranks first."""

    draws: int = Field(description="Number of draws.")
    seed: int = Field(description="Seed.")
    spread_percent: float = Field(description="Each weight drawn within ± this % of its value.")
    p_first: dict[str, float] = Field(description="Vendor id → share of draws it ranked first.")


class SensitivityResult(StrictModel):
    """Robustness of the winner to the weights."""

    step_percent: float = Field(description="One-at-a-time change, % of each weight.")
    changes: list[WeightChange] = Field(description="Each weight up and down.")
    stable: bool = Field(description="No one-at-a-time change flips the winner.")
    critical: list[CriticalWeight] = Field(description="Weights that would change the winner, closest first.")
    monte_carlo: MonteCarlo | None = Field(default=None, description="Random weights (None: draws 0).")


class EvaluatorInfo(StrictModel):
    """An evaluator whose sheet was used."""

    id: str = Field(description="Evaluator id.")
    name: str = Field(description="Name.")
    source: str = Field(description="Score sheet file.")


class RfpResult(StrictModel):
    """The canonical result of ``ccc-audit rfp score``."""

    schema_version: int = Field(description="Format version (1).")
    tool_version: str = Field(description="ccc-audit version.")
    as_of: dt.date = Field(description="Date of the evaluation.")
    rubric_id: str = Field(description="Rubric id.")
    rubric_version: str = Field(description="Rubric version.")
    rubric_title: Localized = Field(description="Rubric title.")
    scale: list[int] = Field(description="Scores of the scale.")
    aggregation: str = Field(description="median or mean.")
    disagreement_threshold: float = Field(description="Spread above which a score is flagged.")
    tie_margin: float = Field(description="Totals closer than this are a tie.")
    tie_breakers: list[str] = Field(description="Declared tie-breakers in order.")
    criteria: list[CriterionInfo] = Field(description="The criteria tree, parents first.")
    evaluators: list[EvaluatorInfo] = Field(description="Evaluators.")
    vendors: list[VendorResult] = Field(description="Ranked vendors first, then the knocked out.")
    price: PriceReference | None = Field(description="Price normalisation (None: no price criterion).")
    ties: list[Tie] = Field(description="Ties and how they were resolved.")
    sensitivity: SensitivityResult | None = Field(description="Robustness (None: fewer than two ranked).")
    flags: list[Flag] = Field(
        description="Everything a reader must look at: knock-outs, disagreements, flips."
    )
