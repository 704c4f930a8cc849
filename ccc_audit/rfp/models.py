"""Input formats of a procurement: the rubric, a vendor's response and an evaluator's score sheet."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from ccc_audit.models.common import Identifier, Localized, StrictModel

RequirementRef = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._\-]+:[^\s:]+$")]
"""A catalogue node reference ``catalogue:node`` such as ``copc-cx-r7:2.7``."""


class RubricInfo(StrictModel):
    """Identity of a rubric."""

    id: Identifier = Field(description="Stable rubric id.")
    version: str = Field(description="Rubric version, e.g. 2026.1.")
    title: Localized = Field(description="Rubric title.")
    description: Localized | None = Field(default=None, description="What the rubric is for.")


class ScaleLevel(StrictModel):
    """One point of the scoring scale with its written descriptor."""

    score: int = Field(ge=0, le=100, description="The score an evaluator gives.")
    label: Localized = Field(description="Short name, e.g. Adequate.")
    descriptor: Localized = Field(description="What a response must show to earn this score.")


class Aggregation(StrEnum):
    """How several evaluators' scores for one criterion are combined."""

    MEDIAN = "median"
    MEAN = "mean"


class PriceMethod(StrEnum):
    """How bid prices become a 0-1 score."""

    LOWEST_OVER_PRICE = "lowest_over_price"
    """lowest price ÷ price: the cheapest bid scores 1, twice its price scores 0.5."""
    LINEAR = "linear"
    """(highest − price) ÷ (highest − lowest): the cheapest scores 1, the dearest 0."""


class Sensitivity(StrictModel):
    """How the robustness of the ranking is tested."""

    step_percent: float = Field(
        default=10, gt=0, lt=100, description="One-at-a-time change of each weight, in % of its value."
    )
    draws: int = Field(default=10_000, ge=0, le=1_000_000, description="Monte Carlo draws (0: none).")
    spread_percent: float = Field(
        default=25,
        gt=0,
        lt=100,
        description="Monte Carlo: each weight is drawn uniformly within ± this % of its value, "
        "then the weights of each level are rescaled to 100.",
    )
    seed: int = Field(default=1, description="Seed of the Monte Carlo draws: same seed, same result.")


class EvidenceScores(StrictModel):
    """Score given to a criterion from the compliance engine's conformity of its requirements."""

    compliant: int = Field(description="Score when every mapped requirement is compliant.")
    partially_compliant: int = Field(description="Score of a partially compliant requirement.")
    non_compliant: int = Field(description="Score of a non-compliant requirement.")


class Method(StrictModel):
    """Scoring rules agreed with the stakeholders before the responses are opened."""

    aggregation: Aggregation = Field(default=Aggregation.MEDIAN, description="median or mean.")
    disagreement_threshold: float = Field(
        default=2, ge=0, description="Flag a criterion when evaluators' max − min exceeds this."
    )
    tie_margin: float = Field(
        default=0.5, ge=0, description="Totals (out of 100) closer than this are a tie."
    )
    tie_breakers: list[str] = Field(
        default_factory=list,
        description='Applied in order to tied vendors: "price" (lower wins) or a criterion id '
        "(higher score wins); the vendor id is the last resort.",
    )
    sensitivity: Sensitivity = Field(default_factory=Sensitivity, description="Robustness tests.")
    evidence_scores: EvidenceScores | None = Field(
        default=None, description="Scores from an evidence bundle's assessment (None: evaluators only)."
    )


class Part(StrictModel):
    """A part of the business requirements definition that vendors must answer."""

    id: Identifier = Field(description="Part id.")
    title: Localized = Field(description="Part title.")
    asks: Localized = Field(description="What the vendor must answer for this part.")


class Knockout(StrictModel):
    """A mandatory requirement: a vendor that does not meet it, with evidence, is excluded."""

    id: Identifier = Field(description="Knock-out id.")
    part: Identifier = Field(description="Part of the business requirements it belongs to.")
    title: Localized = Field(description="Short title.")
    question: Localized = Field(description="Question put to the vendor (answer yes or no).")
    evidence_expected: Localized = Field(description="Evidence a yes must come with.")


