"""Text views of rules and requirements for ``ccc-audit rules show``."""

from __future__ import annotations

from ccc_audit.loading.library import Library


def describe(library: Library, ident: str, lang: str) -> str | None:
    """A readable description of a rule id or a requirement ref, or None if unknown."""
    for pack, rule in library.rules():
        if rule.id == ident:
            lines = [
                f"{rule.id}  ({pack.model.pack.id} {pack.model.pack.version})",
                rule.title.get(lang),
                "",
                f"requirements: {', '.join(rule.requirements)}",
                f"grade: {rule.grade.value}  severity: {rule.severity.value}"
                + (
                    f"  escalation: {rule.escalation.grade.value} above "
                    f"{rule.escalation.when_failing_share_above:.0%} failing"
                    if rule.escalation
                    else ""
                ),
                f"checks: {', '.join(c.kind for c in rule.checks)}",
                "",
                "## rationale" if lang == "en" else "## 根拠",
                rule.rationale.get(lang),
                "",
                "## evidence" if lang == "en" else "## 必要な証拠",
                rule.evidence.get(lang),
                "",
                "## corrective action" if lang == "en" else "## 是正処置の指針",
                rule.corrective_action.get(lang),
            ]
            return "\n".join(lines)
    entry = library.nodes.get(ident)
    if entry is None:
        return None
    node = entry.node
    verifying = [rule.id for _, rule in library.rules() if ident in rule.requirements]
    lines = [
        f"{entry.ref}  {node.title.get(lang)}",
        f"level: {node.level.value}  assessable: {node.assessable}  confidence: {node.confidence.value}"
        + (f"  points: {node.points}" if node.points is not None else ""),
    ]
    if node.paraphrase:
        lines += ["", node.paraphrase.get(lang)]
    if node.note:
        lines += ["", node.note.get(lang)]
    lines += ["", "rules: " + (", ".join(verifying) or "-")]
    return "\n".join(lines)
