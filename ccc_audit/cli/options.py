"""Options and error handling shared by the commands."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import click

from ccc_audit.models.dates import DATE_SYNTAX
from ccc_audit.models.dates import parse_date as parse_any_date

if TYPE_CHECKING:
    from ccc_audit.app.assess import AssessOptions
    from ccc_audit.models.result import AssessmentResult

P = ParamSpec("P")
R = TypeVar("R")


class PathParam(click.Path):
    """A path option or argument; a NUL in it reaches the command, which refuses it located.

    Click's own check calls ``os.stat``, which raises ValueError on a NUL (a traceback, exit 3).
    """

    def convert(
        self, value: str | os.PathLike[str], param: click.Parameter | None, ctx: click.Context | None
    ) -> str | bytes | os.PathLike[str]:
        """The value as a Path; a NUL in it is left for the reader (exit 2, located)."""
        if "\0" in os.fspath(value):
            return Path(value)
        return super().convert(value, param, ctx)


def path_type() -> PathParam:
    """The type of every path option: a :class:`pathlib.Path`."""
    return PathParam(path_type=Path)


def fail_on_input_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn InputError into a located message on stderr and exit code 2 (no traceback)."""
    import functools

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


pack_option = click.option(
    "--pack",
    "packs",
    multiple=True,
    metavar="ID|FILE",
    help="Rule pack (built-in id or YAML file); repeatable. Default: every built-in pack.",
)
catalogue_option = click.option(
    "--catalogue",
    "catalogues",
    multiple=True,
    metavar="FILE",
    help="Extra requirement catalogue file; repeatable (built-in catalogues are always loaded).",
)
cache_dir_option = click.option(
    "--cache-dir",
    type=path_type(),
    help="Where parsed record files are kept between runs "
    "(default: $CCC_AUDIT_CACHE_DIR or ~/.cache/ccc-audit).",
)
no_cache_option = click.option(
    "--no-cache", is_flag=True, help="Parse every record file afresh; keep no cache."
)


def cache_choice(cache_dir: Path | None, no_cache: bool) -> Path | None:
    """The cache folder to use, or None with --no-cache."""
    from ccc_audit.records.parsed_cache import default_cache_dir

    return None if no_cache else (cache_dir or default_cache_dir())


profile_option = click.option(
    "--profile", metavar="ID|FILE", help="Tailoring profile (built-in id or YAML file)."
)


def parse_date(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD or YYYY/M/D option value as a date (None stays None)."""
    if value is None:
        return None
    found = parse_any_date(value)
    if found is None:
        raise click.BadParameter(f'"{value}" is not a date; expected {DATE_SYNTAX}')
    return found


def shown_dir(bundle: Path) -> str:
    """The bundle folder as CI formats show it: relative to the current folder when inside it."""
    folder = bundle.parent if bundle.suffix in (".yaml", ".yml") else bundle
    try:
        return folder.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return folder.as_posix()


previous_option = click.option(
    "--previous",
    type=path_type(),
    metavar="OLD.json",
    help="An earlier assessment.json: every report gains a progress section.",
)
baseline_option = click.option(
    "--baseline",
    type=path_type(),
    metavar="RESULT.json",
    help="An earlier assessment.json: only new or regressed findings fail; resolved ones are reported.",
)
fail_on_option = click.option(
    "--fail-on",
    "fail_on",
    type=click.Choice(["observation", "minor", "major", "error"]),
    default="minor",
    show_default=True,
    help="Lowest finding grade that fails the run (error: only evaluation errors fail it).",
)
with_records_option = click.option(
    "--with-records",
    is_flag=True,
    help="Compute the record-based checks the profile only checks for presence.",
)


def assess_options(
    bundle: Path,
    as_of: str | None,
    settings: AssessSettings,
    **extra: Any,
) -> AssessOptions:
    """The use case's options from what every assessing command parses (``extra``: the rest)."""
    from ccc_audit.app.assess import AssessOptions
    from ccc_audit.results.verdict import FailOn

    return AssessOptions(
        bundle,
        parse_date(as_of) or dt.date.today(),
        settings.packs,
        settings.catalogues,
        settings.profile,
        settings.lang,
        cache_choice(settings.cache_dir, settings.no_cache),
        settings.with_records,
        FailOn(settings.fail_on),
        settings.baseline,
        settings.previous,
        **extra,
    )


@dataclass(frozen=True)
class AssessSettings:
    """The options ``assess`` and ``check`` share, as Click parsed them."""

    packs: tuple[str, ...]
    catalogues: tuple[str, ...]
    profile: str | None
    lang: str | None
    cache_dir: Path | None
    no_cache: bool
    with_records: bool
    fail_on: str
    baseline: Path | None
    previous: Path | None


def engine_options(command: Callable[..., None]) -> Callable[..., None]:
    """--engine, --spark-remote and --spark-conf: where the record checks' SQL runs."""
    options = (
        click.option(
            "--spark-conf",
            "spark_conf",
            multiple=True,
            metavar="KEY=VALUE",
            help="A Spark setting for the session a Spark run starts (repeatable).",
        ),
        click.option(
            "--spark-remote",
            "spark_remote",
            metavar="sc://HOST:PORT",
            help="Run the Spark engine on a cluster through Spark Connect (default: local mode).",
        ),
        click.option(
            "--engine",
            type=click.Choice(["duckdb", "spark"]),
            default="duckdb",
            show_default=True,
            help="SQL engine of the record checks: duckdb (embedded) or spark (ccc-audit[spark]).",
        ),
    )
    for option in options:
        command = option(command)
    return command


def engine_settings(engine: str, spark_remote: str | None, spark_conf: tuple[str, ...]) -> dict[str, Any]:
    """The use case's engine options from what :func:`engine_options` parsed."""
    pairs = []
    for item in spark_conf:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--spark-conf")
        pairs.append((key.strip(), value))
    if engine != "spark" and (spark_remote or pairs):
        raise click.BadParameter("needs --engine spark", param_hint="--spark-remote / --spark-conf")
    return {"engine": engine, "spark_remote": spark_remote, "spark_conf": tuple(pairs)}


def comparison_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options every assessing command shares: --previous, --baseline, --fail-on, --with-records."""
    for option in (with_records_option, fail_on_option, baseline_option, previous_option):
        command = option(command)
    return command


def read_result(path: Path) -> AssessmentResult:
    """An assessment.json written earlier (InputError, located, when it is not one)."""
    from ccc_audit.results.reading import read_result as read

    return read(path)
