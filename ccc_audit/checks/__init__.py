"""Check kinds: one module each (spec, evaluator, record needs, docs line) exporting ``KIND``.

Each ``KIND`` is listed once in :mod:`ccc_audit.checks.registry`.
"""
