"""The use cases of ccc-audit: what the CLI, the tests, the benchmarks and library users call.

The CLI only parses options, calls a use case and prints; the use cases assemble the library,
the bundle and the engine, so that every caller gets the same run. Library users start with
``ccc_audit.app.assess`` (``AssessOptions`` in, ``Assessed`` out).
"""
