"""Reporters of a procurement result: one module per format, one registry."""
