"""``ccc-audit map``: propose how an export maps onto a record type; optionally write it."""

from __future__ import annotations

from pathlib import Path

import click
import yaml

from ccc_audit.cli.columns import left, width
from ccc_audit.cli.options import fail_on_input_errors, path_type


@click.command("map")
@click.argument("file", type=path_type())
@click.option(
    "--type",
    "record_type",
    required=True,
    metavar="TYPE",
    help="Record type (see `ccc-audit schema records`).",
)
@click.option(
    "--write",
    "bundle",
    type=path_type(),
    metavar="BUNDLE_DIR",
    help="Write the mapping into BUNDLE_DIR/bundle.yaml (comments and the rest are kept).",
)
@click.option("--record-set", metavar="NAME", help="Record set to write it under (default: the record type).")
@fail_on_input_errors
def map_command(file: Path, record_type: str, bundle: Path | None, record_set: str | None) -> None:
    """Propose how export FILE (CSV of any delimiter, UTF-8 or CP932, or XLSX) maps onto a record type."""
    from ccc_audit.app.mapping import MapRequest, propose_mapping
    from ccc_audit.safe_text import one_line

    proposal = propose_mapping(MapRequest(file, record_type, bundle, record_set))
    sample = proposal.sample
    shape = [f"header on line {sample.header_row}", f"delimiter {sample.delimiter!r}"]
    if sample.encoding:
        shape.append(f"encoding {sample.encoding}")
    click.echo(one_line(f"{file} → record type {proposal.record_type} ({', '.join(shape)})"))
    click.echo("columns:")
    wide = max((width(m.header) for m in proposal.columns), default=10)
    for match in proposal.columns:
        target = match.column or "(not matched: kept, read by no rule)"
        how = f"{match.how} {match.score:.2f}" if match.how == "fuzzy" else match.how
        click.echo(one_line(f"  {left(match.header, wide)} → {target}  [{how}]"))
    shown = [m for m in proposal.labels if m.how != "value"]
    if shown:
        click.echo("values:")
        for label in shown:
            click.echo(
                one_line(f"  {label.column}: {label.label} → {label.value or '(not matched)'}  [{label.how}]")
            )
    if proposal.date_format:
        click.echo(f"date_format: {proposal.date_format}")
    unmatched = proposal.unmatched() + [f"{m.column}: {m.label}" for m in proposal.labels if m.value is None]
    if unmatched:
        click.echo(one_line("could not match: " + ", ".join(unmatched)))
    if proposal.missing:
        click.echo(one_line("required columns no header gives: " + ", ".join(proposal.missing)))
    mapping = proposal.mapping()
    if mapping:
        click.echo("mapping for bundle.yaml (only what the record type's aliases do not already give):")
        click.echo(yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False).rstrip())
    else:
        click.echo("no mapping needed: the record type's names and aliases cover this export")
    if bundle is not None:
        click.echo(f"wrote {bundle / 'bundle.yaml'} (records: {record_set or record_type})")
