"""The `pipeline` command (see ``app``); importing this package registers every command."""

from pipeline.cli import loading, reading  # noqa: F401  (each module adds its commands to the group)
from pipeline.cli.app import cli, main

__all__ = ["cli", "main"]
