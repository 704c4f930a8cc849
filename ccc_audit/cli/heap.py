"""No garbage collection while an assessing command starts up; the collector runs once rules run.

Starting ``assess``, ``check`` or ``demo`` imports the models, the checks and DuckDB and loads the
library and the bundle: hundreds of thousands of objects that all live until the process ends.
Python's collector traverses them again and again meanwhile (about a tenth of the CPU time of
``check`` on the demo, 350 collections, none freeing anything worth having). These commands
therefore start with the collector off; when the first rule is reached, everything loaded so far
is moved out of the collector's sight (``gc.freeze``) and the collector is switched back on for
the run itself, so the memory of a long assessment is managed as before.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

ASSESSING = frozenset({"assess", "check", "demo"})
"""The commands that start with the collector off."""


def hold(arguments: list[str]) -> None:
    """Switch the collector off when ``arguments`` (after the program name) run an assessing command."""
    if arguments[:1] and arguments[0] in ASSESSING:
        gc.disable()


def settle() -> None:
    """Start-up is over: keep what it loaded out of the collector's sight and switch it back on."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def settling(progress: Callable[[int, int, str], None] | None) -> Callable[[int, int, str], None]:
    """``progress`` (after each rule), settling the heap first: the first rule ends the start-up."""

    def on_rule(done: int, total: int, rule_id: str) -> None:
        settle()
        if progress is not None:
            progress(done, total, rule_id)

    return on_rule
