"""Load catalogues and rule packs together and check every reference between them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.loading.crosswalk import LoadedCrosswalk
from ccc_audit.loading.model_errors import validate
from ccc_audit.loading.yaml_source import YamlDocument, YamlPath, load_yaml
from ccc_audit.models.catalogue import Catalogue, RequirementNode
from ccc_audit.models.checks import CheckSpecBase, SpecProblem
from ccc_audit.models.common import Window
from ccc_audit.models.rulepack import Designation, Parameter, ParameterType, Rule, RulePack


@dataclass(frozen=True)
class NodeEntry:
    """A catalogue node with its qualified ref and its parent's ref."""

    ref: str
    standard: str
    node: RequirementNode
    parent: str | None


@dataclass
class LoadedCatalogue:
    """A validated catalogue and where it came from."""

    model: Catalogue
    doc: YamlDocument


@dataclass
class LoadedPack:
    """A validated rule pack and where it came from."""

    model: RulePack
    doc: YamlDocument

    def rule_path(self, index: int) -> YamlPath:
        """YAML path of rule number ``index``."""
        return ("rules", index)


@dataclass
class Library:
    """Every catalogue and rule pack of a run, with indexes over them."""

    catalogues: list[LoadedCatalogue] = field(default_factory=list)
    packs: list[LoadedPack] = field(default_factory=list)
    nodes: dict[str, NodeEntry] = field(default_factory=dict)
    crosswalks: list[LoadedCrosswalk] = field(default_factory=list)

    def rules(self) -> Iterator[tuple[LoadedPack, Rule]]:
        """Every rule with its pack, in pack then file order."""
        for pack in self.packs:
            for rule in pack.model.rules:
                yield pack, rule

    def rule_ids(self) -> set[str]:
        """Ids of every rule."""
        return {rule.id for _, rule in self.rules()}


def _load_all(
    paths: list[Path], model: type[BaseModel]
) -> tuple[list[tuple[BaseModel, YamlDocument]], list[Diagnostic]]:
    loaded: list[tuple[BaseModel, YamlDocument]] = []
    problems: list[Diagnostic] = []
    for path in paths:
        try:
            doc = load_yaml(path)
            loaded.append((validate(doc, model), doc))
        except InputError as exc:
            problems.extend(exc.diagnostics)
    return loaded, problems


class CheckKinds(Protocol):
    """What loading needs from the check kinds, which live in a higher layer and are passed in.

    :data:`ccc_audit.checks.registry.REGISTRY` is the one implementation; loading never imports it.
    """

    @property
    def rule_pack(self) -> type[RulePack]:
        """The rule-pack model whose checks are validated as the registered kinds' specs."""
        ...

    def problems(self, check: CheckSpecBase) -> list[SpecProblem]:
        """Problems of a validated check that its model cannot see, located relative to the check."""
        ...


def load_library(
    catalogue_paths: list[Path], pack_paths: list[Path], check_kinds: CheckKinds | None = None
) -> Library:
    """Load and cross-check catalogues and packs; raise InputError listing every problem.

    Rule packs are validated with ``check_kinds`` (the check registry), which loading packs needs.
    """
    library = Library()
    cats, problems = _load_all(catalogue_paths, Catalogue)
    for model, doc in cats:
        assert isinstance(model, Catalogue)
        problems.extend(_index_catalogue(library, LoadedCatalogue(model, doc)))
    if check_kinds is None and pack_paths:
        raise ValueError("loading rule packs needs the check kinds (ccc_audit.checks.registry.REGISTRY)")
    packs, pack_problems = _load_all(pack_paths, check_kinds.rule_pack) if check_kinds else ([], [])
    problems.extend(pack_problems)
    seen_rules: dict[str, str] = {}
    seen_packs: set[str] = set()
    for model, doc in packs:
        assert isinstance(model, RulePack)
        pack = LoadedPack(model, doc)
        if model.pack.id in seen_packs:
            problems.append(doc.diagnostic(("pack", "id"), f'pack id "{model.pack.id}" is loaded twice'))
        seen_packs.add(model.pack.id)
        assert check_kinds is not None  # there are packs
        problems.extend(_check_pack(library, pack, seen_rules, check_kinds))
        library.packs.append(pack)
    if problems:
        raise InputError(problems)
    return library


