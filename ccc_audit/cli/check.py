"""``ccc-audit check``: the CI gate over an evidence bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ccc_audit.cli.commands import EXIT_CODES_HELP
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
    shown_dir,
)

DEFAULT_PROFILE = "ci-completeness"
FORMATS_HELP = (
    "Output FMT[:PATH], repeatable: text, json, junit, sarif, github, gitlab (also md, csv). "
    "Without :PATH the output goes to standard output. Default: text."
)


def _outputs(values: tuple[str, ...]) -> list[tuple[str, Path | None]]:
    from ccc_audit.reporters.registry import REPORTERS

    outputs: list[tuple[str, Path | None]] = []
    for value in values or ("text",):
        name, _, path = value.partition(":")
        if name not in REPORTERS:
            raise click.BadParameter(
                f'unknown format "{name}"; choose from {", ".join(REPORTERS)}', param_hint="--format"
            )
        outputs.append((name, Path(path) if path else None))
    return outputs


def _horizon(_ctx: click.Context, _param: click.Parameter, value: str | None) -> int:
    from ccc_audit.results.expiring import parse_horizon

    if value is None:
        return 0
    try:
        return parse_horizon(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("bundle", required=False, type=click.Path(path_type=Path))
@pack_option
@catalogue_option
@click.option(
    "--profile",
    default=DEFAULT_PROFILE,
    show_default=True,
    metavar="ID|FILE",
    help="Tailoring profile; the default checks completeness and currency only.",
)
@click.option("--format", "formats", multiple=True, metavar="FMT[:PATH]", help=FORMATS_HELP)
@click.option("--as-of", "as_of", metavar="DATE", help="Assessment date YYYY-MM-DD (default: today).")
@click.option("--lang", type=click.Choice(["ja", "en"]), help="Output language (default: the bundle's).")
@comparison_options
@click.option(
    "--show",
    type=click.Choice(["new", "all"]),
    help="Findings listed in the text output and GitHub annotations: new (default with --baseline: "
    "new, first assessed, regressed; the known ones are counted on one line) or all (default without).",
)
@click.option(
    "--warn-expiring",
    "warn_expiring",
    metavar="Nd|Nw",
    callback=_horizon,
    help="Warn (exit code unchanged) about documents, waivers and self-assessment answers that "
    "expire within this horizon, e.g. 30d or 4w.",
)
@click.option(
    "--sarif-base",
    "sarif_base",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="DIR",
    help="Folder SARIF paths are relative to (default: the git repository root, else as given).",
)
@click.option("--sarif-all", is_flag=True, help="SARIF lists every rule's result, passes included.")
@engine_options
@cache_dir_option
@no_cache_option
@fail_on_input_errors
def check(
    bundle: Path,
    packs: tuple[str, ...],
    catalogues: tuple[str, ...],
    profile: str,
    formats: tuple[str, ...],
    as_of: str | None,
    lang: str | None,
    previous: Path | None,
    baseline: Path | None,
    fail_on: str,
    with_records: bool,
    show: str | None,
    warn_expiring: int,
    sarif_base: Path | None,
    sarif_all: bool,
    engine: str,
    spark_remote: str | None,
    spark_conf: tuple[str, ...],
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Check that BUNDLE's evidence is complete and current; exit non-zero on new gaps.

    Without BUNDLE: $CCC_AUDIT_BUNDLE, else the current folder if it holds bundle.yaml, else the
    one bundle.yaml below the repository root.
    """
    from ccc_audit.app.assess import assess
    from ccc_audit.app.locate import find_bundle, sarif_folder
    from ccc_audit.files.writing import write_atomic
    from ccc_audit.reporters.base import Report
    from ccc_audit.reporters.registry import REPORTERS

    outputs = _outputs(formats)
    bundle = bundle if bundle is not None else find_bundle()
    settings = AssessSettings(
        packs, catalogues, profile, lang, cache_dir, no_cache, with_records, fail_on, baseline, previous
    )
    options = assess_options(
        bundle,
        as_of,
        settings,
        warn_expiring_days=warn_expiring,
        **engine_settings(engine, spark_remote, spark_conf),
    )
    assessed = assess(options, settling(None))
    settle()
    report = Report(
        assessed.verdict,
        shown_dir(bundle),
        assessed.progress,
        show_known=(show or ("new" if baseline else "all")) == "all",
        expiring=tuple(assessed.expiring),
        horizon_days=warn_expiring,
        sarif_dir=sarif_folder(bundle, sarif_base) if any(n == "sarif" for n, _ in outputs) else None,
        sarif_all=sarif_all,
    )
    rendered = [(path, REPORTERS[name].render(report, assessed.language)) for name, path in outputs]
    for path, content in rendered:
        if path is None:
            click.echo(content.decode("utf-8"), nl=False)
        else:
            write_atomic(path, content)
    sys.exit(int(assessed.exit_code))
