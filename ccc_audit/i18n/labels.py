"""Report vocabulary in Japanese and English."""

from __future__ import annotations

from ccc_audit.i18n.engagement_labels import ENGAGEMENT_LABELS

LABELS: dict[str, dict[str, str]] = {
    "title": {
        "ja": "コンタクトセンター適合性評価 ギャップ分析報告書",
        "en": "Contact Centre Conformity Assessment: Gap Analysis Report",
    },
    "organisation": {"ja": "組織", "en": "Organisation"},
    "role": {"ja": "評価対象の役割", "en": "Role assessed"},
    "role.contact_centre": {"ja": "コンタクトセンター", "en": "Contact centre"},
    "role.client": {"ja": "顧客組織（委託元）", "en": "Client organisation"},
    "scope": {"ja": "監査範囲", "en": "Audit scope"},
    "sites": {"ja": "拠点", "en": "Sites"},
    "programs": {"ja": "プログラム", "en": "Programs"},
    "channels": {"ja": "チャネル", "en": "Channels"},
    "operations": {"ja": "業務形態", "en": "Operations"},
    "criteria": {"ja": "監査基準", "en": "Audit criteria"},
    "period": {"ja": "監査期間", "en": "Audit period"},
    "as_of": {"ja": "評価基準日", "en": "Assessment date"},
    "tool": {"ja": "ツール", "en": "Tool"},
    "packs": {"ja": "ルールパック", "en": "Rule packs"},
    "profile": {"ja": "プロファイル", "en": "Profile"},
    "none": {"ja": "なし", "en": "none"},
    "summary": {"ja": "評価結果の概要", "en": "Summary"},
    "standard": {"ja": "規格", "en": "Standard"},
    "category": {"ja": "カテゴリ", "en": "Category"},
    "points": {"ja": "得点（参考値）", "en": "Points (indicative)"},
    "points.of_stated": {"ja": "カテゴリの配点", "en": "of the category's"},
    "points.note": {
        "ja": "得点は参考値であり、認証の結果ではない。COPCの認証は得点の合計で決まるものではない。"
        "ハンドブックが配点を示すのは4.3（400点）と4.5（200点）だけで、その他の配点はR7.0の公開目次による。"
        "部分適合を配点の半分とするのは本ツールの便宜上の扱いで、規格の定めではない。"
        "配点が公開されていない項目があるカテゴリは、評価できた項目の配点だけを分母とし、"
        "カテゴリの配点を括弧内に示す。",
        "en": "Points are indicative, not a certification result: COPC certification is not a sum of "
        "points. The handbook states points only for 4.3 (400) and 4.5 (200); the other values come from "
        "the public table of contents of R7.0. Half points for a partially compliant item are this tool's "
        "convention, not the standard's. Where some items of a category have no published points, the "
        "figure is out of the points of the items assessed, with the category's own points in brackets.",
    },
    "by_grade": {"ja": "等級別の所見数", "en": "Findings by grade"},
    "grade": {"ja": "等級", "en": "Grade"},
    "count": {"ja": "件数", "en": "Count"},
    "waived": {"ja": "免除済み", "en": "waived"},
    "requirements": {"ja": "要求事項ごとの結果", "en": "Results per requirement"},
    "requirement": {"ja": "要求事項", "en": "Requirement"},
    "requirement_id": {"ja": "条項番号", "en": "Clause"},
    "points_available": {"ja": "配点", "en": "Points available"},
    "points_earned": {"ja": "得点", "en": "Points earned"},
    "evidence_kind": {"ja": "種別", "en": "Kind"},
    "evidence_title": {"ja": "表題", "en": "Title"},
    "sha256": {"ja": "ハッシュ値（SHA-256）", "en": "SHA-256"},
    "result": {"ja": "結果", "en": "Result"},
    "rules": {"ja": "規則", "en": "Rules"},
    "findings": {"ja": "監査所見", "en": "Findings"},
    "no_findings": {"ja": "所見はない。", "en": "No findings."},
    "statement.requirement": {"ja": "要求事項", "en": "Requirement"},
    "statement.evidence": {"ja": "客観的証拠", "en": "Objective evidence"},
    "statement.nonconformity": {"ja": "不適合の記述", "en": "Statement of nonconformity"},
    "evidence_refs": {"ja": "証拠の参照", "en": "Evidence references"},
    "failing": {"ja": "不足している対象", "en": "What falls short"},
    "more": {"ja": "ほか {n} 件", "en": "and {n} more"},
    "corrective_action": {"ja": "是正処置の指針", "en": "Corrective-action guidance"},
    "severity": {"ja": "重要度", "en": "Severity"},
    "finding_id": {"ja": "所見ID", "en": "Finding id"},
    "deviations": {"ja": "宣言された逸脱（パラメータ）", "en": "Declared deviations (parameters)"},
    "parameter": {"ja": "パラメータ", "en": "Parameter"},
    "value": {"ja": "値", "en": "Value"},
    "item": {"ja": "項目", "en": "Item"},
    "floor": {"ja": "下限", "en": "Floor"},
    "justification": {"ja": "理由", "en": "Justification"},
    "approved_by": {"ja": "承認者", "en": "Approved by"},
    "waivers": {"ja": "適用された免除", "en": "Waivers applied"},
    "expires": {"ja": "有効期限", "en": "Expires"},
    "notices": {"ja": "注記", "en": "Notices"},
    "limitations": {
        "ja": "監査の限界（判定できなかった規則）",
        "en": "Limitations of this audit (rules not decided)",
    },
    "limitations.why": {"ja": "判定できなかった理由", "en": "Why it was not decided"},
    "limitations.intro": {
        "ja": "次の {n} 規則は、提出された証拠から判定できなかった。"
        "適合とはみなしておらず、評価の範囲外でもない。",
        "en": "These {n} rules could not be decided from the evidence supplied. They are not counted as "
        "conformity, nor as out of scope.",
    },
    "evidence_index": {"ja": "証拠一覧", "en": "Evidence index"},
    "path": {"ja": "パス", "en": "Path"},
    "cited_by": {"ja": "参照した規則", "en": "Cited by"},
    "caveat": {"ja": "サンプリングに関する注意", "en": "Sampling caveat"},
    "caveat.text": {
        "ja": (
            "本評価は、提出された証拠（文書、記録、自己評価の回答）に基づく自動評価である。証"
            "拠は組織が選択して提出したものであり、提出されなかった活動や記録は評価されていな"
            "い。自己評価の回答は組織の申告であり、監査員による検証を要する。「適合」は提出さ"
            "れた証拠の範囲で要求事項が満たされていることを示すにとどまり、認証機関による審査"
            "の結果を保証するものではない。"
        ),
        "en": (
            "This is an automated assessment of the evidence supplied (documents, records and "
            "self-assessment answers). The organisation chose what to supply; activities and "
            "records not supplied were not assessed. Self-assessment answers are the "
            "organisation's own statements and need an auditor's verification. \"Compliant\" "
            "means the requirement is met as far as the supplied evidence shows; it does not "
            "predict the outcome of a certification audit."
        ),
    },
    "conformity.compliant": {"ja": "適合", "en": "Compliant"},
    "conformity.partially_compliant": {"ja": "一部適合", "en": "Partially compliant"},
    "conformity.non_compliant": {"ja": "不適合", "en": "Non-compliant"},
    "conformity.not_applicable": {"ja": "該当なし", "en": "Not applicable"},
    "conformity.not_assessed": {"ja": "未評価", "en": "Not assessed"},
    "grade.major": {"ja": "重大な不適合", "en": "Major nonconformity"},
    "grade.minor": {"ja": "軽微な不適合", "en": "Minor nonconformity"},
    "grade.observation": {"ja": "観察事項", "en": "Observation"},
    "nature.evidence_quality": {"ja": "証拠の品質", "en": "evidence quality"},
    "nature.evidence_quality.note": {
        "ja": "古い回答・期限切れの文書など、証拠の品質の問題。重大な不適合とはしない",
        "en": "a problem of the evidence (a stale answer, an expired document), never graded major",
    },
    "outcome.pass": {"ja": "合格", "en": "pass"},
    "outcome.fail": {"ja": "不合格", "en": "fail"},
    "outcome.warn": {"ja": "警告", "en": "warn"},
    "outcome.not_applicable": {"ja": "該当なし", "en": "not applicable"},
    "outcome.not_assessed": {"ja": "評価できず", "en": "not assessed"},
    "outcome.manual": {"ja": "要回答", "en": "manual"},
    "outcome.error": {"ja": "エラー", "en": "error"},
    "outcome.excluded": {"ja": "除外", "en": "excluded"},
    "lines": {"ja": "行", "en": "lines"},
    "wrote": {"ja": "出力: {path}", "en": "wrote {path}"},
    "rules.reused": {
        "ja": "前回から入力が変わらない {served} / {total} 規則は前回の結果を使い、{run} 規則を評価した",
        "en": "{served} of {total} rules reused the last run's results (their inputs are unchanged); "
        "rules evaluated: {run}",
    },
    "register.done": {
        "ja": "{path} を{action}: 新規 {new}、継続 {recurring}（悪化 {regressed}、改善 {improved}）、"
        "評価で解消 {resolved}、再評価なし {not_reassessed}、計 {total} 行",
        "en": "{action} {path}: {new} new, {recurring} recurring ({regressed} regressed, "
        "{improved} improved), {resolved} resolved by assessment, {not_reassessed} not re-assessed, "
        "{total} rows",
    },
    "register.created": {"ja": "作成", "en": "created"},
    "register.updated": {"ja": "更新", "en": "updated"},
    "register.backup": {"ja": "更新前の版: {path}", "en": "previous version kept as {path}"},
    "wrote_questions": {
        "ja": "出力: {path}（質問 {n} 件、回答済み {answered} 件）",
        "en": "wrote {path}: {n} questions, {answered} answered",
    },
    "keys": {"ja": "キー", "en": "keys"},
    "cover": {"ja": "表紙", "en": "Cover"},
    "executive_summary": {"ja": "エグゼクティブサマリー", "en": "Executive summary"},
    "top_risks": {"ja": "主なリスク", "en": "Top risks"},
    "charts": {"ja": "図表", "en": "Charts"},
    "chart.conformity": {"ja": "カテゴリ別の適合状況", "en": "Conformity by category"},
    "chart.points": {"ja": "COPCカテゴリ別の得点", "en": "Points by COPC category"},
    "chart.trend": {"ja": "適合率の推移", "en": "Compliance trend"},
    "filter.all": {"ja": "すべて", "en": "All"},
    "filter.shown": {"ja": "表示中 {n} 件", "en": "{n} shown"},
    "filters": {"ja": "絞り込み", "en": "Filters"},
    "progress": {"ja": "前回評価からの進捗", "en": "Progress since the previous assessment"},
    "progress.previous": {"ja": "前回評価日", "en": "Previous assessment"},
    "progress.other_basis": {
        "ja": "2つの結果は異なるルールパック、プロファイルまたはパラメータで作成された。"
        "比較は両方で評価した規則に限る。",
        "en": "The two results were produced with different rule packs, profile or parameters: only rules "
        "evaluated in both are compared.",
    },
    "change.new": {"ja": "新規", "en": "New"},
    "change.first_assessed": {"ja": "初めて評価", "en": "First assessed"},
    "change.not_reassessed": {"ja": "再評価なし", "en": "Not re-assessed"},
    "change.resolved": {"ja": "解消", "en": "Resolved"},
    "change.regressed": {"ja": "悪化", "en": "Regressed"},
    "change.improved": {"ja": "改善", "en": "Improved"},
    "change.unchanged": {"ja": "変化なし", "en": "Unchanged"},
    "change": {"ja": "変化", "en": "Change"},
    "before": {"ja": "前回", "en": "Before"},
    "after": {"ja": "今回", "en": "Now"},
    "compliance_rate": {"ja": "適合率", "en": "Compliance rate"},
    "contents": {"ja": "目次", "en": "Contents"},
    "status": {"ja": "状況", "en": "Status"},
    "summary_sheet": {"ja": "概要", "en": "Summary"},
    "gap_sheet": {"ja": "ギャップ分析", "en": "Gap analysis"},
    "open_sheet": {"ja": "是正処置（未完了）", "en": "Corrective actions (open)"},
    "closed_sheet": {"ja": "是正処置（完了）", "en": "Corrective actions (closed)"},
    "evidence_sheet": {"ja": "証拠一覧", "en": "Evidence index"},
    "rule_results": {"ja": "規則ごとの結果", "en": "Results per rule"},
    "rule": {"ja": "規則", "en": "Rule"},
    "outcome": {"ja": "判定", "en": "Outcome"},
    "reason": {"ja": "理由コード", "en": "Reason"},
    "gate.heading": {
        "ja": "ccc-audit check: {org}（評価基準日 {as_of}）",
        "en": "ccc-audit check: {org} (as of {as_of})",
    },
    "gate.settings": {
        "ja": "プロファイル: {profile}、不合格の基準: {fail_on}{baseline}",
        "en": "profile: {profile}; fails on: {fail_on}{baseline}",
    },
    "gate.with_baseline": {"ja": "、ベースラインとの差分のみ", "en": "; only changes from the baseline"},
    "gate.rules": {"ja": "規則 {n} 件: {counts}", "en": "{n} rules: {counts}"},
    "gate.blocking": {"ja": "不合格の原因となる所見", "en": "Findings that fail the check"},
    "gate.other": {"ja": "不合格の原因とならない所見", "en": "Findings that do not fail the check"},
    "gate.errors": {"ja": "評価できなかった規則", "en": "Rules that could not be evaluated"},
    "gate.expired": {"ja": "失効した免除（無視した）", "en": "Expired waivers (ignored)"},
    "gate.resolved": {"ja": "ベースラインから解消した所見", "en": "Resolved since the baseline"},
    "gate.not_reassessed": {
        "ja": "今回評価しなかった規則のベースラインの所見（解消とはみなさない）",
        "en": "Baseline findings whose rule this run did not evaluate (not counted as resolved)",
    },
    "gate.known": {
        "ja": "ベースラインに既出の所見 {n} 件（{counts}）は表示しない（--show all で表示）",
        "en": "{n} finding(s) already in the baseline not shown ({counts}; --show all lists them)",
    },
    "gate.expiring": {
        "ja": "警告: 期限が近い証拠（{days} 日以内）",
        "en": "Warning: evidence expiring within {days} days",
    },
    "gate.expiring.title": {"ja": "期限が近い", "en": "Expires soon"},
    "gate.change.new": {"ja": "新規", "en": "new"},
    "gate.change.first_assessed": {"ja": "初めて評価", "en": "first assessed"},
    "gate.change.regressed": {"ja": "悪化", "en": "regressed"},
    "gate.change.unchanged": {"ja": "既知", "en": "unchanged"},
    "gate.change.improved": {"ja": "改善", "en": "improved"},
    "gate.why.waived": {"ja": "免除済み", "en": "waived"},
    "gate.why.below_threshold": {"ja": "しきい値未満", "en": "below the threshold"},
    "gate.why.in_baseline": {"ja": "ベースラインに既出", "en": "already in the baseline"},
    "gate.result.pass": {"ja": "結果: 合格（終了コード 0）", "en": "result: pass (exit code 0)"},
    "gate.result.fail": {
        "ja": "結果: 不合格（終了コード 1）: 所見 {n} 件",
        "en": "result: fail (exit code 1): {n} finding(s)",
    },
    "gate.result.error": {
        "ja": "結果: 評価エラー（終了コード 3）: 規則 {n} 件",
        "en": "result: evaluation error (exit code 3): {n} rule(s)",
    },
    "gate.fail_on.observation": {"ja": "観察事項以上", "en": "observation and above"},
    "gate.fail_on.minor": {"ja": "軽微な不適合以上", "en": "minor and above"},
    "gate.fail_on.major": {"ja": "重大な不適合", "en": "major"},
    "gate.fail_on.error": {"ja": "評価エラーのみ", "en": "evaluation errors only"},
    "gate.records_skipped": {
        "ja": "記録に基づく指標は計算せず、記録と列の有無のみを確認した（--with-records で計算する）。",
        "en": "Record-based metrics were not computed, only the presence of records and columns "
        "(--with-records computes them).",
    },
    "demo_client": {
        "ja": "デモ: 委託元のクライアント組織（ISO 18295-2）。報告書の出力先",
        "en": "Demo: the centre's client organisation (ISO 18295-2), reports in",
    },
    "not_applicable_standards": {
        "ja": "該当する要求事項がない規格",
        "en": "standards with no applicable requirement",
    },
    "crosswalk": {"ja": "規格間の対応（クロスウォーク）", "en": "Crosswalk between standards"},
    "crosswalk.intro": {
        "ja": (
            "評価した規格どうしで対応する要求事項と、それぞれの評価結果。関係は「左の要求事項が右の要求事項と"
            "同等／より狭い（部分集合）／より広い（上位集合）／一部重なる」と読む。"
        ),
        "en": (
            "Mapped requirements of the standards assessed, with each one's result. Read the relationship as "
            '"the left requirement is equal to / a subset of / a superset of / intersects the right one".'
        ),
    },
    "crosswalk.source": {"ja": "要求事項", "en": "Requirement"},
    "crosswalk.target": {"ja": "対応する要求事項", "en": "Mapped requirement"},
    "relationship": {"ja": "関係", "en": "Relationship"},
    "relationship.equal": {"ja": "同等", "en": "equal"},
    "relationship.subset": {"ja": "部分集合", "en": "subset"},
    "relationship.superset": {"ja": "上位集合", "en": "superset"},
    "relationship.intersect": {"ja": "一部重なる", "en": "intersect"},
    "served_requirements": {"ja": "確かめた要求事項", "en": "Requirements served"},
    "shared_evidence": {"ja": "複数の規格に使われた証拠", "en": "Evidence serving several standards"},
    "shared_evidence.intro": {
        "ja": (
            "次のファイルは、複数の規格の要求事項を確かめる規則から参照された。"
            "一つの証拠が複数の要求事項を満たしている。"
        ),
        "en": (
            "These files were cited by rules verifying requirements of more than one standard: "
            "one piece of evidence serves several requirements."
        ),
    },
    **ENGAGEMENT_LABELS,
}


def label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang``."""
    return LABELS[key][lang]
