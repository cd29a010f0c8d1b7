"""Everything the CLI prints: the human views (rich) and the ``--json`` output.

Commands hand finished domain objects to one function here; nothing else in the CLI formats
text. Anything a person typed is escaped before it reaches rich, so a name like "[b]ob" prints
as written instead of being read as markup.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from weakties.errors import Ambiguous, UserError
from weakties.network.models import Contact, ContactLink, ContactPoint, Interaction, NextStep

if TYPE_CHECKING:  # the demo's module holds its whole data set: loaded by `demo` alone
    from weakties.network.demo import DemoReport

TIE_WORDS = {"strong": "strong", "weak": "weak", "none": "not met yet"}
CHANNEL_WORDS = {
    "call": "a call",
    "email": "an email",
    "meeting": "a meeting",
    "coffee": "a coffee",
    "video": "a video call",
    "message": "a message",
    "event": "a conversation at an event",
    "other": "a conversation",
}
CARD_INTERACTIONS = 10


def console() -> Console:
    """The console every command prints through.

    A new one per call follows whatever stdout is now (a terminal, a pipe, a test runner).
    Piped into a file or another program, lines are not wrapped at 80 columns: a suggested
    command or a draft's sentence must not break in the middle.
    """
    return Console(highlight=False, soft_wrap=not sys.stdout.isatty())


_console = console


def print_json(data: Any) -> None:
    """The machine output of every command: JSON on stdout, nothing else."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def message(text: str) -> None:
    """A line of plain feedback ("Added …"); ``text`` is rich markup written by us."""
    _console().print(text)


# Dates in words ------------------------------------------------------------------------------


def _plural(count: int, unit: str) -> str:
    return f"{count:,} {unit}{'' if count == 1 else 's'}"


def _people(count: int) -> str:
    return f"{count:,} {'person' if count == 1 else 'people'}"


def ago(day: date, today: date) -> str:
    """How long ago ``day`` was, in the words a person would use: "3 months ago"."""
    days = (today - day).days
    if days < 0:
        return f"in {_plural(-days, 'day')}"
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 365:
        return f"{days // 30} months ago"
    return f"{_plural(days // 365, 'year')} ago"


def last_contacted(day: date | None, today: date) -> str:
    return f"{ago(day, today)} ({day.isoformat()})" if day else "never"


def due_words(due: date | None, today: date) -> str:
    """When a next step is due, relative to today: "3 days overdue", "tomorrow", "in 9 days"."""
    if due is None:
        return "no date"
    days = (due - today).days
    if days < 0:
        return f"{_plural(-days, 'day')} overdue"
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days < 7:
        return due.strftime("%A")
    return f"in {days} days"


def _due_style(step: NextStep, today: date) -> str:
    if step.due is None:
        return "dim"
    if step.done_on is None and step.due < today:
        return "bold red"
    if step.done_on is None and step.due == today:
        return "bold yellow"
    return ""


def _due_cell(step: NextStep, today: date) -> Text:
    """ "2026-03-20 (Friday)", red when overdue, yellow when due today."""
    if step.due is None:
        return Text("no date", style="dim")
    return Text(
        f"{step.due.isoformat()} ({due_words(step.due, today)})", style=_due_style(step, today)
    )


def _indented(renderable: Any) -> Padding:
    return Padding(renderable, (0, 0, 0, 2), expand=False)


def _whose(step: NextStep) -> str:
    return "mine" if step.mine else "theirs"


# Contacts ------------------------------------------------------------------------------------


def contacts_table(contacts: Sequence[Contact], *, today: date, total: int, empty: str) -> None:
    """The list of people for ``list`` and ``find``, with a count when it was cut short."""
    console = _console()
    if not contacts:
        console.print(empty)
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("#", no_wrap=True, justify="right")
    table.add_column("Name", min_width=12)
    table.add_column("Organisation", min_width=12)
    table.add_column("Title")
    table.add_column("Tie", no_wrap=True)
    table.add_column("Last contacted", no_wrap=True)
    table.add_column("Tags", overflow="fold")
    for contact in contacts:
        name = escape(contact.name) + (" [dim](archived)[/dim]" if contact.archived_at else "")
        contacted: date | None = getattr(contact, "last_contacted", None)
        table.add_row(
            str(contact.pk),
            name,
            escape(contact.organization.name) if contact.organization else "",
            escape(contact.title),
            TIE_WORDS[contact.tie],
            ago(contacted, today) if contacted else "never",
            escape(", ".join(tag.name for tag in contact.tags.all())),
        )
    console.print(table)
    if total > len(contacts):
        console.print(
            f"[dim]Showing {len(contacts):,} of {total:,}: --limit N shows more (0: everyone), "
            "or narrow it down (--tag, --org, --dormant DAYS, find).[/dim]"
        )
    else:
        console.print(f"[dim]{_people(total)}[/dim]")


