"""What every command shares: its repeated options, and whose network it works on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click
from django.contrib.auth.models import User

from weakties.network.models import Contact, ContactRole

F = TypeVar("F", bound=Callable[..., Any])

TIES = [choice.value for choice in Contact.Tie]
LEVELS = [choice.value for choice in Contact.Level if choice.value]
ROLES = [choice.value for choice in ContactRole.Role]


def network_owner() -> User:
    """The user whose network a command reads and writes, with the database ready.

    This is the one point where a command first touches the database, so it is where the
    schema is brought up to date: a new user never has to run ``migrate``.
    """
    from django.conf import settings

    from weakties.accounts.services import local_user
    from weakties.bootstrap import setup

    setup()
    if settings.WEAKTIES_MODE == "server":
        return _server_account(settings.LOCAL_USERNAME)
    return local_user()


def _server_account(username: str) -> User:
    """On a server, a command acts for an existing account, named by WEAKTIES_LOCAL_USER:
    never a new, password-less "me" that no one can sign in as."""
    from django.contrib.auth import get_user_model

    from weakties.errors import UserError

    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise UserError(
            f"This is a server (WEAKTIES_MODE=server) and it has no account {username!r}; "
            "name the account a command acts for: WEAKTIES_LOCAL_USER=alice weakties …"
        ) from None


def _json_wanted(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    # ``weakties --json next`` and ``weakties next --json`` mean the same.
    return bool(value or ctx.find_root().params.get("as_json"))


def json_option(function: F) -> F:
    """``--json``: print machine-readable JSON instead of tables."""
    return click.option(
        "--json",
        "as_json",
        is_flag=True,
        callback=_json_wanted,
        help="Print JSON for scripts instead of the human-readable view.",
    )(function)


# WHO: a name, part of one, an email, a LinkedIn URL or an id (``12`` or ``#12``), resolved by
# ``selectors.contact_resolve``.
who_argument = click.argument("who")


def contact_field_options(*, editing: bool) -> Callable[[F], F]:
    """The options describing a person, shared by ``add`` and ``edit``.

    When editing, an option left out leaves the field as it is, and a repeated option
    (``--email``, ``--tag``…) replaces the whole list; an empty value (``--tag ""``) clears it.
    """
    replace = " Replaces the current ones; '' clears them." if editing else ""
    options = [
        click.option("--org", "organization", metavar="ORG", help="Where they work or study."),
        click.option("--title", metavar="TITLE", help="Job title or LinkedIn headline."),
        click.option(
            "--email",
            "emails",
            multiple=True,
            metavar="EMAIL",
            help="An email (repeatable)." + replace,
        ),
        click.option(
            "--phone",
            "phones",
            multiple=True,
            metavar="PHONE",
            help="A phone (repeatable)." + replace,
        ),
        click.option(
            "--url",
            "urls",
            multiple=True,
            metavar="URL",
            help="A web address, e.g. a LinkedIn profile (repeatable)." + replace,
        ),
        click.option(
            "--tie",
            type=click.Choice(TIES),
            help="strong (friends, close colleagues), weak (acquaintances; the default) or "
            "none (not met yet: someone to be introduced to).",
        ),
        click.option(
            "--closeness",
            type=click.IntRange(1, 5),
            metavar="1-5",
            help="1 (barely know them; default 2) to 5 (very close).",
        ),
        click.option(
            "--tag", "tags", multiple=True, metavar="TAG", help="A tag (repeatable)." + replace
        ),
        click.option("--how-met", metavar="TEXT", help="How and where you met."),
        click.option("--note", "notes", metavar="TEXT", help="Free notes (Markdown)."),
        click.option("--location", metavar="PLACE", help="Where they live or work."),
        click.option("--industry", metavar="TEXT", help="Their industry."),
        click.option(
            "--level",
            # When editing, '' sets the level back to unknown.
            type=click.Choice([*LEVELS, ""] if editing else LEVELS),
            metavar="[" + "|".join(LEVELS) + "]",
            help="Their seniority relative to you." + (" '' clears it." if editing else ""),
        ),
        click.option(
            "--role",
            "roles",
            multiple=True,
            type=click.Choice([*ROLES, ""] if editing else ROLES),
            metavar="[" + "|".join(ROLES) + "]",
            help="A role they play in your search (repeatable)." + replace,
        ),
    ]
    if editing:
        options.insert(0, click.option("--name", metavar="NAME", help="Their new name."))

    def decorate(function: F) -> F:
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


def epilog(*examples: str) -> str:
    """The "Example" block that ends every command's help; ``\\b`` keeps the lines as written."""
    lines = "\n".join(f"  {example}" for example in examples)
    title = "Example" if len(examples) == 1 else "Examples"
    return f"\b\n{title}:\n{lines}"
