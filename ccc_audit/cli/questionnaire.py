"""``ccc-audit questionnaire``: the self-assessment questions as a workbook, and the answers back."""

from __future__ import annotations

from pathlib import Path

import click

from ccc_audit.cli.options import fail_on_input_errors, pack_option, path_type


@click.group()
def questionnaire() -> None:
    """Self-assessment questionnaire: export the attestation questions to XLSX, import answers."""


@questionnaire.command("export")
@click.argument("bundle", type=path_type())
@click.option("--out", type=path_type(), required=True, metavar="Q.xlsx", help="Workbook.")
@pack_option
@click.option("--lang", type=click.Choice(["ja", "en"]), help="Language (default: the bundle's).")
@fail_on_input_errors
def questionnaire_export(bundle: Path, out: Path, packs: tuple[str, ...], lang: str | None) -> None:
    """Write the questions the rule packs ask of the bundle's scope, with its current answers, to Q.xlsx."""
    from ccc_audit.app.setup import prepare
    from ccc_audit.files.writing import write_atomic
    from ccc_audit.questionnaire.export import export_questionnaire
    from ccc_audit.questionnaire.questions import questions

    setup = prepare(packs, (), None, bundle)
    assert setup.bundle is not None
    model = setup.bundle.model
    from ccc_audit.i18n.labels import label

    items = questions(setup.library, model)
    language = lang or model.language.value
    write_atomic(out, export_questionnaire(items, model, language))
    answered = sum(1 for item in items if any(a.id == item.key for a in model.attestations))
    click.echo(label("wrote_questions", language).format(path=out, n=len(items), answered=answered))


@questionnaire.command("import")
@click.argument("workbook", metavar="Q.xlsx", type=path_type())
@click.argument("bundle", type=path_type())
@pack_option
@fail_on_input_errors
def questionnaire_import(workbook: Path, bundle: Path, packs: tuple[str, ...]) -> None:
    """Write the answers of Q.xlsx into BUNDLE/bundle.yaml (only its attestations block changes)."""
    from ccc_audit.app.setup import prepare
    from ccc_audit.questionnaire.apply import import_questionnaire
    from ccc_audit.questionnaire.questions import questions

    setup = prepare(packs, (), None, bundle)
    assert setup.bundle is not None
    done = import_questionnaire(workbook, setup.bundle, questions(setup.library))
    click.echo(f"updated {done.manifest}: {done.imported} answers imported, {done.total} in the bundle")
