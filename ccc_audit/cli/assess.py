"""``ccc-audit assess``: assess a bundle and write its reports; the run ``demo`` shares."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ccc_audit.cli.heap import settle, settling
from ccc_audit.cli.options import (
    AssessSettings,
    assess_options,
    cache_dir_option,
    catalogue_option,
    comparison_options,
    engine_options,
    engine_settings,
    fail_on_input_errors,
    no_cache_option,
    pack_option,
    path_type,
    profile_option,
    shown_dir,
)

if TYPE_CHECKING:
    from ccc_audit.app.assess import AssessOptions
    from ccc_audit.results.exit_codes import ExitCode


def run_assessment(
    options: AssessOptions,
    out: Path,
    formats: list[str],
    languages_all: bool,
    heading: str | None = None,
) -> ExitCode:
    """Assess, write the reports into ``out``, print the summary; return the exit code.

    ``heading`` (a label key) is printed above the summary, in the report's language.
    """
    from ccc_audit.app.assess import assess
    from ccc_audit.app.render import render_all
    from ccc_audit.cli.summary import summary_lines
    from ccc_audit.files.writing import check_output_folder, write_all
    from ccc_audit.reporters.base import Report
    from ccc_audit.reporters.registry import REPORTERS

    unknown = [f for f in formats if f not in REPORTERS]
    if unknown:
        raise click.UsageError(f"unknown format {', '.join(unknown)}; choose from {', '.join(REPORTERS)}")
    check_output_folder(out, (options.bundle,))
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int, rule_id: str) -> None:
        if interactive:
            click.echo(f"\r[{done}/{total}] {rule_id[:60]:<60}", err=True, nl=done == total)

    assessed = assess(options, settling(progress))
    settle()
    language = assessed.language
    languages = [language] + ([o for o in ("ja", "en") if o != language] if languages_all else [])
    report = Report(assessed.verdict, shown_dir(options.bundle), assessed.progress)
    written = write_all(out, render_all(report, formats, languages, cache_dir=options.cache_dir))
    from ccc_audit.i18n.labels import label

    if heading is not None:
        click.echo(f"\n{label(heading, language)}: {out}")
    for line in summary_lines(assessed.result, language):
        click.echo(line)
    if assessed.rules_served:
        served, total = assessed.rules_served, len(assessed.result.rules)
        click.echo(label("rules.reused", language).format(served=served, total=total, run=total - served))
    for path in written:
        click.echo(label("wrote", language).format(path=path))
    return assessed.exit_code


def formats_listed(value: str) -> list[str]:
    """The formats a --format value lists, comma-separated."""
    return [f.strip() for f in value.split(",") if f.strip()]


@click.command()
@click.argument("bundle", type=path_type())
@pack_option
@catalogue_option
@profile_option
@click.option("--as-of", "as_of", metavar="DATE", help="Assessment date YYYY-MM-DD (default: today).")
@click.option("--lang", type=click.Choice(["ja", "en"]), help="Report language (default: the bundle's).")
@click.option(
    "--out",
    type=path_type(),
    default=Path("ccc-audit-out"),
    show_default=True,
    help="Output folder.",
)
@click.option(
    "--format",
    "formats",
    default="json,md,csv",
    show_default=True,
    help="Comma-separated formats: json, md, html, pdf, csv, xlsx, oscal-ar, oscal-poam "
    "(also text, junit, sarif, github, gitlab).",
)
@comparison_options
@engine_options
@cache_dir_option
@no_cache_option
@fail_on_input_errors
def assess(
    bundle: Path,
    packs: tuple[str, ...],
    catalogues: tuple[str, ...],
    profile: str | None,
    as_of: str | None,
    lang: str | None,
    out: Path,
    formats: str,
    previous: Path | None,
    baseline: Path | None,
    fail_on: str,
    with_records: bool,
    cache_dir: Path | None,
    no_cache: bool,
    **engine: Any,
) -> None:
    """Assess BUNDLE and write the result, gap report and corrective-action register."""
    settings = AssessSettings(
        packs, catalogues, profile, lang, cache_dir, no_cache, with_records, fail_on, baseline, previous
    )
    options = assess_options(bundle, as_of, settings, **engine_settings(**engine))
    sys.exit(int(run_assessment(options, out, formats_listed(formats), False)))
