"""The command group loads a command only when it is used; what it shows meanwhile is the command's own.

``ccc-audit --help`` lists the commands from a table (name, module, summary) instead of importing
them: these tests keep that table equal to the commands themselves, so the list cannot drift.
"""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import ccc_audit.cli
from ccc_audit.cli.commands import COMMANDS, EXIT_CODES_HELP
from ccc_audit.cli.group import LazyGroup
from ccc_audit.cli.main import cli

WIDTHS = (40, 60, 80, 100, 120, 200)


def _fresh() -> LazyGroup:
    """A group as ``ccc-audit`` starts with it: nothing loaded yet."""
    return LazyGroup("ccc-audit", lazy=COMMANDS)


def _loaded(name: str) -> click.Command:
    command = _fresh().get_command(click.Context(cli), name)
    assert command is not None, name
    return command


def _top_level_commands() -> dict[str, click.Command]:
    """Every Click command the cli package defines that is not a subcommand of one of its groups."""
    found: list[click.Command] = []
    for module in pkgutil.iter_modules(ccc_audit.cli.__path__, "ccc_audit.cli."):
        values = vars(importlib.import_module(module.name)).values()
        found += [v for v in values if isinstance(v, click.Command) and v is not cli]
    nested = {id(c) for g in found if isinstance(g, click.Group) for c in g.commands.values()}
    return {c.name or "": c for c in found if id(c) not in nested}


def test_the_table_names_every_command_and_nothing_else() -> None:
    commands = _top_level_commands()
    assert _fresh().list_commands(click.Context(cli)) == sorted(commands)
    for name in COMMANDS:
        assert _loaded(name) is commands[name]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_listed_help_is_the_commands_own_at_every_width(name: str) -> None:
    table, command = _fresh(), _loaded(name)
    for limit in range(1, 160):
        assert table.listed_help(name, limit) == command.get_short_help_str(limit), limit
    assert table.commands == {}, "the table's answer loaded the command"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_command_list_is_the_one_a_loaded_group_shows(width: int) -> None:
    loaded = click.Group("ccc-audit", commands={name: _loaded(name) for name in COMMANDS})
    shown = []
    for group in (_fresh(), loaded):
        formatter = click.HelpFormatter(width=width)
        group.format_commands(click.Context(group), formatter)
        shown.append(formatter.getvalue())
    assert shown[0] == shown[1] and "validate" in shown[0]


def _invoke(*args: str, env: dict[str, str] | None = None) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), prog_name="ccc-audit", env=env)


def test_help_lists_every_command_with_the_exit_codes() -> None:
    result = _invoke("--help")
    assert result.exit_code == 0
    listed = result.stdout.split("Commands:\n")[1].split("\n\n")[0].splitlines()
    assert [line.split()[0] for line in listed] == sorted(COMMANDS)
    assert "".join(result.stdout.split()).endswith("".join(EXIT_CODES_HELP.split()))  # wrapped anywhere


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_loads_for_its_own_help(name: str) -> None:
    result = _invoke(name, "--help")
    assert result.exit_code == 0 and f"Usage: ccc-audit {name} " in result.stdout


def test_a_mistyped_command_is_refused_with_the_closest_names() -> None:
    result = _invoke("asses")
    assert result.exit_code == 2
    assert "No such command 'asses'. Did you mean 'assess'?" in result.stderr


def _complete(line: str) -> list[str]:
    words = line.split()
    env = {"_CCC_AUDIT_COMPLETE": "zsh_complete", "COMP_WORDS": line, "COMP_CWORD": str(len(words))}
    if not line.endswith(" "):
        env["COMP_CWORD"] = str(len(words) - 1)
    result = _invoke(env=env)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_shell_completion_offers_commands_with_their_help_then_subcommands() -> None:
    assert _complete("ccc-audit r") == [
        *("plain", "register", _loaded("register").get_short_help_str()),
        *("plain", "rfp", _loaded("rfp").get_short_help_str()),
        *("plain", "rules", _loaded("rules").get_short_help_str()),
    ]
    assert _complete("ccc-audit rules ")[1::3] == ["coverage", "list", "show"]
    assert "--fail-on" in _complete("ccc-audit check --f")


def test_the_installed_command_shows_its_version(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ccc_audit", "--version"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("ccc-audit, version ")
