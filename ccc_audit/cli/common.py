"""Helpers every command shares: input errors to exit code 2, date options."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import click

P = ParamSpec("P")
R = TypeVar("R")


def fail_on_input_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn InputError into a located message on stderr and exit code 2 (no traceback)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from ccc_audit.errors import InputError

        try:
            return func(*args, **kwargs)
        except InputError as exc:
            for diagnostic in exc.diagnostics:
                click.echo(f"error: {diagnostic}", err=True)
            count = len(exc.diagnostics)
            click.echo(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", err=True)
            sys.exit(2)

    return wrapper


def parse_date(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD option value, or None."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f'"{value}" is not a date; expected YYYY-MM-DD') from None
