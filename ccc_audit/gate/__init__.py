"""The CI gate: which findings fail a run, given a threshold and an optional baseline."""