def _points_by_kind(contact: Contact) -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    for point in contact.points.all():
        label = {
            ContactPoint.Kind.EMAIL: "Email",
            ContactPoint.Kind.PHONE: "Phone",
            ContactPoint.Kind.LINKEDIN: "LinkedIn",
            ContactPoint.Kind.URL: "Web",
        }[ContactPoint.Kind(point.kind)]
        value = point.value + (f" ({point.label})" if point.label else "")
        kinds.setdefault(label, []).append(value)
    return kinds


def contact_card(
    contact: Contact,
    *,
    interactions: Sequence[Interaction],
    steps: Sequence[NextStep],
    links: Sequence[tuple[Contact, ContactLink]],
    today: date,
) -> None:
    """Everything about one person: details, how to reach them, history and what is next."""
    details = Table.grid(padding=(0, 2))
    details.add_column(style="bold")
    details.add_column(overflow="fold")
    if contact.title:
        details.add_row("Title", escape(contact.title))
    if contact.organization:
        details.add_row("Organisation", escape(contact.organization.name))
    tie = Contact.Tie(contact.tie).label
    details.add_row("Tie", f"{tie}, closeness {contact.closeness}/5")
    if contact.level:
        details.add_row("Level", Contact.Level(contact.level).label)
    roles = [str(r) for r in contact.roles.all()]
    if roles:
        details.add_row("Roles", ", ".join(roles))
    details.add_row(
        "Last contacted", last_contacted(getattr(contact, "last_contacted", None), today)
    )
    for label, values in _points_by_kind(contact).items():
        details.add_row(label, escape("\n".join(values)))
    tags = [tag.name for tag in contact.tags.all()]
    if tags:
        details.add_row("Tags", escape(", ".join(tags)))
    for label, value in (
        ("Location", contact.location),
        ("Industry", contact.industry),
        ("How we met", contact.how_met),
    ):
        if value:
            details.add_row(label, escape(value))
    details.add_row(
        "In network since",
        f"{contact.added_on.isoformat()} ({Contact.Source(contact.source).label.lower()})",
    )
    if contact.archived_at:
        details.add_row("Archived", contact.archived_at.date().isoformat())

    title = f"[bold]{escape(contact.name)}[/bold] [dim]#{contact.pk}[/dim]"
    console = _console()
    console.print(Panel(details, title=title, title_align="left", expand=False))

    console.print("\n[bold]Open next steps[/bold]")
    if steps:
        open_steps = Table.grid(padding=(0, 2))
        open_steps.add_column(no_wrap=True, justify="right")
        open_steps.add_column()
        open_steps.add_column(no_wrap=True)
        open_steps.add_column(no_wrap=True)
        for step in steps:
            open_steps.add_row(f"#{step.pk}", Text(step.text), _due_cell(step, today), _whose(step))
        console.print(_indented(open_steps))
    else:
        console.print("  [dim]none[/dim]")

    console.print("\n[bold]Timeline[/bold]")
    if not interactions:
        console.print(
            f'  [dim]No conversations yet: weakties log {contact.pk} "what you talked about"[/dim]'
        )
    timeline = Table.grid(padding=(0, 2))
    timeline.add_column(no_wrap=True, style="cyan")
    timeline.add_column()
    for interaction in interactions[:CARD_INTERACTIONS]:
        others = [p.name for p in interaction.participants.all() if p.pk != contact.pk]
        line = Text.assemble(
            (f"{interaction.get_channel_display()}: ", "bold"), interaction.summary
        )
        if others:
            line.append(f" (with {', '.join(others)})", style="dim")
        timeline.add_row(interaction.occurred_on.isoformat(), line)
        for step in interaction.next_steps.all():
            state = f"done {step.done_on.isoformat()}" if step.done_on else "open"
            timeline.add_row(
                "", Text(f"→ next step #{step.pk}: {step.text} ({state})", style="dim")
            )
    console.print(_indented(timeline))
    if len(interactions) > CARD_INTERACTIONS:
        console.print(
            f"  [dim]… and {len(interactions) - CARD_INTERACTIONS} earlier (--json lists all)[/dim]"
        )

    if links:
        console.print("\n[bold]Knows[/bold]")
        known = Table.grid(padding=(0, 2))
        known.add_column(no_wrap=True, justify="right")
        known.add_column()
        known.add_column(no_wrap=True)
        for other, link in links:
            known.add_row(
                f"#{other.pk}",
                Text(other.name, style="bold"),
                f"{link.get_kind_display().lower()}, strength {link.strength}/5",
            )
        console.print(_indented(known))

    for heading, texts in (
        ("Memories", [m.text for m in contact.memories.all()]),
        ("Ways I can help", [h.text for h in contact.help_ideas.all()]),
    ):
        if texts:
            console.print(f"\n[bold]{heading}[/bold]")
            for text in texts:
                console.print(_indented(Text(f"• {text}")))
    if contact.notes:
        console.print("\n[bold]Notes[/bold]")
        console.print(_indented(Text(contact.notes)))


