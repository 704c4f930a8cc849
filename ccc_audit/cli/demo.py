"""``ccc-audit demo``: assess the built-in demo bundles (contact centre and client) and write every report."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

import click

from ccc_audit.cli.assess import formats_listed, run_assessment
from ccc_audit.cli.options import (
    cache_choice,
    cache_dir_option,
    comparison_options,
    fail_on_input_errors,
    no_cache_option,
    parse_date,
    path_type,
)

DEMO_AS_OF = dt.date(2026, 1, 15)


@click.command()
@click.option(
    "--out",
    type=path_type(),
    default=Path("ccc-audit-demo"),
    show_default=True,
    help="Output folder.",
)
@click.option("--as-of", "as_of", metavar="DATE", help=f"Assessment date (default: {DEMO_AS_OF}).")
@click.option(
    "--lang",
    type=click.Choice(["ja", "en"]),
    help="Language of the summary (reports are written in both).",
)
@click.option(
    "--format",
    "formats",
    default="json,md,html,csv,xlsx",
    show_default=True,
    help="Comma-separated formats (as for assess).",
)
@comparison_options
@cache_dir_option
@no_cache_option
@fail_on_input_errors
def demo(
    out: Path,
    as_of: str | None,
    lang: str | None,
    formats: str,
    previous: Path | None,
    baseline: Path | None,
    fail_on: str,
    with_records: bool,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Assess the built-in demo bundles and write every report, in Japanese and English.

    The contact centre's reports go into OUT, its client organisation's (ISO 18295-2) into
    OUT/client. --previous and --baseline apply to the contact centre.
    """
    from ccc_audit.app.assess import AssessOptions
    from ccc_audit.resources import demo_bundle, demo_client_bundle
    from ccc_audit.results.exit_codes import most_severe
    from ccc_audit.results.verdict import FailOn

    centre = AssessOptions(
        demo_bundle(),
        parse_date(as_of) or DEMO_AS_OF,
        language=lang,
        cache_dir=cache_choice(cache_dir, no_cache),
        with_records=with_records,
        fail_on=FailOn(fail_on),
        baseline=baseline,
        previous=previous,
    )
    client = dataclasses.replace(centre, bundle=demo_client_bundle(), baseline=None, previous=None)
    chosen = formats_listed(formats)
    codes = [
        run_assessment(centre, out, chosen, True),
        run_assessment(client, out / "client", chosen, True, "demo_client"),
    ]
    sys.exit(int(most_severe(codes)))
