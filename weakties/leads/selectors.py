"""Reads of the hidden-job-market area, always scoped to one user.

Every view and command fetches leads, events and organisations through these functions, so
ownership is checked in one place: another user's object is reported like a missing one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from weakties.errors import Ambiguous, NotFound
from weakties.leads.models import CLOSED_STAGES, OPEN_STAGES, Event, Lead, Membership
from weakties.network.models import Contact, ContactLink, Organization
from weakties.network.normalize import clean_text

KNOWN_TIES = (Contact.Tie.STRONG, Contact.Tie.WEAK)  # "not met yet" people cannot advocate
TIE_RANK = Case(
    When(tie=Contact.Tie.STRONG, then=Value(2)),
    When(tie=Contact.Tie.WEAK, then=Value(1)),
    default=Value(0),
    output_field=IntegerField(),
)


def _id(text: str) -> int | None:
    text = text.strip().removeprefix("#")
    return int(text) if text.isdigit() else None


# Leads ----------------------------------------------------------------------------------------


def leads_for(user: User) -> QuerySet[Lead]:
    return Lead.objects.filter(owner=user).select_related("organization", "source", "referrer")


def lead_list(
    *,
    user: User,
    stage: str | None = None,
    include_closed: bool = False,
    organization: Organization | None = None,
) -> QuerySet[Lead]:
    """Leads, newest heard first: the open ones unless a stage or ``include_closed`` says else."""
    leads = leads_for(user)
    if stage:
        leads = leads.filter(stage=stage)
    elif not include_closed:
        leads = leads.filter(stage__in=OPEN_STAGES)
    if organization is not None:
        leads = leads.filter(organization=organization)
    return leads.order_by("-heard_on", "-id")


def lead_get_for_user(*, user: User, lead_id: int) -> Lead:
    lead = leads_for(user).filter(pk=lead_id).first()
    if lead is None:
        raise NotFound(f"No lead with id {lead_id} (see: weakties leads --all).")
    return lead


def lead_history(*, lead: Lead) -> list[Any]:
    return list(lead.history.all())


@dataclass
class BoardColumn:
    stage: Lead.Stage
    leads: list[Lead] = field(default_factory=list)

    @property
    def next_stage(self) -> Lead.Stage | None:
        """The stage a lead moves to with the board's one-click button."""
        order = list(OPEN_STAGES)
        index = order.index(self.stage) if self.stage in order else -1
        if 0 <= index < len(order) - 1:
            return order[index + 1]
        return Lead.Stage.WON if self.stage == Lead.Stage.OFFER else None


def lead_board(*, user: User) -> tuple[list[BoardColumn], list[Lead]]:
    """Open leads in one column per stage, in pipeline order, and the closed ones, in one
    query."""
    columns = {stage: BoardColumn(stage=stage) for stage in OPEN_STAGES}
    closed: list[Lead] = []
    for lead in leads_for(user).order_by("-stage_changed_on", "-id"):
        if lead.stage in CLOSED_STAGES:
            closed.append(lead)
        else:
            columns[Lead.Stage(lead.stage)].leads.append(lead)
    return list(columns.values()), closed


def contact_leads(*, contact: Contact) -> QuerySet[Lead]:
    """Leads this contact told me about, or was asked to refer me for."""
    return (
        Lead.objects.filter(owner_id=contact.owner_id)
        .filter(Q(source=contact) | Q(referrer=contact))
        .select_related("organization")
        .order_by("-heard_on", "-id")
    )


# People at an organisation --------------------------------------------------------------------


def people_at(*, user: User, organization: Organization) -> QuerySet[Contact]:
    """Everyone in my network at the organisation: people I know first, strongest ties first."""
    return (
        Contact.objects.filter(owner=user, organization=organization, archived_at__isnull=True)
        .prefetch_related("roles")
        .order_by(TIE_RANK.desc(), "-closeness", "name")
    )


@dataclass
class Introducer:
    """One of my contacts who knows someone at an organisation (a second-degree route)."""

    contact: Contact
    knows: list[Contact]


