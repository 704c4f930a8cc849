"""What ``ccc-audit --help`` shows without importing any command: names, places, summaries, epilog.

Each command's module is imported only when that command is used (see
:class:`ccc_audit.cli.group.LazyGroup`). The summary is the first paragraph of the command's own
help; ``tests/test_cli_commands.py`` checks that it gives the short help the loaded command gives,
and that this table names every command and nothing else.
"""

from __future__ import annotations

EXIT_CODES_HELP = (
    "Exit codes (highest precedence first): 2 usage or input error; 3 evaluation error in a "
    "check; 1 findings that fail the gate (unwaived, at or above --fail-on, default minor; with "
    "--baseline only new or regressed ones); 0 none."
)
"""The exit codes, as the group's and ``check``'s help end with them."""

COMMANDS: dict[str, tuple[str, str]] = {
    "assess": (
        "ccc_audit.cli.assess:assess",
        "Assess BUNDLE and write the result, gap report and corrective-action register.",
    ),
    "check": (
        "ccc_audit.cli.check:check",
        "Check that BUNDLE's evidence is complete and current; exit non-zero on new gaps.",
    ),
    "demo": (
        "ccc_audit.cli.demo:demo",
        "Assess the built-in demo bundles and write every report, in Japanese and English.",
    ),
    "diff": (
        "ccc_audit.cli.diff:diff",
        "Progress from OLD.json to NEW.json: new, resolved, regressed and unchanged findings.",
    ),
    "generate": (
        "ccc_audit.cli.content:generate",
        "Write a synthetic evidence bundle to OUT, with ground-truth.json listing planted violations.",
    ),
    "init": (
        "ccc_audit.cli.scaffold:init",
        "Scaffold an evidence bundle in DIRECTORY: manifest, record templates, questionnaire.",
    ),
    "map": (
        "ccc_audit.cli.mapping:map_command",
        "Propose how export FILE (CSV of any delimiter, UTF-8 or CP932, or XLSX) maps onto a record type.",
    ),
    "questionnaire": (
        "ccc_audit.cli.questionnaire:questionnaire",
        "Self-assessment questionnaire: export the attestation questions to XLSX, import answers.",
    ),
    "register": (
        "ccc_audit.cli.register:register",
        "Keep a corrective-action register (CSV or XLSX) across assessments.",
    ),
    "rfp": ("ccc_audit.cli.rfp:rfp", "Score outsourcers' RFP responses against a weighted rubric."),
    "rules": ("ccc_audit.cli.content:rules", "Browse rule packs and requirements."),
    "schema": (
        "ccc_audit.cli.content:schema",
        "Print the JSON Schema of a format, or (records) every record type and its columns.",
    ),
    "validate": (
        "ccc_audit.cli.validate:validate",
        "Validate rule packs, catalogues, profile and (optionally) a BUNDLE.",
    ),
}
"""Every command: its name, ``"module:attribute"`` of its Click command, and its help's first paragraph."""
