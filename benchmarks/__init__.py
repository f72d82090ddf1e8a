"""Benchmarks: `python -m benchmarks.run` (ingest, retrieval, answer, cold start, memory at scale)."""
