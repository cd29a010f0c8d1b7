"""Commands of the daily plan: today, skip, snooze, week, goals, profile; the reciprocity
ledger (gave, got, owe, idea, introduce, ledger); reconnect drafts, templates and announcements.

The human output of this area lives here too (``cli/output.py`` is shared): each command hands
finished domain objects to one ``_show_*`` function.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import webbrowser
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from weakties.cli import output
from weakties.cli.options import epilog, json_option, network_owner, who_argument
from weakties.dates import local_today, parse_date
from weakties.errors import UserError
from weakties.interop.records import ImportFileError
from weakties.interop.text import decode
from weakties.network import selectors as network_selectors
from weakties.network import services as network_services
from weakties.network.models import Contact, Interaction, NextStep
from weakties.plan import selectors, serialize, services
from weakties.plan.drafts import PLACEHOLDERS
from weakties.plan.models import Exchange, MessageTemplate

KINDS = [kind.value for kind in Exchange.Kind]
CHANNELS = [choice.value for choice in Interaction.Channel]


def _console() -> Console:
    return output.console()


def _day(value: str | None, *, prefer: str = "future", field: str = "--date") -> date:
    today = local_today()
    if value is None:
        return today
    return parse_date(value, today=today, prefer=prefer, field=field)  # type: ignore[arg-type]


date_option = click.option(
    "--date",
    "when",
    metavar="DATE",
    help='The day to plan for (default: today), e.g. "tomorrow", "friday", "2026-04-01".',
)


# The mailto: opener, injectable for tests: ``WEAKTIES_NO_BROWSER=1`` never opens anything.
def open_in_mail_app(url: str) -> bool:
    if os.environ.get("WEAKTIES_NO_BROWSER"):
        return False
    try:
        return bool(webbrowser.open(url))
    except webbrowser.Error:
        return False


MAIL_OPENER: Callable[[str], bool] = open_in_mail_app

_CLIPBOARDS = (["pbcopy"], ["wl-copy"], ["xclip", "-selection", "clipboard"], ["clip.exe"])


def copy_to_clipboard(text: str) -> bool:
    """Copy with the system's clipboard tool, where there is one (never in tests)."""
    if os.environ.get("WEAKTIES_NO_BROWSER"):
        return False
    for command in _CLIPBOARDS:
        if shutil.which(command[0]):
            try:
                subprocess.run(command, input=text.encode(), check=True, timeout=5)
            except (OSError, subprocess.SubprocessError):
                continue
            return True
    return False


CLIPBOARD: Callable[[str], bool] = copy_to_clipboard


# today ----------------------------------------------------------------------------------------


def _bar(done: int, goal: int, width: int = 10) -> str:
    if goal <= 0:
        return ""
    filled = min(width, round(width * done / goal))
    return "[green]" + "█" * filled + "[/green][dim]" + "░" * (width - filled) + "[/dim]"


def _progress_line(label: str, done: int, goal: int) -> str:
    return f"  {label:<17} {_bar(done, goal)} {done}/{goal}"


def _step_line(step: NextStep, today: date) -> str:
    who = f" [dim]· {escape(step.contact.name)}[/dim]" if step.contact else ""
    whose = "" if step.mine else " [dim](their move)[/dim]"
    due = output.due_words(step.due, today)
    style = "red" if step.due and step.due < today else "yellow"
    return f"  #{step.pk} {escape(step.text)}{who}{whose} [{style}]{due}[/{style}]"


