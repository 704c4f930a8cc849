"""Whether rules and catalogue nodes apply to a bundle's role and scope."""

from __future__ import annotations

from ccc_audit.models.bundle import Bundle
from ccc_audit.models.catalogue import Applicability
from ccc_audit.models.rulepack import RuleApplicability


def _meets(wanted: list[str], declared: list[str]) -> bool:
    return not wanted or bool(set(wanted) & set(declared))


def rule_applies(cond: RuleApplicability, bundle: Bundle) -> bool:
    """Every non-empty condition list must share a value with the bundle."""
    sites = bundle.scope.sites or [s.id for s in bundle.sites]
    return (
        _meets(list(cond.roles), [bundle.role.value])
        and _meets(cond.channels, bundle.scope.channels)
        and _meets(cond.operations, bundle.scope.operations)
        and _meets(cond.sites, sites)
    )


def node_applies(cond: Applicability | None, bundle: Bundle) -> bool:
    """Whether a catalogue node's conditions hold: its role, and any listed channel or operation."""
    if cond is None:
        return True
    if not _meets(list(cond.roles), [bundle.role.value]):
        return False
    if not (cond.channels or cond.operations):
        return True
    return bool(
        set(cond.channels) & set(bundle.scope.channels) or set(cond.operations) & set(bundle.scope.operations)
    )
