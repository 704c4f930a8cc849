"""Spark SQL as a second engine for the record checks (``--engine spark``).

The check kinds and metrics build their SQL once, in DuckDB's dialect; :mod:`.dialect` parses it
with SQLGlot, guards the parsed query and writes it as Spark SQL; :mod:`.engine` runs it on a
SparkSession (:mod:`.session`: local mode or Spark Connect) over the typed tables the DuckDB store
produced, or over tables already in the Spark catalog (:mod:`.catalog`). PySpark is imported only
when a Spark run starts, so DuckDB runs need nothing of it.
"""
