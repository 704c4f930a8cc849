"""Incremental re-assessment: a rule whose inputs are unchanged since the last run is not run again.

Each rule's result is remembered under a key made of the hashes of exactly what it can read:

* what the rule is (its definition, its pack, the profile's parameters for the pack, whether the
  profile selects it, presence-only) and how it is judged (as-of date, language, the SQL engine
  the record checks run on, the installed code and data: catalogues, packs, record types, vocabularies);
* the manifest (``bundle.yaml``: scope, audit period, answers, declarations and every line an
  evidence reference cites);
* the record files it reads: those its checks declare and every table its rule-pack SQL names;
* the documents it read: each remembered result lists the documents whose file or hash the rule
  asked for (:attr:`LoadedBundle.documents_read`) with their hashes, and is served only while
  every one is unchanged. Which documents a rule reads is decided by the manifest and the rule
  (both in the key) and by the content of documents it read before, so a document it did not
  read cannot change its result.

A run that finds the key of a remembered result serves it; the others run, and only the record
files they read (and any file changed since the last run, whose bad values must still stop the
run) are loaded. Should a rule read a record set it did not declare, the run is done again in
full without the memo, so a memo can save time but never change a result. The engine never
writes: it returns the entries to keep, and the application stores them (sealed).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccc_audit.checks.sql_query import SqlCheckSpec, tables_named
from ccc_audit.engine.dependencies import record_sets_read
from ccc_audit.loading.bundle import LoadedBundle
from ccc_audit.loading.library import LoadedPack
from ccc_audit.loading.library_cache import code_fingerprint
from ccc_audit.loading.profile import Tailoring
from ccc_audit.models.result import Notice, RuleResult
from ccc_audit.models.rulepack import Rule
from ccc_audit.resources import data_dir

FORMAT = "2"


@dataclass
class RuleMemo:
    """What the last run remembered, and what this run keeps for the next."""

    rules: dict[str, Any] = field(default_factory=dict)
    """Rule key → ``result`` (the rule's result as JSON data) and ``documents`` (document key →
    hash of each document it read), from the last run."""
    records: dict[str, str] = field(default_factory=dict)
    """Record set → hash of its file, as the last run read it."""
    scope: dict[str, Any] = field(default_factory=dict)
    """``key`` and ``notices`` of the last run's scope notices."""
    fresh: dict[str, Any] = field(default_factory=dict)
    """What this run keeps: the same shape (``rules``, ``records``, ``scope``), filled by the engine."""
    served: int = 0
    """How many rules this run served from the memo."""