def _index_catalogue(library: Library, cat: LoadedCatalogue) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    std = cat.model.standard.id
    if any(c.model.standard.id == std for c in library.catalogues):
        problems.append(cat.doc.diagnostic(("standard", "id"), f'catalogue "{std}" is loaded twice'))
        return problems
    library.catalogues.append(cat)
    for node, parents in cat.model.walk():
        ref = f"{std}:{node.id}"
        if ref in library.nodes:
            problems.append(cat.doc.diagnostic(("nodes",), f'node id "{node.id}" appears twice'))
            continue
        if node.assessable and node.paraphrase is None:
            problems.append(cat.doc.diagnostic(("nodes",), f'assessable node "{node.id}" has no paraphrase'))
        parent = f"{std}:{parents[-1]}" if parents else None
        library.nodes[ref] = NodeEntry(ref, std, node, parent)
    return problems


_COUNT_FIELDS = {"min_count", "max_age_months", "grace_days", "within_days"}
_WINDOW_FIELDS = {"window"}
_NUMBER_FIELDS = {"min", "max", "tolerance"}


def parameter_refs(value: object, path: YamlPath = ()) -> Iterator[tuple[YamlPath, str]]:
    """Every ``$name`` reference inside a check spec, with its path."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from parameter_refs(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from parameter_refs(item, (*path, i))
    elif isinstance(value, str) and not isinstance(value, Window) and value.startswith("$"):
        yield path, value


def _check_pack(
    library: Library, pack: LoadedPack, seen_rules: dict[str, str], check_kinds: CheckKinds
) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    model, doc = pack.model, pack.doc
    known_cats = {c.model.standard.id for c in library.catalogues}
    for i, cat_id in enumerate(model.pack.catalogues):
        if cat_id not in known_cats:
            problems.append(
                doc.diagnostic(
                    ("pack", "catalogues", i),
                    f'unknown catalogue "{cat_id}"; loaded: {", ".join(sorted(known_cats))}',
                )
            )
    for r, rule in enumerate(model.rules):
        if rule.id in seen_rules:
            problems.append(
                doc.diagnostic(
                    ("rules", r, "id"),
                    f'rule id "{rule.id}" is already defined in {seen_rules[rule.id]}',
                )
            )
        seen_rules[rule.id] = doc.path
        for q, ref in enumerate(rule.requirements):
            cat_id = ref.split(":", 1)[0]
            if cat_id not in model.pack.catalogues:
                problems.append(
                    doc.diagnostic(
                        ("rules", r, "requirements", q),
                        f'requirement "{ref}" is in catalogue "{cat_id}", which the pack does not declare',
                    )
                )
            elif ref not in library.nodes and cat_id in known_cats:
                problems.append(
                    doc.diagnostic(
                        ("rules", r, "requirements", q),
                        f'unknown requirement "{ref}": no such node in catalogue "{cat_id}"',
                    )
                )
        for c, check in enumerate(rule.checks):
            for path, message in check_kinds.problems(check):
                problems.append(doc.diagnostic(("rules", r, "checks", c, *path), message))
            for path, ref_text in parameter_refs(check, ("rules", r, "checks", c)):
                problems.extend(_check_param_ref(pack, path, ref_text))
    return problems


def _check_param_ref(pack: LoadedPack, path: YamlPath, ref: str) -> list[Diagnostic]:
    name = ref[1:]
    params: dict[str, Parameter | Designation] = {**pack.model.parameters, **pack.model.designations}
    if name not in params:
        known = ", ".join(sorted(params)) or "none"
        return [pack.doc.diagnostic(path, f'unknown parameter "{ref}"; the pack declares: {known}')]
    field_name = str(path[-1])
    expected = (
        ParameterType.WINDOW
        if field_name in _WINDOW_FIELDS
        else ParameterType.INTEGER
        if field_name in _COUNT_FIELDS
        else None
    )
    if field_name in _NUMBER_FIELDS and params[name].type is ParameterType.WINDOW:
        return [pack.doc.diagnostic(path, f'parameter "{ref}" is a window; "{field_name}" needs a number')]
    if expected is not None and params[name].type is not expected:
        return [
            pack.doc.diagnostic(
                path,
                f'parameter "{ref}" is a {params[name].type.value}; "{field_name}" needs a {expected.value}',
            )
        ]
    return []
