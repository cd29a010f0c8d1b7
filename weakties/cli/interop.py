"""Commands of the Import and export area."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
