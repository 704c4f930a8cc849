"""Assessment results after the run: reading them back, comparing two, and the gate's verdict."""
