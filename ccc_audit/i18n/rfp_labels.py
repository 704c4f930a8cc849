"""Every fixed text of the procurement reports, in Japanese and English."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "title": {"ja": "委託先提案の評価報告", "en": "Evaluation of outsourcing proposals"},
    "rubric": {"ja": "評価基準", "en": "Rubric"},
    "as_of": {"ja": "評価日", "en": "Date of evaluation"},
    "method": {"ja": "評価方法", "en": "Method"},
    "aggregation": {"ja": "評価者の集約", "en": "Evaluator aggregation"},
    "median": {"ja": "中央値", "en": "median"},
    "mean": {"ja": "平均", "en": "mean"},
    "disagreement": {
        "ja": "不一致の基準（最高点−最低点がこれを超える）",
        "en": "Disagreement threshold (max − min above)",
    },
    "tie_margin": {"ja": "同点とみなす差（100点中）", "en": "Tie margin (points of 100)"},
    "tie_breakers": {"ja": "同点時の決定順", "en": "Tie-breakers in order"},
    "ranking": {"ja": "順位", "en": "Ranking"},
    "rank": {"ja": "順位", "en": "Rank"},
    "vendor": {"ja": "委託先候補", "en": "Vendor"},
    "total": {"ja": "合計（100点中）", "en": "Total (of 100)"},
    "price": {"ja": "価格", "en": "Price"},
    "p_first": {"ja": "1位になる確率", "en": "Probability of ranking first"},
    "excluded": {"ja": "足切りで除外", "en": "Knocked out"},
    "knockouts": {"ja": "必須要件（足切り）", "en": "Knock-out requirements"},
    "status": {"ja": "結果", "en": "Outcome"},
    "reason": {"ja": "理由", "en": "Reason"},
    "criteria": {"ja": "評価基準と重み", "en": "Criteria and weights"},
    "criterion": {"ja": "評価項目", "en": "Criterion"},
    "weight": {"ja": "重み（同じ階層で%）", "en": "Weight (% of its level)"},
    "effective": {"ja": "全体に占める重み（%）", "en": "Share of the total (%)"},
    "scores": {"ja": "評価項目ごとの得点", "en": "Scores per criterion"},
    "score": {"ja": "得点", "en": "Score"},
    "points": {"ja": "加点", "en": "Points"},
    "source": {"ja": "得点の出所", "en": "Source of the score"},
    "evaluators": {"ja": "評価者", "en": "Evaluators"},
    "evidence": {"ja": "証拠", "en": "Evidence"},
    "spread": {"ja": "評価者間の差", "en": "Spread"},
    "price_method": {"ja": "価格の正規化", "en": "Price normalisation"},
    "lowest_over_price": {"ja": "最低価格 ÷ 価格", "en": "lowest price ÷ price"},
    "linear": {"ja": "最低価格と最高価格の間で線形", "en": "linear between lowest and highest"},
    "reference_bids": {"ja": "基準にした入札", "en": "Bids forming the reference"},
    "left_out": {"ja": "基準から外した入札（足切り）", "en": "Bids left out (knocked out)"},
    "lowest": {"ja": "最低価格", "en": "Lowest bid"},
    "highest": {"ja": "最高価格", "en": "Highest bid"},
    "ties": {"ja": "同点と決定方法", "en": "Ties and how they were decided"},
    "decided_by": {"ja": "決定に用いた基準", "en": "Decided by"},
    "no_ties": {"ja": "同点はない。", "en": "No ties."},
    "sensitivity": {"ja": "感度分析", "en": "Sensitivity analysis"},
    "one_at_a_time": {"ja": "重みを1つずつ変えた場合", "en": "One weight at a time"},
    "stable": {
        "ja": "どの重みを ±{step}% 変えても1位は変わらない。",
        "en": "No weight moved by ±{step}% changes the winner.",
    },
    "unstable": {
        "ja": "重みを ±{step}% 変えると1位が入れ替わる場合がある（下表）。",
        "en": "Moving a weight by ±{step}% can change the winner (table below).",
    },
    "declared": {"ja": "宣言した重み", "en": "Declared weight"},
    "changed": {"ja": "試した重み", "en": "Weight tried"},
    "winner": {"ja": "1位", "en": "Winner"},
    "flips": {"ja": "入れ替わり", "en": "Winner changes"},
    "critical": {"ja": "1位が入れ替わる重み", "en": "Weights at which the winner changes"},
    "critical_weight": {"ja": "入れ替わる重み", "en": "Critical weight"},
    "relative_change": {"ja": "宣言値からの変化（%）", "en": "Change from declared (%)"},
    "overtaken_by": {"ja": "逆転する候補", "en": "Overtaken by"},
    "no_critical": {
        "ja": "どの重みを単独で0〜100%に動かしても1位は変わらない。",
        "en": "No single weight between 0 and 100 % changes the winner.",
    },
    "monte_carlo": {"ja": "重みの無作為抽出（モンテカルロ）", "en": "Random weights (Monte Carlo)"},
    "monte_carlo_how": {
        "ja": "各重みを宣言値の ±{spread}% の範囲で一様に抽出し、階層ごとに合計100に戻して"
        " {draws} 回計算した（シード {seed}）。",
        "en": "Each weight drawn uniformly within ±{spread}% of its value, each level rescaled to 100; "
        "{draws} draws, seed {seed}.",
    },
    "flags": {"ja": "確認が必要な事項", "en": "Points to look at"},
    "p_first_short": {"ja": "1位の確率", "en": "P(first)"},
    "console_flag": {"ja": "要確認: {message}", "en": "flag: {message}"},
    "console_disagreements": {
        "ja": "要確認: 評価者間の差が基準を超える得点が {n} 件ある（報告書を参照）",
        "en": "flag: {n} score(s) where evaluators disagree beyond the threshold (see the report)",
    },
    "wrote": {"ja": "出力: {path}", "en": "wrote {path}"},
    "details": {"ja": "得点の根拠（回答・評価者の得点とコメント・証拠）", "en": "Basis of each score"},
    "answer": {"ja": "委託先の回答", "en": "Vendor's answer"},
    "evaluator_scores": {"ja": "評価者ごとの得点", "en": "Scores by evaluator"},
    "comments": {"ja": "評価者のコメント", "en": "Evaluator comments"},
    "basis": {"ja": "証拠による得点の根拠", "en": "Why the evidence gave this score"},
    "differs": {
        "ja": "⚠ 証拠による得点が評価者の得点（集約 {panel}）と2点以上異なる",
        "en": "⚠ the evidence-derived score differs by 2 or more from the evaluators' (aggregate {panel})",
    },
    "disagree_mark": {
        "ja": "⚠ 評価者間の差が基準を超える",
        "en": "⚠ evaluators disagree beyond the threshold",
    },
    "no_flags": {"ja": "なし。", "en": "None."},
    "yes": {"ja": "はい", "en": "yes"},
    "no": {"ja": "いいえ", "en": "no"},
    "met": {"ja": "充足", "en": "met"},
    "not_met": {"ja": "未充足", "en": "not met"},
    "unanswered": {"ja": "未回答", "en": "unanswered"},
    "unsupported": {"ja": "証拠なし", "en": "no evidence"},
    "evaluators_src": {"ja": "評価者", "en": "evaluators"},
    "evidence_src": {"ja": "証拠（適合性評価）", "en": "evidence (compliance assessment)"},
    "price_src": {"ja": "価格", "en": "price"},
    "evidence_note": {
        "ja": (
            "「証拠」とある得点は、委託先の証拠一式を本ツールの適合"
            "性評価にかけた結果から付けた（評価者の得点ではない）。"
        ),
        "en": 'Scores marked "evidence" come from running the vendor\'s evidence bundle through the '
        "compliance assessment, not from evaluators.",
    },
    "chart_totals": {"ja": "合計点", "en": "Totals"},
    "chart_p_first": {"ja": "1位になる確率", "en": "Probability of ranking first"},
    "vendor_sheet": {"ja": "候補別", "en": "Vendor"},
    "q_vendor_id": {
        "ja": "貴社の識別子（英数字、例: alpha）",
        "en": "Your identifier (letters and digits, e.g. alpha)",
    },
    "q_vendor_name": {"ja": "貴社名", "en": "Your company name"},
    "q_price_amount": {
        "ja": "契約期間の総額（税抜、数値）",
        "en": "Total price for the contract term (before tax, a number)",
    },
    "q_price_currency": {"ja": "通貨", "en": "Currency"},
    "q_evidence_bundle": {
        "ja": "証拠一式のフォルダ（任意）",
        "en": "Folder of your evidence bundle (optional)",
    },
    "q_answer_hint": {
        "ja": "必須要件には answer 列に「はい」か「いいえ」、evidence 列に証拠を1行に1つ記入する。",
        "en": "For knock-outs write yes or no in the answer column and one piece of evidence per line in the "
        "evidence column.",
    },
}


def label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` ("ja" or "en")."""
    return LABELS[key][lang]
