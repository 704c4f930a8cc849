"""``ccc-audit init``: scaffold an evidence bundle for the declared scope."""

from __future__ import annotations

from pathlib import Path

import click

from ccc_audit.cli.options import fail_on_input_errors, pack_option, path_type


def _listed(value: str) -> list[str]:
    return [v.strip() for v in value.replace("、", ",").split(",") if v.strip()]


@click.command()
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
