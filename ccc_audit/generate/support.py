"""Small technology and knowledge record sets built in Python: IT incidents and content items.

Neither grows with the seats times the months: incidents come at a few a month whatever the size
of the centre, and the knowledge base holds a shared set of articles plus eight per program.
"""

from __future__ import annotations

import datetime as dt

from ccc_audit.generate.hr import Table
from ccc_audit.generate.options import PeriodWindows
from ccc_audit.generate.organisation import Organisation
from ccc_audit.generate.randomness import stream
from ccc_audit.generate.store import Cell

SYSTEMS: tuple[tuple[str, bool], ...] = (
    ("ACD", True),
    ("CRM", True),
    ("Chat platform", True),
    ("Email gateway", True),
    ("Knowledge base", True),
    ("Network", True),
    ("WFM", False),
    ("Reporting", False),
)
"""Systems that can fail, and whether customers are served through them."""

SEVERITIES: tuple[tuple[str, float, int], ...] = (
    ("1", 0.05, 4),
    ("2", 0.20, 8),
    ("3", 0.45, 24),
    ("4", 0.30, 72),
)
"""(severity, share of incidents, resolution target in hours) under the IT incident SLA."""

INCIDENTS_PER_MONTH = 4.0

_SHARED_TOPICS = (
    "Identity verification",
    "Complaint logging",
    "Data protection in calls",
    "Escalation to a supervisor",
    "Call recording notice",
    "Outbound calling hours",
    "Do-not-contact requests",
    "Chat etiquette",
    "Email response templates",
    "Vulnerable customers",
    "Payment card data",
    "System outage script",
)
_PROGRAM_TOPICS = (
    "billing enquiries",
    "plan changes",
    "technical troubleshooting",
    "account closure",
    "address change",
    "refunds",
    "new customer welcome",
    "service outage FAQ",
)


def _timestamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def it_incidents(period: PeriodWindows, seed: int) -> Table:
    """IT incidents through the period, each resolved within its SLA target.

    About four a month, opened at any hour. Each is resolved in 10 % to 90 % of its severity's
    target time; one whose resolution would fall after the end of the period is still open (no
    ``resolved_at``).
    """
    rng = stream(seed, "it-incidents")
    close = dt.datetime.combine(period.end, dt.time(23, 59, 59))
    rows: list[tuple[Cell, ...]] = []
    day = period.start
    daily = INCIDENTS_PER_MONTH * 12 / 365
    while day <= period.end:
        if rng.random() < daily:
            system, customer_facing = SYSTEMS[rng.randrange(len(SYSTEMS))]
            roll = rng.random()
            severity, target = SEVERITIES[-1][0], SEVERITIES[-1][2]
            for name, share, hours in SEVERITIES:
                if roll < share:
                    severity, target = name, hours
                    break
                roll -= share
            opened = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=rng.randrange(24 * 60))
            taken = dt.timedelta(minutes=round(target * 60 * rng.uniform(0.1, 0.9)))
            resolved = opened + taken if opened + taken <= close else None
            rows.append(
                (
                    f"INC-{opened:%y%m%d}-{len(rows) + 1:04d}",
                    system,
                    severity,
                    _timestamp(opened),
                    _timestamp(resolved) if resolved else None,
                    target,
                    customer_facing,
                )
            )
        day += dt.timedelta(days=1)
    header = (
        "incident_id",
        "system",
        "severity",
        "opened_at",
        "resolved_at",
        "target_hours",
        "customer_facing",
    )
    return Table("it_incidents", header, rows)


def _review_span(period: PeriodWindows) -> tuple[dt.date, dt.date]:
    """Where the latest reviews of active items fall: the last 12 months of the period (or all of it)."""
    return max(period.start, period.end - dt.timedelta(days=300)), period.end


def content_items(org: Organisation, period: PeriodWindows, seed: int) -> Table:
    """The knowledge base: shared articles and eight per program, edited only by their editors.

    Active items were last reviewed within the last 12 months of the period (the latest review is
    all the records keep); obsolete and draft items at some time before.
    """
    rng = stream(seed, "content")
    first, last = _review_span(period)
    span = (last - first).days
    articles = [(f"KB-S{n + 1:03d}", title, "Knowledge team") for n, title in enumerate(_SHARED_TOPICS)]
    articles += [
        (f"KB-{program.id}-{n + 1:02d}", f"{program.name}: {topic}", f"{program.name} team")
        for program in org.programs
        for n, topic in enumerate(_PROGRAM_TOPICS)
    ]
    rows: list[tuple[Cell, ...]] = []
    for item_id, title, owner in articles:
        roll = rng.random()
        status = "active" if roll < 0.86 else "obsolete" if roll < 0.95 else "draft"
        reviewed = first + dt.timedelta(days=rng.randint(0, span))
        if status != "active":
            reviewed -= dt.timedelta(days=rng.randint(30, 400))
        version = f"{rng.randint(1, 6)}.{rng.randint(0, 9)}"
        rows.append((item_id, title, owner, reviewed, status, True, version))
    header = ("item_id", "title", "owner", "last_reviewed", "status", "editor_authorised", "version")
    return Table("content_items", header, rows)
