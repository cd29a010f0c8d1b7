"""Commands of the hidden job market: lead (add, move, show), leads, target, targets, event
(add, show), met, events, member.

Commands parse, call one service or selector, and print; what they print is at the bottom of
this module (the shared ``cli/output.py`` keeps the network's views).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from weakties.cli import output
from weakties.cli.options import epilog, json_option, network_owner
from weakties.dates import local_today, parse_date
from weakties.errors import UserError
from weakties.leads import selectors, services
from weakties.leads.models import OPEN_STAGES, Event, Lead, LeadStageChange, Membership
from weakties.leads.serialize import (
    event_to_dict,
    lead_to_dict,
    membership_to_dict,
    target_to_dict,
)
from weakties.network import selectors as network_selectors
from weakties.network.models import Contact, NextStep, Organization

STAGE_HELP = services.stage_names()
EVENT_KINDS = [choice.value for choice in Event.Kind]


def _wants_json(as_json: bool) -> bool:
    """``weakties lead --json add …`` and ``weakties lead add … --json`` mean the same."""
    parent = click.get_current_context().parent
    return bool(as_json or (parent and parent.params.get("as_json")))


def _lead_id(ctx: click.Context, param: click.Parameter, value: str) -> int:
    text = value.strip().removeprefix("#")
    if not text.isdigit():
        raise click.BadParameter(f"{value!r} is not a lead id (see: weakties leads).")
    return int(text)


def _day(text: str | None, *, field: str, prefer: str = "past") -> date | None:
    if text is None:
        return None
    return parse_date(text, today=local_today(), prefer=prefer, field=field)  # type: ignore[arg-type]


def _group_json_option(function: Any) -> Any:
    return click.option(
        "--json",
        "as_json",
        is_flag=True,
        help="Print JSON for scripts (here, or for the command that follows).",
    )(function)


# Leads ----------------------------------------------------------------------------------------


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=epilog(
        'weakties lead add Acme "Data lead" --from Ada --url acme.example/jobs/42',
        'weakties lead move 3 "referral asked" --referrer Hedy',
        "weakties lead show 3",
    ),
)
@_group_json_option
def lead(as_json: bool) -> None:
    """Job leads: openings heard of, followed stage by stage to an offer.

    Stages: heard, researching, referral asked, applied, interviewing, offer, closed won,
    closed lost, closed withdrawn.
    """


@lead.command(
    "add",
    epilog=epilog(
        'weakties lead add Acme "Data lead" --from Ada --note "Not posted until April"',
        'weakties lead add Initech "Analyst" --posted --url initech.example/jobs/7',
    ),
)
@click.argument("organization", metavar="ORG")
@click.argument("role")
@click.option(
    "--from", "source", metavar="WHO", help="Who told you (they get credit in your ledger)."
)
@click.option("--posted", is_flag=True, help="It is publicly posted (a job board, careers page).")
@click.option("--url", metavar="URL", default="", help="A link to the posting or a note on it.")
@click.option("--note", metavar="TEXT", default="", help="What you know about it.")
@click.option("--date", "heard", metavar="DATE", help="When you heard of it (default: today).")
@click.option(
    "--new",
    "create",
    is_flag=True,
    help="ORG is a new organisation, even if a name you have contains it.",
)
@json_option
def lead_add(
    organization: str,
    role: str,
    source: str | None,
    posted: bool,
    url: str,
    note: str,
    heard: str | None,
    create: bool,
    as_json: bool,
) -> None:
    """Record a lead: ROLE at ORG, heard of from someone (--from) or found posted (--posted)."""
    heard_on = _day(heard, field="--date")
    user = network_owner()
    _check_organization(user, organization, create=create)
    contact = network_selectors.contact_resolve(user=user, query=source) if source else None
    added = services.lead_add(
        owner=user,
        organization=organization,
        role=role,
        source=contact,
        heard_on=heard_on,
        is_posted=posted,
        url=url,
        notes=note,
    )
    found = selectors.lead_get_for_user(user=user, lead_id=added.pk)
    if _wants_json(as_json):
        output.print_json(lead_to_dict(found, history=True))
    else:
        _lead_added(
            found, people=list(selectors.people_at(user=user, organization=found.organization))
        )


@lead.command(
    "move",
    epilog=epilog(
        "weakties lead move 3 researching",
        'weakties lead move 3 "referral asked" --referrer Hedy',
        'weakties lead move 3 "closed won" --note "Start in May"',
    ),
)
@click.argument("lead_id", metavar="ID", callback=_lead_id)
@click.argument("stage")
@click.option(
    "--referrer",
    metavar="WHO",
    help="Who you asked for a referral (default: who told you of the lead).",
)
@click.option("--date", "on", metavar="DATE", help="When it moved (default: today).")
@click.option("--note", metavar="TEXT", default="", help="A note kept with this change.")
@json_option
def lead_move(
    lead_id: int, stage: str, referrer: str | None, on: str | None, note: str, as_json: bool
) -> None:
    """Move lead ID to STAGE; the change and its date are kept in the lead's history.

    STAGE is one of: heard, researching, referral asked, applied, interviewing, offer, closed
    won, closed lost, closed withdrawn (any case; "referral-asked" works too). Asking for a
    referral adds a next step to follow up with the referrer in a week.
    """
    target = services.stage_parse(stage)
    day = _day(on, field="--date")
    user = network_owner()
    found = selectors.lead_get_for_user(user=user, lead_id=lead_id)
    person = network_selectors.contact_resolve(user=user, query=referrer) if referrer else None
    try:
        move = services.lead_move(lead=found, stage=target, on=day, note=note, referrer=person)
    except UserError as refused:
        if refused.field != "referrer":
            raise
        raise UserError(f"{refused.message.rstrip('.')} (--referrer WHO).") from None
    if _wants_json(as_json):
        output.print_json(
            lead_to_dict(found, history=True)
            | {
                "changed": move.changed,
                "next_step_id": move.step.pk if move.step else None,
                "follow_up_done_id": move.follow_up_done.pk if move.follow_up_done else None,
                "reopened_from": move.reopened_from or None,
            }
        )
    else:
        _lead_moved(move)


@lead.command("show", epilog=epilog("weakties lead show 3", "weakties lead show 3 --json"))
@click.argument("lead_id", metavar="ID", callback=_lead_id)
@json_option
def lead_show(lead_id: int, as_json: bool) -> None:
    """Everything about lead ID: its stages, and the people you know at the organisation."""
    user = network_owner()
    found = selectors.lead_get_for_user(user=user, lead_id=lead_id)
    people = list(selectors.people_at(user=user, organization=found.organization))
    introducers = selectors.introducers_at(user=user, organization=found.organization)
    if _wants_json(as_json):
        output.print_json(
            lead_to_dict(found, history=True)
            | {
                "people_there": [{"id": p.pk, "name": p.name, "tie": p.tie} for p in people],
                "can_introduce": [
                    {"id": i.contact.pk, "name": i.contact.name, "knows": [k.name for k in i.knows]}
                    for i in introducers
                ],
            }
        )
    else:
        _lead_card(found, history=list(found.history.all()), people=people, introducers=introducers)


@click.command(
    "leads",
    epilog=epilog(
        "weakties leads", 'weakties leads --stage "referral asked"', "weakties leads --all --json"
    ),
)
@click.option("--stage", metavar="STAGE", help=f"Only leads at this stage ({STAGE_HELP}).")
@click.option("--all", "include_closed", is_flag=True, help="Include closed leads.")
@json_option
def leads(stage: str | None, include_closed: bool, as_json: bool) -> None:
    """Your job leads by stage: the open ones unless you ask for --all or a --stage."""
    wanted = services.stage_parse(stage) if stage else None
    user = network_owner()
    rows = list(selectors.lead_list(user=user, stage=wanted, include_closed=include_closed))
    if as_json:
        output.print_json([lead_to_dict(row) for row in rows])
    else:
        _leads_table(rows, today=local_today(), stage=wanted)


def _check_organization(user: Any, typed: str, *, create: bool) -> None:
    """Refuse to make a new organisation of what is probably part of a known one's name:
    ``target northwind`` means "Northwind Health", whose people and leads it would not see."""
    if create or network_selectors.organization_named(user=user, name=typed):
        return
    close = network_selectors.organizations_like(user=user, name=typed)
    if close:
        names = ", ".join(f'"{o.name}"' for o in close)
        raise UserError(
            f"No organisation called {typed!r}; you have {names}. Give the full name, or add "
            f"--new to make {typed!r} a new one."
        )


# Targets --------------------------------------------------------------------------------------


@click.command(
    "target",
    epilog=epilog(
        'weakties target "Northwind Health" --motivation 5 --note "Investing in telemedicine"',
        'weakties target Helix --drop --note "Steer clear: three reorganisations in two years"',
    ),
)
@click.argument("organization", metavar="ORG")
@click.option(
    "--motivation",
    type=click.IntRange(1, 5),
    metavar="1-5",
    help="How much you want to work there: 1 (mildly) to 5 (dream employer).",
)
@click.option("--note", metavar="TEXT", default="", help="What you learned about them (added).")
@click.option("--drop", is_flag=True, help="No longer a target (notes are kept).")
@click.option(
    "--new",
    "create",
    is_flag=True,
    help="ORG is a new organisation, even if a name you have contains it.",
)
@json_option
def target(
    organization: str,
    motivation: int | None,
    note: str,
    drop: bool,
    create: bool,
    as_json: bool,
) -> None:
    """Make ORG a target employer, with how much you want it and what you learned."""
    user = network_owner()
    _check_organization(user, organization, create=create)
    org = services.organization_target(
        owner=user, organization=organization, motivation=motivation, note=note, is_target=not drop
    )
    ranked = selectors.target_list(user=user)
    row = next((t for t in ranked if t.organization.pk == org.pk), None)
    if as_json:
        output.print_json(
            target_to_dict(row) if row else {"id": org.pk, "name": org.name, "target": False}
        )
    elif row is None:
        output.message(f"[bold]{escape(org.name)}[/bold] is no longer a target; notes kept.")
    else:
        output.message(
            f"[bold]{escape(org.name)}[/bold] is target #{row.rank} of {len(ranked)}"
            f" (motivation {org.motivation or '—'}/5, {row.advocacy_words})."
        )
        output.message("[dim]See the ranked list: weakties targets[/dim]")


@click.command("targets", epilog=epilog("weakties targets", "weakties targets --json"))
@json_option
def targets(as_json: bool) -> None:
    """Your target employers, ranked: motivation, then an advocate there, then a posting.

    Columns: people you know there (1st), people you know who know someone there (2nd), and
    open leads. Ranking as in "The 2-Hour Job Search" (see docs/job-search.md).
    """
    ranked = selectors.target_list(user=network_owner())
    if as_json:
        output.print_json([target_to_dict(row) for row in ranked])
    else:
        _targets_table(ranked)


# Events ---------------------------------------------------------------------------------------


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=epilog(
        'weakties event add "HealthTech Forward" --date 2026-03-12 --org "HealthTech Forward" '
        "--kind conference",
        'weakties event show "HealthTech Forward"',
    ),
)
@_group_json_option
def event(as_json: bool) -> None:
    """Networking events: conferences, meetups, association meetings, career fairs, webinars."""


@event.command(
    "add",
    epilog=epilog(
        'weakties event add "Data & Donuts" --date "last thursday" --kind meetup',
        'weakties event add "Guild roundtable" --date 2026-04-02 --org "Digital Health Guild" '
        "--kind association",
    ),
)
@click.argument("name")
@click.option("--date", "held", metavar="DATE", required=True, help="When it is or was.")
@click.option("--org", "organizer", metavar="ORG", help="Who organises it.")
@click.option(
    "--kind",
    type=click.Choice(EVENT_KINDS),
    default=Event.Kind.OTHER.value,
    show_default=True,
    help="What kind of event.",
)
@click.option("--where", "location", metavar="PLACE", default="", help="Where it takes place.")
@click.option("--note", metavar="TEXT", default="", help="Notes on the event.")
@json_option
def event_add(
    name: str,
    held: str,
    organizer: str | None,
    kind: str,
    location: str,
    note: str,
    as_json: bool,
) -> None:
    """Add the event NAME on --date; then record who you met there: weakties met NAME WHO."""
    day = parse_date(held, today=local_today(), prefer="past", field="--date")
    user = network_owner()
    created = services.event_create(
        owner=user,
        name=name,
        held_on=day,
        kind=kind,
        organizer=organizer,
        location=location,
        notes=note,
    )
    if _wants_json(as_json):
        output.print_json(event_to_dict(created, people=[]))
    else:
        when = "coming up" if created.held_on > local_today() else "held"
        output.message(
            f"Added [bold]{escape(created.name)}[/bold] (#{created.pk}), {when} on "
            f"{created.held_on.isoformat()}."
        )
        if created.held_on <= local_today():
            output.message(
                f'[dim]Record who you met: weakties met {created.pk} "Name" --org ORG[/dim]'
            )


@event.command(
    "show", epilog=epilog("weakties event show 4", 'weakties event show "Data & Donuts"')
)
@click.argument("query", metavar="EVENT")
@json_option
def event_show(query: str, as_json: bool) -> None:
    """The event EVENT (a name or id) and the people you met there."""
    user = network_owner()
    found = selectors.event_resolve(user=user, query=query)
    people = list(selectors.event_people(event=found))
    if _wants_json(as_json):
        output.print_json(event_to_dict(found, people=people))
    else:
        _event_card(found, people)


@click.command(
    "met",
    epilog=epilog(
        'weakties met "Data & Donuts" "Katherine Johnson" --org NASA --title Analyst',
        'weakties met 4 "Mary Jackson" "Dorothy Vaughan" --note "Both at the FORTRAN table"',
    ),
)
@click.argument("query", metavar="EVENT")
@click.argument("names", metavar="NAME...", nargs=-1, required=True)
@click.option("--org", "organization", metavar="ORG", default="", help="Where they work.")
@click.option("--title", metavar="TITLE", default="", help="Their job title.")
@click.option("--note", metavar="TEXT", default="", help="What you talked about.")
@click.option(
    "--follow-up", metavar="TEXT", help="The follow-up next step (default: connect and mention it)."
)
@json_option
def met(
    query: str,
    names: tuple[str, ...],
    organization: str,
    title: str,
    note: str,
    follow_up: str | None,
    as_json: bool,
) -> None:
    """Record the people you met at EVENT, in one step.

    Each NAME new to your network is added as a weak tie met at EVENT, with a first
    conversation on the event's day and a follow-up next step due within two days. A NAME that
    is exactly someone's in your network (or #id) is that person, not a duplicate. --org and
    --title apply to every NAME: run it once per organisation.
    """
    user = network_owner()
    found = selectors.event_resolve(user=user, query=query)
    people = [
        services.PersonMet(name=name, title=title, organization=organization, note=note)
        for name in names
    ]
    result = services.event_met(owner=user, event=found, people=people, follow_up=follow_up)
    if as_json:
        output.print_json(
            event_to_dict(found, people=list(selectors.event_people(event=found)))
            | {
                "added": [{"id": c.pk, "name": c.name} for c in result.added],
                "linked": [{"id": c.pk, "name": c.name} for c in result.linked],
                "already": [{"id": c.pk, "name": c.name} for c in result.already],
                "next_step_ids": [step.pk for step in result.steps],
            }
        )
    else:
        _met(result.event, result.added, result.linked, result.already, result.steps)


@click.command("events", epilog=epilog("weakties events", "weakties events --json"))
@json_option
def events(as_json: bool) -> None:
    """Your events, latest first, with how many people you met at each, and your memberships."""
    user = network_owner()
    rows = list(selectors.event_list(user=user))
    memberships = list(selectors.membership_list(user=user))
    if as_json:
        output.print_json([event_to_dict(row) for row in rows])
    else:
        _events_table(rows, memberships, today=local_today())


@click.command(
    "member",
    epilog=epilog(
        'weakties member "Digital Health Guild" --since 2022-05-01 --role "events committee"',
        "weakties member",
    ),
)
@click.argument("organization", metavar="ORG", required=False)
@click.option("--since", metavar="DATE", help="When you joined.")
@click.option("--role", metavar="TEXT", help='Your role there (default "member").')
@click.option(
    "--new",
    "create",
    is_flag=True,
    help="ORG is a new organisation, even if a name you have contains it.",
)
@json_option
def member(
    organization: str | None, since: str | None, role: str | None, create: bool, as_json: bool
) -> None:
    """Record that you belong to the professional association ORG; without ORG, list them."""
    user = network_owner()
    if organization is None:
        if since or role:
            raise UserError("--since and --role describe a membership: name the association ORG.")
        rows = list(selectors.membership_list(user=user))
        if as_json:
            output.print_json([membership_to_dict(row) for row in rows])
        else:
            _memberships(rows)
        return
    joined = _day(since, field="--since")
    _check_organization(user, organization, create=create)
    saved = services.membership_set(owner=user, organization=organization, since=joined, role=role)
    if as_json:
        output.print_json(membership_to_dict(saved))
    else:
        output.message(f"You are {escape(_membership_words(saved))}.")


COMMANDS: list[click.Command] = [lead, leads, target, targets, event, met, events, member]


# What these commands print ---------------------------------------------------------------------


def _console() -> Console:
    return output.console()


STAGE_STYLE = {
    Lead.Stage.OFFER: "bold green",
    Lead.Stage.WON: "green",
    Lead.Stage.LOST: "dim",
    Lead.Stage.WITHDRAWN: "dim",
    Lead.Stage.REFERRAL_ASKED: "cyan",
    Lead.Stage.INTERVIEWING: "bold",
}


def _stage(stage: str) -> Text:
    value = Lead.Stage(stage)
    return Text(services.STAGE_WORDS[value], style=STAGE_STYLE.get(value, ""))


def _from(found: Lead) -> str:
    if found.source:
        return found.source.name
    return "posted" if found.is_posted else ""


def _leads_table(rows: Sequence[Lead], *, today: date, stage: str | None) -> None:
    if not rows:
        where = f" at stage {services.STAGE_WORDS[Lead.Stage(stage)]}" if stage else ""
        output.message(
            f'No open leads{where}. Heard of an opening? weakties lead add ORG "ROLE" --from WHO'
        )
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("#", no_wrap=True, justify="right")
    table.add_column("Stage", no_wrap=True)
    table.add_column("Role")
    table.add_column("Organisation")
    table.add_column("From")
    table.add_column("Heard", no_wrap=True)
    table.add_column("Since", no_wrap=True)
    for row in rows:
        table.add_row(
            str(row.pk),
            _stage(row.stage),
            Text(row.role),
            Text(row.organization.name),
            Text(_from(row)),
            row.heard_on.isoformat(),
            output.ago(row.stage_changed_on, today),
        )
    _console().print(table)
    open_count = sum(1 for row in rows if row.stage in OPEN_STAGES)
    output.message(
        f"[dim]{len(rows)} lead{'s' if len(rows) != 1 else ''} ({open_count} open). "
        "Move one: weakties lead move ID STAGE[/dim]"
    )


def _people_line(people: Sequence[Contact]) -> str:
    known = [p for p in people if p.tie != Contact.Tie.NONE]
    if not known:
        return ""
    names = ", ".join(escape(p.name) for p in known[:5])
    more = f" and {len(known) - 5} more" if len(known) > 5 else ""
    return f"You know {names}{more} there."


def _lead_added(found: Lead, *, people: Sequence[Contact]) -> None:
    told = f", told by [bold]{escape(found.source.name)}[/bold]" if found.source else ""
    output.message(
        f"Added lead #{found.pk}: [bold]{escape(found.role)}[/bold] at "
        f"{escape(found.organization.name)}{told}."
    )
    if found.source:
        output.message(
            f"[dim]Ledger: received a job posting from {escape(found.source.name)}; "
            "give something back when you can.[/dim]"
        )
    line = _people_line([p for p in people if p.pk != found.source_id])
    if line:
        output.message(line)
    output.message(
        f'[dim]Next: weakties lead move {found.pk} "referral asked" --referrer WHO[/dim]'
    )


def _lead_moved(move: services.LeadMove) -> None:
    found, step = move.lead, move.step
    words = services.STAGE_WORDS[Lead.Stage(found.stage)]
    if not move.changed:
        output.message(f"Lead #{found.pk} is already at {words}.")
        return
    output.message(
        f"Moved lead #{found.pk} ([bold]{escape(found.role)}[/bold] at "
        f"{escape(found.organization.name)}) to [bold]{words}[/bold] on "
        f"{found.stage_changed_on.isoformat()}."
    )
    if move.reopened_from:
        closed = services.STAGE_WORDS[Lead.Stage(move.reopened_from)]
        output.message(f"Reopened: it was {closed}; its history keeps both moves.")
    if move.follow_up_done is not None:
        output.message(
            f"Marked next step #{move.follow_up_done.pk} done: {escape(move.follow_up_done.text)}."
        )
    if step is not None and step.contact:
        output.message(
            f"Next step #{step.pk}: {escape(step.text)}, "
            f"due {step.due.isoformat() if step.due else '—'}."
        )


def _lead_card(
    found: Lead,
    *,
    history: Sequence[LeadStageChange],
    people: Sequence[Contact],
    introducers: Sequence[selectors.Introducer],
) -> None:
    console = _console()
    details = Table.grid(padding=(0, 2))
    details.add_column(style="bold")
    details.add_column(overflow="fold")
    details.add_row("Stage", _stage(found.stage))
    details.add_row("Organisation", Text(found.organization.name))
    details.add_row(
        "Heard",
        f"{found.heard_on.isoformat()}"
        + (f" from {escape(found.source.name)}" if found.source else ""),
    )
    details.add_row("Posted", "yes" if found.is_posted else "no (hidden job market)")
    if found.referrer:
        details.add_row("Referrer", Text(found.referrer.name))
    if found.url:
        details.add_row("Link", Text(found.url))
    if found.notes:
        details.add_row("Notes", Text(found.notes))
    title = f"[bold]{escape(found.role)}[/bold] [dim]lead #{found.pk}[/dim]"
    console.print(Panel(details, title=title, title_align="left", expand=False))
    console.print("\n[bold]History[/bold]")
    for change in history:
        console.print(
            Text.assemble(
                f"  {change.changed_on.isoformat()}  ",
                _stage(change.to_stage),
                (f"  {change.note}" if change.note else "", "dim"),
            )
        )
    console.print(f"\n[bold]People you know at {escape(found.organization.name)}[/bold]")
    if people:
        for person in people:
            tie = output.TIE_WORDS[person.tie]
            console.print(Text(f"  #{person.pk} {person.name} ({tie})"))
    else:
        console.print("  [dim]no one yet[/dim]")
    if introducers:
        console.print("\n[bold]Who can introduce you[/bold]")
        for introducer in introducers[:10]:
            knows = ", ".join(k.name for k in introducer.knows)
            console.print(
                Text(f"  #{introducer.contact.pk} {introducer.contact.name} knows {knows}")
            )


def _targets_table(ranked: Sequence[selectors.Target]) -> None:
    if not ranked:
        output.message(
            'No target employers yet. Add one: weakties target "ORG" --motivation 5 '
            '--note "what you learned"'
        )
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("Rank", no_wrap=True, justify="right")
    table.add_column("Organisation")
    table.add_column("Motivation", no_wrap=True, justify="center")
    table.add_column("Advocate")
    table.add_column("Posting", no_wrap=True)
    table.add_column("1st", justify="right", no_wrap=True)
    table.add_column("2nd", justify="right", no_wrap=True)
    table.add_column("Open leads", justify="right", no_wrap=True)
    for row in ranked:
        org: Organization = row.organization
        advocate = row.advocate.name if row.advocate else row.advocacy_words
        table.add_row(
            str(row.rank),
            Text(f"{org.name} #{org.pk}"),
            f"{org.motivation}/5" if org.motivation else "—",
            Text(advocate, style="" if row.advocate else "dim"),
            "yes" if row.posting else "no",
            str(row.first_degree),
            str(row.second_degree),
            str(row.open_leads),
        )
    _console().print(table)
    output.message(
        "[dim]1st: people you know there; 2nd: people you know who know someone there.[/dim]"
    )


def _kind(found: Event) -> str:
    return Event.Kind(found.kind).label.lower()


def _event_card(found: Event, people: Sequence[Contact]) -> None:
    by = f", by {escape(found.organizer.name)}" if found.organizer else ""
    output.message(
        f"[bold]{escape(found.name)}[/bold] (#{found.pk}): {_kind(found)} on "
        f"{found.held_on.isoformat()}{by}."
    )
    if found.location:
        output.message(f"Where: {escape(found.location)}")
    if found.notes:
        _console().print(Text(found.notes))
    if people:
        output.message(f"\n[bold]People you met ({len(people)})[/bold]")
        for person in people:
            where = f" ({person.organization.name})" if person.organization else ""
            _console().print(Text(f"  #{person.pk} {person.name}{where}"))
    else:
        output.message(f'[dim]No one recorded yet: weakties met {found.pk} "Name"[/dim]')


def _met(
    found: Event,
    added: Sequence[Contact],
    linked: Sequence[Contact],
    already: Sequence[Contact],
    steps: Sequence[NextStep],
) -> None:
    today = local_today()
    for person in added:
        output.message(
            f"Added [bold]{escape(person.name)}[/bold] (#{person.pk}), met at {escape(found.name)}."
        )
    for person in linked:
        output.message(
            f"[bold]{escape(person.name)}[/bold] (#{person.pk}) was already in your network: "
            f"noted that you met at {escape(found.name)}."
        )
    for person in already:
        output.message(f"{escape(person.name)} (#{person.pk}) was already recorded there.")
    for step in steps:
        due = output.due_words(step.due, today)
        output.message(f"Next step #{step.pk}: {escape(step.text)} (due {due}).")


def _membership_words(membership: Membership) -> str:
    since = f" since {membership.since.isoformat()}" if membership.since else ""
    return f"{membership.role or 'member'} of {membership.organization.name}{since}"


def _memberships(rows: Sequence[Membership]) -> None:
    if not rows:
        output.message(
            "No memberships yet. Associations open doors: "
            'weakties member "ASSOCIATION" --since DATE'
        )
        return
    for row in rows:
        _console().print(Text(f"• {_membership_words(row)}"))


def _events_table(rows: Sequence[Event], memberships: Sequence[Membership], *, today: date) -> None:
    if not rows:
        output.message('No events yet. Add one: weakties event add "NAME" --date DATE')
    else:
        table = Table(box=None, header_style="bold", pad_edge=False)
        table.add_column("#", no_wrap=True, justify="right")
        table.add_column("Date", no_wrap=True)
        table.add_column("Event")
        table.add_column("Kind", no_wrap=True)
        table.add_column("Organiser")
        table.add_column("Met", justify="right", no_wrap=True)
        for row in rows:
            coming = row.held_on > today
            table.add_row(
                str(row.pk),
                Text(row.held_on.isoformat(), style="cyan" if coming else ""),
                Text(row.name),
                _kind(row),
                Text(row.organizer.name if row.organizer else ""),
                "coming" if coming else str(getattr(row, "met", 0)),
            )
        _console().print(table)
    if memberships:
        output.message("\n[bold]Memberships[/bold]")
        _memberships(memberships)
