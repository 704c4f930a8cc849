"""``ccc-audit`` entry point and command group.

The group imports no command: each command's module is imported when that command is used, and
library modules are imported inside commands, so that ``--help`` stays fast (see
:mod:`ccc_audit.cli.commands` for the table ``--help`` is written from).
"""

from __future__ import annotations

import sys

import click

from ccc_audit.cli.commands import COMMANDS, EXIT_CODES_HELP
from ccc_audit.cli.group import LazyGroup
from ccc_audit.cli.heap import hold


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXIT_CODES_HELP,
)
@click.version_option(package_name="ccc-audit")
def cli() -> None:
    """Assess a contact centre's evidence against ISO 18295-1, ISO 18295-2 and COPC CX R7.0."""


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
