"""Check kinds: one evaluator module each, registered in :mod:`ccc_audit.checks.registry`."""