def show_today(plan: selectors.TodayPlan, *, empty: bool = False) -> None:
    """The day's plan as plain ``weakties`` and ``weakties today`` print it; ``empty``: the
    network has no one in it yet."""
    console = _console()
    day = plan.day
    console.print(f"[bold]Your plan for {day.strftime('%A %-d %B %Y')}[/bold]\n")
    if plan.reach_out:
        noun = "someone" if len(plan.reach_out) == 1 else f"{len(plan.reach_out)} people"
        console.print(f"[bold]Reach out to {noun} you have not spoken to in a while[/bold]")
        for number, suggestion in enumerate(plan.reach_out, 1):
            contact = suggestion.contact
            console.print(
                f"  {number}. [bold]{escape(contact.name)}[/bold] [dim]#{contact.pk}[/dim]"
            )
            console.print(f"     [dim]{escape(' · '.join(suggestion.reasons))}[/dim]")
        first = plan.reach_out[0].contact
        console.print(
            f'  [dim]Done? weakties log {first.pk} "…" · not today: weakties skip {first.pk}'
            f" · later: weakties snooze {first.pk} --until DATE"
            f" · a note: weakties draft {first.pk}[/dim]"
        )
    elif empty:
        console.print(
            "[bold]No one to reach out to yet[/bold]: your network is empty. Import your "
            "LinkedIn connections (weakties import Connections.csv) or add someone "
            "(weakties add NAME)."
        )
    else:
        console.print(
            "[bold]No one to reach out to today[/bold]: everyone you know has heard from you "
            f"within {plan.settings.dormant_days} days, or is skipped or snoozed."
        )
    console.print()
    if plan.next_steps:
        console.print("[bold]Next steps due[/bold] (yours first)")
        for step in plan.next_steps:
            console.print(_step_line(step, day))
        if plan.next_steps_total > len(plan.next_steps):
            more = plan.next_steps_total - len(plan.next_steps)
            console.print(f"  [dim]…and {more} more: weakties next[/dim]")
    else:
        console.print("[bold]Next steps due[/bold]: none today.")
    if plan.follow_ups:
        console.print("\n[bold]Promised follow-ups this week[/bold]")
        for step in plan.follow_ups:
            console.print(_step_line(step, day))
    week = plan.week
    console.print("\n[bold]This week[/bold]")
    console.print(_progress_line("People talked to", week.talked, week.talked_goal))
    console.print(_progress_line("New people met", week.met, week.met_goal))
    days = "day" if week.streak == 1 else "days"
    console.print(f"  Streak            {week.streak} {days} in a row with a reach-out")


@click.command(epilog=epilog("weakties today", "weakties today --date tomorrow --json"))
@date_option
@json_option
def today(when: str | None, as_json: bool) -> None:
    """Today's plan: who to reach out to and why, next steps due, and the week's goals.

    --date plans for any day, so you can look ahead.
    """
    day = _day(when)
    user = network_owner()
    plan = selectors.today_plan(user=user, day=day)
    if as_json:
        output.print_json(serialize.today_to_dict(plan))
    else:
        empty = not plan.reach_out and not network_selectors.contacts_for(user).exists()
        show_today(plan, empty=empty)


@click.command(epilog=epilog("weakties skip Ada"))
@who_argument
@json_option
def skip(who: str, as_json: bool) -> None:
    """Not WHO today: they are not suggested again for 30 days."""
    user = network_owner()
    contact = network_selectors.contact_resolve(user=user, query=who)
    pause = services.reach_out_skip(owner=user, contact=contact, day=local_today())
    if as_json:
        output.print_json({"contact": contact.pk, "kind": "skip", "until": pause.until.isoformat()})
    else:
        output.message(
            f"Skipped [bold]{escape(contact.name)}[/bold]: back in the plan on "
            f"{pause.until.strftime('%a %-d %b')}."
        )


@click.command(epilog=epilog('weakties snooze Ada --until "in 2 weeks"'))
@who_argument
@click.option("--until", "until", required=True, metavar="DATE", help="When to suggest them again.")
@json_option
def snooze(who: str, until: str, as_json: bool) -> None:
    """Leave WHO out of the plan until a day you choose."""
    day = local_today()
    back = parse_date(until, today=day, prefer="future", field="--until")
    user = network_owner()
    contact = network_selectors.contact_resolve(user=user, query=who)
    pause = services.reach_out_snooze(owner=user, contact=contact, until=back, day=day)
    if as_json:
        output.print_json(
            {"contact": contact.pk, "kind": "snooze", "until": pause.until.isoformat()}
        )
    else:
        output.message(
            f"Snoozed [bold]{escape(contact.name)}[/bold] "
            f"until {pause.until.strftime('%a %-d %b %Y')}."
        )


# week -----------------------------------------------------------------------------------------


def _names(contacts: Sequence[Contact]) -> str:
    return escape(", ".join(c.name for c in contacts)) if contacts else "[dim]nobody[/dim]"


