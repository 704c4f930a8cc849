"""Text views of rules and requirements for ``ccc-audit rules show``."""

from __future__ import annotations

from ccc_audit.app.review_table import ReviewCounts
from ccc_audit.app.rule_coverage import StandardCoverage
from ccc_audit.loading.library import Library

_COVERAGE_HEADINGS = {
    "en": ("standard", "nodes", "assessable", "with rules", "decided by records", "attested only", "no rule"),
    "ja": ("規格", "ノード", "評価対象", "規則あり", "記録で判定", "自己評価のみ", "規則なし"),
}


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


def coverage_table(figures: list[StandardCoverage], lang: str) -> str:
    """The coverage figures as an aligned text table, then any assessable node without a rule."""
    rows = [_COVERAGE_HEADINGS[lang]]
    for f in figures:
        rows.append(
            (
                f.standard,
                str(f.nodes),
                str(len(f.assessable)),
                str(len(f.with_rules)),
                str(len(f.automated)),
                str(len(f.attestation_only)),
                str(len(f.without_rules)),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    for f in figures:
        if f.attestation_only:
            label = "attestation only" if lang == "en" else "自己評価のみ"
            lines.append(f"{f.standard} {label}: {', '.join(f.attestation_only)}")
        if f.without_rules:
            label = "no rule" if lang == "en" else "規則なし"
            lines.append(f"{f.standard} {label}: {', '.join(f.without_rules)}")
    return "\n".join(lines)


_REVIEW_LABELS = {
    "en": (
        "review rows",
        "correct by records",
        "attested only",
        "missing (no rule, or a rule no pack has)",
        "still under review",
    ),
    "ja": (
        "レビューの行数",
        "記録で判定",
        "自己評価のみ",
        "未対応（規則なし、または存在しない規則）",
        "レビュー中",
    ),
}


def review_summary(counts: ReviewCounts, lang: str) -> str:
    """Rows of the quantified-requirement review by what decides them, each group listed."""
    labels = _REVIEW_LABELS[lang]
    groups = (counts.correct, counts.attested, counts.missing, counts.other)
    total = sum(len(g) for g in groups)
    lines = [f"{labels[0]}: {total}"]
    for label, rows in zip(labels[1:], groups, strict=True):
        listed = f" ({', '.join(str(n) for n in rows)})" if rows and rows is not counts.correct else ""
        lines.append(f"  {label}: {len(rows)}{listed}")
    return "\n".join(lines)
