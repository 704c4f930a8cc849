"""Knowledge content items and IT incidents of the demo centre."""

from __future__ import annotations

import datetime as dt
import random

from ccc_audit.generate.demo.dates import at, iso, random_date, stamp
from ccc_audit.generate.demo.world import ECOMMERCE, INSURANCE, TELECOM, YEAR

_CONTENT_TEXT = {
    TELECOM: "料金プランの比較 プラン変更の手続き 請求書の見方 口座振替の変更 支払期限の延長 "
    "端末の初期設定 通信障害時の案内 SIM再発行 解約手続き 解約時の違約金 番号ポータビリティ "
    "家族割の条件 ポイントの使い方 迷惑メッセージ対策 海外ローミング 端末の修理受付 "
    "テザリングの設定 データ容量の追加 請求額が高い場合の確認 名義変更",
    ECOMMERCE: "注文状況の確認 配送日時の変更 返品の受付条件 返金の時期 交換手続き "
    "クレジットカード決済のエラー コンビニ払いの期限 クーポンの適用 会員登録の変更 "
    "パスワードの再設定 出品者への問い合わせ 商品の不良 配送遅延時の案内 セール時の注意事項 "
    "ギフト包装 領収書の発行 定期便の変更",
    INSURANCE: "住所変更の手続き 保険金請求の必要書類 給付金の支払時期 契約内容の確認 "
    "更新時の保険料 失効と復活 解約返戻金の概算案内 受取人の変更 保険料の払込方法 "
    "控除証明書の再発行 告知義務の説明 特約の追加 勧誘時の説明事項 高齢のお客様への対応",
    "": "本人確認の手順 個人情報の取扱い 苦情の受付と報告 エスカレーションの手順 "
    "災害時の受付体制 通話録音の告知 在宅勤務時の情報管理",
}


CONTENT_OWNERS = {
    TELECOM: "ナレッジ管理チーム（北斗テレコム）",
    ECOMMERCE: "ナレッジ管理チーム（みなとマーケット）",
    INSURANCE: "ナレッジ管理チーム（あおば生命）",
    "": "品質保証部",
}


STALE_CONTENT = (INSURANCE, "解約返戻金の概算案内", dt.date(2024, 6, 14))
"""Planted gap: this active article was last reviewed on 2024-06-14 and not in 2025 (rule
copc.2.10.content-review-cycle)."""


def build_content_items(rng: random.Random) -> list[list[str]]:
    """Simulate the knowledge base: active articles reviewed in 2025, obsolete ones and drafts."""
    rows: list[list[str]] = []
    number = 0
    for program in (TELECOM, ECOMMERCE, INSURANCE, ""):
        for topic in _CONTENT_TEXT[program].split():
            number += 1
            draw = rng.random()
            status = "obsolete" if draw < 0.08 else "draft" if draw < 0.12 else "active"
            reviewed: dt.date | None = None
            if (program, topic) == STALE_CONTENT[:2]:
                status, reviewed = "active", STALE_CONTENT[2]
            elif status == "active":
                reviewed = random_date(rng, dt.date(YEAR, 1, 6), dt.date(YEAR, 12, 19))
            elif status == "obsolete":
                reviewed = random_date(rng, dt.date(2023, 4, 1), dt.date(2024, 12, 20))
            version = f"{rng.randint(1, 6)}.{rng.randint(0, 9)}"
            rows.append(
                [
                    f"KB-{number:05d}",
                    topic,
                    CONTENT_OWNERS[program],
                    iso(reviewed),
                    status,
                    "yes",
                    "0.1" if status == "draft" else version,
                ]
            )
    return rows


SEVERITY_TARGET_HOURS = {"1": 4, "2": 8, "3": 24, "4": 72}
"""Resolution targets per severity, from the IT incident SLA."""


SYSTEMS = (
    ("クラウドACD", "yes"),
    ("IVR", "yes"),
    ("CRM", "yes"),
    ("チャット基盤", "yes"),
    ("ナレッジベース", "yes"),
    ("在宅用VPN", "yes"),
    ("通話録音", "no"),
    ("WFMツール", "no"),
    ("社内メール", "no"),
)


LATE_INCIDENT = ("チャット基盤", "2", dt.datetime(YEAR, 7, 22, 10, 42), dt.timedelta(hours=13, minutes=25))
"""Planted gap: a severity-2 chat platform outage resolved after 13.4 hours against an 8-hour
target (rule copc.2.6.incidents-within-target, an observation)."""


OPEN_INCIDENT = ("WFMツール", "4", dt.datetime(YEAR, 12, 30, 9, 12))
"""An incident opened in the year-end closure and still open when the log was extracted."""


def build_it_incidents(rng: random.Random) -> list[list[str]]:
    """Simulate the incident log: about 30 incidents, all resolved within target but the planted one."""
    entries: list[tuple[dt.datetime, str, str, dt.datetime | None, str]] = []
    for _ in range(30):
        system, facing = rng.choice(SYSTEMS)
        # Severities 1 and 2 mean customers cannot get through: customer-facing systems only.
        weights = [2, 6, 13, 9] if facing == "yes" else [0, 0, 13, 9]
        severity = rng.choices(["1", "2", "3", "4"], weights=weights)[0]
        day = random_date(rng, dt.date(YEAR, 1, 6), dt.date(YEAR, 12, 24))
        opened = at(day, rng.uniform(8 * 3600, 19 * 3600))
        opened = opened.replace(second=0)
        target = SEVERITY_TARGET_HOURS[severity]
        resolved = opened + dt.timedelta(minutes=round(target * 60 * rng.uniform(0.15, 0.85)))
        entries.append((opened, system, severity, resolved, facing))
    system, severity, opened, took = LATE_INCIDENT
    entries.append((opened, system, severity, opened + took, "yes"))
    system, severity, opened = OPEN_INCIDENT
    entries.append((opened, system, severity, None, "no"))
    entries.sort(key=lambda e: (e[0], e[1]))
    return [
        [
            f"INC-{YEAR}-{n:04d}",
            system,
            severity,
            stamp(opened),
            stamp(resolved),
            str(SEVERITY_TARGET_HOURS[severity]),
            facing,
        ]
        for n, (opened, system, severity, resolved, facing) in enumerate(entries, start=1)
    ]
