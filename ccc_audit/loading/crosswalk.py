"""Load crosswalk files and check that every link names real, assessable requirements."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.loading.model_errors import validate
from ccc_audit.loading.yaml_source import YamlDocument, load_yaml
from ccc_audit.models.crosswalk import Crosswalk


@dataclass(frozen=True)
class LoadedCrosswalk:
    """A validated crosswalk and where it came from."""

    model: Crosswalk
    doc: YamlDocument


def load_crosswalks(paths: list[Path], nodes: dict[str, bool], catalogues: set[str]) -> list[LoadedCrosswalk]:
    """Load ``paths`` against the loaded catalogues; raise InputError listing every problem.

    ``nodes`` maps each loaded requirement ref to whether it is assessable; ``catalogues`` holds
    the loaded catalogue ids.
    """
    loaded: list[LoadedCrosswalk] = []
    problems: list[Diagnostic] = []
    seen: set[str] = set()
    for path in paths:
        try:
            doc = load_yaml(path)
            model = validate(doc, Crosswalk)
        except InputError as exc:
            problems.extend(exc.diagnostics)
            continue
        if model.crosswalk.id in seen:
            problems.append(
                doc.diagnostic(("crosswalk", "id"), f'crosswalk "{model.crosswalk.id}" is loaded twice')
            )
        seen.add(model.crosswalk.id)
        problems.extend(_check(LoadedCrosswalk(model, doc), nodes, catalogues))
        loaded.append(LoadedCrosswalk(model, doc))
    if problems:
        raise InputError(problems)
    return loaded


def _check(crosswalk: LoadedCrosswalk, nodes: dict[str, bool], catalogues: set[str]) -> list[Diagnostic]:
    model, doc = crosswalk.model, crosswalk.doc
    problems: list[Diagnostic] = []
    sides = {"source": model.crosswalk.source, "target": model.crosswalk.target}
    for side, catalogue in sides.items():
        if catalogue not in catalogues:
            known = ", ".join(sorted(catalogues))
            problems.append(
                doc.diagnostic(("crosswalk", side), f'unknown catalogue "{catalogue}"; loaded: {known}')
            )
    if problems:
        return problems
    pairs: set[tuple[str, str]] = set()
    for i, link in enumerate(model.links):
        for side, catalogue in sides.items():
            ref = getattr(link, side)
            where = ("links", i, side)
            if not ref.startswith(f"{catalogue}:"):
                problems.append(
                    doc.diagnostic(where, f'"{ref}" is not in catalogue "{catalogue}" (the {side} standard)')
                )
            elif ref not in nodes:
                problems.append(doc.diagnostic(where, f'unknown requirement "{ref}"'))
            elif not nodes[ref]:
                problems.append(
                    doc.diagnostic(where, f'"{ref}" is a grouping node; map an assessable requirement')
                )
        if (link.source, link.target) in pairs:
            problems.append(doc.diagnostic(("links", i), f"{link.source} → {link.target} is mapped twice"))
        pairs.add((link.source, link.target))
    return problems
