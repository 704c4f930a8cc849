"""``ccc-audit register``: keep a corrective-action register across assessments."""

from __future__ import annotations

from pathlib import Path

import click

from ccc_audit.cli.options import fail_on_input_errors, path_type, read_result


@click.group()
def register() -> None:
    """Keep a corrective-action register (CSV or XLSX) across assessments."""


@register.command("update")
@click.argument("register_file", metavar="REGISTER", type=path_type())
@click.option(
    "--result",
    "result_file",
    required=True,
    type=path_type(),
    metavar="RESULT.json",
    help="The assessment.json to merge in.",
)
@click.option(
    "--lang",
    type=click.Choice(["ja", "en"]),
    help="Language of a new register (default: the result's); an existing one keeps its own.",
)
@click.option(
    "--allow-other-organisation",
    is_flag=True,
    help="Merge a result for another organisation than the register's (refused by default).",
)
@click.option(
    "--allow-older",
    is_flag=True,
    help="Merge a result older than the register's latest assessment (refused by default).",
)
@fail_on_input_errors
def register_update(
    register_file: Path,
    result_file: Path,
    lang: str | None,
    allow_other_organisation: bool,
    allow_older: bool,
) -> None:
    """Merge RESULT.json into REGISTER, keeping every cell people filled in (backup: REGISTER.bak)."""
    from ccc_audit.app.register_update import update_register

    result = read_result(result_file)
    done = update_register(
        register_file, result, lang or result.language, allow_other_organisation, allow_older
    )
    from ccc_audit.i18n.labels import label

    said = lang or (result.language if result.language in ("ja", "en") else "en")
    action = label("register.created" if done.created else "register.updated", said)
    click.echo(
        label("register.done", said).format(
            action=action,
            path=register_file,
            new=done.new,
            recurring=done.recurring,
            regressed=done.regressed,
            improved=done.improved,
            resolved=done.resolved,
            not_reassessed=done.not_reassessed,
            total=done.total,
        )
    )
    if done.backup is not None:
        click.echo(label("register.backup", said).format(path=done.backup))