def contact_saved(contact: Contact, *, added: bool) -> None:
    where = f" at {escape(contact.organization.name)}" if contact.organization else ""
    verb = "Added" if added else "Updated"
    message(
        f"{verb} [bold]{escape(contact.name)}[/bold] (#{contact.pk}), "
        f"{Contact.Tie(contact.tie).label.lower()}{where}."
    )
    if added:
        message(f'[dim]Log a conversation: weakties log {contact.pk} "what you talked about"[/dim]')


def contact_archived(contact: Contact, *, already: bool = False) -> None:
    """After archive or unarchive; ``already``: the contact was so before, nothing changed."""
    name = f"[bold]{escape(contact.name)}[/bold] (#{contact.pk})"
    if contact.archived_at:
        if already:
            message(f"{name} was already archived. Undo: weakties unarchive {contact.pk}")
        else:
            message(
                f"Archived {name}: hidden from lists, history kept. "
                f"Undo: weakties unarchive {contact.pk}"
            )
    elif already:
        message(f"{name} is not archived: already in your lists.")
    else:
        message(f"{name} is back in your lists.")


def _who(contact: Contact) -> str:
    where = f" at {escape(contact.organization.name)}" if contact.organization else ""
    return f"{escape(contact.name)} (#{contact.pk}){where}"


def possible_duplicate(contact: Contact, other: Contact) -> None:
    """After adding ``contact``: ``other`` may be the same person."""
    message(
        f"[yellow]You already have {_who(other)}. The same person? "
        f"weakties merge {other.pk} {contact.pk}[/yellow]"
    )


def duplicates_table(found: Sequence[Any]) -> None:
    """``weakties duplicates``: each pair, why, and the command that merges it."""
    if not found:
        message("No likely duplicates: no two people share a name at one organisation.")
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    for title in ("Person", "Probably the same as", "Why", "Merge with"):
        table.add_column(title)
    for pair in found:
        table.add_row(
            _who(pair.first),
            _who(pair.second),
            pair.why,
            f"weakties merge {pair.first.pk} {pair.second.pk}",
        )
    console().print(table)
    message(f"[dim]{len(found)} possible duplicate{'s' if len(found) != 1 else ''}.[/dim]")


def contacts_merged(keep: Contact, *, other_name: str, other_id: int) -> None:
    message(
        f"Merged {escape(other_name)} (#{other_id}) into [bold]{escape(keep.name)}[/bold] "
        f"(#{keep.pk}); every conversation, next step, link and note now sits with #{keep.pk}."
    )


# Conversations and next steps ----------------------------------------------------------------


def next_steps_table(steps: Sequence[NextStep], *, today: date) -> None:
    """Open next steps, overdue first (the order the selector gives)."""
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("#", no_wrap=True, justify="right")
    table.add_column("Due", no_wrap=True)
    table.add_column("When", no_wrap=True)
    table.add_column("Next step")
    table.add_column("With")
    table.add_column("Move", no_wrap=True)
    for step in steps:
        style = _due_style(step, today)
        table.add_row(
            str(step.pk),
            Text(step.due.isoformat() if step.due else "—", style=style),
            Text(due_words(step.due, today), style=style),
            Text(step.text),
            Text(step.contact.name if step.contact else ""),
            _whose(step),
        )
    _console().print(table)


def next_steps(steps: Sequence[NextStep], *, today: date) -> None:
    if not steps:
        message(
            "No open next steps. End each conversation with one: "
            'weakties log WHO "summary" --next "what happens next" --due friday'
        )
        return
    overdue = sum(1 for step in steps if step.due and step.due < today)
    next_steps_table(steps, today=today)
    summary = _plural(len(steps), "open next step")
    if overdue:
        summary += f", [bold red]{overdue} overdue[/bold red]"
    message(f"[dim]{summary}. Mark one done: weakties done ID[/dim]")


