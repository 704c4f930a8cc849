"""Trace requirement results across standards through the crosswalks."""

from __future__ import annotations

from ccc_audit.loading.library import Library
from ccc_audit.models.result import Conformity, CrosswalkTrace, RequirementResult


def crosswalk_traces(library: Library, requirements: list[RequirementResult]) -> list[CrosswalkTrace]:
    """Every crosswalk link whose two requirements were both assessed and apply, in file order."""
    by_ref = {r.ref: r for r in requirements}
    traces: list[CrosswalkTrace] = []
    for loaded in library.crosswalks:
        for link in loaded.model.links:
            source, target = by_ref.get(link.source), by_ref.get(link.target)
            if (
                source is None
                or target is None
                or Conformity.NOT_APPLICABLE
                in (
                    source.conformity,
                    target.conformity,
                )
            ):
                continue
            traces.append(
                CrosswalkTrace(
                    crosswalk=loaded.model.crosswalk.id,
                    source=link.source,
                    source_title=source.title,
                    source_conformity=source.conformity,
                    relationship=link.relationship,
                    target=link.target,
                    target_title=target.title,
                    target_conformity=target.conformity,
                    rationale=link.rationale,
                )
            )
    return traces
