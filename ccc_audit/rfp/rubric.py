"""Load a rubric, check it as a whole and flatten its criteria tree for scoring."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.loading.model_errors import validate
from ccc_audit.loading.yaml_source import YamlDocument, YamlPath, load_yaml
from ccc_audit.models.catalogue import Catalogue
from ccc_audit.models.common import Localized
from ccc_audit.resources import builtin_catalogues, data_dir
from ccc_audit.rfp.models import Criterion, Rubric

WEIGHT_TOLERANCE = 1e-6
EVIDENCE_STANDARDS = ("iso-18295-1", "copc-cx-r7")
CLIENT_STANDARD = "iso-18295-2"


@dataclass(frozen=True)
class Node:
    """A criterion in the flattened tree."""

    index: int
    id: str
    title: Localized
    weight: float
    """Declared weight, % of its level."""
    parent: int | None
    children: tuple[int, ...]
    criterion: Criterion
    path: YamlPath

    @property
    def is_leaf(self) -> bool:
        """Whether the node is scored directly."""
        return not self.children


@dataclass
class LoadedRubric:
    """A validated rubric with its flattened tree."""

    model: Rubric
    doc: YamlDocument
    nodes: list[Node]
    leaves: list[int]
    """Node indexes of the scored leaves, in file order."""
    price_leaf: int | None
    """Node index of the price criterion."""
    digest: str = ""
    """SHA-256 of the rubric file's bytes: what a questionnaire made from it is stamped with."""

    @property
    def scale_min(self) -> int:
        """Lowest score of the scale."""
        return self.model.scale[0].score

    @property
    def scale_max(self) -> int:
        """Highest score of the scale."""
        return self.model.scale[-1].score

    def by_id(self) -> dict[str, Node]:
        """Every node by criterion id."""
        return {n.id: n for n in self.nodes}

    def leaf_weights(self, weights: list[float] | None = None) -> list[float]:
        """Effective weight (fraction of 1) of every leaf, from declared or given node weights."""
        local = weights if weights is not None else [n.weight for n in self.nodes]
        effective = [0.0] * len(self.nodes)
        for node in self.nodes:  # parents precede their children
            share = local[node.index] / 100
            effective[node.index] = share if node.parent is None else effective[node.parent] * share
        return [effective[i] for i in self.leaves]


def builtin_rubrics() -> list[Path]:
    """Rubric files shipped with ccc-audit, in name order."""
    return sorted((data_dir("rulepacks") / "rfp").glob("*.yaml"))


def resolve_rubric(choice: str) -> Path:
    """A rubric file from a path or a built-in rubric id (file stem)."""
    path = Path(choice)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return path
    for candidate in builtin_rubrics():
        if candidate.stem == choice:
            return candidate
    names = ", ".join(p.stem for p in builtin_rubrics())
    raise InputError([Diagnostic(choice, 0, 0, f"unknown rubric; built-in rubrics: {names}")])


def _flatten(criteria: list[Criterion], base: YamlPath, parent: int | None, nodes: list[Node]) -> list[int]:
    indexes = []
    for position, criterion in enumerate(criteria):
        index = len(nodes)
        indexes.append(index)
        path = (*base, position)
        nodes.append(
            Node(index, criterion.id, criterion.title, criterion.weight, parent, (), criterion, path)
        )
        children = _flatten(criterion.children, (*path, "children"), index, nodes)
        nodes[index] = Node(
            index, criterion.id, criterion.title, criterion.weight, parent, tuple(children), criterion, path
        )
    return indexes


def _check_weights(
    doc: YamlDocument, criteria: list[Criterion], base: YamlPath, owner: str
) -> list[Diagnostic]:
    problems = []
    total = math.fsum(c.weight for c in criteria)
    if criteria and abs(total - 100) > WEIGHT_TOLERANCE:
        listed = " + ".join(f"{c.id} {c.weight:g}" for c in criteria)
        problems.append(
            doc.diagnostic(
                base, f"the weights of {owner} sum to {total:g} ({listed}); they must sum to 100", key=True
            )
        )
    for position, criterion in enumerate(criteria):
        problems.extend(
            _check_weights(
                doc, criterion.children, (*base, position, "children"), f'the children of "{criterion.id}"'
            )
        )
    return problems


