"""Commands of the Daily plan area."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
