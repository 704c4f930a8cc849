"""A register in memory: its language, its columns and its rows of text cells."""

from __future__ import annotations

from dataclasses import dataclass, field

from ccc_audit.register.columns import KEYS, header


@dataclass
class Register:
    """Rows keyed by column; dates are ISO text; ``extra`` lists columns people added."""

    lang: str
    rows: list[dict[str, str]] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    """Header text of extra columns whose key differs from it (a repeated header, ``remarks#2``)."""

    @property
    def columns(self) -> list[str]:
        """Every column in file order: the register's own, then the ones people added."""
        return KEYS + self.extra

    def title(self, key: str) -> str:
        """The header written for column ``key``."""
        return self.titles.get(key) or header(key, self.lang)
