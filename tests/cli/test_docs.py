"""Every command is documented in docs/cli.md and ends its help with an example."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import weakties.cli
from tests.conftest import REPO
from weakties.cli.app import COMMAND_MODULES, cli

COMMANDS = sorted(cli.all_commands())
# docs/cli.md, then one page per area (docs/cli-plan.md, ...), read as one reference.
REFERENCE = "\n".join(path.read_text() for path in sorted((REPO / "docs").glob("cli*.md")))


def section(name: str) -> str:
    """The part of the reference under the heading of ``weakties NAME``."""
    heading = re.search(rf"^## `weakties {name}\b.*$", REFERENCE, re.MULTILINE)
    assert heading, f"weakties {name} has no section in docs/cli*.md"
    return REFERENCE[heading.end() :].split("\n## ", 1)[0]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_section_in_the_cli_reference(name):
    example = section(name).split("```", 1)[1].split("```", 1)[0]
    assert f"weakties {name}" in example, f"weakties {name}: no example in docs/cli.md"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_short_help_json_and_an_example(run_offline, name):
    help_text = run_offline(name, "-h").stdout

    assert help_text.startswith(f"Usage: weakties {name}")
    assert "--json" in help_text
    examples = help_text.split("Example", 1)[1].splitlines()[1:]
    assert any(line.strip().startswith(f"weakties {name}") for line in examples), help_text


def test_every_option_of_every_command_is_in_the_cli_reference():
    for name, command in cli.all_commands().items():
        documented = section(name)
        for param in command.params:
            for flag in param.opts:
                if flag.startswith("--"):
                    assert f"`{flag}" in documented, f"weakties {name} {flag} is not documented"


def test_shell_completion_is_documented():
    assert "_WEAKTIES_COMPLETE=bash_source weakties" in REFERENCE
    assert "_WEAKTIES_COMPLETE=zsh_source weakties" in REFERENCE


def test_the_table_of_command_modules_lists_every_command_where_it_is_defined():
    """A command missing from ``COMMAND_MODULES`` would never load: the table must match the
    ``COMMANDS`` of every module of ``weakties.cli``."""
    defined = {}
    for module in pkgutil.iter_modules(weakties.cli.__path__):
        commands = getattr(importlib.import_module(f"weakties.cli.{module.name}"), "COMMANDS", [])
        defined |= {command.name: module.name for command in commands}

    assert defined == COMMAND_MODULES