def _digest(parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _json_text(data: Any) -> str | None:
    """``data`` as sorted JSON text (None when its keys cannot be sorted: of mixed types)."""
    try:
        return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return None


def _data_fingerprint() -> str:
    """The content of the data files a result depends on (catalogues, packs, record types, vocabulary)."""
    digest = hashlib.sha256()
    for folder in ("requirements", "rulepacks"):
        for path in sorted(data_dir(folder).rglob("*.yaml")):
            digest.update(f"{path.relative_to(data_dir(folder))}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class MemoKeys:
    """Computes the memo key of each rule of one run."""

    bundle: LoadedBundle
    tailoring: Tailoring
    as_of: dt.date
    language: str
    engine: str = "duckdb"
    """The SQL engine the record checks run on: a result is remembered per engine."""
    base: str = ""
    _written: dict[int, dict[int, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """The parts every key shares."""
        self.base = _digest(
            [
                FORMAT,
                code_fingerprint(),
                _data_fingerprint(),
                str(self.as_of),
                self.language,
                self.engine,
                str(Path(self.bundle.root).resolve()),
                self.bundle.manifest_sha256,
                self.tailoring.presence_only,
            ]
        )

    def documents_unchanged(self, read: dict[str, str]) -> bool:
        """Whether every document in ``read`` (key → hash when it was read) still has that hash."""
        files = self.bundle.files
        return all(key in files and self.bundle.sha256(key) == digest for key, digest in read.items())

    def record_hash(self, name: str) -> str:
        """The hash of record set ``name``'s file ("" when the bundle does not declare it)."""
        return self.bundle.sha256(f"records:{name}") if f"records:{name}" in self.bundle.files else ""

    def sets_read(self, rule: Rule) -> list[str]:
        """The record sets ``rule`` reads, in name order: those it declares and those its SQL names."""
        named = {
            table
            for check in rule.checks
            if isinstance(check, SqlCheckSpec)
            for table in tables_named(check.query)
        }
        return sorted(record_sets_read(rule) | (named & set(self.bundle.model.records)))

    def _as_written(self, pack: LoadedPack, rule: Rule) -> Any:
        """The rule as its pack's YAML writes it, as JSON text (with the code, what makes its model).

        Taken instead of the model's dump, which would build the rule model's serialiser (~20 ms)
        and dump every rule on every run; the dump where the YAML does not line up with the model
        or cannot be written as sorted JSON (a mapping whose keys are of mixed types).
        """
        written = self._written.get(id(pack))
        if written is None:
            data = pack.doc.data.get("rules") if isinstance(pack.doc.data, dict) else None
            rules = data if isinstance(data, list) else []
            pairs = zip(pack.model.rules, rules, strict=False)
            texts = {
                id(model): _json_text(raw)
                for model, raw in pairs
                if isinstance(raw, dict) and raw.get("id") == model.id
            }
            written = self._written[id(pack)] = {key: text for key, text in texts.items() if text is not None}
        return written[id(rule)] if id(rule) in written else rule.model_dump(mode="json")

    def rule_key(self, pack: LoadedPack, rule: Rule) -> str:
        """The key of ``rule``'s result for this run."""
        pack_id = pack.model.pack.id
        return _digest(
            [
                self.base,
                pack_id,
                pack.model.pack.version,
                self._as_written(pack, rule),
                self.tailoring.selected(rule),
                self.tailoring.parameters.get(pack_id, {}),
                [(name, self.record_hash(name)) for name in self.sets_read(rule)],
            ]
        )

    def scope_sets(self) -> list[str]:
        """The record sets the run's record notices read: every one.

        Dates far outside the period and unknown columns are noticed in any set (scope
        contradictions in some), so the notices are remembered under all record sets' hashes.
        """
        return sorted(self.bundle.model.records)

    def scope_key(self) -> str:
        """The key of the scope notices for this run."""
        return _digest([self.base, [(n, self.record_hash(n)) for n in self.scope_sets()]])


def served_rule(memo: RuleMemo, key: str, keys: MemoKeys) -> tuple[RuleResult, dict[str, str]] | None:
    """The remembered result under ``key`` and the documents it read (key → hash).

    None when there is none, a document it read has changed, or it no longer validates.
    """
    entry = memo.rules.get(key)
    if not isinstance(entry, dict) or not isinstance(entry.get("documents"), dict):
        return None
    read = {str(k): str(v) for k, v in entry["documents"].items()}
    if not keys.documents_unchanged(read):
        return None
    try:
        return RuleResult.model_validate_json(json.dumps(entry.get("result"))), read
    except ValueError:
        return None


def served_scope(memo: RuleMemo, key: str) -> list[Notice] | None:
    """The remembered scope notices under ``key`` (None when the key differs)."""
    if memo.scope.get("key") != key:
        return None
    try:
        return [Notice.model_validate_json(json.dumps(n)) for n in memo.scope.get("notices", [])]
    except ValueError:
        return None


def changed_sets(memo: RuleMemo, keys: MemoKeys) -> set[str]:
    """Record sets whose file is new or changed since the last run (they are read for bad values)."""
    return {name for name in keys.bundle.model.records if memo.records.get(name) != keys.record_hash(name)}
