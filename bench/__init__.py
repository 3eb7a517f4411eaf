"""Benchmarks run from the repository root on the configured database (``python -m bench.<name>``)."""