def _show_week(review: selectors.WeekReview, *, today: date) -> None:
    console = _console()
    week = review.progress
    same_year = week.start.year == week.end.year  # the week of 30 December 2019 ends in 2020
    console.print(
        f"[bold]Week of {week.start.strftime('%-d %B' if same_year else '%-d %B %Y')} "
        f"to {week.end.strftime('%-d %B %Y')}[/bold]\n"
    )
    console.print(_progress_line("People talked to", week.talked, week.talked_goal))
    console.print(_progress_line("New people met", week.met, week.met_goal))
    console.print(
        f"  Streak            {week.streak} days; "
        f"reached out on {len(review.reach_out_days)} of 7 days\n"
    )
    console.print(f"[bold]Talked to[/bold]: {_names(review.contacted)}")
    console.print(f"[bold]New people[/bold]: {_names(review.new_people)}")
    meaningful = len(review.with_next_step)
    console.print(
        f"\n[bold]Conversations[/bold]: {review.conversations}, of which {meaningful} ended "
        "with a next step"
    )
    for interaction in review.with_next_step:
        people = ", ".join(p.name for p in interaction.participants.all())
        steps = "; ".join(s.text for s in interaction.next_steps.all())
        console.print(
            f"  {interaction.occurred_on.strftime('%a')}: {escape(people)} → {escape(steps)}"
        )
    if review.conversations and not meaningful:
        console.print("  [dim]Next time, agree on what happens next before you say goodbye.[/dim]")
    console.print(f"\n[bold]Next steps done[/bold]: {len(review.steps_done)}")
    for step in review.steps_done:
        console.print(f"  ✓ {escape(step.text)}")
    console.print(f"[bold]Overdue[/bold]: {len(review.steps_overdue)}")
    for step in review.steps_overdue:
        console.print(_step_line(step, today))
    console.print(
        f"\n[bold]Give and take[/bold]: you gave {len(review.gave)}, you received {len(review.got)}"
    )
    for exchange in [*review.gave, *review.got]:
        arrow = "→" if exchange.direction == "gave" else "←"
        console.print(f"  {arrow} {escape(exchange.contact.name)}: {escape(exchange.text)}")


@click.command(epilog=epilog("weakties week", "weakties week --date 'last monday' --json"))
@date_option
@json_option
def week(when: str | None, as_json: bool) -> None:
    """The weekly review: goal progress, who you talked to and met, conversations that ended
    with a next step, next steps done and overdue, and what you gave and received."""
    day = _day(when, prefer="past")
    review = selectors.week_review(user=network_owner(), day=day)
    if as_json:
        output.print_json(serialize.week_review_to_dict(review, today=day))
    else:
        _show_week(review, today=day)


# goals and profile ----------------------------------------------------------------------------


def _show_settings(values: dict[str, object]) -> None:
    console = _console()
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    labels = {
        "daily": "People to reach out to each day",
        "dormant_days": "Dormant after (days)",
        "mentor_days": "Mentor check-in every (days)",
        "meet": "New people to meet each week",
        "talk": "People to talk to each week",
        "goal": "My current goal",
        "pitch": "My pitch",
        "signature": "Signature",
    }
    for key, label in labels.items():
        if key in values:
            value = values[key]
            table.add_row(
                label, escape(str(value)) if value not in ("", None) else "[dim]not set[/dim]"
            )
    console.print(table)


@click.command(
    epilog=epilog("weakties goals", "weakties goals --meet 3 --talk 5 --dormant-days 60 --daily 2")
)
@click.option("--meet", type=click.IntRange(0, 100), help="New people to meet each week (2).")
@click.option("--talk", type=click.IntRange(0, 200), help="People to talk to each week (5).")
@click.option(
    "--dormant-days",
    type=click.IntRange(7, 3650),
    help="Suggest people silent for this many days (90).",
)
@click.option("--daily", type=click.IntRange(1, 20), help="People suggested each day (1).")
@click.option(
    "--mentor-days",
    type=click.IntRange(7, 3650),
    help="A mentor is due a check-in after this many days (30).",
)
@json_option
def goals(
    meet: int | None,
    talk: int | None,
    dormant_days: int | None,
    daily: int | None,
    mentor_days: int | None,
    as_json: bool,
) -> None:
    """Show or set your weekly goals and the daily plan's settings."""
    user = network_owner()
    changes = {
        "meet_goal": meet,
        "talk_goal": talk,
        "dormant_days": dormant_days,
        "daily_count": daily,
        "mentor_days": mentor_days,
    }
    if any(value is not None for value in changes.values()):
        settings = services.plan_settings_update(owner=user, **changes)
    else:
        settings = selectors.plan_settings_for(user)
    values = serialize.settings_to_dict(settings)
    if as_json:
        output.print_json(
            {k: values[k] for k in ("daily", "dormant_days", "mentor_days", "meet", "talk")}
        )
    else:
        _show_settings(
            {k: values[k] for k in ("daily", "dormant_days", "mentor_days", "meet", "talk")}
        )


