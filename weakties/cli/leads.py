"""Commands of the Job leads area."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
