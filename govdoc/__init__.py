"""Entry points: settings, service wiring, CLI, HTTP API."""
