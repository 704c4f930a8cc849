"""Allow ``python -m ccc_audit``."""

from ccc_audit.cli.main import main

main()
