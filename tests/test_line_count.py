"""Whether a CSV has one line per row is decided the same however the file falls into read blocks.

Large files are read block by block (in the pass that hashes them, or on their own), and carriage
returns are looked for only in blocks that hold one; a CRLF split across two blocks, or a bare CR
at a block's end, must count as it would in one piece (a wrong answer would put row numbers on
the wrong lines of every later finding).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccc_audit.loading import line_ends
from ccc_audit.loading.bundle_paths import sha256_of
from ccc_audit.records import lined_csv


def _whole(content: bytes, rows: int, header_line: int) -> bool:
    if content.count(b"\r") != content.count(b"\r\n"):
        return False
    lines = content.count(b"\n") + (0 if content[-1:] in (b"\n", b"") else 1)
    return lines == rows + header_line


@settings(max_examples=300, deadline=None)
@given(
    content=st.lists(st.sampled_from([b"a", b",", b"\n", b"\r", b"\r\n", b'"']), max_size=40).map(b"".join),
    block=st.integers(min_value=1, max_value=8),
    rows=st.integers(min_value=0, max_value=12),
)
def test_block_size_never_changes_the_answer(
    content: bytes, block: int, rows: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("lines") / "records.csv"
    path.write_bytes(content)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(line_ends, "BLOCK", block)
        assert lined_csv.one_line_per_row(path, rows) == _whole(content, rows, 1)
        digest, counted = line_ends.hash_and_count(path)  # the background hash counts them too
    assert digest == sha256_of(path)
    assert lined_csv.one_line_per_row(path, rows, ends=counted) == _whole(content, rows, 1)


def test_a_crlf_split_between_blocks_is_one_line_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "records.csv"
    path.write_bytes(b"id\r\n1\r\n2\r\n")
    monkeypatch.setattr(line_ends, "BLOCK", 3)  # "id\r" | "\n1\r" | "\n2\r" | "\n"
    assert lined_csv.one_line_per_row(path, 2)
    path.write_bytes(b"id\r\n1\r2\r\n")  # a bare CR: an editor shows a line break there
    assert not lined_csv.one_line_per_row(path, 2)


def test_line_ends_counted_for_another_file_are_not_used(tmp_path: Path) -> None:
    """A converted copy (CP932 re-read, a workbook) is counted itself, never given the original's count."""
    original, copy = tmp_path / "a.csv", tmp_path / "b.csv"
    original.write_bytes(b"id\n1\n2\n")
    copy.write_bytes(b"id\n1\n\n2\n")  # a blank line: rows no longer sit on line n + 1
    _, counted = line_ends.hash_and_count(original)
    assert lined_csv.one_line_per_row(original, 2, ends=counted)
    assert not lined_csv.one_line_per_row(copy, 2, ends=counted)
