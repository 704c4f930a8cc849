"""What to generate: size, period, seed and violations, checked once, plus the period's windows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.generate.violations import parse_violations
from ccc_audit.models.calendar import Anchor, Span, add_months, windows_in
from ccc_audit.models.common import Window

MAX_SEATS = 100_000
MAX_MONTHS = 60


@dataclass(frozen=True)
class GenerateOptions:
    """The arguments of one generation run; the same options give byte-identical files."""

    out: Path
    seats: int
    months: int
    seed: int
    start: dt.date = dt.date(2025, 1, 1)
    violations: str = "none"
    kinds: tuple[str, ...] = field(init=False)
    lenient: bool = field(init=False)
    """Whether ``all`` was asked for: kinds that cannot be planted are skipped, not refused."""

    def __post_init__(self) -> None:
        problems = []
        if not 1 <= self.seats <= MAX_SEATS:
            problems.append(Diagnostic("--seats", 0, 0, f"must be between 1 and {MAX_SEATS}"))
        if not 1 <= self.months <= MAX_MONTHS:
            problems.append(Diagnostic("--months", 0, 0, f"must be between 1 and {MAX_MONTHS}"))
        if problems:
            raise InputError(problems)
        kinds, lenient = parse_violations(self.violations)
        object.__setattr__(self, "kinds", kinds)
        object.__setattr__(self, "lenient", lenient)

    @property
    def end(self) -> dt.date:
        """Last day of the audit period: ``start`` plus ``months`` months, less one day."""
        return add_months(self.start, self.months) - dt.timedelta(days=1)


@dataclass(frozen=True)
class PeriodWindows:
    """The whole windows lying inside the audit period, counted from its first day (as the checks do)."""

    start: dt.date
    end: dt.date
    months: list[Span]
    quarters: list[Span]
    years: list[Span]

    @classmethod
    def of(cls, options: GenerateOptions) -> PeriodWindows:
        """The windows of the options' audit period."""
        start, end = options.start, options.end
        anchor = Anchor.of(start)  # the written bundle declares no fiscal year: windows run from its start
        return cls(
            start,
            end,
            windows_in(start, end, Window.MONTH, anchor),
            windows_in(start, end, Window.QUARTER, anchor),
            windows_in(start, end, Window.YEAR, anchor),
        )

    def days(self) -> int:
        """Number of days in the period."""
        return (self.end - self.start).days + 1
