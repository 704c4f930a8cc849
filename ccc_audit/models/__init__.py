"""Pydantic models of every input and output format (strict: unknown keys are errors)."""
