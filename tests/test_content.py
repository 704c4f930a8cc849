"""The shipped content itself: every text in both languages, none copied from the sources."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel
from seed_fingerprints import K, W, load_all, run_hashes, shares_a_run, winnow

from ccc_audit.app.setup import prepare
from ccc_audit.loading.profile import load_profile
from ccc_audit.models.common import Localized
from ccc_audit.resources import builtin_profiles

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def localized(value: object) -> list[Localized]:
    """Every bilingual text held anywhere in a model."""
    found: list[Localized] = []
    if isinstance(value, Localized):
        found.append(value)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            found.extend(localized(getattr(value, name)))
    elif isinstance(value, list | tuple):
        for item in value:
            found.extend(localized(item))
    elif isinstance(value, dict):
        for item in value.values():
            found.extend(localized(item))
    return found


def shipped_texts() -> list[Localized]:
    """Every bilingual text of the built-in catalogues, crosswalks, rule packs and profiles."""
    library = prepare().library
    texts = [t for c in library.catalogues for t in localized(c.model)]
    texts += [t for c in library.crosswalks for t in localized(c.model)]
    texts += [t for p in library.packs for t in localized(p.model)]
    texts += [t for path in builtin_profiles() for t in localized(load_profile(path)[0])]
    return texts


def test_every_text_of_catalogues_crosswalks_packs_and_profiles_is_really_in_both_languages() -> None:
    texts = shipped_texts()
    assert len(texts) > 700
    for text in texts:
        assert JAPANESE.search(text.ja), f"not Japanese: {text.ja!r}"
        assert LATIN.search(text.en) and not JAPANESE.search(text.en), f"not English: {text.en!r}"


def test_no_shipped_text_reproduces_a_run_of_a_seed_document() -> None:
    """No paraphrase, title, note or rule text shares K = 25 characters in a row with a seed."""
    seeds = load_all()
    assert len(seeds) == 5
    copied = [
        f"{name}: {text[:60]!r}"
        for name, fingerprints in seeds.items()
        for pair in shipped_texts()
        for text in (pair.ja, pair.en)
        if shares_a_run(text, fingerprints)
    ]
    assert copied == []


_CHARS = st.characters(codec="utf-8", categories=["L", "N"])


@given(
    seed=st.text(_CHARS, min_size=200, max_size=400),
    start=st.integers(min_value=0, max_value=150),
    extra=st.integers(min_value=0, max_value=20),
    before=st.text(_CHARS, max_size=30),
)
def test_fingerprints_always_catch_a_copied_run_of_k_plus_w_minus_1(
    seed: str, start: int, extra: int, before: str
) -> None:
    fingerprints = winnow(run_hashes(seed))
    copied = seed[start : start + K + W - 1 + extra]
    assert shares_a_run(before + copied, fingerprints)


@given(seed=st.text(_CHARS, min_size=50, max_size=300), text=st.text(_CHARS, max_size=K - 1))
def test_fingerprints_never_flag_a_text_shorter_than_k(seed: str, text: str) -> None:
    assert not shares_a_run(text, winnow(run_hashes(seed)))
