"""Reporters: one module per output format, all reading the canonical result."""
