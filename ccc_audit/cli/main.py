"""``ccc-audit`` entry point and command group.

Library modules are imported inside commands so that ``--help`` stays fast.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ccc_audit.cli.check import check
from ccc_audit.cli.content import generate, rules, schema
from ccc_audit.cli.diff import diff
from ccc_audit.cli.group import InterruptibleGroup
from ccc_audit.cli.heap import hold, settle, settling
from ccc_audit.cli.mapping import map_command
from ccc_audit.cli.options import (
    EXIT_CODES_HELP,
    AssessSettings,
    assess_options,
    cache_choice,
    cache_dir_option,
    catalogue_option,
    comparison_options,
    engine_options,
    engine_settings,
    fail_on_input_errors,
    no_cache_option,
    pack_option,
    parse_date,
    path_type,
    profile_option,
    shown_dir,
)
from ccc_audit.cli.questionnaire import questionnaire
from ccc_audit.cli.register import register
from ccc_audit.cli.rfp import rfp
from ccc_audit.results.exit_codes import ExitCode, most_severe

if TYPE_CHECKING:
    from ccc_audit.app.assess import AssessOptions


@click.group(
    cls=InterruptibleGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXIT_CODES_HELP,
)
@click.version_option(package_name="ccc-audit")
def cli() -> None:
    """Assess a contact centre's evidence against ISO 18295-1, ISO 18295-2 and COPC CX R7.0."""


@cli.command()
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


def _run_assessment(
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
    for path in written:
        click.echo(label("wrote", language).format(path=path))
    return assessed.exit_code


def _formats(value: str) -> list[str]:
    return [f.strip() for f in value.split(",") if f.strip()]


@cli.command()
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
    sys.exit(int(_run_assessment(options, out, _formats(formats), False)))


DEMO_AS_OF = dt.date(2026, 1, 15)


@cli.command()
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
    chosen = _formats(formats)
    codes = [
        _run_assessment(centre, out, chosen, True),
        _run_assessment(client, out / "client", chosen, True, "demo_client"),
    ]
    sys.exit(int(most_severe(codes)))


def _listed(value: str) -> list[str]:
    return [v.strip() for v in value.replace("、", ",").split(",") if v.strip()]


@cli.command()
@click.argument("directory", type=path_type())
@pack_option
@click.option(
    "--role",
    type=click.Choice(["contact_centre", "client"]),
    default="contact_centre",
    show_default=True,
    help="Role of the organisation assessed.",
)
@click.option(
    "--channels",
    default="voice",
    show_default=True,
    help="Channels in scope, comma-separated (voice,chat,email).",
)
@click.option(
    "--operations",
    default="inbound",
    show_default=True,
    help="Operations in scope, comma-separated (inbound,outbound,work_at_home).",
)
@click.option(
    "--minimal", is_flag=True, help="Only the record templates of the per-entity and periodic checks."
)
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
@fail_on_input_errors
def init(
    directory: Path,
    packs: tuple[str, ...],
    role: str,
    channels: str,
    operations: str,
    minimal: bool,
    force: bool,
) -> None:
    """Scaffold an evidence bundle in DIRECTORY: manifest, record templates, questionnaire.

    The questionnaire and document types listed are those of the rules that apply to the
    declared role, channels and operations; a record template is written for every record set
    the packs read (--minimal: the small set of the per-entity and periodic checks).
    """
    from ccc_audit.app.scaffold import ScaffoldScope, scaffold_files
    from ccc_audit.app.setup import prepare
    from ccc_audit.errors import Diagnostic, InputError
    from ccc_audit.files.writing import write_all

    if directory.exists() and any(directory.iterdir()) and not force:
        raise InputError(
            [Diagnostic(str(directory), 0, 0, "the folder is not empty; use --force to write into it")]
        )
    setup = prepare(packs)
    from ccc_audit.errors import did_you_mean
    from ccc_audit.loading.record_types import builtin_record_types
    from ccc_audit.loading.vocabulary import builtin_vocabulary

    scope = ScaffoldScope(role, _listed(channels), _listed(operations))
    vocabulary = builtin_vocabulary()
    for what, words, known in (
        ("channel", scope.channels, vocabulary.channels),
        ("operation", scope.operations, vocabulary.operations),
    ):
        for word in words:
            if word not in known:
                hint = did_you_mean(word, known, vocabulary.hints) or ";"
                raise click.BadParameter(f'unknown {what} "{word}"{hint} known: {", ".join(known)}')
    files = scaffold_files(setup.library, builtin_record_types(), scope, minimal=minimal)
    for path in write_all(directory, files):
        click.echo(f"wrote {path}")
    click.echo(f"next: fill in {directory / 'bundle.yaml'}, then run: ccc-audit validate {directory}")


cli.add_command(check)
cli.add_command(map_command)
cli.add_command(rules)
cli.add_command(schema)
cli.add_command(generate)
cli.add_command(diff)
cli.add_command(register)
cli.add_command(questionnaire)
cli.add_command(rfp)


def main() -> None:
    """Console-script entry point.

    An unexpected exception is a bug in ccc-audit, not bad input: it is reported in one line
    with exit code 3 (set CCC_AUDIT_DEBUG=1 for the traceback).
    """
    import os

    hold(sys.argv[1:])
    try:
        cli(prog_name="ccc-audit", standalone_mode=True)
    except Exception as exc:
        if os.environ.get("CCC_AUDIT_DEBUG"):
            raise
        click.echo(
            f"internal error ({type(exc).__name__}: {exc}); please report it with the input that caused it",
            err=True,
        )
        sys.exit(3)