@click.command(
    epilog=epilog(
        'weakties profile --goal "I\'m looking for a product role in digital health." '
        '--pitch "Eight years of building scheduling tools for clinics." --name Jordan'
    )
)
@click.option("--goal", metavar="TEXT", help="Why you are reaching out now, as a sentence.")
@click.option("--pitch", metavar="TEXT", help="What you bring, in a sentence or two.")
@click.option("--name", "signature", metavar="NAME", help="How you sign your notes.")
@json_option
def profile(goal: str | None, pitch: str | None, signature: str | None, as_json: bool) -> None:
    """Show or set your profile: the goal and pitch your reconnect notes draw on."""
    user = network_owner()
    if goal is not None or pitch is not None or signature is not None:
        settings = services.plan_settings_update(
            owner=user, goal=goal, pitch=pitch, my_name=signature
        )
    else:
        settings = selectors.plan_settings_for(user)
    values = serialize.settings_to_dict(settings)
    chosen = {k: values[k] for k in ("goal", "pitch", "signature")}
    if as_json:
        output.print_json(chosen)
    else:
        _show_settings(chosen)


# reciprocity ----------------------------------------------------------------------------------


def _record(
    direction: str, who: str, text: str, kind: str, when: str | None, as_json: bool
) -> None:
    user = network_owner()
    day = _day(when, prefer="past")
    contact = network_selectors.contact_resolve(user=user, query=who)
    exchange = services.exchange_record(
        owner=user, contact=contact, direction=direction, text=text, kind=kind, occurred_on=day
    )
    balance = selectors.reciprocity_balance(contact=contact)
    if as_json:
        output.print_json(
            serialize.exchange_to_dict(exchange)
            | {"balance": serialize.balance_to_dict(balance) | {"ledger": None}}
        )
        return
    verb = "You gave" if direction == "gave" else "You received from"
    kind_words = exchange.get_kind_display().lower()
    output.message(
        f"{verb} [bold]{escape(contact.name)}[/bold]: {kind_words}, {escape(exchange.text)}.\n"
        f"[dim]{balance.words}[/dim]"
    )


kind_option = click.option(
    "--kind",
    type=click.Choice(KINDS),
    default="other",
    show_default=True,
    help="What it was.",
)


@click.command(epilog=epilog('weakties gave Ada "The FHIR primer" --kind article'))
@who_argument
@click.argument("text")
@kind_option
@click.option("--date", "when", metavar="DATE", help="When (default: today).")
@json_option
def gave(who: str, text: str, kind: str, when: str | None, as_json: bool) -> None:
    """Record something you gave WHO: an article, an introduction, a recommendation…"""
    _record("gave", who, text, kind, when, as_json)


@click.command(epilog=epilog('weakties got Ada "Introduced me to Sam Patel" --kind introduction'))
@who_argument
@click.argument("text")
@kind_option
@click.option("--date", "when", metavar="DATE", help="When (default: today).")
@json_option
def got(who: str, text: str, kind: str, when: str | None, as_json: bool) -> None:
    """Record something WHO gave you: a job posting, advice, a referral…"""
    _record("got", who, text, kind, when, as_json)


@click.command(epilog=epilog("weakties owe", "weakties owe --json"))
@json_option
def owe(as_json: bool) -> None:
    """People who gave you more than you gave them: the ones to help back first."""
    people = list(selectors.owe_list(user=network_owner()))
    if as_json:
        output.print_json(
            [
                {
                    "contact": {"id": c.pk, "name": c.name},
                    "got": getattr(c, "got_count", 0),
                    "gave": getattr(c, "gave_count", 0),
                    "owed": getattr(c, "owed", 0),
                }
                for c in people
            ]
        )
        return
    console = _console()
    if not people:
        console.print("You owe no one: you have given at least as much as you received.")
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("#", "Name", "Organisation", "Received", "Gave", "Owed"):
        table.add_column(
            column, justify="right" if column in ("#", "Received", "Gave", "Owed") else "left"
        )
    for c in people:
        table.add_row(
            str(c.pk),
            escape(c.name),
            escape(c.organization.name) if c.organization else "",
            str(c.got_count),  # type: ignore[attr-defined]
            str(c.gave_count),  # type: ignore[attr-defined]
            str(c.owed),  # type: ignore[attr-defined]
        )
    console.print(table)
    console.print("[dim]Ideas: weakties idea WHO TEXT; then weakties gave WHO TEXT.[/dim]")


