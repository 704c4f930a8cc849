"""Deterministic pseudo-randomness: seeded Python generators and hash-based SQL macros.

Nothing here uses a global or time-based generator. Python streams are seeded with a string
(hashed by SHA-512, so independent of ``PYTHONHASHSEED``); SQL draws are hashes of the row's key,
a salt and the seed, so they do not depend on thread scheduling or row order.
"""

from __future__ import annotations

import random

import duckdb


def stream(seed: int, *parts: object) -> random.Random:
    """An independent generator for one purpose, e.g. ``stream(seed, "roster")``."""
    return random.Random("/".join(str(p) for p in (seed, *parts)))


def install_macros(con: duckdb.DuckDBPyConnection, seed: int) -> None:
    """Define ``u1(a, s)``, ``u2(a, b, s)`` and ``u3(a, b, c, s)``: uniform draws in [0, 1).

    Each is a hash of its arguments and the seed, so the same key and salt always give the
    same value; ``pick(x, n)`` is an integer in ``0 … n-1`` drawn the same way.
    """
    seed_literal = int(seed)
    for name, params in (("u1", "a, s"), ("u2", "a, b, s"), ("u3", "a, b, c, s")):
        con.execute(
            f"CREATE OR REPLACE MACRO {name}({params}) AS "
            f"(hash({params}, {seed_literal}::BIGINT) % 1000003) / 1000003.0"
        )
    con.execute("CREATE OR REPLACE MACRO pick(x, n) AS CAST(floor(x * n) AS INTEGER)")
