"""Property tests for the safe YAML reader (``ccc_audit.loading.yaml_source.parse_yaml``)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.loading.yaml_source import YamlDocument, parse_yaml

PROPERTY_SETTINGS = settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

# Fragments that steer random input towards the interesting corners of YAML: tags, anchors,
# aliases, flow collections, dates that do not exist, explicit keys, merge keys, encodings.
# fmt: off
FRAGMENTS = [
    b"a", b"key", b":", b": ", b" ", b"  ", b"\n", b"\t", b"- ", b"-", b"[", b"]", b"{", b"}", b",",
    b"&x ", b"*x", b"? ", b"<<: ", b"!!int ", b"!!float ", b"!!timestamp ", b"!!binary ", b"!!set ",
    b"!!omap ", b"!!python/object/apply:os.system ", b"!local ", b"%YAML 1.1\n", b"---\n", b"...\n",
    b"2025-13-01", b"2025-02-30", b"2025-01-01", b"0x1F", b"0o17", b"1e400", b".nan", b"~", b"null",
    b"yes", b"'", b'"', b'"\\x"', b"#", b"|", b">", b"\xef\xbb\xbf", b"\xff", b"\x82\xa0", b"\x00",
    b"\xe6\x97\xa5", b"1:", b"1_000", b"12:30:00",
]
# fmt: on

yamlish_bytes = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(b"".join)


def read(raw: bytes, shown: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse ``raw``; return the document (None if refused outright) and every problem found.

    Syntax problems raise InputError at once; problems with single values (a duplicate key, a
    date that does not exist) may instead be kept on the document, to be reported together
    with schema errors. Either way they are problems the user is told about.
    """
    try:
        doc = parse_yaml(raw, shown)
    except InputError as exc:
        assert exc.diagnostics, "an InputError always says what is wrong"
        return None, list(exc.diagnostics)
    return doc, list(getattr(doc, "problems", []))


@PROPERTY_SETTINGS
@given(st.one_of(st.binary(max_size=400), yamlish_bytes))
@example(b"a: 2025-13-01\n")
@example(b"a: !!int x\n")
@example(b"a: !!float abc\n")
@example(b"a: !!int\n")
@example(b"a: !!bool maybe\n")
@example(b"a: !!timestamp tomorrow\n")
@example(b"a: &x [*x]\n")
@example(b"a: " + b"[" * 3000 + b"]" * 3000 + b"\n")
@example(b"- 1\n- 2\n")
@example(b"\xef\xbb\xbf")
@example(b"\x82\xa0: 1\n")
@example(b"<<: {a: 1}\n")
def test_arbitrary_bytes_raise_nothing_but_input_error(raw: bytes) -> None:
    doc, problems = read(raw, "fuzz.yaml")
    for diagnostic in problems:
        assert diagnostic.path == "fuzz.yaml"
        assert diagnostic.line >= 0 and diagnostic.column >= 0
        assert diagnostic.message
    if doc is not None:
        assert isinstance(doc.data, dict)


# PyYAML's emitter writes NEL and the Unicode line/paragraph separators unescaped in plain
# scalars, and its own reader folds them into spaces: a PyYAML round-trip bug, not ours.
json_text = st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x85\u2028\u2029"))
# '<<' is refused as a key on purpose (merge keys are not supported), even when quoted.
json_keys = json_text.filter(lambda k: len(k) <= 12 and k != "<<")
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    json_text.filter(lambda s: len(s) <= 30),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(json_keys, children, max_size=4)
    ),
    max_leaves=25,
)
json_documents = st.dictionaries(json_keys, json_values, max_size=6)


@PROPERTY_SETTINGS
@given(json_documents, st.booleans(), st.booleans())
@example({"date_like": "2025-13-01", "yes": "no", "null": None, "": [1.5, -0.0, 1e300]}, False, True)
@example({"日本語": {"キー": "値"}, "1": 1, "true": True}, True, False)
def test_json_like_dict_round_trips(data: dict[str, Any], flow: bool, unicode: bool) -> None:
    dumped = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=unicode, sort_keys=False)
    doc, problems = read(dumped.encode("utf-8"), "roundtrip.yaml")
    assert problems == []
    assert doc is not None
    assert doc.data == data
    assert _same_types(doc.data, data)


