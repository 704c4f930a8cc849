"""Score criteria from the conformities of a vendor's assessed evidence bundle.

A criterion mapped to ISO 18295-1 / COPC requirements takes the score of its weakest assessed
requirement (compliant, partially compliant or non-compliant, as the rubric's
``evidence_scores`` say). Requirements not assessed or not applicable are left out; a criterion
with none assessed stays with the evaluators.
"""

from __future__ import annotations

from dataclasses import dataclass

from ccc_audit.i18n.labels import label
from ccc_audit.i18n.text import text
from ccc_audit.models.common import Localized
from ccc_audit.models.conformity import Conformity
from ccc_audit.rfp.rubric import LoadedRubric


@dataclass(frozen=True)
class EvidenceScore:
    """A criterion's score taken from evidence, with the conformities it rests on."""

    score: int
    basis: tuple[str, ...]
    """``catalogue:node conformity`` of every assessed requirement used."""


def evidence_scores(rubric: LoadedRubric, found: dict[str, Conformity]) -> dict[str, EvidenceScore]:
    """Criterion id → score, for every leaf whose mapped requirements were assessed."""
    table = rubric.model.method.evidence_scores
    if table is None:
        return {}
    scores = {
        Conformity.COMPLIANT: table.compliant,
        Conformity.PARTIALLY_COMPLIANT: table.partially_compliant,
        Conformity.NON_COMPLIANT: table.non_compliant,
    }
    out = {}
    for index in rubric.leaves:
        criterion = rubric.nodes[index].criterion
        used = [(ref, found[ref]) for ref in criterion.requirements if found.get(ref) in scores]
        if used:
            out[criterion.id] = EvidenceScore(
                min(scores[c] for _, c in used), tuple(f"{ref} {c.value}" for ref, c in used)
            )
    return out


def evidence_reason(found: EvidenceScore) -> Localized:
    """Why an evidence-derived score is what it is: the weakest assessed requirement, in words."""

    def basis(lang: str) -> str:
        parts = []
        for item in found.basis:
            ref, _, conformity = item.rpartition(" ")
            parts.append(f"{ref} {label(f'conformity.{conformity}', lang)}")
        return ("、" if lang == "ja" else "; ").join(parts)

    return text(
        f"委託先の証拠一式の適合性評価で、対応する要求事項のうち最も低い結果から {found.score} 点とした"
        f"（{basis('ja')}）。",
        f"Scored {found.score} from the weakest of the mapped requirements in the assessment of the "
        f"vendor's evidence bundle ({basis('en')}).",
    )