def interaction_logged(interaction: Interaction, *, today: date) -> None:
    people = ", ".join(escape(p.name) for p in interaction.participants.all())
    message(
        f"Logged {CHANNEL_WORDS[interaction.channel]} with [bold]{people}[/bold] "
        f"on {interaction.occurred_on.isoformat()} (#{interaction.pk})."
    )
    steps = list(interaction.next_steps.all())
    for step in steps:
        _console().print(
            Text.assemble(
                f"Next step #{step.pk}: ",
                (step.text, "bold"),
                f" — {_whose(step)}, due ",
                _due_cell(step, today),
            )
        )
    if not steps:
        message(
            "[yellow]No next step.[/yellow] Conversations that end with one go somewhere; "
            'next time add --next "…" --due …'
        )


def step_done(step: NextStep, *, already: bool) -> None:
    who = f" (with {escape(step.contact.name)})" if step.contact else ""
    if already:
        message(f"#{step.pk} {escape(step.text)}{who} was already done on {step.done_on}.")
    else:
        message(f"Done: #{step.pk} [bold]{escape(step.text)}[/bold]{who}.")


# The home screen -----------------------------------------------------------------------------


def welcome() -> None:
    """The first run: what weakties is for and the three first steps."""
    console = _console()
    console.print("[bold]Welcome to weakties.[/bold]\n")
    console.print(
        "Most jobs are found through people. weakties remembers who you know, when you last "
        "talked and what you promised, and tells you what is worth doing today.\n"
    )
    console.print("[bold]Three first steps[/bold]")
    steps = Table.grid(padding=(0, 1))
    steps.add_column()
    steps.add_column()
    steps.add_row(
        "1.",
        "Bring in your people: export your connections from LinkedIn (Settings → Data "
        "privacy → Get a copy of your data) and import the file, or add people one by one:\n"
        "[cyan]weakties import linkedin Connections.csv[/cyan]\n"
        '[cyan]weakties add "Ada Lovelace" --org Acme --email ada@acme.example[/cyan]',
    )
    steps.add_row(
        "2.",
        "Set your weekly goals: new people to meet and people to talk to:\n"
        "[cyan]weakties goals --meet 2 --talk 5[/cyan]",
    )
    steps.add_row(
        "3.",
        "Log a conversation, and the next step it ended on:\n"
        '[cyan]weakties log Ada "Coffee about data roles" --next "Send my CV"[/cyan]',
    )
    console.print(steps)
    console.print(
        "\nJust looking around? Load a made-up network to explore: [cyan]weakties demo[/cyan]\n"
        "Every command explains itself: [cyan]weakties --help[/cyan]"
    )


def home_summary(counts: dict[str, int], *, today: date) -> None:
    """Plain ``weakties``: one line about the network above the day's plan."""
    console = _console()
    console.print(f"[bold]weakties[/bold] · {today.strftime('%A')} {today.isoformat()}")
    console.print(
        f"{_people(counts['contacts'])} "
        f"({_plural(counts['weak'], 'weak tie')}, {counts['strong']} strong) · "
        f"{_plural(counts['interactions'], 'conversation')} · "
        f"{_plural(counts['open_steps'], 'open next step')}\n"
    )


# Demo and server -----------------------------------------------------------------------------


def demo_loaded(report: DemoReport) -> None:
    message(
        f"Loaded the demo network: {report.contacts:,} people at {report.organizations:,} "
        f"organisations, {report.links:,} links between them, {report.tags:,} tags, "
        f"{report.interactions:,} conversations and {report.next_steps:,} next steps "
        f"({report.open_next_steps:,} still open)."
    )
    if report.extras:
        message("Also: " + ", ".join(report.extras) + ".")
    message("Start with [cyan]weakties[/cyan] for today's plan, or [cyan]weakties serve[/cyan].")


def serving(url: str) -> None:
    message(f"weakties is running at [bold]{url}[/bold] — press Ctrl+C to stop.")


# Errors --------------------------------------------------------------------------------------


def error_text(error: UserError) -> str:
    """The message of a refused command; for an ambiguous name, the people it could mean."""
    if isinstance(error, Ambiguous):
        return "\n".join([error.message, *(f"  {candidate}" for candidate in error.candidates)])
    return error.message
