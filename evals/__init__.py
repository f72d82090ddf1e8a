"""Evaluation of the assistant: the test set and its schema, metrics, the per-item eval loop, and reports."""
