"""A check kind as one object, and the registry that turns the kinds into rule-pack models.

A kind module (``ccc_audit/checks/<kind>.py``) defines its spec model, its evaluator, its docs
line and, for record-based kinds, the records it needs; it exports them as one :class:`CheckKind`
named ``KIND``. :mod:`ccc_audit.checks.registry` lists every ``KIND`` once in a
:class:`CheckRegistry`, which builds from them the discriminated union of specs and the rule-pack
model that loading validates with (the models and loading layers cannot import the kinds).
"""

from __future__ import annotations

import copy
import functools
import operator
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import Field, TypeAdapter, create_model

from ccc_audit.checks.base import CheckContext
from ccc_audit.models import rulepack
from ccc_audit.models.checks import CheckSpecBase, SpecProblem
from ccc_audit.models.result import CheckResult

SpecT = TypeVar("SpecT", bound=CheckSpecBase)

RecordNeeds = dict[str, list[str]]
"""Record sets a check reads, with the columns it needs in each."""


@dataclass(frozen=True)
class CheckKind(Generic[SpecT]):
    """Everything the rest of the tool needs to know about one check kind."""

    name: str
    """The ``kind`` written in rule packs; also the name of its case file in ``tests/check_cases``."""
    spec: type[SpecT]
    """The spec model, whose ``kind`` field is ``Literal[name]``."""
    evaluate: Callable[[SpecT, CheckContext], CheckResult]
    """Judge one check against the bundle."""
    docs_line: Callable[[SpecT, str], str]
    """One Markdown line describing a check in the rule reference (``docs/rules``), per language."""
    record_needs: Callable[[SpecT], RecordNeeds] | None = None
    """Record sets and columns read; set for the heavy record-based kinds, which a presence-only
    (CI completeness) run checks for their records only."""
    problems: Callable[[SpecT], list[SpecProblem]] | None = None
    """Problems of a valid spec that its model cannot see, reported when rule packs load."""
    population: Callable[[SpecT], list[str]] | None = None
    """The record sets whose rows are what the check judges (default: every set it reads). When
    one of them is empty and not declared empty, a pass or not-applicable outcome rests on no
    evidence, and the engine turns it into not assessed."""

    def __post_init__(self) -> None:
        """Refuse a kind whose spec does not declare ``kind: Literal[name]``."""
        annotation = self.spec.model_fields["kind"].annotation
        if typing.get_origin(annotation) is not Literal or typing.get_args(annotation) != (self.name,):
            raise ValueError(
                f"check kind {self.name!r}: {self.spec.__name__}.kind is not Literal[{self.name!r}]"
            )


class CheckRegistry:
    """The check kinds, by name, with the spec union and rule-pack model built from them."""

    def __init__(self, *kinds: CheckKind[Any]) -> None:
        """Register ``kinds``; registering a name twice is an error."""
        self.kinds: dict[str, CheckKind[Any]] = {}
        """Each kind by name, in registration order."""
        for kind in kinds:
            if kind.name in self.kinds:
                raise ValueError(f"check kind {kind.name!r} is registered twice")
            self.kinds[kind.name] = kind
        union = functools.reduce(operator.or_, [kind.spec for kind in kinds])
        annotated: Any = Annotated  # the union is built at run time, so not a static type
        self.spec_type: Any = annotated[union, Field(discriminator="kind")]
        """Any registered spec, told apart by its ``kind`` (a pydantic annotation)."""
        self.rule_pack: type[rulepack.RulePack] = _rule_pack_model(self.spec_type)
        """:class:`~ccc_audit.models.rulepack.RulePack` whose rules' checks are the registered specs."""

    @functools.cached_property
    def spec_adapter(self) -> TypeAdapter[CheckSpecBase]:
        """Validates one check as written in a rule pack (built on first use: ~8 ms)."""
        return TypeAdapter(self.spec_type)

    def __getitem__(self, name: str) -> CheckKind[Any]:
        """The kind named ``name``."""
        return self.kinds[name]

    def __iter__(self) -> Iterator[CheckKind[Any]]:
        """Every kind, in registration order."""
        return iter(self.kinds.values())

    def names(self) -> list[str]:
        """Names of every kind, in registration order."""
        return list(self.kinds)

    def problems(self, check: CheckSpecBase) -> list[SpecProblem]:
        """Problems of a validated check beyond its model, located relative to the check."""
        kind = self.kinds[check.kind]
        return kind.problems(check) if kind.problems else []

    def docs_line(self, check: CheckSpecBase, lang: str) -> str:
        """The rule-reference line of a check."""
        return self.kinds[check.kind].docs_line(check, lang)


def _rule_pack_model(spec_type: Any) -> type[rulepack.RulePack]:
    """Subclasses of Rule and RulePack, named alike, whose checks are ``spec_type``."""
    generic_list: Any = list
    rule = create_model(
        "Rule",
        __base__=rulepack.Rule,
        __doc__=rulepack.Rule.__doc__,
        __module__=rulepack.__name__,
        checks=(generic_list[spec_type], copy.copy(rulepack.Rule.model_fields["checks"])),
    )
    return create_model(
        "RulePack",
        __base__=rulepack.RulePack,
        __doc__=rulepack.RulePack.__doc__,
        __module__=rulepack.__name__,
        rules=(generic_list[rule], copy.copy(rulepack.RulePack.model_fields["rules"])),
    )
