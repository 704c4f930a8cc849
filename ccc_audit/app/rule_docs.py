"""Rule reference pages generated from the rule packs and catalogues (``docs/rules/``).

``python -m ccc_audit.app.rule_docs [FOLDER]`` rewrites the pages (default: ``docs/rules`` of the
source tree); a test and CI fail when the committed pages differ from what the packs give.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ccc_audit.app.rule_coverage import coverage, is_automated
from ccc_audit.checks.registry import REGISTRY
from ccc_audit.loading.library import Library, LoadedPack
from ccc_audit.models.rulepack import Rule

_TEXT = {
    "title": ("規則リファレンス", "Rule reference"),
    "generated": (
        "このページは規則パックとカタログから生成している。"
        "編集せず、`python -m ccc_audit.app.rule_docs` で作り直すこと。",
        "Generated from the rule packs and catalogues: do not edit, run `python -m ccc_audit.app.rule_docs`.",
    ),
    "coverage": ("網羅状況", "Coverage"),
    "standard": ("規格", "Standard"),
    "nodes": ("ノード", "Nodes"),
    "assessable": ("評価対象", "Assessable"),
    "with_rules": ("規則あり", "With rules"),
    "automated": ("記録で判定", "Decided by records"),
    "attestation_only": ("自己評価のみ", "Attestation only"),
    "packs": ("規則パック", "Rule packs"),
    "by_requirement": ("要求事項ごとの規則", "Rules per requirement"),
    "requirement": ("要求事項", "Requirement"),
    "confidence": ("信頼度", "Confidence"),
    "rules": ("規則", "Rules"),
    "parameters": ("パラメータ", "Parameters"),
    "name": ("名前", "Name"),
    "designations": (
        "組織が定める値（designated_values）",
        "Values the organisation designates (designated_values)",
    ),
    "designations_intro": (
        "規格が組織に設定を委ねている値。各バンドルが bundle.yaml の designated_values に"
        "値、それを定めた文書、責任者を記載する。"
        "記載がなければ、その値を読むチェックは value_not_designated で不適合となる。"
        "提案値はひな形の出発点にすぎず、判定には使わない。",
        "Values the standard leaves to the organisation. Each bundle declares them in bundle.yaml under "
        "designated_values (value, the document that sets it, its owner); a check reading one that is not "
        "declared fails with value_not_designated. The suggestion only seeds scaffolds and is never used "
        "to judge.",
    ),
    "suggestion": ("提案値", "Suggestion"),
    "type": ("型", "Type"),
    "default": ("既定値", "Default"),
    "floor": ("下限", "Floor"),
    "description": ("説明", "Description"),
    "requirements": ("要求事項", "Requirements"),
    "applies_to": ("適用範囲", "Applies to"),
    "any_scope": ("すべて", "any"),
    "grade": ("等級", "Grade"),
    "severity": ("重要度", "Severity"),
    "escalation": ("格上げ", "escalation"),
    "checks": ("チェック", "Checks"),
    "how": ("判定方法", "Decided by"),
    "by_evidence": ("証拠から自動判定", "evidence (automated)"),
    "by_attestation": ("自己評価の回答", "self-assessment answer"),
    "rationale": ("根拠", "Rationale"),
    "evidence": ("必要な証拠", "Evidence"),
    "corrective_action": ("是正処置の指針", "Corrective action"),
    "catalogues": ("カタログ", "Catalogues"),
    "none": ("なし", "none"),
}


def _t(key: str, lang: str) -> str:
    ja, en = _TEXT[key]
    return ja if lang == "ja" else en


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _scope(rule: Rule, lang: str) -> str:
    parts = [
        f"{name} {', '.join(values)}"
        for name, values in (
            ("roles", rule.applies_to.roles),
            ("channels", rule.applies_to.channels),
            ("operations", rule.applies_to.operations),
            ("sites", rule.applies_to.sites),
        )
        if values
    ]
    return "; ".join(parts) or _t("any_scope", lang)


def _rule_section(library: Library, rule: Rule, lang: str) -> list[str]:
    refs = [f"{ref} {library.nodes[ref].node.title.get(lang)}" for ref in rule.requirements]
    grade = f"{rule.grade.value} · {_t('severity', lang)} {rule.severity.value}"
    if rule.escalation:
        grade += (
            f" · {_t('escalation', lang)} → {rule.escalation.grade.value} "
            f"(> {rule.escalation.when_failing_share_above:.0%})"
        )
    how = _t("by_evidence", lang) if is_automated(rule) else _t("by_attestation", lang)
    lines = [
        f'<a id="{rule.id}"></a>',
        "",
        f"### `{rule.id}` {rule.title.get(lang)}",
        "",
        f"- {_t('requirements', lang)}: {'; '.join(refs)}",
        f"- {_t('applies_to', lang)}: {_scope(rule, lang)}",
        f"- {_t('grade', lang)}: {grade}",
        f"- {_t('how', lang)}: {how}",
        f"- {_t('checks', lang)}:",
        *[f"  - {REGISTRY.docs_line(check, lang)}" for check in rule.checks],
    ]
    for key, text in (
        ("rationale", rule.rationale),
        ("evidence", rule.evidence),
        ("corrective_action", rule.corrective_action),
    ):
        lines += ["", f"#### {_t(key, lang)}", "", text.get(lang).strip()]
    return [*lines, ""]


def pack_page(library: Library, pack: LoadedPack, lang: str) -> str:
    """The reference page of one rule pack."""
    info = pack.model.pack
    lines = [
        f"# {info.title.get(lang)} (`{info.id}` {info.version})",
        "",
        f"_{_t('generated', lang)}_",
        "",
        f"{_t('catalogues', lang)}: {', '.join(info.catalogues)}",
        "",
    ]
    if pack.model.parameters:
        lines += [
            f"## {_t('parameters', lang)}",
            "",
            f"| {_t('name', lang)} | {_t('type', lang)} | {_t('default', lang)} | {_t('floor', lang)} "
            f"| {_t('description', lang)} |",
            "|---|---|---|---|---|",
        ]
        for name, parameter in pack.model.parameters.items():
            lines.append(
                f"| `{name}` | {parameter.type.value} | {parameter.default} | {parameter.floor} "
                f"| {_cell(parameter.description.get(lang))} |"
            )
        lines.append("")
    if pack.model.designations:
        lines += [
            f"## {_t('designations', lang)}",
            "",
            _t("designations_intro", lang),
            "",
            "| " + " | ".join(_t(h, lang) for h in ("name", "type", "suggestion", "description")) + " |",
            "|---|---|---|---|",
        ]
        for name, designation in pack.model.designations.items():
            suggestion = "" if designation.suggestion is None else str(designation.suggestion)
            described = _cell(designation.description.get(lang))
            lines.append(f"| `{name}` | {designation.type.value} | {suggestion} | {described} |")
        lines.append("")
    lines += [f"## {_t('rules', lang)}", ""]
    for rule in pack.model.rules:
        lines += _rule_section(library, rule, lang)
    return "\n".join(lines).rstrip() + "\n"


def index_page(library: Library, lang: str) -> str:
    """Coverage per standard, the packs, and every assessable requirement with its rules."""
    lines = [f"# {_t('title', lang)}", "", f"_{_t('generated', lang)}_", "", f"## {_t('coverage', lang)}", ""]
    heads = ("standard", "nodes", "assessable", "with_rules", "automated", "attestation_only")
    lines += ["| " + " | ".join(_t(h, lang) for h in heads) + " |", "|---|" + "---:|" * 5]
    for f in coverage(library):
        lines.append(
            f"| {f.title.get(lang)} (`{f.standard}`) | {f.nodes} | {len(f.assessable)} | {len(f.with_rules)} "
            f"| {len(f.automated)} | {len(f.attestation_only)} |"
        )
    lines += ["", f"## {_t('packs', lang)}", ""]
    for pack in library.packs:
        info = pack.model.pack
        lines.append(f"- [{info.title.get(lang)}]({info.id}.md): {len(pack.model.rules)} {_t('rules', lang)}")
    rule_pack = {rule.id: pack.model.pack.id for pack, rule in library.rules()}
    lines += ["", f"## {_t('by_requirement', lang)}", ""]
    for cat in library.catalogues:
        std = cat.model.standard
        lines += [
            f"### {std.title.get(lang)}",
            "",
            f"| {_t('requirement', lang)} | {_t('confidence', lang)} | {_t('rules', lang)} |",
            "|---|---|---|",
        ]
        for node, _ in cat.model.walk():
            if not node.assessable:
                continue
            ref = f"{std.id}:{node.id}"
            links = [
                f"[`{rule.id}`]({rule_pack[rule.id]}.md#{rule.id})"
                for _, rule in library.rules()
                if ref in rule.requirements
            ]
            lines.append(
                f"| {node.id} {_cell(node.title.get(lang))} | {node.confidence.value} "
                f"| {', '.join(links) or _t('none', lang)} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def pages(library: Library) -> dict[str, str]:
    """Every page, keyed by its path relative to the docs folder (``en/index.md``, …)."""
    result: dict[str, str] = {}
    for lang in ("ja", "en"):
        result[f"{lang}/index.md"] = index_page(library, lang)
        for pack in library.packs:
            result[f"{lang}/{pack.model.pack.id}.md"] = pack_page(library, pack, lang)
    return result


DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules"


def write(folder: Path, library: Library) -> list[Path]:
    """Write every page under ``folder`` and remove pages no pack gives any more."""
    written = []
    wanted = pages(library)
    for old in sorted(folder.glob("*/*.md")):
        if old.relative_to(folder).as_posix() not in wanted:
            old.unlink()
    for name, text in wanted.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    from ccc_audit.app.setup import prepare

    write(Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS, prepare().library)
