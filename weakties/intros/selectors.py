"""Who can introduce me: the questions the CLI, the web pages and other areas ask.

Every function takes the user and answers from that user's cached snapshot
(``snapshot.snapshot_for``), so the routes only ever go through the user's own network.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import User
from django.db.models.functions import Lower

from weakties.dates import local_today
from weakties.errors import Ambiguous, NotFound, UserError
from weakties.graph import best_routes, reach, who_knows
from weakties.graph.limits import DEFAULT_MAX_HOPS, MAX_HOPS_LIMIT
from weakties.intros.explain import ExplainedRoute, routes_explain
from weakties.intros.snapshot import ME, Snapshot, snapshot_for
from weakties.network import selectors as network_selectors
from weakties.network.models import Contact, Organization
from weakties.network.normalize import clean_text

ESTIMATE_PER_CONTACT = 250  # seed 003: "most people you meet have at least 250 contacts"
ORG_PREFIX = "org:"


@dataclass(frozen=True)
class Target:
    kind: str  # "contact" or "organization"
    id: int
    name: str
    contact: Contact | None = None
    organization: Organization | None = None


@dataclass(frozen=True)
class PeopleAt:
    """Who I know at an organisation (first degree) and who knows someone there (second)."""

    known: list[Contact]
    not_met: list[Contact]
    via: list[tuple[Contact, list[Contact]]]


@dataclass(frozen=True)
class PathAnswer:
    target: Target
    routes: list[ExplainedRoute]
    strongest: bool
    max_hops: int
    people_at: PeopleAt | None = None
    message: str = ""  # why there is no route, in words for every screen
    hint: str = ""  # what to do about it, as commands (the web offers links instead)


@dataclass(frozen=True)
class Reach:
    first: int
    second: int
    contacts: int
    not_met: int
    estimate: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "estimate", self.first * ESTIMATE_PER_CONTACT)

    # For templates: numbers with thousands separators, as the CLI prints them.
    @property
    def first_text(self) -> str:
        return f"{self.first:,}"

    @property
    def second_text(self) -> str:
        return f"{self.second:,}"

    @property
    def estimate_text(self) -> str:
        return f"{self.estimate:,}"


def path_target_resolve(*, user: User, text: str) -> Target:
    """The person or organisation a user means by ``text``.

    An id (``12``, ``#12``), an email or a LinkedIn URL is always a person; ``org:NAME`` is
    always an organisation. Otherwise an organisation whose name is exactly ``text`` (any case)
    wins over people whose names merely contain it, but if a person is also called exactly
    that, the answer is ``Ambiguous`` and says how to pick either. Failing both, a person is
    resolved as everywhere else, then an organisation whose name contains ``text``.
    """
    text = clean_text(text)
    if text.casefold().startswith(ORG_PREFIX):
        return _organization_target(user, text[len(ORG_PREFIX) :].strip(), exact_only=False)
    organizations = Organization.objects.filter(owner=user)
    exact_org = organizations.filter(name__iexact=text).first()
    if exact_org is not None:
        namesakes = list(
            network_selectors.contacts_for(user).filter(name__iexact=text).order_by("id")[:5]
        )
        if namesakes:
            raise Ambiguous(
                f"{text!r} is both an organisation and a person; say which:",
                candidates=[f"{ORG_PREFIX}{exact_org.name} (the organisation)"]
                + [f"#{person.pk} {person.name} (the person)" for person in namesakes],
            )
        return _as_target(exact_org)
    try:
        contact = network_selectors.contact_resolve(user=user, query=text)
    except NotFound:  # (Ambiguous, several people, goes up as it is)
        try:
            return _organization_target(user, text, exact_only=False)
        except NotFound:
            raise NotFound(_not_found_message(user, text)) from None
    return Target(kind="contact", id=contact.pk, name=contact.name, contact=contact)


def _as_target(organization: Organization) -> Target:
    return Target(
        kind="organization", id=organization.pk, name=organization.name, organization=organization
    )


def _organization_target(user: User, text: str, *, exact_only: bool) -> Target:
    organizations = Organization.objects.filter(owner=user)
    exact = organizations.filter(name__iexact=text).first()
    if exact is not None:
        return _as_target(exact)
    if not exact_only and text:
        inside = list(organizations.filter(name__icontains=text).order_by(Lower("name"))[:10])
        if len(inside) == 1:
            return _as_target(inside[0])
        if len(inside) > 1:
            raise Ambiguous(
                f"{text!r} matches {len(inside)} organisations; say which:",
                candidates=[f"{ORG_PREFIX}{org.name}" for org in inside],
            )
    close = _close_organizations(user, text)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise NotFound(f"No organisation called {text!r} in your network.{hint}")


def _close_organizations(user: User, text: str) -> list[str]:
    names = list(Organization.objects.filter(owner=user).values_list("name", flat=True))
    by_key = {name.casefold(): name for name in names}
    found = difflib.get_close_matches(text.casefold(), list(by_key), n=3, cutoff=0.6)
    return [by_key[key] for key in found]


def _not_found_message(user: User, text: str) -> str:
    close = network_selectors.close_names(user=user, query=text) + _close_organizations(user, text)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    return f"No one and no organisation called {text!r} in your network.{hint}"


def _check_options(max_hops: int, routes: int) -> None:
    if not 1 <= max_hops <= MAX_HOPS_LIMIT:
        raise UserError(f"max hops: give a number from 1 to {MAX_HOPS_LIMIT}.", field="max_hops")
    if not 1 <= routes <= 20:
        raise UserError("routes: give a number from 1 to 20.", field="routes")


def contact_paths(
    *,
    user: User,
    contact: Contact,
    strongest: bool = False,
    max_hops: int = DEFAULT_MAX_HOPS,
    routes: int = 3,
    today: date | None = None,
) -> PathAnswer:
    """Routes from me to one person, each through a different first contact."""
    _check_options(max_hops, routes)
    target = Target(kind="contact", id=contact.pk, name=contact.name, contact=contact)
    snapshot = snapshot_for(user=user, today=today or local_today())
    node = snapshot.node(contact.pk)
    found = (
        []
        if node is None
        else best_routes(
            snapshot.graph, ME, [node], routes=routes, max_hops=max_hops, strongest=strongest
        )
    )
    explained = routes_explain(user=user, snapshot=snapshot, routes=found)
    message = hint = ""
    if node is None:
        message = f"{contact.name} is archived; unarchive them to look for introductions."
        hint = f'weakties unarchive "{contact.name}"'
    elif not explained:
        message = f"No route to {contact.name} within {_hops(max_hops)}."
        hint = (
            f'Record who knows them (weakties link "{contact.name}" SOMEONE) or try '
            f"--max-hops {max_hops + 1}."
        )
    return PathAnswer(
        target=target,
        routes=explained,
        strongest=strongest,
        max_hops=max_hops,
        message=message,
        hint=hint,
    )


def organization_paths(
    *,
    user: User,
    organization: Organization,
    routes: int = 3,
    strongest: bool = False,
    max_hops: int = DEFAULT_MAX_HOPS,
    today: date | None = None,
) -> list[ExplainedRoute]:
    """The best routes to anyone at ``organization``, one per first contact to ask.

    For other areas' pages (an organisation's page, a lead's page): render the result with
    ``{% include "web/intros/_organization_paths.html" %}`` and ``organization_paths`` in the
    context. Six queries whatever the size of the network (two more when the snapshot has
    to be rebuilt).
    """
    *_, explained = _organization_routes(
        user, organization, routes=routes, strongest=strongest, max_hops=max_hops, today=today
    )
    return explained


def _organization_routes(
    user: User,
    organization: Organization,
    *,
    routes: int,
    strongest: bool,
    max_hops: int,
    today: date | None,
) -> tuple[Snapshot, list[int], list[int], list[ExplainedRoute]]:
    """(snapshot, the active people there, their nodes, the best routes to them)."""
    _check_options(max_hops, routes)
    snapshot = snapshot_for(user=user, today=today or local_today())
    member_ids = list(
        network_selectors.contacts_for(user)
        .filter(organization=organization, archived_at__isnull=True)
        .values_list("id", flat=True)
    )
    nodes = [node for node in (snapshot.node(cid) for cid in member_ids) if node is not None]
    found = (
        best_routes(
            snapshot.graph, ME, nodes, routes=routes, max_hops=max_hops, strongest=strongest
        )
        if nodes
        else []
    )
    return snapshot, member_ids, nodes, routes_explain(user=user, snapshot=snapshot, routes=found)


def organization_answer(
    *,
    user: User,
    organization: Organization,
    routes: int = 3,
    strongest: bool = False,
    max_hops: int = DEFAULT_MAX_HOPS,
    today: date | None = None,
) -> PathAnswer:
    """Routes to anyone at the organisation, plus who I know there and who knows someone."""
    snapshot, member_ids, nodes, explained = _organization_routes(
        user, organization, routes=routes, strongest=strongest, max_hops=max_hops, today=today
    )
    linked = who_knows(snapshot.graph, ME, nodes) if nodes else {}
    people_ids = set(member_ids) | {snapshot.contact_id(node) for node in linked}
    people = network_selectors.contacts_for(user).select_related("organization").in_bulk(people_ids)

    def closeness_to_me(contact: Contact) -> tuple[float, str]:
        """People I know best first: the strength of my tie to them, then the name."""
        node = snapshot.node(contact.pk)
        edge = snapshot.graph.edge(ME, node) if node is not None else None
        return (-(edge[0] if edge else 0.0), contact.name.casefold())

    members = sorted((people[cid] for cid in member_ids), key=closeness_to_me)
    via = [
        (
            people[snapshot.contact_id(contact_node)],
            sorted(
                (people[snapshot.contact_id(node)] for node in targets),
                key=lambda c: c.name.casefold(),
            ),
        )
        for contact_node, targets in linked.items()
    ]
    via.sort(key=lambda pair: closeness_to_me(pair[0]))
    people_at = PeopleAt(
        known=[c for c in members if c.tie != Contact.Tie.NONE],
        not_met=[c for c in members if c.tie == Contact.Tie.NONE],
        via=via,
    )
    message = hint = ""
    if not member_ids:
        message = f"Nobody at {organization.name} is in your network yet."
        hint = (
            f'Add people who work there (weakties add NAME --org "{organization.name}") and '
            "who knows them (weakties link A B)."
        )
    elif not explained:
        message = f"No route to anyone at {organization.name} within {_hops(max_hops)}."
        hint = f"Record who knows them (weakties link A B) or try --max-hops {max_hops + 1}."
    return PathAnswer(
        target=_as_target(organization),
        routes=explained,
        strongest=strongest,
        max_hops=max_hops,
        people_at=people_at,
        message=message,
        hint=hint,
    )


def path_find(
    *,
    user: User,
    target: str,
    strongest: bool = False,
    max_hops: int = DEFAULT_MAX_HOPS,
    routes: int = 3,
    today: date | None = None,
) -> PathAnswer:
    """``weakties path TARGET`` and the "Find an introduction" page: resolve, then search."""
    _check_options(max_hops, routes)
    resolved = path_target_resolve(user=user, text=target)
    if resolved.organization is not None:
        return organization_answer(
            user=user,
            organization=resolved.organization,
            routes=routes,
            strongest=strongest,
            max_hops=max_hops,
            today=today,
        )
    assert resolved.contact is not None
    return contact_paths(
        user=user,
        contact=resolved.contact,
        strongest=strongest,
        max_hops=max_hops,
        routes=routes,
        today=today,
    )


def network_reach(*, user: User, today: date | None = None) -> Reach:
    """How far my network reaches: people I have met, people one introduction away, estimate."""
    snapshot = snapshot_for(user=user, today=today or local_today())
    first, second = reach(snapshot.graph, ME)
    contacts = snapshot.graph.n - 1
    not_met = (
        network_selectors.contacts_for(user)
        .filter(archived_at__isnull=True, tie=Contact.Tie.NONE)
        .count()
    )
    return Reach(first=first, second=second, contacts=contacts, not_met=not_met)


def _hops(count: int) -> str:
    return f"{count} hop" if count == 1 else f"{count} hops"
