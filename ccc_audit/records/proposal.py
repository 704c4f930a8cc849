"""Propose how an export maps onto a record type: columns, value labels, date format, shape.

Headers are matched in this order: our column name, a record-type alias, then fuzzy matching
against names, aliases and the first phrase of each column's Japanese description. Fuzzy
matching uses the standard library's difflib on normalised text: headers are short and few,
so a compiled matcher (rapidfuzz) would add a dependency without a measurable gain.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from ccc_audit.models.records import Column, ColumnType, RecordType, normalise
from ccc_audit.records.sample import Sample
from ccc_audit.records.typing import FALSE_WORDS, TRUE_WORDS

FUZZY_CUTOFF = 0.6
"""Lowest similarity (0–1) of a fuzzy proposal; below it the header is left unmatched."""
DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y%m%d",
    "%m%d%Y",
    "%d.%m.%Y",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%Y年%m月%d日",
)
"""Date formats tried on a sample, in order; the first two are read without a declaration."""
_STANDARD_DATES = DATE_FORMATS[:2]


@dataclass(frozen=True)
class ColumnMatch:
    """A header and the column proposed for it (None: unmatched)."""

    header: str
    column: str | None
    how: str
    """name, alias, chosen (the first of several aliases of one column), fuzzy or none."""
    score: float = 1.0


@dataclass(frozen=True)
class LabelMatch:
    """A label found in a column and the value proposed for it (None: unmatched)."""

    column: str
    label: str
    value: str | None
    how: str
    """value, label, fuzzy or none."""


@dataclass
class Proposal:
    """A proposed mapping of one export onto one record type."""

    record_type: str
    sample: Sample
    columns: list[ColumnMatch]
    labels: list[LabelMatch] = field(default_factory=list)
    date_format: str | None = None
    ignore: list[dict[str, str]] = field(default_factory=list)
    """Rules for rows that are not records (a totals row) found in the sample."""
    missing: list[str] = field(default_factory=list)
    """Required columns no header was matched to."""

    def unmatched(self) -> list[str]:
        """Headers left without a column."""
        return [m.header for m in self.columns if m.column is None]

    def mapping(self) -> dict[str, Any]:
        """The keys to write under the record set in bundle.yaml (only what the engine cannot infer)."""
        out: dict[str, Any] = {}
        if self.sample.encoding == "cp932":
            out["encoding"] = "cp932"
        columns = {m.column: m.header for m in self.columns if m.column and m.how in ("fuzzy", "chosen")}
        if columns:
            out["columns"] = columns
        values: dict[str, dict[str, str]] = {}
        for match in self.labels:
            if match.value is not None and match.how == "fuzzy":
                values.setdefault(match.column, {})[match.label] = match.value
        if values:
            out["values"] = values
        if self.date_format:
            out["date_format"] = self.date_format
        if self.sample.delimiter != ",":
            out["delimiter"] = self.sample.delimiter
        if self.sample.header_row != 1:
            out["header_row"] = self.sample.header_row
        if self.ignore:
            out["ignore_rows"] = self.ignore
        return out


def _phrase(column: Column) -> list[str]:
    """The first phrase of the Japanese description (従業員ID。… → 従業員ID), when short."""
    first = re.split(r"[。、（(：:]", column.description.ja, maxsplit=1)[0]
    return [first] if 0 < len(first) <= 16 else []


_ID_SUFFIX = re.compile(r"(番号|no|コード|code|cd|ｺｰﾄﾞ|#)$")
_TIME_WORDS = (("年月日", "日"), ("日付", "日"), ("時刻", "日時"), ("件数", "数"), ("有無", ""))


def _canonical(text: str) -> str:
    """Normalised text with common synonyms of export headers folded (社員番号 ~ 社員ID, 年月日 ~ 日)."""
    folded = _ID_SUFFIX.sub("id", normalise(text))
    for word, same in _TIME_WORDS:
        folded = folded.replace(word, same)
    return folded


def _similarity(header: str, candidate: str) -> float:
    a, b = _canonical(header), _canonical(candidate)
    if not a or not b:
        return 0.0
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    if len(b) >= 2 and (b in a or a in b):
        ratio = max(ratio, 0.6 + 0.4 * min(len(a), len(b)) / max(len(a), len(b)))
    return ratio


def match_columns(headers: list[str], record_type: RecordType) -> list[ColumnMatch]:
    """The column proposed for each header (each column given to one header at most)."""
    found: dict[int, ColumnMatch] = {}
    taken: set[str] = set()
    names = {normalise(c.name): c.name for c in record_type.columns}
    claims: dict[str, set[str]] = {}
    for column in record_type.columns:
        for alias in column.aliases:
            claims.setdefault(normalise(alias), set()).add(column.name)
    for how, lookup in (("name", lambda h: {names[h]} if h in names else set()), ("alias", claims.get)):
        for i, header in enumerate(headers):
            hits = lookup(normalise(header)) or set()
            if i not in found and len(hits) == 1 and not hits & taken:
                found[i] = ColumnMatch(header, next(iter(hits)), how)
                taken |= hits
                others = [
                    h for j, h in enumerate(headers) if j > i and hits & (lookup(normalise(h)) or set())
                ]
                if how == "alias" and others:  # the engine reads neither unless bundle.yaml says which
                    found[i] = ColumnMatch(header, next(iter(hits)), "chosen")
    scored = sorted(
        (
            (max(_similarity(h, n) for n in [c.name, *c.aliases, *_phrase(c)]), i, c.name)
            for i, h in enumerate(headers)
            if i not in found
            for c in record_type.columns
            if c.name not in taken
        ),
        reverse=True,
    )
    for score, i, name in scored:
        if score >= FUZZY_CUTOFF and i not in found and name not in taken:
            found[i] = ColumnMatch(headers[i], name, "fuzzy", round(score, 3))
            taken.add(name)
    return [found.get(i, ColumnMatch(h, None, "none", 0.0)) for i, h in enumerate(headers)]


def match_label(label: str, column: Column) -> LabelMatch:
    """Our value for a cell text of an enum or yes/no column."""
    if column.type is ColumnType.BOOLEAN:
        values = {w: ("yes" if w in TRUE_WORDS else "no") for w in (*TRUE_WORDS, *FALSE_WORDS)}
    else:
        values = {v.lower(): v for v in column.values}
    if label.lower() in values:
        return LabelMatch(column.name, label, values[label.lower()], "value")
    known = {normalise(text): value for value, texts in column.labels.items() for text in texts}
    if normalise(label) in known:
        return LabelMatch(column.name, label, known[normalise(label)], "label")
    candidates = {**{normalise(v): v for v in set(values.values())}, **known}
    best = max(candidates, key=lambda c: _similarity(label, c), default=None)
    if best is not None and _similarity(label, best) >= FUZZY_CUTOFF:
        return LabelMatch(column.name, label, candidates[best], "fuzzy")
    return LabelMatch(column.name, label, None, "none")


def guess_date_format(values: list[str]) -> str | None:
    """The first format of :data:`DATE_FORMATS` that reads every sampled value (None: none does)."""
    for text in DATE_FORMATS:
        try:
            for value in values:
                dt.datetime.strptime(value[:10] if text in _STANDARD_DATES else value, text)
        except ValueError:
            continue
        return text if values else None
    return None


TOTALS_WORDS = ("合計", "総計", "小計", "計", "total", "grand total", "subtotal")
"""First-cell texts that mark a totals row in a report-style export."""


def _totals_rows(sample: Sample) -> list[dict[str, str]]:
    """An ``ignore_rows`` rule for totals rows in the first column of the sample."""
    if not sample.headers:
        return []
    rows = [*sample.rows, *sample.tail]
    found = sorted({r[0].strip() for r in rows if r and r[0].strip().lower() in TOTALS_WORDS})
    return [{"column": sample.headers[0], "equals": word} for word in found]


def propose(sample: Sample, record_type: RecordType) -> Proposal:
    """The proposed mapping of ``sample`` onto ``record_type``."""
    columns = match_columns(sample.headers, record_type)
    proposal = Proposal(record_type.name, sample, columns)
    dates: list[str] = []
    for match in columns:
        column = record_type.column(match.column) if match.column else None
        if column is None:
            continue
        if column.type in (ColumnType.ENUM, ColumnType.BOOLEAN):
            for label in dict.fromkeys(sample.values(match.header)):
                proposal.labels.append(match_label(label, column))
        if column.type is ColumnType.DATE:
            dates.extend(sample.values(match.header)[:50])
    proposal.ignore = _totals_rows(sample)
    guessed = guess_date_format(dates)
    proposal.date_format = guessed if guessed not in (None, *_STANDARD_DATES) else None
    matched = {m.column for m in columns}
    proposal.missing = [c.name for c in record_type.columns if c.required and c.name not in matched]
    return proposal
