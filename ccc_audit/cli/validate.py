"""``ccc-audit validate``: check rule packs, catalogues, profile and a bundle without assessing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ccc_audit.cli.options import (
    catalogue_option,
    fail_on_input_errors,
    pack_option,
    parse_date,
    path_type,
    profile_option,
)


@click.command()
@click.argument("bundle", required=False, type=path_type())
@pack_option
@catalogue_option
@profile_option
@click.option("--as-of", "as_of", metavar="DATE", help="Date for expiry checks (default: today).")
@click.option(
    "--find-bundle",
    is_flag=True,
    help="Without BUNDLE, validate the bundle `check` would find ($CCC_AUDIT_BUNDLE, the current "
    "folder, or the one bundle.yaml below the repository root).",
)
@fail_on_input_errors
def validate(
    bundle: Path | None,
    packs: tuple[str, ...],
    catalogues: tuple[str, ...],
    profile: str | None,
    as_of: str | None,
    find_bundle: bool,
) -> None:
    """Validate rule packs, catalogues, profile and (optionally) a BUNDLE."""
    from ccc_audit.app.locate import find_bundle as located
    from ccc_audit.app.setup import prepare
    from ccc_audit.engine.assess import open_records
    from ccc_audit.errors import InputError
    from ccc_audit.loading.bundle import expired_waivers
    from ccc_audit.records.consistency import scope_notices
    from ccc_audit.records.outliers import date_outliers
    from ccc_audit.safe_text import one_line

    if bundle is None and find_bundle:
        bundle = located()
    setup = prepare(packs, catalogues, profile, bundle)
    when = parse_date(as_of) or dt.date.today()
    if setup.bundle is not None:
        expired = expired_waivers(setup.bundle, when)
        if expired:
            raise InputError(expired)
        store = open_records(setup.bundle, None)
        try:
            period = setup.bundle.model.audit_period
            warnings = scope_notices(setup.bundle, store) + date_outliers(store, period.start, period.end)
            warnings += store.unknown_columns()
        finally:
            store.close()
        for notice in warnings:
            where = f"{setup.bundle.doc.path}:{notice.line}" if notice.line else setup.bundle.doc.path
            click.echo(one_line(f"{where}: warning: {notice.message.en}"), err=True)
    rules = sum(len(p.model.rules) for p in setup.library.packs)
    click.echo(
        f"ok: {len(setup.library.catalogues)} catalogues ({len(setup.library.nodes)} nodes), "
        f"{len(setup.library.crosswalks)} crosswalks "
        f"({sum(len(c.model.links) for c in setup.library.crosswalks)} links), "
        f"{len(setup.library.packs)} rule packs ({rules} rules)"
        + (f", bundle {setup.bundle.root}" if setup.bundle else "")
    )
