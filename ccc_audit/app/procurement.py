"""Score a procurement: the RFP scoring, with vendors' evidence bundles assessed by the engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ccc_audit.models.conformity import Conformity
from ccc_audit.rfp.inputs import Procurement
from ccc_audit.rfp.result import RfpResult
from ccc_audit.rfp.scoring import score


def bundle_conformities(bundle: Path, as_of: dt.date) -> dict[str, Conformity]:
    """Assess ``bundle`` with every built-in pack: requirement ref → conformity."""
    from ccc_audit.app.assess import (  # DuckDB and the engine only when a bundle is given
        AssessOptions,
        assess,
    )

    result = assess(AssessOptions(bundle, as_of, language="en")).result
    return {r.ref: r.conformity for r in result.requirements}


def score_procurement(procurement: Procurement, as_of: dt.date) -> RfpResult:
    """Score every vendor of ``procurement`` on ``as_of``, assessing their evidence bundles."""
    return score(procurement, as_of, bundle_conformities)
