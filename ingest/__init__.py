"""Ingest: turn files into cleaned documents, chunks and an index."""
