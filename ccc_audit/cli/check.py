"""``ccc-audit check``: the CI gate over an evidence bundle."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from ccc_audit.cli.options import (
    EXIT_CODES_HELP,
    cache_choice,
    cache_dir_option,
    catalogue_option,
    fail_on_input_errors,
    no_cache_option,
    pack_option,
    parse_date,
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


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("bundle", type=click.Path(path_type=Path))
@pack_option
@catalogue_option
@click.option(
    "--profile",
    default=DEFAULT_PROFILE,
    show_default=True,
    metavar="ID|FILE",
    help="Tailoring profile; the default checks completeness and currency only.",
)
@click.option(
    "--fail-on",
    "fail_on",
    type=click.Choice(["observation", "minor", "major", "error"]),
    default="minor",
    show_default=True,
    help="Lowest finding grade that fails the run (error: only evaluation errors fail it).",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    metavar="RESULT.json",
    help="An earlier assessment.json: only new or regressed findings fail; resolved ones are reported.",
)
@click.option("--format", "formats", multiple=True, metavar="FMT[:PATH]", help=FORMATS_HELP)
@click.option(
    "--with-records",
    is_flag=True,
    help="Compute the record-based checks the profile only checks for presence.",
)
@click.option("--as-of", "as_of", metavar="DATE", help="Assessment date YYYY-MM-DD (default: today).")
@click.option("--lang", type=click.Choice(["ja", "en"]), help="Output language (default: the bundle's).")
@cache_dir_option
@no_cache_option
@fail_on_input_errors
def check(
    bundle: Path,
    packs: tuple[str, ...],
    catalogues: tuple[str, ...],
    profile: str,
    fail_on: str,
    baseline: Path | None,
    formats: tuple[str, ...],
    with_records: bool,
    as_of: str | None,
    lang: str | None,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Check that BUNDLE's evidence is complete and current; exit non-zero on new gaps."""
    import datetime as dt

    from ccc_audit.engine.assess import Assessment, run
    from ccc_audit.exit_codes import exit_code_for
    from ccc_audit.gate.baseline import load_baseline
    from ccc_audit.gate.verdict import FailOn, decide
    from ccc_audit.loading.setup import prepare
    from ccc_audit.output import write_atomic
    from ccc_audit.reporters.base import Report
    from ccc_audit.reporters.registry import REPORTERS

    outputs = _outputs(formats)
    when = parse_date(as_of) or dt.date.today()
    cache = cache_choice(cache_dir, no_cache)
    earlier = load_baseline(baseline) if baseline else None
    setup = prepare(packs, catalogues, profile, bundle, cache)
    assert setup.bundle is not None
    tailoring = setup.tailoring
    if with_records:
        tailoring = dataclasses.replace(tailoring, presence_only=False)
    language = lang or setup.bundle.model.language.value
    job = Assessment(setup.library, setup.bundle, tailoring, when, language, setup.profile_source, cache)
    verdict = decide(run(job), FailOn(fail_on), earlier)
    report = Report(verdict, shown_dir(bundle))
    rendered = [(path, REPORTERS[name].render(report, language)) for name, path in outputs]
    for path, content in rendered:
        if path is None:
            click.echo(content.decode("utf-8"), nl=False)
        else:
            write_atomic(path, content)
    sys.exit(int(exit_code_for(verdict)))
