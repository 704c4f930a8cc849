"""Operational record sets: the interface record-based checks read through, and its CSV store."""
