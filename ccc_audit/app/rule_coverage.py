"""How far the rule packs cover each standard: decided by records, attested only, without rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from ccc_audit.checks.attestation import AttestationCheckSpec
from ccc_audit.loading.library import Library
from ccc_audit.models.common import Localized
from ccc_audit.models.rulepack import Rule


def is_automated(rule: Rule) -> bool:
    """Whether evidence decides the rule: at least one check is not a self-assessment question."""
    return any(not isinstance(check, AttestationCheckSpec) for check in rule.checks)


@dataclass
class StandardCoverage:
    """Coverage figures of one catalogue, with the refs behind each figure."""

    standard: str
    title: Localized
    nodes: int = 0
    assessable: list[str] = field(default_factory=list)
    with_rules: list[str] = field(default_factory=list)
    automated: list[str] = field(default_factory=list)
    """Assessable nodes verified by at least one rule the records decide (not only attestations)."""
    attestation_only: list[str] = field(default_factory=list)
    """Assessable nodes whose rules are all self-assessment questions."""
    without_rules: list[str] = field(default_factory=list)


def coverage(library: Library) -> list[StandardCoverage]:
    """Coverage of every loaded catalogue, in load order."""
    rules_of: dict[str, list[Rule]] = {}
    for _, rule in library.rules():
        for ref in rule.requirements:
            rules_of.setdefault(ref, []).append(rule)
    result = [StandardCoverage(c.model.standard.id, c.model.standard.title) for c in library.catalogues]
    by_id = {c.standard: c for c in result}
    for ref, entry in library.nodes.items():
        figures = by_id[entry.standard]
        figures.nodes += 1
        if not entry.node.assessable:
            continue
        figures.assessable.append(ref)
        rules = rules_of.get(ref, [])
        if not rules:
            figures.without_rules.append(ref)
            continue
        figures.with_rules.append(ref)
        if any(is_automated(rule) for rule in rules):
            figures.automated.append(ref)
        else:
            figures.attestation_only.append(ref)
    return result
