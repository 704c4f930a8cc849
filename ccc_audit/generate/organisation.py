"""The fictional organisation: its id, sites, programs and each program's transaction types."""

from __future__ import annotations

from dataclasses import dataclass

ORGANISATION_ID = "synthetic-cc"
ORGANISATION_NAME = "Synthetic Contact Centre (generated)"
CHANNELS = ("voice", "email", "chat")
OPERATIONS = ("inbound", "outbound")
TRANSACTION_KINDS = ("billing", "tech", "account")
THRESHOLD_SECONDS = {"voice": 20, "email": 3600, "chat": 60}
"""Service-level answer-time threshold per channel."""


@dataclass(frozen=True)
class Site:
    """A site of the centre."""

    id: str
    name: str


@dataclass(frozen=True)
class Program:
    """A program (a client line of business) and its key transaction types."""

    index: int
    id: str
    name: str
    client: str

    @property
    def transaction_types(self) -> tuple[str, str, str]:
        """The program's three transaction types (KCRPs), ``<program>-billing`` and so on."""
        billing, tech, account = (f"{self.id}-{kind}" for kind in TRANSACTION_KINDS)
        return billing, tech, account


@dataclass(frozen=True)
class Organisation:
    """Sites and programs; the number of programs grows with the seats."""

    sites: tuple[Site, ...]
    programs: tuple[Program, ...]

    @classmethod
    def for_seats(cls, seats: int) -> Organisation:
        """``max(3, seats // 50)`` programs over two sites."""
        count = max(3, seats // 50)
        width = max(3, len(str(count)))
        programs = tuple(
            Program(i, f"prog{i + 1:0{width}d}", f"Program {i + 1}", f"Client {i + 1:0{width}d} Ltd")
            for i in range(count)
        )
        sites = (Site("site-east", "East contact centre"), Site("site-west", "West contact centre"))
        return cls(sites, programs)