def _catalogue_refs() -> set[str]:
    """Every node ref of the built-in catalogues (the rule packs and the engine are not needed)."""
    refs: set[str] = set()
    for path in builtin_catalogues():
        catalogue = validate(load_yaml(path), Catalogue)
        refs.update(f"{catalogue.standard.id}:{node.id}" for node, _ in catalogue.walk())
    return refs


def _check_nodes(doc: YamlDocument, rubric: Rubric, nodes: list[Node]) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    seen: dict[str, YamlPath] = {}
    parts = {p.id for p in rubric.parts}
    known = _catalogue_refs()
    for ko_index, ko in enumerate(rubric.knockouts):
        if ko.id in seen:
            problems.append(doc.diagnostic(("knockouts", ko_index, "id"), f'id "{ko.id}" is used twice'))
        seen[ko.id] = ("knockouts", ko_index)
        if parts and ko.part not in parts:
            problems.append(doc.diagnostic(("knockouts", ko_index, "part"), f'unknown part "{ko.part}"'))
    prices = 0
    for node in nodes:
        c = node.criterion
        if c.id in seen:
            problems.append(doc.diagnostic((*node.path, "id"), f'id "{c.id}" is used twice'))
        seen[c.id] = node.path
        if c.part is not None and c.part not in parts:
            problems.append(doc.diagnostic((*node.path, "part"), f'unknown part "{c.part}"'))
        if c.price is not None:
            prices += 1
            if not node.is_leaf:
                problems.append(
                    doc.diagnostic((*node.path, "price"), "the price criterion must have no children")
                )
            if c.requirements:
                problems.append(
                    doc.diagnostic(
                        (*node.path, "requirements"), "the price criterion is not scored from evidence"
                    )
                )
        if node.is_leaf and c.question is None:
            problems.append(doc.diagnostic(node.path, f'criterion "{c.id}" is scored but has no question'))
        if not node.is_leaf and (c.question is not None or c.requirements):
            problems.append(
                doc.diagnostic(node.path, f'"{c.id}" has children: put its question and requirements on them')
            )
        for key, refs, allowed in (
            ("requirements", c.requirements, EVIDENCE_STANDARDS),
            ("client_obligations", c.client_obligations, (CLIENT_STANDARD,)),
        ):
            for ref_index, ref in enumerate(refs):
                if ref not in known or ref.split(":", 1)[0] not in allowed:
                    problems.append(
                        doc.diagnostic(
                            (*node.path, key, ref_index),
                            f'"{ref}" is not a requirement of {" or ".join(allowed)} '
                            f"(expected e.g. {allowed[0]}:4.4)",
                        )
                    )
    if prices > 1:
        problems.append(
            doc.diagnostic(("criteria",), "more than one criterion has a price; expected at most one")
        )
    return problems


def _check_method(doc: YamlDocument, rubric: Rubric, nodes: list[Node]) -> list[Diagnostic]:
    problems = []
    scores = [level.score for level in rubric.scale]
    if scores != sorted(set(scores)):
        problems.append(doc.diagnostic(("scale",), "scale scores must be distinct and listed lowest first"))
    known = {n.id for n in nodes}
    for index, breaker in enumerate(rubric.method.tie_breakers):
        if breaker != "price" and breaker not in known:
            problems.append(
                doc.diagnostic(
                    ("method", "tie_breakers", index),
                    f'unknown tie-breaker "{breaker}"; expected "price" or a criterion id',
                )
            )
    if rubric.method.evidence_scores is not None:
        for name, value in rubric.method.evidence_scores.model_dump().items():
            if value not in scores:
                problems.append(
                    doc.diagnostic(
                        ("method", "evidence_scores", name), f"{value} is not a score of the scale {scores}"
                    )
                )
    return problems


def load_rubric(path: Path, shown: str | None = None) -> LoadedRubric:
    """Read and check a rubric file; raise InputError listing every problem located."""
    doc = load_yaml(path, shown)
    rubric = validate(doc, Rubric)
    nodes: list[Node] = []
    _flatten(rubric.criteria, ("criteria",), None, nodes)
    problems = _check_weights(doc, rubric.criteria, ("criteria",), "the top-level criteria")
    problems += _check_nodes(doc, rubric, nodes)
    problems += _check_method(doc, rubric, nodes)
    if problems:
        raise InputError(problems)
    leaves = [n.index for n in nodes if n.is_leaf]
    price = next((n.index for n in nodes if n.criterion.price is not None), None)
    return LoadedRubric(rubric, doc, nodes, leaves, price, hashlib.sha256(path.read_bytes()).hexdigest())
