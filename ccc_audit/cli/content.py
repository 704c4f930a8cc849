"""Commands about content rather than one bundle: browse rules, print schemas, generate bundles."""

from __future__ import annotations

from pathlib import Path

import click

from ccc_audit.cli.options import fail_on_input_errors, pack_option, parse_date, path_type


@click.group()
def rules() -> None:
    """Browse rule packs and requirements."""


@rules.command("list")
@pack_option
@click.option("--lang", type=click.Choice(["ja", "en"]), default="en", show_default=True)
@fail_on_input_errors
def rules_list(packs: tuple[str, ...], lang: str) -> None:
    """List every rule: id, check kinds, requirements, title."""
    from ccc_audit.app.setup import prepare

    setup = prepare(packs)
    for pack, rule in setup.library.rules():
        kinds = "+".join(sorted({c.kind for c in rule.checks}))
        click.echo(f"{rule.id:<48} {kinds:<22} {','.join(rule.requirements):<28} {rule.title.get(lang)}")
        del pack


@rules.command("coverage")
@pack_option
@click.option("--lang", type=click.Choice(["ja", "en"]), default="en", show_default=True)
@click.option(
    "--review",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of quantified-requirement review tables (docs/copc-review): also count its rows "
    "correct by records, attested only and missing.",
)
@fail_on_input_errors
def rules_coverage(packs: tuple[str, ...], lang: str, review: Path | None) -> None:
    """Per standard: requirements decided by records, attested only, without a rule."""
    from ccc_audit.app.review_table import count_review, read_review, review_files
    from ccc_audit.app.rule_coverage import coverage
    from ccc_audit.app.setup import prepare
    from ccc_audit.cli.browse import coverage_table, review_summary

    library = prepare(packs).library
    click.echo(coverage_table(coverage(library), lang))
    if review is not None:
        try:
            rows = [row for path in review_files(review) for row in read_review(path)]
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        click.echo(review_summary(count_review(rows, library.rule_ids()), lang))


@rules.command("show")
@click.argument("ident")
@pack_option
@click.option(
    "--lang",
    type=click.Choice(["ja", "en"]),
    help="Language (default: that of the bundle.yaml in the current folder or --bundle, else en).",
)
@click.option("--bundle", "bundle", type=path_type(), help="Bundle whose language to speak.")
@fail_on_input_errors
def rules_show(ident: str, packs: tuple[str, ...], lang: str | None, bundle: Path | None) -> None:
    """Show a rule (by id) or a requirement (catalogue:node) in full."""
    from ccc_audit.app.locate import bundle_language
    from ccc_audit.app.setup import prepare
    from ccc_audit.cli.browse import describe

    lang = lang or bundle_language(bundle or Path.cwd()) or "en"
    setup = prepare(packs)
    text = describe(setup.library, ident, lang)
    if text is None:
        raise click.UsageError(f'no rule or requirement "{ident}"; see `ccc-audit rules list`')
    click.echo(text)


@click.command()
@click.argument(
    "name",
    type=click.Choice(
        [
            "catalogue",
            "crosswalk",
            "rulepack",
            "bundle",
            "profile",
            "result",
            "rfp-rubric",
            "rfp-response",
            "rfp-scores",
            "rfp-result",
            "records",
        ]
    ),
)
def schema(name: str) -> None:
    """Print the JSON Schema of a format, or (records) every record type and its columns."""
    from ccc_audit.app.schemas import record_types_text, schema_text

    click.echo(record_types_text() if name == "records" else schema_text(name), nl=False)


@click.command()
@click.argument("out", type=path_type())
@click.option(
    "--scenario",
    type=click.Choice(["synthetic", "demo"]),
    default="synthetic",
    show_default=True,
    help="synthetic: a bundle of the size asked for; demo: the built-in demo bundles (OUT/bundle, "
    "OUT/client-bundle), which take no other option.",
)
@click.option("--seats", type=click.IntRange(1, 100_000), help="CSS seats (head count); synthetic only.")
@click.option("--months", type=click.IntRange(1, 60), help="Length of the audit period; synthetic only.")
@click.option("--seed", type=int, help="Seed; the same arguments give byte-identical files; synthetic only.")
@click.option(
    "--start", metavar="DATE", default="2025-01-01", show_default=True, help="First day of the period."
)
@click.option(
    "--violations",
    default="none",
    show_default=True,
    metavar="LIST",
    help="Violations to plant: comma-separated kinds, all or none.",
)
@fail_on_input_errors
def generate(
    out: Path,
    scenario: str,
    seats: int | None,
    months: int | None,
    seed: int | None,
    start: str,
    violations: str,
) -> None:
    """Write a synthetic evidence bundle to OUT, with ground-truth.json listing planted violations.

    With --scenario demo, write the built-in demo bundles instead, byte for byte the shipped ones.
    """
    from ccc_audit.generate import GenerateOptions
    from ccc_audit.generate import generate as write_bundle

    if scenario == "demo":
        from ccc_audit.generate.demo import write_demo
        from ccc_audit.loading.record_types import builtin_record_types

        if (seats, months, seed) != (None, None, None):
            raise click.UsageError("--seats, --months and --seed apply to --scenario synthetic only")

        for line in write_demo(out, builtin_record_types()):
            click.echo(line)
        click.echo(f"wrote {out}")
        return
    if seats is None or months is None or seed is None:
        raise click.UsageError("--seats, --months and --seed are required with --scenario synthetic")
    day = parse_date(start)
    assert day is not None
    result = write_bundle(GenerateOptions(out, seats, months, seed, day, violations))
    for name, count in result.rows.items():
        click.echo(f"{name:<20} {count:>12,} rows")
    click.echo(f"wrote {out}: {result.csv_bytes:,} bytes of CSV, {len(result.plants)} planted violation(s)")
    if result.skipped:
        click.echo(f"not planted (the period is too short): {', '.join(result.skipped)}")
