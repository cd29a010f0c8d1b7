"""Commands about conversations and what follows them: log, next, done."""

from __future__ import annotations

import click

from weakties.cli import output
from weakties.cli.options import epilog, json_option, network_owner, who_argument
from weakties.dates import local_today, parse_date
from weakties.network import selectors, services
from weakties.network.models import Interaction
from weakties.network.serialize import interaction_to_dict, next_step_to_dict

CHANNELS = [choice.value for choice in Interaction.Channel]


@click.command(
    epilog=epilog(
        'weakties log Ada "Coffee about data roles at Acme" --channel coffee '
        '--next "Send my CV" --due friday',
        'weakties log ada@acme.example "Intro call" --with "Grace Hopper" --date yesterday '
        '--next "Grace sends the job description" --theirs --due "in 2 weeks"',
    )
)
@who_argument
@click.argument("summary")
@click.option(
    "--with",
    "others",
    multiple=True,
    metavar="WHO",
    help="Someone else who took part (repeatable).",
)
@click.option(
    "--channel",
    type=click.Choice(CHANNELS),
    default=Interaction.Channel.OTHER.value,
    show_default=True,
    help="How you talked.",
)
@click.option(
    "--date",
    "occurred",
    metavar="DATE",
    help='When it happened (default: today), e.g. "yesterday", "last friday", "2026-03-02".',
)
@click.option(
    "--next", "next_step", metavar="TEXT", help="The next step the conversation ended on."
)
@click.option(
    "--due",
    metavar="DATE",
    help='When the next step is due, e.g. "friday", "next month", "in 2 weeks", "2026-04-01".',
)
@click.option("--theirs", is_flag=True, help="The next step is their move (default: yours).")
@json_option
def log(
    who: str,
    summary: str,
    others: tuple[str, ...],
    channel: str,
    occurred: str | None,
    next_step: str | None,
    due: str | None,
    theirs: bool,
    as_json: bool,
) -> None:
    """Log a conversation with WHO about SUMMARY, and the next step it ended on.

    WHO is a name, part of one, an email, a LinkedIn URL or an id. The next step belongs to
    WHO; it is your move unless you say --theirs.
    """
    if theirs and not next_step:
        raise click.UsageError("--theirs says whose move the next step is; give it with --next.")
    if due is not None and not next_step:
        raise click.UsageError("--due is the next step's date; give the step with --next.")
    today = local_today()
    # Everything is parsed and every person found before anything is written.
    occurred_on = (
        parse_date(occurred, today=today, prefer="past", field="--date")
        if occurred is not None
        else today
    )
    due_on = (
        parse_date(due, today=today, prefer="future", field="--due") if due is not None else None
    )
    user = network_owner()
    participants = [selectors.contact_resolve(user=user, query=query) for query in (who, *others)]
    interaction = services.interaction_log(
        owner=user,
        participants=participants,
        summary=summary,
        channel=channel,
        occurred_on=occurred_on,
        next_step=next_step,
        next_step_due=due_on,
        next_step_mine=not theirs,
    )
    if as_json:
        output.print_json(interaction_to_dict(interaction))
    else:
        output.interaction_logged(interaction, today=today)


@click.command("next", epilog=epilog("weakties next", "weakties next --json"))
@json_option
def next_steps(as_json: bool) -> None:
    """Your open next steps by due date, overdue first."""
    user = network_owner()
    today = local_today()
    steps = list(selectors.next_step_list(user=user))
    if as_json:
        output.print_json([next_step_to_dict(step, today=today) for step in steps])
    else:
        output.next_steps(steps, today=today)


def _step_id(ctx: click.Context, param: click.Parameter, value: str) -> int:
    text = value.strip().removeprefix("#")
    if not text.isdigit():
        raise click.BadParameter(f"{value!r} is not a next step id (see: weakties next).")
    return int(text)


@click.command(epilog=epilog("weakties done 7"))
@click.argument("step_id", metavar="STEP_ID", callback=_step_id)
@json_option
def done(step_id: int, as_json: bool) -> None:
    """Mark next step STEP_ID as done today (the ids are in: weakties next)."""
    user = network_owner()
    step = selectors.next_step_get_for_user(user=user, step_id=step_id)
    already = step.done_on is not None
    services.next_step_complete(step=step)
    if as_json:
        output.print_json(next_step_to_dict(step, today=local_today()))
    else:
        output.step_done(step, already=already)


COMMANDS = [log, next_steps, done]
