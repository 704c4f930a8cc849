"""The metric library: named formulas computed in SQL over record sets (docs/metrics.md)."""
