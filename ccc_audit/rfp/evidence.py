"""Score criteria from a vendor's evidence bundle through the compliance engine.

A criterion mapped to ISO 18295-1 / COPC requirements takes the score of its weakest assessed
requirement (compliant, partially compliant or non-compliant, as the rubric's
``evidence_scores`` say). Requirements not assessed or not applicable are left out; a criterion
with none assessed stays with the evaluators.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ccc_audit.app.setup import prepare
from ccc_audit.engine.assess import Assessment, run
from ccc_audit.models.result import Conformity
from ccc_audit.rfp.rubric import LoadedRubric


@dataclass(frozen=True)
class EvidenceScore:
    """A criterion's score taken from evidence, with the conformities it rests on."""

    score: int
    basis: tuple[str, ...]
    """``catalogue:node conformity`` of every assessed requirement used."""


def conformities(bundle: Path, as_of: dt.date, cache_dir: Path | None) -> dict[str, Conformity]:
    """Assess ``bundle`` with every built-in pack; requirement ref → conformity."""
    setup = prepare(bundle=bundle, cache_dir=cache_dir)
    assert setup.bundle is not None
    result = run(Assessment(setup.library, setup.bundle, setup.tailoring, as_of, "en", cache_dir=cache_dir))
    return {r.ref: r.conformity for r in result.requirements}


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
