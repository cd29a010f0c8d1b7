"""The ``weakties`` group: global options, the home screen, and how refusals are reported."""

from __future__ import annotations

import difflib
import importlib
from typing import Any

import click
from django.db import OperationalError

from weakties import __version__
from weakties.cli import output
from weakties.cli.options import epilog, network_owner
from weakties.dates import local_today
from weakties.errors import UserError
from weakties.network import selectors
from weakties.plan import selectors as plan_selectors
from weakties.plan import serialize as plan_serialize


class CommandError(click.ClickException):
    """A ``UserError`` on its way to the terminal: "Error: …" on stderr and its exit code."""

    def __init__(self, error: UserError) -> None:
        super().__init__(output.error_text(error))
        self.exit_code = error.exit_code  # type: ignore[misc]


# The module of ``weakties.cli`` that defines each command. A run imports only the module of
# the command it runs (each pulls in its own services and selectors): every command starts
# sooner than if all of them were imported to register them. tests/cli/test_docs.py checks
# this table against each module's ``COMMANDS``.
COMMAND_MODULES = {
    **dict.fromkeys(
        ["add", "edit", "show", "list", "find", "archive", "unarchive", "merge", "duplicates"],
        "contacts",
    ),
    **dict.fromkeys(["log", "next", "done"], "conversations"),
    **dict.fromkeys(
        [
            "today",
            "skip",
            "snooze",
            "week",
            "goals",
            "profile",
            "gave",
            "got",
            "owe",
            "ledger",
            "idea",
            "memory",
            "introduce",
            "draft",
            "templates",
            "template",
            "announce",
        ],
        "plan",
    ),
    **dict.fromkeys(["import", "imports", "export", "restore", "backup"], "interop"),
    **dict.fromkeys(["path", "link", "reach"], "paths"),
    **dict.fromkeys(
        ["lead", "leads", "target", "targets", "event", "met", "events", "member"], "leads"
    ),
    **dict.fromkeys(["demo", "serve"], "local"),
}


# Words people try for a command of another name.
SAME_AS = {"plan": "today", "paths": "path", "search": "find", "ls": "list", "note": "memory"}


def command_module(name: str) -> Any:
    """Import the module that defines the command ``name`` (see ``COMMAND_MODULES``)."""
    return importlib.import_module(f"weakties.cli.{COMMAND_MODULES[name]}")


class WeaktiesGroup(click.Group):
    """Loads a command's module when the command is asked for, and turns what the domain
    refuses into a message and exit 1, never a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES.keys() | self.commands.keys())

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMAND_MODULES:
            for command in command_module(name).COMMANDS:
                self.add_command(command)
        return super().get_command(ctx, name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as unknown:
            typed = args[0] if args else ""
            close = difflib.get_close_matches(typed, self.list_commands(ctx), n=3, cutoff=0.6)
            close = [SAME_AS[typed]] if typed in SAME_AS else close
            if not close:
                raise
            raise click.UsageError(
                f"{unknown.message} Did you mean: {', '.join(close)}?", ctx=unknown.ctx
            ) from None

    def all_commands(self) -> dict[str, click.Command]:
        """Every command, each module imported (for the docs test and the reference)."""
        for name in COMMAND_MODULES:
            self.get_command(click.Context(self), name)
        return dict(self.commands)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as error:
            raise CommandError(error) from error
        except OperationalError as error:
            raise click.ClickException(f"The database cannot be used: {error}") from error


@click.group(
    cls=WeaktiesGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=epilog(
        "weakties",
        'weakties add "Ada Lovelace" --org Acme --email ada@acme.example',
        'weakties log Ada "Coffee about data roles" --next "Send my CV" --due friday',
        "weakties next",
    ),
)
@click.version_option(__version__, "--version", prog_name="weakties")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print JSON for scripts (here, or for the command that follows).",
)
@click.pass_context
def cli(ctx: click.Context, as_json: bool) -> None:
    """Keep up with the people who can help you find work.

    Run without a command to see today's plan: whom to reach out to and why, the next
    steps due, and the week's goals. Every command takes
    -h for its own help and --json for machine-readable output.

    Shell completion (bash): eval "$(_WEAKTIES_COMPLETE=bash_source weakties)"
    """
    if ctx.invoked_subcommand is not None:
        return
    user = network_owner()
    today = local_today()
    counts = selectors.network_counts(user=user)
    first_run = counts["contacts"] == 0 and counts["interactions"] == 0
    if first_run:
        if as_json:
            output.print_json({"first_run": True, "today": today.isoformat(), "counts": counts})
        else:
            output.welcome()
        return
    day_plan = plan_selectors.today_plan(user=user, day=today)
    if as_json:
        output.print_json(
            {
                "first_run": False,
                "today": today.isoformat(),
                "counts": counts,
                "plan": plan_serialize.today_to_dict(day_plan),
            }
        )
    else:
        from weakties.cli import plan

        output.home_summary(counts, today=today)
        plan.show_today(day_plan)
