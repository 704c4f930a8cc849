"""ccc-audit: rules-based compliance auditing for customer contact centres."""

__version__ = "0.1.0"
