"""The one vocabulary table of every output: what a code (channel, operation, severity …) reads as.

The table is ``labels`` in ``rulepacks/vocabulary/vocabulary.yaml``. Reports, workbooks, the
console and the procurement outputs all translate codes through :func:`term`, and the measured
and required values of checks (``3/4 quarters``, ``>= 1 per quarter``) through :func:`value_text`.
"""

from __future__ import annotations

import re
from functools import cache

import yaml

from ccc_audit.models.vocabulary import Vocabulary
from ccc_audit.resources import data_dir


@cache
def vocabulary_labels() -> dict[str, dict[str, dict[str, str]]]:
    """The label table, ``group → code → {"ja": …, "en": …}``, read once (safely) from the shipped file."""
    path = data_dir("rulepacks") / "vocabulary" / "vocabulary.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    model = Vocabulary.model_validate(raw)
    return {
        group: {code: {"ja": text.ja, "en": text.en} for code, text in codes.items()}
        for group, codes in model.labels.items()
    }


def term(group: str, code: str, lang: str) -> str:
    """What ``code`` of ``group`` reads as in ``lang``; the code itself when the table has no entry."""
    entry = vocabulary_labels().get(group, {}).get(str(code))
    return entry[lang] if entry else str(code)


def terms(group: str, codes: list[str], lang: str) -> str:
    """Several codes of ``group``, translated and joined as a list in ``lang``."""
    return ("、" if lang == "ja" else ", ").join(term(group, c, lang) for c in codes)


@cache
def _value_words() -> dict[str, dict[str, str]]:
    """Words of measured and required values: the ``value`` group, then topics and document types."""
    table = vocabulary_labels()
    return {**table.get("document_type", {}), **table.get("topic", {}), **table.get("value", {})}


@cache
def _value_pattern() -> re.Pattern[str]:
    phrases = sorted(_value_words(), key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in phrases)
    return re.compile(rf"(?<![\w.\-/])(?:{alternatives})(?![\w\-/])")


def value_text(text: str, lang: str) -> str:
    """A measured or required value with its words in ``lang`` (numbers, ids and dates as they are)."""
    if lang != "ja" or not text:
        return text
    words = _value_words()
    each = re.sub(r"(,? )for each ([\w.]+)", r"（\2 ごと）", text)
    translated = _value_pattern().sub(lambda m: words[m.group(0)]["ja"], each)
    return translated.replace("; ", "、").replace(", ", "、")
