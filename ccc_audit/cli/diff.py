"""``ccc-audit diff``: what changed between two assessment results."""

from __future__ import annotations

from pathlib import Path

import click

from ccc_audit.cli.options import fail_on_input_errors, path_type, read_result


@click.command()
@click.argument("old", type=path_type())
@click.argument("new", type=path_type())
@click.option(
    "--lang", type=click.Choice(["ja", "en"]), help="Language (default: that of NEW.json, the bundle's)."
)
@fail_on_input_errors
def diff(old: Path, new: Path, lang: str | None) -> None:
    """Progress from OLD.json to NEW.json: new, resolved, regressed and unchanged findings."""
    from ccc_audit.cli.progress_text import progress_lines
    from ccc_audit.results.comparison import compare

    later = read_result(new)
    language = lang or (later.language if later.language in ("ja", "en") else "en")
    for line in progress_lines(compare(read_result(old), later), language):
        click.echo(line)
