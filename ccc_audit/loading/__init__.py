"""Loading and validating catalogues, rule packs, profiles and bundles from files."""
