"""Evaluation of govdoc: the hand-written test set, its schema, and pure metric functions."""
