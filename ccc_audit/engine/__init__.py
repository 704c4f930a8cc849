"""The assessment engine: applicability, checks, outcomes, conformity and roll-ups."""