@click.command(epilog=epilog("weakties ledger Ada", "weakties ledger Ada --json"))
@who_argument
@json_option
def ledger(who: str, as_json: bool) -> None:
    """What you gave WHO and received from them, and the balance."""
    user = network_owner()
    contact = network_selectors.contact_resolve(user=user, query=who)
    balance = selectors.reciprocity_balance(contact=contact)
    ideas = [idea.text for idea in contact.help_ideas.all()]
    if as_json:
        output.print_json(serialize.balance_to_dict(balance) | {"ideas": ideas})
        return
    console = _console()
    console.print(f"[bold]{escape(contact.name)}[/bold]: {balance.words}")
    for exchange in balance.ledger:
        arrow = "you gave" if exchange.direction == "gave" else "you received"
        console.print(
            f"  {exchange.occurred_on.isoformat()}  {arrow} {exchange.get_kind_display().lower()}: "
            f"{escape(exchange.text)}"
        )
    if ideas:
        console.print("[bold]Ways you could help[/bold]")
        for idea in ideas:
            console.print(f"  • {escape(idea)}")


def _note_about(who: str, text: str, *, kind: str, as_json: bool) -> None:
    """``idea`` and ``memory``: one line about a person, saved and confirmed."""
    user = network_owner()
    contact = network_selectors.contact_resolve(user=user, query=who)
    if kind == "idea":
        added = network_services.help_idea_add(contact=contact, text=text).text
        said = f"Noted a way to help [bold]{escape(contact.name)}[/bold]"
    else:
        added = network_services.memory_add(contact=contact, text=text).text
        said = f"Noted a memory with [bold]{escape(contact.name)}[/bold]"
    if as_json:
        output.print_json({"contact": {"id": contact.pk, "name": contact.name}, kind: added})
    else:
        output.message(f"{said}: {escape(added)}")


@click.command(epilog=epilog('weakties idea Ada "Introduce her to Sam, who is hiring"'))
@who_argument
@click.argument("text")
@json_option
def idea(who: str, text: str, as_json: bool) -> None:
    """Note a way you could help WHO (shown on their page and in reconnect notes)."""
    _note_about(who, text, kind="idea", as_json=as_json)


@click.command(epilog=epilog('weakties memory Ada "We both love the Difference Engine"'))
@who_argument
@click.argument("text")
@json_option
def memory(who: str, text: str, as_json: bool) -> None:
    """Note a moment you shared with WHO (shown on their page; a reconnect note recalls it)."""
    _note_about(who, text, kind="memory", as_json=as_json)


@click.command(epilog=epilog('weakties introduce Ada "Sam Patel" --note "both in health data"'))
@click.argument("first")
@click.argument("second")
@click.option("--note", default="", metavar="TEXT", help="Why they should meet.")
@json_option
def introduce(first: str, second: str, note: str, as_json: bool) -> None:
    """Introduce FIRST and SECOND: records "gave: introduction" for both and links them."""
    user = network_owner()
    a = network_selectors.contact_resolve(user=user, query=first)
    b = network_selectors.contact_resolve(user=user, query=second)
    link, to_a, to_b = services.introduce(owner=user, a=a, b=b, note=note, day=local_today())
    if as_json:
        output.print_json(
            {
                "link": {
                    "a": link.contact_a_id,
                    "b": link.contact_b_id,
                    "kind": link.kind,
                    "strength": link.strength,
                },
                "exchanges": [serialize.exchange_to_dict(to_a), serialize.exchange_to_dict(to_b)],
            }
        )
    else:
        output.message(
            f"Introduced [bold]{escape(a.name)}[/bold] and [bold]{escape(b.name)}[/bold]: "
            f"recorded for both, and linked ({link.get_kind_display().lower()}, "
            f"strength {link.strength}/5)."
        )


# drafts, templates, announcements -------------------------------------------------------------


