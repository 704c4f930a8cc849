"""The command group's class: how every ``ccc-audit`` command ends when interrupted."""

from __future__ import annotations

import click


class InterruptibleGroup(click.Group):
    """The command group: Ctrl-C ends any command with exit code 130 (128 + SIGINT), as shells expect."""

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; on Ctrl-C say that nothing more was written and exit 130."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\ninterrupted; nothing more was written.", err=True)
            raise click.exceptions.Exit(130) from None
