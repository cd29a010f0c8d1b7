"""Commands about people: add, edit, show, list, find, archive, unarchive, merge."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import Any

import click

from weakties.cli import output
from weakties.cli.options import (
    ROLES,
    TIES,
    contact_field_options,
    epilog,
    json_option,
    network_owner,
    who_argument,
)
from weakties.dates import local_today
from weakties.errors import UserError
from weakties.network import selectors, services
from weakties.network.serialize import (
    contact_detail_to_dict,
    contact_dicts,
    contact_to_dict,
    interaction_to_dict,
    next_step_to_dict,
)


def _values(values: Sequence[str], *, editing: bool) -> list[str] | None:
    """A repeated option as a list; when editing, None if it was not given at all."""
    if editing and not values:
        return None
    return [value for value in values if value.strip()]


@click.command(
    epilog=epilog(
        'weakties add "Ada Lovelace" --org Acme --title "Data lead" --email ada@acme.example '
        '--tag python --how-met "PyCon 2025"'
    )
)
@click.argument("name")
@contact_field_options(editing=False)
@json_option
def add(
    name: str,
    emails: tuple[str, ...],
    phones: tuple[str, ...],
    urls: tuple[str, ...],
    tags: tuple[str, ...],
    roles: tuple[str, ...],
    as_json: bool,
    **fields: Any,
) -> None:
    """Add NAME to your network, with whatever you know about them."""
    user = network_owner()
    data = services.ContactData(
        name=name, tags=_values(tags, editing=False), roles=list(roles), **fields
    )
    created = services.contact_create(
        owner=user, data=data, emails=emails, phones=phones, urls=urls
    )
    contact = selectors.contact_get_for_user(user=user, contact_id=created.pk)
    if as_json:
        output.print_json(contact_to_dict(contact))
    else:
        output.contact_saved(contact, added=True)
        for other in selectors.namesakes(contact=contact):
            output.possible_duplicate(contact, other)


@click.command(epilog=epilog("weakties duplicates", "weakties duplicates --json"))
@json_option
def duplicates(as_json: bool) -> None:
    """People who are probably one person added twice: the same or a near-identical name at
    the same organisation. Merge them with weakties merge KEEP OTHER."""
    found = selectors.duplicate_list(user=network_owner())
    if as_json:
        output.print_json(
            [
                {
                    "first": contact_to_dict(pair.first),
                    "second": contact_to_dict(pair.second),
                    "why": pair.why,
                }
                for pair in found
            ]
        )
    else:
        output.duplicates_table(found)


@click.command(
    epilog=epilog(
        'weakties edit Ada --title "Head of data" --org Initech --closeness 4',
        "weakties edit 12 --tag python --tag mentor   # replaces the tags",
    )
)
@who_argument
@contact_field_options(editing=True)
@json_option
def edit(
    who: str,
    emails: tuple[str, ...],
    phones: tuple[str, ...],
    urls: tuple[str, ...],
    tags: tuple[str, ...],
    roles: tuple[str, ...],
    as_json: bool,
    **fields: Any,
) -> None:
    """Change what you know about WHO; options left out stay as they are."""
    lists = {
        "emails": _values(emails, editing=True),
        "phones": _values(phones, editing=True),
        "urls": _values(urls, editing=True),
    }
    data = services.ContactData(
        tags=_values(tags, editing=True), roles=_values(roles, editing=True), **fields
    )
    if all(value is None for value in (*lists.values(), *vars(data).values())):
        raise UserError("Nothing to change: give at least one option, e.g. --title or --tag.")
    user = network_owner()
    contact = selectors.contact_resolve(user=user, query=who)
    services.contact_update(contact=contact, data=data, **lists)
    contact = selectors.contact_get_for_user(user=user, contact_id=contact.pk)
    if as_json:
        output.print_json(contact_to_dict(contact))
    else:
        output.contact_saved(contact, added=False)


@click.command(epilog=epilog("weakties show Ada", "weakties show ada@acme.example --json"))
@who_argument
@json_option
def show(who: str, as_json: bool) -> None:
    """Everything about WHO: details, how to reach them, conversations, next steps, links.

    WHO is a name, part of one, an email, a LinkedIn URL or an id.
    """
    user = network_owner()
    today = local_today()
    contact = selectors.contact_resolve(user=user, query=who)
    interactions = list(selectors.contact_timeline(contact=contact))
    steps = list(selectors.next_step_list(user=user, contact=contact))
    links = selectors.contact_links(contact=contact)
    if as_json:
        output.print_json(
            contact_detail_to_dict(contact)
            | {
                "interactions": [interaction_to_dict(i) for i in interactions],
                "next_steps": [next_step_to_dict(step, today=today) for step in steps],
                "links": [
                    {
                        "id": other.pk,
                        "name": other.name,
                        "kind": link.kind,
                        "strength": link.strength,
                    }
                    for other, link in links
                ],
            }
        )
    else:
        output.contact_card(
            contact, interactions=interactions, steps=steps, links=links, today=today
        )


# The table shows this many people unless --limit says otherwise: a 2,000-person network in
# one table is 2,000 lines and two seconds of layout. --json lists everyone (it is for scripts).
TABLE_LIMIT = 100


def _list_and_render(
    *, as_json: bool, limit: int | None, empty: str | Callable[[], str], **filters: Any
) -> None:
    """``empty``: what to say when no one is found (or how to work it out, then)."""
    user = network_owner()
    today = local_today()
    contacts = selectors.contact_list(user=user, today=today, **filters)
    if limit is None and not as_json:
        limit = TABLE_LIMIT
    if as_json:
        output.print_json(contact_dicts(contacts[:limit] if limit else contacts))
        return
    rows = list(contacts[:limit] if limit else contacts)
    total = contacts.count() if limit and len(rows) == limit else len(rows)
    if not rows and callable(empty):
        empty = empty()
    output.contacts_table(rows, today=today, total=total, empty=str(empty))


_limit_option = click.option(
    "--limit",
    type=click.IntRange(min=0),
    metavar="N",
    help=f"Show at most N people; 0 for everyone (the table: {TABLE_LIMIT} unless given).",
)
_archived_option = click.option(
    "--archived", "include_archived", is_flag=True, help="Include archived people."
)


@click.command(
    "list",
    epilog=epilog(
        "weakties list --tie weak --dormant 90", "weakties list --tag python --org Acme --json"
    ),
)
@click.option("--tag", metavar="TAG", help="Only people with this tag.")
@click.option("--org", "organization", metavar="ORG", help="Only people at this organisation.")
@click.option("--tie", type=click.Choice(TIES), help="Only strong ties, weak ties, or not met yet.")
@click.option("--role", type=click.Choice(ROLES), help="Only people with this role.")
@click.option(
    "--dormant",
    "dormant_days",
    type=click.IntRange(min=0),
    metavar="DAYS",
    help="Only people you have not talked to in DAYS days or more.",
)
@click.option("--never-contacted", is_flag=True, help="Only people you have never talked to.")
@_archived_option
@_limit_option
@json_option
def list_contacts(as_json: bool, limit: int | None, **filters: Any) -> None:
    """List the people in your network, filtered as you ask."""
    _list_and_render(
        as_json=as_json,
        limit=limit,
        empty=lambda: _why_no_one(**filters),
        **filters,
    )


def _why_no_one(*, tag: str | None, organization: str | None, **filters: Any) -> str:
    """What to say when ``list`` finds no one: a tag or organisation you do not have (with the
    close ones you do), filters that leave no one, or an empty network."""
    user = network_owner()
    for label, asked, known in (
        ("tag", tag, selectors.tag_list(user=user)),
        ("organisation", organization, selectors.organization_list(user=user)),
    ):
        if asked and not known.filter(name__iexact=asked.strip()).exists():
            names = list(known.values_list("name", flat=True))
            close = difflib.get_close_matches(asked, names, n=3, cutoff=0.5)
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            return f"You have no {label} called {asked!r}.{hint}"
    if tag or organization or any(filters.values()):
        return "No one matches these filters."
    return "No one in your network yet. Add someone: weakties add NAME"


@click.command(epilog=epilog("weakties find acme", 'weakties find "data lead" --json'))
@click.argument("query")
@_archived_option
@_limit_option
@json_option
def find(query: str, include_archived: bool, limit: int | None, as_json: bool) -> None:
    """Search names, organisations, titles, notes, emails and places for QUERY.

    Every word of QUERY must appear somewhere about the person.
    """
    if not query.strip():
        raise click.BadParameter("say what to look for.", param_hint="QUERY")
    _list_and_render(
        as_json=as_json,
        limit=limit,
        empty=f"No one matches {query!r}.",
        search=query,
        include_archived=include_archived,
    )


@click.command(epilog=epilog('weakties archive "Old Colleague"'))
@who_argument
@json_option
def archive(who: str, as_json: bool) -> None:
    """Hide WHO from lists and plans, keeping all their history (undo with unarchive)."""
    contact = selectors.contact_resolve(user=network_owner(), query=who)
    already = contact.archived_at is not None
    services.contact_archive(contact=contact)
    if as_json:
        output.print_json(contact_to_dict(contact))
    else:
        output.contact_archived(contact, already=already)


@click.command(epilog=epilog("weakties unarchive 12"))
@who_argument
@json_option
def unarchive(who: str, as_json: bool) -> None:
    """Bring an archived person back into your lists and plans."""
    contact = selectors.contact_resolve(user=network_owner(), query=who, archived_first=True)
    already = contact.archived_at is None
    services.contact_unarchive(contact=contact)
    if as_json:
        output.print_json(contact_to_dict(contact))
    else:
        output.contact_archived(contact, already=already)


@click.command(
    epilog=epilog("weakties merge 12 31", 'weakties merge "Ada Lovelace" ada@old-job.example')
)
@click.argument("keep")
@click.argument("other")
@json_option
def merge(keep: str, other: str, as_json: bool) -> None:
    """Fold OTHER into KEEP when they are the same person; OTHER disappears.

    Nothing is lost: conversations, next steps, links, contact points, tags and notes of both
    end up on KEEP.
    """
    user = network_owner()
    kept = selectors.contact_resolve(user=user, query=keep)
    folded = selectors.contact_resolve(user=user, query=other)
    other_name, other_id = folded.name, folded.pk
    services.contact_merge(keep=kept, other=folded)
    kept = selectors.contact_get_for_user(user=user, contact_id=kept.pk)
    if as_json:
        output.print_json(contact_to_dict(kept))
    else:
        output.contacts_merged(kept, other_name=other_name, other_id=other_id)


COMMANDS = [add, edit, show, list_contacts, find, archive, unarchive, merge, duplicates]