@click.command(epilog=epilog("weakties draft Ada", "weakties draft Ada --template short --send"))
@who_argument
@click.option(
    "--template",
    default="reconnect",
    show_default=True,
    metavar="NAME",
    help="Which template (see: weakties templates).",
)
@click.option(
    "--send", is_flag=True, help="Open it in your mail app (a mailto: link) and log an email."
)
@json_option
def draft(who: str, template: str, send: bool, as_json: bool) -> None:
    """Write a reconnect note to WHO: the time since you spoke, a memory, why now, and an
    offer to help. Parts you have not recorded are left out."""
    user = network_owner()
    day = local_today()
    contact = network_selectors.contact_resolve(user=user, query=who)
    view = selectors.draft_for(user=user, contact=contact, day=day, template=template)
    opened = copied = False
    if send:
        opened = bool(view.email) and MAIL_OPENER(view.mailto)
        copied = not opened and CLIPBOARD(f"{view.draft.subject}\n\n{view.draft.body}")
        services.message_sent(owner=user, contact=contact, subject=view.draft.subject, day=day)
    if as_json:
        output.print_json(
            serialize.draft_to_dict(view) | {"sent": send, "opened": opened, "copied": copied}
        )
        return
    console = _console()
    if view.email:
        console.print(f"[dim]To: {escape(view.email)}[/dim]")
    console.print(f"[dim]Subject: {escape(view.draft.subject)}[/dim]\n")
    console.print(escape(view.draft.body))
    if view.draft.missing:
        hints = {
            "memory": f'weakties memory {contact.pk} "what you shared"',
            "goal": "weakties profile --goal TEXT",
            "pitch": "weakties profile --pitch TEXT",
            "signature": "weakties profile --name NAME",
        }
        missing = [
            f"{name} ({hints[name]})" if name in hints else name for name in view.draft.missing
        ]
        console.print(f"\n[dim]Left out, nothing recorded: {escape(', '.join(missing))}[/dim]")
    if send:
        how = (
            "Opened in your mail app"
            if opened
            else "Copied to the clipboard"
            if copied
            else "Copy it into your mail app"
        )
        console.print(f"\n[green]{how}; logged an email to {escape(contact.name)}.[/green]")
    else:
        console.print(f"\n[dim]Send it: weakties draft {contact.pk} --send[/dim]")


@click.command(epilog=epilog("weakties templates", "weakties templates --json"))
@json_option
def templates(as_json: bool) -> None:
    """Your message templates (built-in ones until you save your own of the same name)."""
    found = selectors.template_list(user=network_owner())
    if as_json:
        output.print_json([serialize.template_to_dict(t) for t in found])
        return
    console = _console()
    for t in found:
        origin = "yours" if t.stored else "built in"
        console.print(
            f"[bold]{escape(t.name)}[/bold] [dim]({t.kind}, {origin})[/dim] {escape(t.subject)}"
        )
    console.print(
        "[dim]Placeholders: " + ", ".join("{" + name + "}" for name in PLACEHOLDERS) + "[/dim]"
    )
    console.print("[dim]Edit one: weakties template NAME --file note.txt[/dim]")


@click.command(
    epilog=epilog(
        "weakties template reconnect",
        "weakties template coffee --body 'Hi {first_name}, coffee soon?' --subject Coffee?",
        "weakties template announce --file announce.txt",
    )
)
@click.argument("name")
@click.option("--body", metavar="TEXT", help="The new text, with {placeholders}.")
@click.option(
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the new text from a file.",
)
@click.option("--subject", metavar="TEXT", help="The email subject.")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in MessageTemplate.Kind]),
    help="reconnect or announcement.",
)
@json_option
def template(
    name: str,
    body: str | None,
    path: Path | None,
    subject: str | None,
    kind: str | None,
    as_json: bool,
) -> None:
    """Show template NAME, or save it with --body or --file (a new name creates one)."""
    user = network_owner()
    if body is not None and path is not None:
        raise click.UsageError("Give the text with --body or --file, not both.")
    if path is not None:
        # Read as the importers read: UTF-8 with or without BOM, UTF-16, else the Windows code
        # page a Notepad or Word user saves in; a binary file is refused with its name.
        try:
            body, _ = decode(path.read_bytes(), file_name=str(path))
        except ImportFileError:
            raise click.BadParameter(
                f"{path} is not a text file; save the template as plain text.",
                param_hint="--file",
            ) from None
    if body is not None or subject is not None or kind is not None:
        if body is None:
            body = selectors.template_get(user=user, name=name).body
        services.template_save(owner=user, name=name, body=body, subject=subject, kind=kind)
    shown = selectors.template_get(user=user, name=name)
    if as_json:
        output.print_json(serialize.template_to_dict(shown))
        return
    console = _console()
    console.print(
        f"[bold]{escape(shown.name)}[/bold] [dim]({shown.kind})[/dim]  "
        f"Subject: {escape(shown.subject)}\n"
    )
    console.print(escape(shown.body))