def introducers_at(*, user: User, organization: Organization) -> list[Introducer]:
    """People I know (not at the organisation) linked to someone who is, strongest first."""
    links = ContactLink.objects.filter(owner=user).filter(
        Q(contact_a__organization=organization) | Q(contact_b__organization=organization)
    )
    found: dict[int, Introducer] = {}
    for link in links.select_related("contact_a", "contact_b"):
        for inside, outside in ((link.contact_a, link.contact_b), (link.contact_b, link.contact_a)):
            if (
                inside.organization_id == organization.pk
                and inside.archived_at is None
                and outside.organization_id != organization.pk
                and outside.archived_at is None
                and outside.tie in KNOWN_TIES
            ):
                found.setdefault(outside.pk, Introducer(contact=outside, knows=[]))
                found[outside.pk].knows.append(inside)
    return sorted(
        found.values(),
        key=lambda i: (-i.contact.closeness, i.contact.tie != "strong", i.contact.name.casefold()),
    )


# Target organisations -------------------------------------------------------------------------


@dataclass
class Target:
    """A target employer as the ranked list shows it."""

    organization: Organization
    first_degree: int = 0  # people I know who work there
    second_degree: int = 0  # people I know who know someone there
    not_met: int = 0  # people there I have not met yet
    open_leads: int = 0
    posting: bool = False  # an open lead there is publicly posted
    advocate: Contact | None = None  # my best-placed contact there
    rank: int = 0

    @property
    def advocacy(self) -> int:
        """2: I know someone there; 1: I know someone who does; 0: no one yet."""
        if self.first_degree:
            return 2
        return 1 if self.second_degree else 0

    @property
    def advocacy_words(self) -> str:
        return {2: "advocate there", 1: "can be introduced", 0: "no one yet"}[self.advocacy]