def _same_types(left: Any, right: Any) -> bool:
    """Equal data with equal types (``True == 1`` and ``1 == 1.0`` must not hide a change)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(_same_types(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(_same_types(a, b) for a, b in zip(left, right, strict=True))
    return True


plain_keys = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda k: k not in {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
)


@PROPERTY_SETTINGS
@given(
    keys=st.lists(plain_keys, min_size=1, max_size=8, unique=True),
    data=st.data(),
    nested=st.booleans(),
    leading_comments=st.integers(min_value=0, max_value=3),
)
def test_duplicate_key_reported_on_the_line_of_the_repeat(
    keys: list[str], data: st.DataObject, nested: bool, leading_comments: int
) -> None:
    first = data.draw(st.integers(min_value=0, max_value=len(keys) - 1), label="first")
    repeat_at = data.draw(st.integers(min_value=first + 1, max_value=len(keys)), label="repeat_at")
    entries = list(keys)
    entries.insert(repeat_at, keys[first])
    indent = "  " if nested else ""
    lines = [f"# comment {i}" for i in range(leading_comments)]
    if nested:
        lines.append("outer:")
    offset = len(lines)
    lines += [f"{indent}{key}: {i}" for i, key in enumerate(entries)]
    raw = ("\n".join(lines) + "\n").encode("utf-8")

    _doc, problems = read(raw, "dup.yaml")
    assert len(problems) == 1, "the duplicate key must be reported, once"
    (diagnostic,) = problems

    assert diagnostic.path == "dup.yaml"
    assert diagnostic.line == offset + repeat_at + 1
    assert diagnostic.column == len(indent) + 1
    assert f"duplicate key '{keys[first]}'" in diagnostic.message
    assert f"first defined at line {offset + first + 1}" in diagnostic.message
    assert str(diagnostic).startswith(f"dup.yaml:{offset + repeat_at + 1}:")


@PROPERTY_SETTINGS
@given(st.lists(plain_keys, min_size=2, max_size=6, unique=True))
def test_every_duplicate_is_reported_not_just_the_first(keys: list[str]) -> None:
    lines = [f"{k}: 1" for k in keys] + [f"{k}: 2" for k in keys]
    _doc, problems = read(("\n".join(lines) + "\n").encode("utf-8"), "dups.yaml")
    assert sorted(d.line for d in problems) == list(range(len(keys) + 1, 2 * len(keys) + 1))
    assert all("duplicate key" in d.message for d in problems)


UNREADABLE_VALUES = {
    "date_that_does_not_exist": b"when: 2025-13-01\n",
    "int_tag_on_text": b"count: !!int many\n",
    "int_tag_on_nothing": b"count: !!int\n",
    "float_tag_on_text": b"ratio: !!float abc\n",
    "bool_tag_on_text": b"flag: !!bool maybe\n",
    "timestamp_tag_on_text": b"when: !!timestamp tomorrow\n",
    "recursive_alias": b"loop: &loop [*loop]\n",
    "nesting_deeper_than_the_stack": b"deep: " + b"[" * 3000 + b"]" * 3000 + b"\n",
}
UNLOCATED_ALLOWED = {"nesting_deeper_than_the_stack"}
"""Cases where a message without a line is acceptable (the whole file is the problem)."""


@pytest.mark.parametrize("case", list(UNREADABLE_VALUES))
def test_unreadable_value_is_reported_on_its_line(case: str) -> None:
    raw = UNREADABLE_VALUES[case]
    doc, problems = read(raw, "values.yaml")
    assert problems, f"{raw[:40]!r} was accepted as {doc.data if doc else None!r}"
    lines = {d.line for d in problems}
    assert lines == {1} or (case in UNLOCATED_ALLOWED and lines <= {0, 1})
    assert all(str(d).startswith("values.yaml:") for d in problems)


def test_merge_key_is_refused_as_a_merge_key() -> None:
    raw = b"base: &base {a: 1}\nother:\n  <<: *base\n  b: 2\n"
    _doc, problems = read(raw, "merge.yaml")
    assert [(d.line, d.column) for d in problems] == [(3, 3)]
    assert "merge keys" in problems[0].message


def test_quoted_text_that_looks_like_another_type_stays_text() -> None:
    doc, problems = read(b"a: '2025-13-01'\nb: 'yes'\nc: '0x1F'\n'1': x\n", "quoted.yaml")
    assert problems == []
    assert doc is not None
    assert doc.data == {"a": "2025-13-01", "b": "yes", "c": "0x1F", "1": "x"}


def test_positions_of_keys_and_values_are_recorded() -> None:
    doc, problems = read(b"# header\nouter:\n  inner: [1, 2]\n  other: x\n", "pos.yaml")
    assert problems == []
    assert doc is not None
    assert doc.position(("outer", "inner"), key=True) == doc.keys[("outer", "inner")]
    assert (doc.keys[("outer", "inner")].line, doc.keys[("outer", "inner")].column) == (3, 3)
    assert (doc.values[("outer", "inner", 1)].line, doc.values[("outer", "inner", 1)].column) == (3, 14)
    assert doc.diagnostic(("outer", "other"), "bad").line == 4
    # An unknown path falls back to its nearest known ancestor.
    assert doc.diagnostic(("outer", "missing", 3), "bad").line == doc.values[("outer",)].line
