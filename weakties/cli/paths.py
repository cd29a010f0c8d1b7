"""Commands of the introduction paths: path, link, reach.

The printing of these commands lives here too (``cli/output.py`` is shared); like the rest of
the CLI it escapes everything a person typed before it reaches rich.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.markup import escape

from weakties.cli import output
from weakties.cli.options import epilog, json_option, network_owner
from weakties.dates import local_today
from weakties.errors import UserError
from weakties.graph.limits import DEFAULT_MAX_HOPS, MAX_HOPS_LIMIT
from weakties.network import selectors as network_selectors
from weakties.network import services
from weakties.network.models import ContactLink

if TYPE_CHECKING:
    from weakties.intros.explain import ExplainedRoute

# The path engine (numpy) is imported inside the commands that use it, so every other
# command starts without it.

LINK_KINDS = [choice.value for choice in ContactLink.Kind]


def _console() -> Console:
    return output.console()


@click.command(
    epilog=epilog(
        'weakties path "Cy Chen"',
        'weakties path "Northwind Health" --routes 5',
        "weakties path Acme --strongest --max-hops 3 --json",
    )
)
@click.argument("target")
@click.option(
    "--strongest",
    is_flag=True,
    help="Rank routes by the product of tie strengths instead of by fewest hops.",
)
@click.option(
    "--max-hops",
    type=click.IntRange(1, MAX_HOPS_LIMIT),
    default=DEFAULT_MAX_HOPS,
    show_default=True,
    metavar="N",
    help="Longest introduction chain to consider (people between you and the target, plus 1).",
)
@click.option(
    "--routes",
    type=click.IntRange(1, 20),
    default=3,
    show_default=True,
    metavar="K",
    help="How many routes to show, each through a different first contact.",
)
@json_option
def path(target: str, strongest: bool, max_hops: int, routes: int, as_json: bool) -> None:
    """Who can introduce you to TARGET: a person or an organisation.

    TARGET is a person (name, part of one, email, LinkedIn URL, #id) or an organisation
    (its name; org:NAME when a person has the same name). For an organisation you get the
    best routes to anyone there, who you know there and who knows someone there.
    """
    user = network_owner()
    from weakties.intros import selectors
    from weakties.intros.serialize import answer_to_dict

    answer = selectors.path_find(
        user=user, target=target, strongest=strongest, max_hops=max_hops, routes=routes
    )
    if as_json:
        output.print_json(answer_to_dict(answer))
        if not answer.routes:
            raise UserError(f"{answer.message} {answer.hint}".strip())
        return
    today = local_today()
    console = _console()
    kind = "organisation" if answer.target.kind == "organization" else "person"
    ranking = "strongest ties" if strongest else "fewest hops, then strongest ties"
    console.print(
        f"[bold]Introductions to {escape(answer.target.name)}[/bold] [dim]({kind}; "
        f"{ranking}; at most {max_hops} hop{'s' if max_hops != 1 else ''})[/dim]"
    )
    people_at = answer.people_at
    if people_at is not None:
        known = [escape(c.name) for c in people_at.known]
        console.print(f"You know there: {_some(known) or 'nobody yet'}")
        if people_at.via:
            via = [
                f"{escape(c.name)} (knows {', '.join(escape(t.name) for t in there)})"
                for c, there in people_at.via
            ]
            console.print(f"Know someone there: {_some(via, separator='; ')}")
    if not answer.routes:
        raise UserError(f"{answer.message} {answer.hint}".strip())
    for number, route in enumerate(answer.routes, 1):
        console.print()
        _print_route(console, number, route, today)


def _some(items: list[str], *, shown: int = 6, separator: str = ", ") -> str:
    """The first few items, and how many more there are."""
    more = f"{separator}and {len(items) - shown} more" if len(items) > shown else ""
    return separator.join(items[:shown]) + more


def _print_route(console: Console, number: int, route: ExplainedRoute, today: date) -> None:
    hops = "hop" if route.length == 1 else "hops"
    console.print(
        f"[bold]{number}. {escape(route.advice)}[/bold]\n"
        f"   [dim]{route.strength_words} route ({route.strength:.2f}), {route.length} {hops}[/dim]"
    )
    previous = "you"
    for hop in route.hops:
        at = f" [dim]({escape(hop.organization)})[/dim]" if hop.organization else ""
        console.print(
            f"   {escape(previous)} → [bold]{escape(hop.name)}[/bold] "
            f"[dim]#{hop.contact_id}[/dim]{at}"
        )
        details = [escape(hop.relation), f"strength {hop.strength:.2f} ({hop.strength_words})"]
        if hop.inferred:
            details.append("[yellow]inferred, not recorded[/yellow]")
        if hop.met and hop.last_contacted:
            details.append(f"last talked {output.last_contacted(hop.last_contacted, today)}")
        elif hop.met:
            details.append("no conversation logged yet")
        console.print("       " + " · ".join(details))
        previous = hop.name


@click.command(
    epilog=epilog(
        'weakties link "Ann Archer" "Cy Chen" --kind colleague --strength 4',
        "weakties link 12 31 --kind friend --json",
    )
)
@click.argument("a")
@click.argument("b")
@click.option(
    "--kind",
    type=click.Choice(LINK_KINDS),
    help="How they know each other (a new link: other).",
)
@click.option(
    "--strength",
    type=click.IntRange(1, 5),
    metavar="1-5",
    help="1 (know of each other) to 5 (very close); a new link: 3.",
)
@click.option("--note", metavar="TEXT", help="A few words on how they know each other.")
@json_option
def link(
    a: str, b: str, kind: str | None, strength: int | None, note: str | None, as_json: bool
) -> None:
    """Record that A and B know each other, or update their link: options left out stay as
    they are.

    A and B are people in your network, named as everywhere else. Links are what
    introductions travel along: see weakties path.
    """
    user = network_owner()
    first = network_selectors.contact_resolve(user=user, query=a)
    second = network_selectors.contact_resolve(user=user, query=b)
    saved = services.contact_link(a=first, b=second, kind=kind, strength=strength, note=note)
    if as_json:
        output.print_json(
            {
                "id": saved.pk,
                "a": {"id": first.pk, "name": first.name},
                "b": {"id": second.pk, "name": second.name},
                "kind": saved.kind,
                "strength": saved.strength,
                "note": saved.note,
            }
        )
        return
    output.message(
        f"Linked [bold]{escape(first.name)}[/bold] and [bold]{escape(second.name)}[/bold]: "
        f"{escape(saved.get_kind_display().lower())}, strength {saved.strength}/5."
    )


@click.command(epilog=epilog("weakties reach", "weakties reach --json"))
@json_option
def reach(as_json: bool) -> None:
    """How far your network reaches: first and second degree, and an estimate.

    First degree: the people you have met. Second degree: people in your notes you have not
    met but who know someone you have. The estimate counts 250 acquaintances for each person
    you have met ("most people you meet have at least 250 contacts").
    """
    user = network_owner()
    from weakties.intros import selectors
    from weakties.intros.serialize import reach_to_dict

    result = selectors.network_reach(user=user)
    if as_json:
        output.print_json(reach_to_dict(result))
        return
    console = _console()
    console.print(f"[bold]{result.first:,}[/bold] people you have met (first degree)")
    console.print(
        f"[bold]{result.second:,}[/bold] more one introduction away in your notes (second degree)"
    )
    console.print(
        f"About [bold]{result.estimate:,}[/bold] people within one introduction: "
        f"{result.first:,} × 250, since most people you meet have at least 250 contacts."
    )
    if result.not_met > result.second:
        console.print(
            f"[dim]{result.not_met - result.second:,} people you have not met are linked to "
            "nobody you know yet: weakties link A B records who knows whom.[/dim]"
        )


COMMANDS: list[click.Command] = [path, link, reach]