def _file_name(contact: Contact) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", contact.name.casefold()).strip("-") or "contact"
    return f"{contact.pk:05d}-{slug}.txt"


@click.command(
    epilog=epilog(
        "weakties announce --tag alumni --out letters/",
        "weakties announce --weak-ties 'Hi {first_name}, I am looking for my next role. {goal}'",
        "weakties announce --tag alumni --confirm-sent",
    )
)
@click.argument("text", required=False)
@click.option("--tag", metavar="TAG", help="Everyone with this tag.")
@click.option("--org", "organization", metavar="ORG", help="Everyone at this organisation.")
@click.option("--weak-ties", is_flag=True, help="All your weak ties.")
@click.option(
    "--template",
    "template_name",
    default="announce",
    show_default=True,
    metavar="NAME",
    help="The template, unless TEXT is given.",
)
@click.option(
    "--out",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one file per person here (default: print them).",
)
@click.option(
    "--confirm-sent", is_flag=True, help="You have sent them: log an email to each person."
)
@json_option
def announce(
    text: str | None,
    tag: str | None,
    organization: str | None,
    weak_ties: bool,
    template_name: str,
    folder: Path | None,
    confirm_sent: bool,
    as_json: bool,
) -> None:
    """Tell a group you are looking: one personalised message per person (TEXT is a template
    with {placeholders}; the "announce" template otherwise). Nothing is logged until you
    confirm you sent them, with --confirm-sent or at the prompt."""
    if not (tag or organization or weak_ties):
        raise click.UsageError("Say who hears it: one of --tag, --org or --weak-ties.")
    user = network_owner()
    day = local_today()
    people = selectors.announcement_recipients(
        user=user, tag=tag, organization=organization, weak_ties=weak_ties
    )
    if not people:
        raise UserError(
            "No one in that group (archived people and people not met yet are left out)."
        )
    views = selectors.announcement_drafts(
        user=user, people=people, day=day, template=template_name, body=text
    )
    subject = views[0].draft.subject
    if confirm_sent:
        logged = services.announcement_sent(owner=user, people=people, subject=subject, day=day)
        if as_json:
            output.print_json(
                {
                    "logged": [{"id": c.pk, "name": c.name} for c in people],
                    "interactions": [i.pk for i in logged],
                }
            )
        else:
            told = len(people) - len(logged)
            again = f"; {told} already had it logged today" if told else ""
            output.message(
                f"Logged the announcement as an email to {len(logged)} "
                f"{'person' if len(logged) == 1 else 'people'}{again}."
            )
        return
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        for view in views:
            header = f"To: {view.email or ''}\nSubject: {view.draft.subject}\n\n"
            (folder / _file_name(view.contact)).write_text(
                header + view.draft.body + "\n", encoding="utf-8"
            )
    if as_json:
        output.print_json(
            {
                "messages": [serialize.draft_to_dict(v) for v in views],
                "folder": str(folder) if folder else None,
                "logged": False,
            }
        )
        return
    console = _console()
    if folder is None:
        for view in views:
            console.rule(
                escape(f"{view.contact.name} <{view.email}>" if view.email else view.contact.name)
            )
            console.print(escape(view.draft.body) + "\n")
    else:
        console.print(f"Wrote {len(views)} messages to {escape(str(folder))}/.")
    again = " ".join(
        part
        for part in (
            "weakties announce",
            f"--tag {tag!r}" if tag else "",
            f"--org {organization!r}" if organization else "",
            "--weak-ties" if weak_ties else "",
            "--confirm-sent",
        )
        if part
    )
    if sys.stdin.isatty() and click.confirm(
        f"Have you sent these {len(views)} messages? Log them as emails", default=False
    ):
        services.announcement_sent(owner=user, people=people, subject=subject, day=day)
        console.print(f"Logged an email to each of the {len(views)} people.")
    else:
        console.print(f"[dim]Nothing logged yet. Once you have sent them: {escape(again)}[/dim]")


COMMANDS = [
    today,
    skip,
    snooze,
    week,
    goals,
    profile,
    gave,
    got,
    owe,
    ledger,
    idea,
    memory,
    introduce,
    draft,
    templates,
    template,
    announce,
]
