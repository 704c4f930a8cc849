"""``ccc-audit map``: proposals on exports relabelled in Japanese, and writing them into bundle.yaml."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from export_corpus import VARIANTS

from ccc_audit.cli.main import cli
from ccc_audit.loading.record_types import builtin_record_types
from ccc_audit.models.records import ColumnType
from ccc_audit.records.proposal import propose
from ccc_audit.records.sample import read_sample
from ccc_audit.resources import demo_bundle

# Headers and labels as Japanese centres' HR, QA and WFM systems write them. Written by hand
# from exports seen in the field, not copied from the record types' aliases: the test measures
# how well the aliases and fuzzy matching generalise to wording they were not given.
HEADERS = {
    "staff_id": "社員コード",
    "name": "氏名（漢字）",
    "role": "職種",
    "program": "担当業務",
    "site": "所属拠点",
    "employment_type": "雇用区分",
    "work_mode": "勤務形態区分",
    "hire_date": "入社年月日",
    "production_start": "独り立ち日",
    "exit_date": "退職年月日",
    "exit_type": "退職事由",
    "backfilled": "欠員補充有無",
    "contract_end_date": "契約期間満了日",
    "absence_id": "欠勤番号",
    "hours": "欠勤時間数",
    "planned": "事前申請有無",
    "evaluation_id": "評価番号",
    "evaluator_id": "評価者コード",
    "score": "評価点",
    "passed": "合否判定",
    "customer_critical_error": "顧客致命的エラー有無",
    "business_critical_error": "業務致命的エラー有無",
    "compliance_critical_error": "コンプライアンス違反エラー",
    "interaction_id": "通話番号",
    "transaction_type": "問合せ種別",
    "coach_id": "指導者コード",
    "related_evaluation_id": "関連評価番号",
    "topic": "指導テーマ",
    "agreement": "一致率（%）",
    "attribute_level": "項目単位評価",
    "evaluation_type": "評価種別",
    "verification_id": "検定番号",
    "kind": "検定区分",
    "observer_id": "試験官コード",
    "subject": "検定科目",
    "pass_mark": "合格基準点",
    "questions_ref": "問題セット番号",
    "reviewer": "評価担当者",
    "outcome": "評価結果",
    "response_id": "回答番号",
    "channel": "受付チャネル",
    "overall": "総合満足度",
    "attr_courtesy": "丁寧さ",
    "attr_knowledge": "知識",
    "attr_resolution": "解決度",
    "attr_ease": "手軽さ",
    "scale_max": "満点",
    "likelihood_to_recommend": "推奨意向",
    "eligible": "集計対象",
    "engagement": "エンゲージメントスコア",
    "lifecycle_stage": "在籍段階",
    "complaint_id": "苦情受付番号",
    "received": "受付年月日",
    "category": "苦情分類",
    "legal_violation_alleged": "法令違反の申立",
    "investigated_on": "調査完了日",
    "resolved_on": "対応完了日",
    "queue": "キュー名",
    "interval_start": "インターバル開始日時",
    "interval_minutes": "インターバル（分）",
    "offered": "着信数",
    "answered": "応答件数",
    "answered_within_threshold": "基準内応答件数",
    "abandoned": "放棄呼数",
    "handle_seconds": "処理時間（秒）",
    "threshold_seconds": "サービスレベル基準秒数",
    "forecast_offered": "予測着信数",
    "activity": "アクティビティ",
    "scheduled_minutes": "予定時間（分）",
    "adherent_minutes": "遵守時間（分）",
    "requested_at": "受付日時",
    "accepted_at": "接続日時",
    "first_reply_at": "初回返信日時",
    "ended_at": "終了日時",
    "wrap_seconds": "後処理時間（秒）",
    "concurrent_peak": "最大同時対応数",
    "abandoned_before_reply": "返信前放棄",
    "abandoned_after_start": "対応中放棄",
    "proactive": "プロアクティブ",
    "proactive_accepted": "プロアクティブ承諾",
    "incident_id": "インシデント番号",
    "system": "対象システム",
    "severity": "重大度",
    "opened_at": "発生日時",
    "resolved_at": "復旧日時",
    "target_hours": "目標復旧時間",
    "customer_facing": "顧客影響有無",
    "item_id": "記事番号",
    "title": "記事タイトル",
    "owner": "管理責任者",
    "last_reviewed": "最終見直し日",
    "status": "公開状態",
    "editor_authorised": "編集権限",
    "version": "版数",
    "metric": "指標名",
    "period": "対象期間",
    "value": "実績値",
    "target": "目標値",
    "benchmark_source": "ベンチマーク出典",
    "sample_size": "サンプル数",
    "population": "母数",
    "margin_of_error": "許容誤差",
    "attempt_id": "架電番号",
    "date_time": "架電日時",
    "campaign": "キャンペーン名",
    "on_do_not_contact_list": "架電禁止リスト該当",
    "within_permitted_hours": "発信可能時間内",
}
DATE_HEADERS = {
    "absence": "欠勤日",
    "monitoring": "評価実施日",
    "coaching": "実施年月日",
    "schedules": "勤務日付",
}
LABELS = {
    "CSS": "オペレーター",
    "supervisor": "スーパーバイザー",
    "qa_evaluator": "品質評価担当",
    "trainer": "研修トレーナー",
    "workforce_planner": "WFM担当",
    "manager": "センター長",
    "permanent": "正社員",
    "temporary": "契約社員",
    "agency": "派遣社員",
    "office": "センター出社",
    "home": "在宅勤務",
    "voluntary": "自己都合退職",
    "involuntary": "会社都合",
    "transfer": "異動",
    "contract_end": "契約満了",
    "sick": "病欠",
    "personal": "私用",
    "unplanned": "当日欠勤",
    "planned": "計画休暇",
    "side_by_side": "横付け",
    "remote": "リモートモニタリング",
    "recorded": "録音評価",
    "one_to_one": "1対1",
    "group": "グループ",
    "reference": "基準評価",
    "consensus": "合議",
    "initial": "初回",
    "annual": "年次",
    "monthly": "月次",
    "test": "筆記試験",
    "observation": "実地観察",
    "competent": "力量あり",
    "development_needed": "要育成",
    "voice": "電話",
    "email": "メール",
    "chat": "チャット",
    "handling": "応対",
    "break": "休憩",
    "training": "研修",
    "coaching": "コーチング",
    "meeting": "会議",
    "active": "公開中",
    "obsolete": "廃止",
    "draft": "下書き",
    "no_answer": "応答なし",
    "rpc": "本人接続",
    "wrong_party": "本人以外",
    "refused": "拒否",
    "sale": "成約",
    "promise_to_pay": "入金約束",
    "yes": "はい",
    "no": "いいえ",
}


def _relabel(records: Path) -> dict[str, tuple[dict[str, str], dict[tuple[str, str], str]]]:
    """Rewrite each file with Japanese headers and labels; what each header and label stands for."""
    types = builtin_record_types()
    truth: dict[str, tuple[dict[str, str], dict[tuple[str, str], str]]] = {}
    for path in sorted(records.glob("*.csv")):
        record_type = types[path.stem]
        with path.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.reader(stream))
        header, body = rows[0], rows[1:]
        headers: dict[str, str] = {}
        labels: dict[tuple[str, str], str] = {}
        for i, name in enumerate(header):
            japanese = DATE_HEADERS.get(path.stem) if name == "date" else HEADERS.get(name)
            column = record_type.column(name)
            if japanese is None or column is None:
                continue
            header[i] = japanese
            headers[japanese] = name
            if column.type not in (ColumnType.ENUM, ColumnType.BOOLEAN):
                continue
            for row in body:
                value = row[i].lower() if column.type is ColumnType.BOOLEAN else row[i]
                if value in LABELS:
                    row[i] = LABELS[value]
                    labels[(name, row[i])] = value
        with path.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows([header, *body])
        truth[path.stem] = (headers, labels)
    return truth


def test_map_proposes_at_least_90_percent_of_japanese_headers_and_labels(tmp_path: Path) -> None:
    bundle = tmp_path / "generated"
    args = ["generate", str(bundle), "--seats", "20", "--months", "3", "--seed", "9", "--violations", "none"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    truth = _relabel(bundle / "records")
    types = builtin_record_types()
    right = total = 0
    wrong: list[str] = []
    for name, (headers, labels) in truth.items():
        proposal = propose(read_sample(bundle / "records" / f"{name}.csv"), types[name])
        proposed = {m.header: m.column for m in proposal.columns}
        values = {(m.column, m.label): m.value for m in proposal.labels}
        for header, column in headers.items():
            total += 1
            right += proposed.get(header) == column
            if proposed.get(header) != column:
                wrong.append(f"{name}: {header} → {proposed.get(header)} (is {column})")
        for key, value in labels.items():
            total += 1
            right += values.get(key) == value
            if values.get(key) != value:
                wrong.append(f"{name}: {key} → {values.get(key)} (is {value})")
    share = right / total
    print(f"map proposals correct: {right}/{total} = {share:.3f}; wrong: {wrong}")
    assert total > 150
    assert share >= 0.9, wrong


@pytest.fixture
def small_bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "bundle"
    shutil.copytree(demo_bundle(), bundle)
    return bundle


def test_map_write_keeps_the_rest_of_bundle_yaml_and_the_bundle_then_loads(small_bundle: Path) -> None:
    roster = small_bundle / "records" / "roster.csv"
    text = (
        roster.read_text(encoding="utf-8")
        .replace("staff_id,", "社員コード,", 1)
        .replace(",agency,", ",派遣社員,")
    )
    export = small_bundle / "records" / "hr-export.csv"
    export.write_bytes(text.replace(",", "|").encode("cp932"))
    roster.unlink()
    before = (small_bundle / "bundle.yaml").read_text(encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["map", str(export), "--type", "roster", "--write", str(small_bundle), "--record-set", "roster"]
    )
    assert result.exit_code == 0, result.output
    assert "社員コード" in result.output and "staff_id" in result.output
    after = (small_bundle / "bundle.yaml").read_text(encoding="utf-8")
    assert after.startswith("# ccc-audit built-in demo evidence bundle.")  # comments kept
    assert after.count("\n") >= before.count("\n")
    entry = yaml.safe_load(after)["records"]["roster"]
    assert entry["path"] == "records/hr-export.csv"
    assert entry["columns"] == {"staff_id": "社員コード"}
    assert entry["delimiter"] == "|"
    validated = CliRunner().invoke(cli, ["validate", str(small_bundle), "--as-of", "2025-06-01"])
    assert validated.exit_code == 0, validated.output


def test_map_of_an_unknown_type_or_missing_file_is_a_located_error(small_bundle: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["map", str(small_bundle / "records" / "roster.csv"), "--type", "rooster"])
    assert result.exit_code == 2
    assert 'unknown record type "rooster"; did you mean "roster"?' in result.output
    result = runner.invoke(cli, ["map", str(small_bundle / "nope.csv"), "--type", "roster"])
    assert result.exit_code == 2 and "no such file" in result.output


def test_an_unknown_column_is_a_warning_with_a_suggestion(small_bundle: Path) -> None:
    roster = small_bundle / "records" / "roster.csv"
    lines = roster.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",hire_dat", *(line + "," for line in lines[1:])]
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(small_bundle), "--as-of", "2025-06-01"])
    assert result.exit_code == 0, result.output
    assert 'column "hire_dat" is not a column of record type roster' in result.output
    assert 'did you mean "hire_date"?' in result.output


@pytest.mark.parametrize(
    ("variant", "file", "expected"),
    [
        ("pipe_mmddyyyy", "roster.txt", {"date_format": "%m%d%Y", "delimiter": "|"}),
        ("tab_yyyymmdd", "absence.txt", {"date_format": "%Y%m%d", "delimiter": "\t"}),
        (
            "xlsx_title_rows_totals",
            "roster.xlsx",
            {"header_row": 3, "ignore_rows": [{"column": "staff_id", "equals": "合計"}]},
        ),
        ("cp932_japanese", "coaching.csv", {"encoding": "cp932", "columns": {"staff_id": "社員No"}}),
    ],
)
def test_map_proposes_the_shape_of_each_corpus_export(
    variant: str, file: str, expected: dict[str, object], tmp_path: Path
) -> None:
    bundle = VARIANTS[variant](tmp_path / "bundle")
    name = file.split(".")[0]
    proposal = propose(read_sample(bundle / "records" / file), builtin_record_types()[name])
    assert proposal.mapping() == expected
    assert proposal.unmatched() == [] and proposal.missing == []
