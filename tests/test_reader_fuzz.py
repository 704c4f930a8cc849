"""Property tests of the readers of user files (the short form of ``scripts/fuzz_readers.py``).

Whatever a CSV, XLSX, JSON Lines or bundle.yaml file holds, ``validate`` ends with exit 0 or 2,
without a traceback, and every problem it reports is located (see ``tests/reader_fuzz.py``).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from reader_fuzz import TARGETS, target


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_any_input_ends_in_a_result_or_a_located_error(name: str) -> None:
    check = target(name)

    @settings(max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(TARGETS[name][1])
    def run(payload: bytes) -> None:
        assert check(payload) in (0, 2)

    run()
