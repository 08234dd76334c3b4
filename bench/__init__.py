"""Benchmarks: `python -m bench.generate` fills a database, `python -m bench.registry` loads it."""