class PriceSpec(StrictModel):
    """Normalisation of the price criterion."""

    method: PriceMethod = Field(description="lowest_over_price or linear.")
    currency: str = Field(default="JPY", description="Currency every bid must be in.")


class Criterion(StrictModel):
    """A node of the criteria tree: a group (with children) or a scored leaf."""

    id: Identifier = Field(description="Criterion id, unique in the rubric.")
    title: Localized = Field(description="Short title.")
    weight: float = Field(gt=0, le=100, description="Weight in % of its level; siblings sum to 100.")
    part: Identifier | None = Field(default=None, description="Part of the business requirements.")
    question: Localized | None = Field(default=None, description="Question put to the vendor (leaves).")
    evidence_expected: Localized | None = Field(default=None, description="Evidence expected (leaves).")
    price: PriceSpec | None = Field(default=None, description="Present on the one price criterion.")
    requirements: list[RequirementRef] = Field(
        default_factory=list,
        description="ISO 18295-1 / COPC requirements: scored from an evidence bundle when one is given.",
    )
    client_obligations: list[RequirementRef] = Field(
        default_factory=list, description="ISO 18295-2 obligations of the client this criterion relies on."
    )
    children: list[Criterion] = Field(default_factory=list, description="Sub-criteria.")


class Rubric(StrictModel):
    """A procurement rubric file."""

    schema_version: Literal[1] = Field(description="Format version (1).")
    rubric: RubricInfo = Field(description="Identity.")
    scale: list[ScaleLevel] = Field(min_length=2, description="Scores with descriptors, lowest first.")
    method: Method = Field(default_factory=Method, description="Scoring rules agreed up front.")
    parts: list[Part] = Field(default_factory=list, description="Business requirements parts.")
    knockouts: list[Knockout] = Field(default_factory=list, description="Mandatory requirements.")
    criteria: list[Criterion] = Field(min_length=1, description="The criteria tree.")


class VendorInfo(StrictModel):
    """Who responded."""

    id: Identifier = Field(description="Vendor id used by score sheets.")
    name: str = Field(min_length=1, description="Vendor name.")


class Bid(StrictModel):
    """The vendor's price for the whole contract term."""

    amount: float = Field(
        gt=0,
        allow_inf_nan=False,
        description="Total price; a finite number greater than 0 (never inf or nan).",
    )
    currency: str = Field(default="JPY", description="Currency.")


class KnockoutAnswer(StrictModel):
    """Answer to a knock-out question."""

    answer: bool = Field(description="Whether the vendor meets the requirement.")
    evidence: list[str] = Field(default_factory=list, description="Evidence offered for a yes.")


class Answer(StrictModel):
    """Answer to a criterion's question."""

    answer: str = Field(default="", description="The vendor's answer.")
    evidence: list[str] = Field(default_factory=list, description="Evidence offered.")


class VendorResponse(StrictModel):
    """A vendor's response to the RFP."""

    schema_version: Literal[1] = Field(description="Format version (1).")
    vendor: VendorInfo = Field(description="Who responded.")
    price: Bid = Field(description="The bid.")
    knockouts: dict[str, KnockoutAnswer] = Field(default_factory=dict, description="Knock-out answers.")
    answers: dict[str, Answer] = Field(default_factory=dict, description="Answers per criterion id.")
    evidence_bundle: str | None = Field(
        default=None, description="Folder (inside the procurement folder) of the vendor's evidence bundle."
    )


class EvaluatorInfo(StrictModel):
    """Who scored."""

    id: Identifier = Field(description="Evaluator id.")
    name: str = Field(min_length=1, description="Evaluator name.")


class ScoreSheet(StrictModel):
    """One evaluator's scores: vendor id → criterion id → score."""

    schema_version: Literal[1] = Field(description="Format version (1).")
    evaluator: EvaluatorInfo = Field(description="Who scored.")
    scores: dict[str, dict[str, int]] = Field(description="vendor id → leaf criterion id → score.")
    comments: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="Optional remarks: vendor id → criterion id → text."
    )
