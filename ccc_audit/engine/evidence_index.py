"""The evidence index of a result: every bundle file, its hash, and the rules and standards citing it."""

from __future__ import annotations

from ccc_audit.loading.bundle import LoadedBundle
from ccc_audit.models.result import (
    EvidenceIndexEntry,
    RuleResult,
    SectionLocation,
)


def evidence_index(bundle: LoadedBundle, rules: list[RuleResult]) -> list[EvidenceIndexEntry]:
    """Every file of the bundle with its SHA-256, the rules that cited it and the standards served.

    A document's entry also lists where its required sections were found (heading and place).
    """
    cited: dict[str, set[str]] = {}
    served: dict[str, set[str]] = {}
    located: dict[str, dict[tuple[str, str, str, int], SectionLocation]] = {}
    for result in rules:
        for check in result.checks:
            for ref in check.evidence:
                cited.setdefault(f"{ref.kind}:{ref.id}", set()).add(result.rule_id)
                served.setdefault(f"{ref.kind}:{ref.id}", set()).update(result.requirements)
                for place in ref.sections:
                    where = (place.section, place.heading, place.unit, place.number)
                    located.setdefault(f"{ref.kind}:{ref.id}", {}).setdefault(where, place)
    entries = [
        EvidenceIndexEntry(
            kind="manifest", id="bundle.yaml", path="bundle.yaml", sha256=bundle.manifest_sha256
        )
    ]
    for document in bundle.model.documents:
        key = f"document:{document.id}"
        entries.append(
            EvidenceIndexEntry(
                kind="document",
                id=document.id,
                path=document.path,
                sha256=bundle.hashes[key],
                title=document.title,
                cited_by=sorted(cited.get(key, set())),
                requirements=sorted(served.get(key, set())),
                standards=_standards(served.get(key, set())),
                sections=[
                    place for _, place in sorted(located.get(key, {}).items(), key=lambda item: item[0])
                ],
            )
        )
    for name, spec in sorted(bundle.model.records.items()):
        key = f"records:{name}"
        entries.append(
            EvidenceIndexEntry(
                kind="records",
                id=name,
                path=spec.shown(),
                sha256=bundle.hashes[key],
                cited_by=sorted(cited.get(key, set())),
                requirements=sorted(served.get(key, set())),
                standards=_standards(served.get(key, set())),
            )
        )
    return entries


def _standards(requirements: set[str]) -> list[str]:
    """The catalogues the requirement refs belong to."""
    return sorted({ref.split(":", 1)[0] for ref in requirements})
