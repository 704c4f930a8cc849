"""A check kind is one module registered once: the registry, the spec union, the rule-pack model,
its JSON Schema, the case files of ``tests/check_cases`` and the rule reference all agree."""

from __future__ import annotations

import importlib
import json
import pkgutil
import typing
from typing import Any, Literal

import pytest
import yaml
from bundle_factory import TESTS
from pydantic import Field

import ccc_audit.checks
from ccc_audit.app.schemas import schema_text
from ccc_audit.checks.attestation import AttestationCheckSpec, evaluate
from ccc_audit.checks.base import CheckContext
from ccc_audit.checks.kind import CheckKind, CheckRegistry
from ccc_audit.checks.registry import CHECK_SPEC, REGISTRY, RULE_PACK
from ccc_audit.i18n.text import text
from ccc_audit.models.checks import CheckSpecBase
from ccc_audit.models.result import CheckResult, Outcome
from ccc_audit.models.rulepack import Rule, RulePack

CASES_DIR = TESTS / "check_cases"


def _spec_union() -> set[type[Any]]:
    """The spec classes the concrete rule-pack model accepts as a rule's checks."""
    rule = typing.get_args(RULE_PACK.model_fields["rules"].annotation)[0]
    assert issubclass(rule, Rule)
    (item,) = typing.get_args(rule.model_fields["checks"].annotation)
    union = typing.get_args(item)[0]  # through Annotated[..., Field(discriminator="kind")]
    return set(typing.get_args(union))


def _kind_modules() -> dict[str, CheckKind[Any]]:
    """Every ``KIND`` exported by a module of ``ccc_audit.checks``, by module name."""
    found: dict[str, CheckKind[Any]] = {}
    for info in pkgutil.iter_modules(ccc_audit.checks.__path__):
        module = importlib.import_module(f"ccc_audit.checks.{info.name}")
        kind = getattr(module, "KIND", None)
        if isinstance(kind, CheckKind):
            found[info.name] = kind
    return found


def test_every_kind_module_is_registered_once() -> None:
    modules = _kind_modules()
    assert sorted(k.name for k in modules.values()) == sorted(REGISTRY.names())
    for kind in modules.values():
        assert REGISTRY[kind.name] is kind


def test_every_spec_class_is_a_registered_kind() -> None:
    _kind_modules()  # import every kind module, so every spec class exists
    specs = {cls for cls in CheckSpecBase.__subclasses__() if cls.__module__.startswith("ccc_audit.")}
    assert specs == {kind.spec for kind in REGISTRY}


def test_the_rule_pack_model_is_built_from_the_registry() -> None:
    assert issubclass(RULE_PACK, RulePack)
    assert RULE_PACK.__name__ == "RulePack"
    assert _spec_union() == {kind.spec for kind in REGISTRY}


def test_the_rule_pack_schema_lists_exactly_the_registered_kinds() -> None:
    schema = json.loads(schema_text("rulepack"))
    items = schema["$defs"]["Rule"]["properties"]["checks"]["items"]
    assert set(items["discriminator"]["mapping"]) == set(REGISTRY.names())


def test_every_kind_has_a_case_file_and_every_case_file_a_kind() -> None:
    files = {path.stem for path in CASES_DIR.glob("*.yaml")}
    assert files == set(REGISTRY.names()), "add tests/check_cases/<kind>.yaml for each registered kind"


@pytest.mark.parametrize("name", REGISTRY.names())
def test_each_kind_validates_documents_and_describes_its_cases(name: str) -> None:
    kind = REGISTRY[name]
    cases = yaml.safe_load((CASES_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    for case in cases:
        spec = CHECK_SPEC.validate_python(case["check"])
        assert type(spec) is kind.spec
        for lang in ("ja", "en"):
            line = REGISTRY.docs_line(spec, lang)
            assert line.startswith(f"`{name}`: ") and "\n" not in line, line
        if kind.record_needs is not None:
            assert kind.record_needs(spec), f"{case['id']}: a record-based kind reads some record set"
        assert REGISTRY.problems(spec) == [], case["id"]


def test_a_kind_whose_spec_names_another_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="is not Literal"):
        CheckKind(name="answer", spec=AttestationCheckSpec, evaluate=evaluate, docs_line=lambda _s, _l: "")


def test_registering_a_kind_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        CheckRegistry(REGISTRY["attestation"], REGISTRY["attestation"])


class _EchoSpec(CheckSpecBase):
    """A kind defined outside ccc_audit.checks, as a plug-in would."""

    kind: Literal["echo"] = Field(description="Check kind.")
    said: str = Field(description="What to say.")


def _echo_line(spec: _EchoSpec, _lang: str) -> str:
    return f"`echo`: {spec.said}"


def _echo_evaluate(spec: _EchoSpec, _ctx: CheckContext) -> CheckResult:
    return CheckResult(kind="echo", outcome=Outcome.MANUAL, reason="echo", message=text(spec.said, spec.said))


def test_a_new_registry_accepts_its_own_kinds_in_rule_packs() -> None:
    echo = CheckKind(name="echo", spec=_EchoSpec, evaluate=_echo_evaluate, docs_line=_echo_line)
    registry = CheckRegistry(REGISTRY["document"], echo)
    spec = registry.spec_adapter.validate_python({"kind": "echo", "said": "hi"})
    assert registry.docs_line(spec, "en") == "`echo`: hi"
    mapping = registry.rule_pack.model_json_schema()["$defs"]["Rule"]["properties"]["checks"]["items"]
    assert set(mapping["discriminator"]["mapping"]) == {"document", "echo"}