def _count(queryset: QuerySet[Any], on: str) -> Coalesce:
    counted = (
        queryset.filter(**{on: OuterRef("pk")})
        .order_by()
        .values(on)
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def target_list(*, user: User) -> list[Target]:
    """My target employers ranked the way "The 2-Hour Job Search" ranks its LAMP list.

    1. **Motivation** first (5 → 1, unrated last): the list exists to spend time where I most
       want to work.
    2. **Advocacy** next: someone I know works there (2), someone I know knows someone there
       (1), or no one (0). Dalton sorts by postings before alumni; weakties puts people first,
       because most openings are never posted (seed 003) and a referral is read first.
    3. **Posting**: an open lead there is publicly posted, so they are hiring now.
    4. Ties break on more people I know there, then more people who can introduce me, then
       more open leads, then the name.

    Three queries whatever the number of targets: the organisations with their lead counts,
    the people I know at them, and the links from my other contacts into them.
    """
    contacts = Contact.objects.filter(owner=user, archived_at__isnull=True)
    open_leads = Lead.objects.filter(owner=user, stage__in=OPEN_STAGES)
    organizations = list(
        Organization.objects.filter(owner=user, is_target=True).annotate(
            open_leads=_count(open_leads, "organization"),
            posted_leads=_count(open_leads.filter(is_posted=True), "organization"),
        )
    )
    targets = {
        org.pk: Target(
            organization=org,
            open_leads=getattr(org, "open_leads", 0),
            posting=bool(getattr(org, "posted_leads", 0)),
        )
        for org in organizations
    }
    people = contacts.filter(organization_id__in=list(targets)).order_by(
        TIE_RANK.desc(), "-closeness", "name"
    )
    for person in people.only("pk", "name", "tie", "closeness", "organization_id"):
        target = targets[person.organization_id]  # type: ignore[index]
        if person.tie in KNOWN_TIES:
            target.first_degree += 1
            if target.advocate is None:
                target.advocate = person
        else:
            target.not_met += 1

    introducers: dict[int, set[int]] = defaultdict(set)
    links = ContactLink.objects.filter(owner=user).filter(
        Q(contact_a__organization_id__in=list(targets))
        | Q(contact_b__organization_id__in=list(targets))
    )
    sides = ("organization_id", "tie", "archived_at")
    rows = links.values_list(
        "contact_a_id",
        *(f"contact_a__{name}" for name in sides),
        "contact_b_id",
        *(f"contact_b__{name}" for name in sides),
    )
    for a_id, a_org, a_tie, a_gone, b_id, b_org, b_tie, b_gone in rows:
        for inside_org, inside_gone, out_id, out_org, out_tie, out_gone in (
            (a_org, a_gone, b_id, b_org, b_tie, b_gone),
            (b_org, b_gone, a_id, a_org, a_tie, a_gone),
        ):
            if (
                inside_org in targets
                and inside_gone is None
                and out_org != inside_org
                and out_gone is None
                and out_tie in KNOWN_TIES
            ):
                introducers[inside_org].add(out_id)
    for org_id, people_ids in introducers.items():
        targets[org_id].second_degree = len(people_ids)

    ranked = sorted(
        targets.values(),
        key=lambda t: (
            -(t.organization.motivation or 0),
            -t.advocacy,
            not t.posting,
            -t.first_degree,
            -t.second_degree,
            -t.open_leads,
            t.organization.name.casefold(),
        ),
    )
    for rank, target in enumerate(ranked, start=1):
        target.rank = rank
    return ranked


# Organisations --------------------------------------------------------------------------------


def organization_get_for_user(*, user: User, organization_id: int) -> Organization:
    organization = Organization.objects.filter(owner=user, pk=organization_id).first()
    if organization is None:
        raise NotFound(f"No organisation with id {organization_id}.")
    return organization


def organization_resolve(*, user: User, query: str) -> Organization:
    """The organisation a person means: an id, its exact name, or the one name containing it."""
    text = clean_text(query)
    number = _id(text)
    if number is not None and re.fullmatch(r"#?\d+", text):
        return organization_get_for_user(user=user, organization_id=number)
    organizations = Organization.objects.filter(owner=user)
    exact = organizations.filter(name__iexact=text).first()
    if exact:
        return exact
    inside = list(organizations.filter(name__icontains=text)[:10])
    if len(inside) == 1:
        return inside[0]
    if inside:
        raise Ambiguous(
            f"{text!r} matches {len(inside)} organisations; say which:",
            candidates=[f"#{o.pk} {o.name}" for o in inside],
        )
    raise NotFound(f"No organisation called {text!r} in your network.")


def events_at(*, user: User, organization: Organization) -> QuerySet[Event]:
    """Events it organised, and events where I met someone who works there."""
    return (
        Event.objects.filter(owner=user)
        .filter(Q(organizer=organization) | Q(people_met__organization=organization))
        .distinct()
        .select_related("organizer")
        .order_by("-held_on", "-id")
    )


# Events ---------------------------------------------------------------------------------------


def event_list(*, user: User) -> QuerySet[Event]:
    """Events, latest first, with how many people I met at each."""
    return (
        Event.objects.filter(owner=user)
        .select_related("organizer")
        .annotate(met=Count("people_met", distinct=True))
        .order_by("-held_on", "-id")
    )


def event_get_for_user(*, user: User, event_id: int) -> Event:
    event = Event.objects.filter(owner=user, pk=event_id).select_related("organizer").first()
    if event is None:
        raise NotFound(f"No event with id {event_id} (see: weakties events).")
    return event


def event_people(*, event: Event) -> QuerySet[Contact]:
    return event.people_met.select_related("organization").order_by("name", "id")


def event_resolve(*, user: User, query: str) -> Event:
    """The event a person means: an id (``12``, ``#12``), its exact name, or the one event whose
    name contains every word; the same name held twice (a yearly conference) is ambiguous."""
    text = clean_text(query)
    if re.fullmatch(r"#?\d+", text):
        return event_get_for_user(user=user, event_id=int(text.lstrip("#")))
    events = Event.objects.filter(owner=user).select_related("organizer")
    candidates = list(events.filter(name__iexact=text)[:10])
    if not candidates:
        inside = events
        for word in text.split():
            inside = inside.filter(name__icontains=word)
        candidates = list(inside[:10])
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        raise Ambiguous(
            f"{text!r} matches {len(candidates)} events; say which by id:",
            candidates=[f"#{e.pk} {e.name} ({e.held_on.isoformat()})" for e in candidates],
        )
    raise NotFound(
        f"No event called {text!r} (see: weakties events, or add it: weakties event add)."
    )


def contact_events(*, contact: Contact) -> QuerySet[Event]:
    return (
        Event.objects.filter(owner_id=contact.owner_id, people_met=contact)
        .select_related("organizer")
        .order_by("-held_on", "-id")
    )


# Memberships ----------------------------------------------------------------------------------


def membership_list(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(owner=user).select_related("organization")


def membership_for(*, user: User, organization: Organization) -> Membership | None:
    return Membership.objects.filter(owner=user, organization=organization).first()
