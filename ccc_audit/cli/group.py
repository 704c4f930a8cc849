"""The command group's class: commands loaded when run, and how every command ends when interrupted.

A command's module (and whatever it imports at the top) is imported only when that command is
run, asked for its help or completed past its name: ``ccc-audit --help`` shows the command list
from a table of names, places and one-line summaries instead of importing every command.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem


class InterruptibleGroup(click.Group):
    """The command group: Ctrl-C ends any command with exit code 130 (128 + SIGINT), as shells expect."""

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; on Ctrl-C say that nothing more was written and exit 130."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\ninterrupted; nothing more was written.", err=True)
            raise click.exceptions.Exit(130) from None


class LazyGroup(InterruptibleGroup):
    """A group whose commands are imported on first use, named in a table.

    ``lazy`` maps each command's name to ``("package.module:attribute", summary)``; the summary is
    the first paragraph of the command's help, from which the command list's short help is made
    exactly as Click makes it from the loaded command (a test keeps the two equal).
    """

    def __init__(self, *args: Any, lazy: Mapping[str, tuple[str, str]], **kwargs: Any) -> None:
        """A group of the commands already given plus the ``lazy`` ones."""
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy)

    def list_commands(self, _ctx: click.Context) -> list[str]:
        """Every command's name, sorted, without loading any."""
        return sorted({*self.commands, *self.lazy})

    def get_command(self, _ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command called ``cmd_name``, importing its module the first time (None if unknown)."""
        if cmd_name not in self.commands and cmd_name in self.lazy:
            module, _, attribute = self.lazy[cmd_name][0].partition(":")
            command = getattr(import_module(module), attribute)
            if not isinstance(command, click.Command):
                raise TypeError(f"{self.lazy[cmd_name][0]} is not a click command")
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def listed_help(self, cmd_name: str, limit: int = 45) -> str:
        """The one-line help of ``cmd_name`` as the command list shows it, without loading it."""
        if cmd_name in self.commands:
            return self.commands[cmd_name].get_short_help_str(limit)
        return click.Command(cmd_name, help=self.lazy[cmd_name][1]).get_short_help_str(limit)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The "Commands" section of ``--help``: each name with its short help, from the table."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        with formatter.section("Commands"):
            formatter.write_dl([(name, self.listed_help(name, limit)) for name in names])

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """The command ``args`` names; an unknown one is refused with the closest names suggested."""
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            raise click.exceptions.NoSuchCommand(
                exc.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        """Completions of a command name (help from the table) or of the group's own options."""
        from click.shell_completion import CompletionItem

        names = [name for name in self.list_commands(ctx) if name.startswith(incomplete)]
        results = [CompletionItem(name, help=self.listed_help(name)) for name in names]
        results.extend(click.Command.shell_complete(self, ctx, incomplete))
        return results
