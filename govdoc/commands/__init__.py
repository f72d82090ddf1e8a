"""Subcommands of ``govdoc``: one module per group, each with ``register(subparsers)`` and ``run``."""
