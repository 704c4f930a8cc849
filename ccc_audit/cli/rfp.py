"""``ccc-audit rfp``: procurement commands (scaffold, questionnaire, score). Thin: parse, call, exit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ccc_audit.cli.options import fail_on_input_errors, parse_date, path_type

F = TypeVar("F", bound=Callable[..., Any])

rubric_option = click.option(
    "--rubric",
    metavar="ID|FILE",
    help="Rubric (built-in id or YAML file). Default: DIR/rubric.yaml if present, else the built-in default.",
)


@click.group()
def rfp() -> None:
    """Score outsourcers' RFP responses against a weighted rubric."""


def _rubric_choice(purpose: str) -> Callable[[F], F]:
    return click.option(
        "--rubric",
        "rubric_choice",
        metavar="ID|FILE",
        default="default",
        show_default=True,
        help=f"Rubric (built-in id or YAML file) {purpose}.",
    )


@rfp.command("init")
@click.argument("directory", type=path_type())
@_rubric_choice("to copy into the folder")
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
@fail_on_input_errors
def rfp_init(directory: Path, rubric_choice: str, force: bool) -> None:
    """Scaffold a procurement folder in DIRECTORY: rubric, example responses and score sheets."""
    from ccc_audit.errors import Diagnostic, InputError
    from ccc_audit.files.writing import write_all
    from ccc_audit.rfp.rubric import load_rubric, resolve_rubric
    from ccc_audit.rfp.scaffold import scaffold_procurement

    if directory.exists() and any(directory.iterdir()) and not force:
        raise InputError(
            [Diagnostic(str(directory), 0, 0, "the folder is not empty; use --force to write into it")]
        )
    path = resolve_rubric(rubric_choice)
    rubric = load_rubric(path)
    for written in write_all(directory, scaffold_procurement(rubric, path.read_bytes())):
        click.echo(f"wrote {written}")
    click.echo(
        f"next: replace the examples with real responses and score sheets, then run: "
        f"ccc-audit rfp score {directory}"
    )


@rfp.command("questionnaire")
@click.argument("directory", type=path_type(), default=".", required=False)
@rubric_option
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True)
@click.option("--out", type=path_type(), help="Output file (default: questionnaire.<lang>.xlsx).")
@fail_on_input_errors
def rfp_questionnaire(directory: Path, rubric: str | None, lang: str, out: Path | None) -> None:
    """Write the XLSX questionnaire vendors fill in, from the rubric DIRECTORY is scored with.

    DIRECTORY (default: the current folder) is the procurement folder; its rubric.yaml is used
    unless --rubric names another, the built-in default when it has none. The workbook is stamped
    with the rubric's id, version and SHA-256: `rfp score` refuses one made from another rubric.
    Put returned workbooks in DIRECTORY/vendors/.
    """
    from ccc_audit.files.writing import write_atomic
    from ccc_audit.i18n.rfp_labels import label
    from ccc_audit.rfp.questionnaire import build_questionnaire
    from ccc_audit.rfp.rubric import load_rubric, resolve_rubric

    own = directory / "rubric.yaml"
    path = resolve_rubric(rubric) if rubric else own if own.is_file() else resolve_rubric("default")
    target = out or Path(f"questionnaire.{lang}.xlsx")
    write_atomic(target, build_questionnaire(load_rubric(path), lang))
    click.echo(label("wrote", lang).format(path=target))


@rfp.command("score")
@click.argument("directory", type=path_type())
@rubric_option
@click.option("--as-of", "as_of", metavar="DATE", help="Date of the evaluation (default: today).")
@click.option("--out", type=path_type(), help="Output folder (default: DIR/report).")
@click.option(
    "--format",
    "formats",
    default="json,md,html,xlsx",
    show_default=True,
    help="Comma-separated formats: json, md, html, xlsx.",
)
@click.option(
    "--lang", "languages", default="ja,en", show_default=True, help="Report languages: ja, en or both."
)
@fail_on_input_errors
def rfp_score(
    directory: Path, rubric: str | None, as_of: str | None, out: Path | None, formats: str, languages: str
) -> None:
    """Score the procurement folder DIRECTORY and write the evaluation report.

    Exit codes: 2 for a bad input (every problem located by file and line or sheet and cell,
    nothing written); 0 otherwise, knock-outs, disagreements and flips being reported as flags.
    """
    from ccc_audit.app.procurement import score_procurement
    from ccc_audit.files.writing import write_all
    from ccc_audit.i18n.rfp_labels import label
    from ccc_audit.rfp.inputs import load_procurement
    from ccc_audit.rfp.reporters.registry import RFP_REPORTERS, render_rfp
    from ccc_audit.rfp.result import percent

    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in RFP_REPORTERS]
    if unknown:
        raise click.UsageError(f"unknown format {', '.join(unknown)}; choose from {', '.join(RFP_REPORTERS)}")
    langs = [x.strip() for x in languages.split(",") if x.strip()]
    if not langs or any(x not in ("ja", "en") for x in langs):
        raise click.UsageError(f'--lang "{languages}": expected ja, en or ja,en')
    result = score_procurement(load_procurement(directory, rubric), parse_date(as_of) or dt.date.today())
    files = render_rfp(result, chosen, langs)
    written = write_all(out or directory / "report", files)
    lang = langs[0]
    for vendor in result.vendors:
        shown = label("excluded", lang) if vendor.excluded else f"{vendor.total:6.2f}"
        chance = (
            ""
            if vendor.p_first is None
            else f"  {label('p_first_short', lang)} {percent(vendor.p_first):>5}%"
        )
        click.echo(f"{vendor.rank or '-':>2}  {vendor.id:<20} {shown}{chance}")
    from ccc_audit.rfp.result import FlagKind

    disagreements = sum(f.kind is FlagKind.DISAGREEMENT for f in result.flags)
    for flag in result.flags:
        if flag.kind is not FlagKind.DISAGREEMENT:
            click.echo(label("console_flag", lang).format(message=flag.message.get(lang)))
    if disagreements:
        click.echo(label("console_disagreements", lang).format(n=disagreements))
    for path in written:
        click.echo(label("wrote", lang).format(path=path))
