"""Load a profile and resolve the effective parameters and rule selection it implies."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.loading.library import Library
from ccc_audit.loading.model_errors import validate
from ccc_audit.loading.yaml_source import YamlDocument, load_yaml
from ccc_audit.models.common import Window
from ccc_audit.models.profile import Profile, RecordChecks
from ccc_audit.models.result import ParameterSetting
from ccc_audit.models.rulepack import ParameterType, Rule, is_looser


@dataclass
class Tailoring:
    """What a profile decides: selected rules and effective parameters."""

    profile: Profile | None = None
    parameters: dict[str, dict[str, int | float | Window]] = field(default_factory=dict)
    settings: list[ParameterSetting] = field(default_factory=list)
    presence_only: bool = False
    """Heavy record checks only verify that their records are supplied (see RecordChecks)."""
    only: frozenset[str] | None = None
    """When set, only these rule ids run; the others are excluded (``assess --rule``)."""

    def selected(self, rule: Rule) -> bool:
        """Whether the profile (and ``only``) keeps ``rule``."""
        if self.only is not None and rule.id not in self.only:
            return False
        if self.profile is None:
            return True
        chosen = self.profile.select
        if chosen is not None and not (
            _matches(rule.id, chosen.rules)
            or any(_matches(r, chosen.requirements) for r in rule.requirements)
        ):
            return False
        dropped = self.profile.exclude
        return not (
            _matches(rule.id, dropped.rules)
            or any(_matches(r, dropped.requirements) for r in rule.requirements)
        )


def _matches(value: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(value, p) for p in patterns)


def load_profile(path: Path) -> tuple[Profile, YamlDocument]:
    """Read and validate a profile file."""
    doc = load_yaml(path)
    return validate(doc, Profile), doc


def tailor(library: Library, loaded: tuple[Profile, YamlDocument] | None) -> Tailoring:
    """Effective parameters and selection; raise InputError on unknown names or undeclared deviations."""
    profile, doc = loaded if loaded else (None, None)
    result = Tailoring(
        profile, presence_only=bool(profile and profile.record_checks is RecordChecks.PRESENCE)
    )
    problems: list[Diagnostic] = []
    overrides = dict(profile.parameters) if profile else {}
    deviations = {d.parameter: d for d in profile.deviations} if profile else {}
    known: set[str] = set()
    for pack in library.packs:
        values: dict[str, int | float | Window] = {}
        for name, param in pack.model.parameters.items():
            key = f"{pack.model.pack.id}.{name}"
            known.add(key)
            value = overrides.get(key, param.default)
            if doc is not None and key in overrides:
                problem = _type_problem(param.type, value)
                if problem:
                    problems.append(doc.diagnostic(("parameters", key), f'parameter "{key}": {problem}'))
                    continue
            deviation = deviations.get(key)
            looser = is_looser(param, value)
            if looser and deviation is None and doc is not None:
                problems.append(
                    doc.diagnostic(
                        ("parameters", key),
                        f'parameter "{key}" = {value} is looser than the pack\'s floor {param.floor}; '
                        'declare it under "deviations" with a justification and an approver, '
                        "or use a stricter value",
                    )
                )
            values[name] = value
            result.settings.append(
                ParameterSetting(
                    pack_id=pack.model.pack.id,
                    name=name,
                    value=value,
                    default=param.default,
                    floor=param.floor,
                    deviation=deviation.justification if (deviation and looser) else None,
                    deviation_approved_by=deviation.approved_by if (deviation and looser) else None,
                )
            )
        result.parameters[pack.model.pack.id] = values
    if profile is not None and doc is not None:
        for key in overrides:
            if key not in known:
                problems.append(
                    doc.diagnostic(
                        ("parameters", key),
                        f'unknown parameter "{key}"; expected pack_id.name, '
                        f"one of: {', '.join(sorted(known))}",
                        key=True,
                    )
                )
        for i, dev in enumerate(profile.deviations):
            if dev.parameter not in known:
                problems.append(
                    doc.diagnostic(
                        ("deviations", i, "parameter"),
                        f'deviation for unknown parameter "{dev.parameter}"',
                    )
                )
        problems.extend(_unused_patterns(library, profile, doc))
    if problems:
        raise InputError(problems)
    return result


def _type_problem(kind: ParameterType, value: int | float | Window) -> str | None:
    if kind is ParameterType.WINDOW and not isinstance(value, Window):
        return "expected one of week, month, quarter, year"
    if kind is ParameterType.INTEGER and (isinstance(value, Window) or not isinstance(value, int)):
        return "expected an integer"
    if kind is ParameterType.NUMBER and isinstance(value, Window):
        return "expected a number"
    return None


def _unused_patterns(library: Library, profile: Profile, doc: YamlDocument) -> list[Diagnostic]:
    rule_ids = sorted(library.rule_ids())
    refs = sorted({r for _, rule in library.rules() for r in rule.requirements} | set(library.nodes))
    problems: list[Diagnostic] = []
    for section, selection in (("select", profile.select), ("exclude", profile.exclude)):
        if selection is None:
            continue
        for i, pattern in enumerate(selection.rules):
            if not fnmatch.filter(rule_ids, pattern):
                problems.append(doc.diagnostic((section, "rules", i), f'"{pattern}" matches no rule'))
        for i, pattern in enumerate(selection.requirements):
            if not fnmatch.filter(refs, pattern):
                problems.append(
                    doc.diagnostic((section, "requirements", i), f'"{pattern}" matches no requirement')
                )
    return problems
