"""Every fixed text of the procurement reports, in Japanese and English."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "title": ("委託先提案の評価報告", "Evaluation of outsourcing proposals"),
    "rubric": ("評価基準", "Rubric"),
    "as_of": ("評価日", "Date of evaluation"),
    "method": ("評価方法", "Method"),
    "aggregation": ("評価者の集約", "Evaluator aggregation"),
    "median": ("中央値", "median"),
    "mean": ("平均", "mean"),
    "disagreement": (
        "不一致の基準（最高点−最低点がこれを超える）",
        "Disagreement threshold (max − min above)",
    ),
    "tie_margin": ("同点とみなす差（100点中）", "Tie margin (points of 100)"),
    "tie_breakers": ("同点時の決定順", "Tie-breakers in order"),
    "ranking": ("順位", "Ranking"),
    "rank": ("順位", "Rank"),
    "vendor": ("委託先候補", "Vendor"),
    "total": ("合計（100点中）", "Total (of 100)"),
    "price": ("価格", "Price"),
    "p_first": ("1位になる確率", "Probability of ranking first"),
    "excluded": ("足切りで除外", "Knocked out"),
    "knockouts": ("必須要件（足切り）", "Knock-out requirements"),
    "status": ("結果", "Outcome"),
    "reason": ("理由", "Reason"),
    "criteria": ("評価基準と重み", "Criteria and weights"),
    "criterion": ("評価項目", "Criterion"),
    "weight": ("重み（同じ階層で%）", "Weight (% of its level)"),
    "effective": ("全体に占める重み（%）", "Share of the total (%)"),
    "scores": ("評価項目ごとの得点", "Scores per criterion"),
    "score": ("得点", "Score"),
    "points": ("加点", "Points"),
    "source": ("得点の出所", "Source of the score"),
    "evaluators": ("評価者", "Evaluators"),
    "evidence": ("証拠", "Evidence"),
    "spread": ("評価者間の差", "Spread"),
    "price_method": ("価格の正規化", "Price normalisation"),
    "lowest_over_price": ("最低価格 ÷ 価格", "lowest price ÷ price"),
    "linear": ("最低価格と最高価格の間で線形", "linear between lowest and highest"),
    "reference_bids": ("基準にした入札", "Bids forming the reference"),
    "left_out": ("基準から外した入札（足切り）", "Bids left out (knocked out)"),
    "lowest": ("最低価格", "Lowest bid"),
    "highest": ("最高価格", "Highest bid"),
    "ties": ("同点と決定方法", "Ties and how they were decided"),
    "decided_by": ("決定に用いた基準", "Decided by"),
    "no_ties": ("同点はない。", "No ties."),
    "sensitivity": ("感度分析", "Sensitivity analysis"),
    "one_at_a_time": ("重みを1つずつ変えた場合", "One weight at a time"),
    "stable": (
        "どの重みを ±{step}% 変えても1位は変わらない。",
        "No weight moved by ±{step}% changes the winner.",
    ),
    "unstable": (
        "重みを ±{step}% 変えると1位が入れ替わる場合がある（下表）。",
        "Moving a weight by ±{step}% can change the winner (table below).",
    ),
    "declared": ("宣言した重み", "Declared weight"),
    "changed": ("試した重み", "Weight tried"),
    "winner": ("1位", "Winner"),
    "flips": ("入れ替わり", "Winner changes"),
    "critical": ("1位が入れ替わる重み", "Weights at which the winner changes"),
    "critical_weight": ("入れ替わる重み", "Critical weight"),
    "relative_change": ("宣言値からの変化（%）", "Change from declared (%)"),
    "overtaken_by": ("逆転する候補", "Overtaken by"),
    "no_critical": (
        "どの重みを単独で0〜100%に動かしても1位は変わらない。",
        "No single weight between 0 and 100 % changes the winner.",
    ),
    "monte_carlo": ("重みの無作為抽出（モンテカルロ）", "Random weights (Monte Carlo)"),
    "monte_carlo_how": (
        "各重みを宣言値の ±{spread}% の範囲で一様に抽出し、階層ごとに合計100に戻して"
        " {draws} 回計算した（シード {seed}）。",
        "Each weight drawn uniformly within ±{spread}% of its value, each level rescaled to 100; "
        "{draws} draws, seed {seed}.",
    ),
    "flags": ("確認が必要な事項", "Points to look at"),
    "no_flags": ("なし。", "None."),
    "yes": ("はい", "yes"),
    "no": ("いいえ", "no"),
    "met": ("充足", "met"),
    "not_met": ("未充足", "not met"),
    "unanswered": ("未回答", "unanswered"),
    "unsupported": ("証拠なし", "no evidence"),
    "evaluators_src": ("評価者", "evaluators"),
    "evidence_src": ("証拠（適合性評価）", "evidence (compliance assessment)"),
    "price_src": ("価格", "price"),
    "evidence_note": (
        "「証拠」とある得点は、委託先の証拠一式を本ツールの適合性評価にかけた結果から付けた（評価者の得点ではない）。",
        'Scores marked "evidence" come from running the vendor\'s evidence bundle through the '
        "compliance assessment, not from evaluators.",
    ),
    "chart_totals": ("合計点", "Totals"),
    "chart_p_first": ("1位になる確率", "Probability of ranking first"),
    "vendor_sheet": ("候補別", "Vendor"),
    "q_vendor_id": ("貴社の識別子（英数字、例: alpha）", "Your identifier (letters and digits, e.g. alpha)"),
    "q_vendor_name": ("貴社名", "Your company name"),
    "q_price_amount": (
        "契約期間の総額（税抜、数値）",
        "Total price for the contract term (before tax, a number)",
    ),
    "q_price_currency": ("通貨", "Currency"),
    "q_evidence_bundle": ("証拠一式のフォルダ（任意）", "Folder of your evidence bundle (optional)"),
    "q_answer_hint": (
        "必須要件には answer 列に「はい」か「いいえ」、evidence 列に証拠を1行に1つ記入する。",
        "For knock-outs write yes or no in the answer column and one piece of evidence per line in the "
        "evidence column.",
    ),
}


def label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` ("ja" or "en")."""
    ja, en = LABELS[key]
    return ja if lang == "ja" else en
