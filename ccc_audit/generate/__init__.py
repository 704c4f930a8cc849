"""Deterministic synthetic evidence bundles, with violations planted where asked.

``generate(GenerateOptions(out, seats=…, months=…, seed=…))`` writes ``bundle.yaml``,
``records/*.csv``, ``documents/*.md`` and ``ground-truth.json`` (every planted violation with the
rule it breaks). The same options always give byte-identical files. Large record sets are built
with DuckDB SQL from hashes of each row's key, so a 5,000-seat year takes well under a minute.
"""

from __future__ import annotations

from ccc_audit.generate.build import GROUND_TRUTH, GenerateResult, generate
from ccc_audit.generate.options import GenerateOptions
from ccc_audit.generate.violations import VIOLATIONS, Plant, parse_violations

__all__ = [
    "GROUND_TRUTH",
    "VIOLATIONS",
    "GenerateOptions",
    "GenerateResult",
    "Plant",
    "generate",
    "parse_violations",
]
