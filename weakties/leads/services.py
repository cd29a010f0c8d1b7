"""Writes of the hidden-job-market area: leads and their stages, targets, events, memberships.

Each function validates, writes in one transaction and raises ``UserError`` with a message a
person can act on; nothing is written when it fails.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db import transaction

from weakties.dates import local_today
from weakties.errors import Ambiguous, UserError
from weakties.leads.models import CLOSED_STAGES, Event, Lead, LeadStageChange, Membership
from weakties.network import services as network
from weakties.network.models import Contact, ContactRole, Interaction, NextStep, Organization
from weakties.network.normalize import clean_text
from weakties.plan.models import Exchange
from weakties.plan.services import exchange_record

FOLLOW_UP_DAYS = 2  # PRODUCT §8: every new person met at an event is followed up within two days
REFERRAL_FOLLOW_UP_DAYS = 7  # a referral asked for and not heard of in a week is worth a nudge

_SYNONYMS = {
    # other words people use for a stage
    "new": Lead.Stage.HEARD,
    "research": Lead.Stage.RESEARCHING,
    "referral": Lead.Stage.REFERRAL_ASKED,
    "referred": Lead.Stage.REFERRAL_ASKED,
    "interview": Lead.Stage.INTERVIEWING,
    "interviews": Lead.Stage.INTERVIEWING,
    "offered": Lead.Stage.OFFER,
    "hired": Lead.Stage.WON,
    "accepted": Lead.Stage.WON,
    "rejected": Lead.Stage.LOST,
    "withdrew": Lead.Stage.WITHDRAWN,
}


def _stage_key(text: str) -> str:
    return re.sub(r"[\s_:\-]+", " ", text.strip().casefold()).strip()


STAGE_WORDS = {
    # each stage as a person types it (and as the CLI prints it)
    Lead.Stage.HEARD: "heard",
    Lead.Stage.RESEARCHING: "researching",
    Lead.Stage.REFERRAL_ASKED: "referral asked",
    Lead.Stage.APPLIED: "applied",
    Lead.Stage.INTERVIEWING: "interviewing",
    Lead.Stage.OFFER: "offer",
    Lead.Stage.WON: "closed won",
    Lead.Stage.LOST: "closed lost",
    Lead.Stage.WITHDRAWN: "closed withdrawn",
}


def stage_names() -> str:
    """The stages as a person types them, for help and error messages."""
    return ", ".join(STAGE_WORDS.values())


def stage_parse(text: str) -> Lead.Stage:
    """The stage a person means: "referral asked", "Referral-Asked", "closed won", "won"…"""
    key = _stage_key(text)
    for stage, words in STAGE_WORDS.items():
        if key in (words, _stage_key(stage.value), words.removeprefix("closed ")):
            return stage
    if key in _SYNONYMS:
        return _SYNONYMS[key]
    hint = " (closed how? won, lost or withdrawn)" if key == "closed" else ""
    raise UserError(
        f"stage: {text!r} is not a stage{hint}; choose from {stage_names()}.", field="stage"
    )


def _web_address(url: str) -> str:
    """A link as typed, refused unless it is a web address; "acme.example/jobs" gets https://."""
    url = url.strip()
    if not url:
        return ""
    network.classify_point(url, "url")  # refuses javascript:, data:, words without a dot
    if not re.match(r"^https?://", url, flags=re.IGNORECASE):
        url = f"https://{url}"
    return url


def _past_or_today(day: date | None, *, what: str, field: str = "date") -> date:
    today = local_today()
    day = day or today
    if day > today:
        raise UserError(f"{field}: {day.isoformat()} is in the future; {what}.", field=field)
    return day


def _organization(owner: User, organization: Organization | str) -> Organization:
    if isinstance(organization, Organization):
        if organization.owner_id != owner.pk:
            raise UserError("That organisation is not in your network.")
        return organization
    found = network.organization_get_or_create(owner=owner, name=organization)
    if found is None:
        raise UserError("organization: name the organisation.", field="organization")
    return found


def _check_contact(owner: User, contact: Contact | None) -> None:
    if contact is not None and contact.owner_id != owner.pk:
        raise UserError("That person is not in your network.")


# Leads ----------------------------------------------------------------------------------------


@transaction.atomic
def lead_add(
    *,
    owner: User,
    organization: Organization | str,
    role: str,
    source: Contact | None = None,
    heard_on: date | None = None,
    is_posted: bool = False,
    url: str = "",
    notes: str = "",
) -> Lead:
    """Record an opening heard of (from ``source``, or found posted), at stage "heard".

    The person who told me gets "received: job posting" in the reciprocity ledger, so the
    daily plan knows I owe them one.
    """
    role = clean_text(role)
    if not role:
        raise UserError('role: say which job, even roughly ("data lead").', field="role")
    _check_contact(owner, source)
    day = _past_or_today(heard_on, what="record a lead once you have heard of it")
    lead = Lead(
        owner=owner,
        organization=_organization(owner, organization),
        role=role,
        source=source,
        heard_on=day,
        is_posted=is_posted,
        url=_web_address(url),
        notes=notes.strip(),
        stage=Lead.Stage.HEARD,
        stage_changed_on=day,
    )
    network._validate(lead, exclude=["owner", "organization", "source", "referrer"])
    lead.save()
    LeadStageChange.objects.create(lead=lead, to_stage=Lead.Stage.HEARD, changed_on=day)
    if source is not None:
        exchange_record(
            owner=owner,
            contact=source,
            direction=Exchange.Direction.GOT,
            kind=Exchange.Kind.JOB_POSTING,
            text=f"Told me about {role} at {lead.organization.name}",
            occurred_on=day,
        )
    return lead


@dataclass
class LeadMove:
    lead: Lead
    changed: bool
    step: NextStep | None = None
    follow_up_done: NextStep | None = None  # the referral follow-up the close made pointless
    reopened_from: str = ""  # the closed stage a lead came back from, to say so


@transaction.atomic
def lead_move(
    *,
    lead: Lead,
    stage: str,
    on: date | None = None,
    note: str = "",
    referrer: Contact | None = None,
) -> LeadMove:
    """Move ``lead`` to ``stage`` on ``on`` (today), keeping the change in its history.

    Asking for a referral needs a referrer (``referrer``, else the one already asked, else the
    person who told me about the lead); it creates a next step with them to follow up in a
    week, and gives them the "referrer" role. Closing the lead marks that follow-up done, as
    there is nothing left to chase; reopening a closed lead is allowed (an offer withdrawn, a
    second round) and reported. Moving to the stage the lead is at changes nothing.
    """
    if stage not in Lead.Stage.values:
        stage = stage_parse(stage)
    target = Lead.Stage(stage)
    _check_contact(lead.owner, referrer)
    day = _past_or_today(on, what="move a lead once it has happened")
    if day < lead.stage_changed_on:
        raise UserError(
            f"date: {day.isoformat()} is before the lead's last change "
            f"({lead.stage_changed_on.isoformat()}).",
            field="date",
        )
    step = None
    if target == Lead.Stage.REFERRAL_ASKED:
        asked = referrer or lead.referrer or lead.source
        if asked is None:
            raise UserError("referrer: say who you asked for the referral.", field="referrer")
        if lead.stage == target and asked.pk == lead.referrer_id:
            return LeadMove(lead=lead, changed=False)
        lead.referrer = asked
        ContactRole.objects.get_or_create(contact=asked, role=ContactRole.Role.REFERRER)
        step = network.next_step_create(
            owner=lead.owner,
            contact=asked,
            text=f"Follow up with {asked.first_name or asked.name} on the referral for "
            f"{lead.role} at {lead.organization.name}",
            due=day + timedelta(days=REFERRAL_FOLLOW_UP_DAYS),
        )
        lead.follow_up = step
    elif lead.stage == target:
        return LeadMove(lead=lead, changed=False)
    follow_up_done = None
    if target in CLOSED_STAGES and lead.follow_up is not None and lead.follow_up.is_open:
        follow_up_done = network.next_step_complete(step=lead.follow_up, on=day)
    reopened_from = (
        lead.stage if lead.stage in CLOSED_STAGES and target not in CLOSED_STAGES else ""
    )
    LeadStageChange.objects.create(
        lead=lead,
        from_stage=lead.stage,
        to_stage=target,
        changed_on=day,
        note=clean_text(note)[:500],
    )
    lead.stage, lead.stage_changed_on = target, day
    lead.save(update_fields=["stage", "stage_changed_on", "referrer", "follow_up"])
    return LeadMove(
        lead=lead,
        changed=True,
        step=step,
        follow_up_done=follow_up_done,
        reopened_from=reopened_from,
    )


# Target organisations -------------------------------------------------------------------------


@transaction.atomic
def organization_target(
    *,
    owner: User,
    organization: Organization | str,
    motivation: int | None = None,
    note: str = "",
    is_target: bool = True,
    clear_motivation: bool = False,
) -> Organization:
    """Mark an employer as a target (or not), rate how much I want to work there (1–5), and add
    a note on what I learned to its insight."""
    org = _organization(owner, organization)
    if motivation is not None and not 1 <= motivation <= 5:
        raise UserError("motivation: from 1 (mildly) to 5 (my dream employer).", field="motivation")
    org.is_target = is_target
    if motivation is not None:
        org.motivation = motivation
    elif clear_motivation:
        org.motivation = None
    note = note.strip()
    if note and note not in org.insight:
        org.insight = "\n\n".join(part for part in (org.insight.strip(), note) if part)
    network._validate(org, exclude=["owner"])
    org.save(update_fields=["is_target", "motivation", "insight"])
    return org


# Events ---------------------------------------------------------------------------------------


@transaction.atomic
def event_create(
    *,
    owner: User,
    name: str,
    held_on: date,
    kind: str = Event.Kind.OTHER,
    organizer: Organization | str | None = None,
    location: str = "",
    notes: str = "",
) -> Event:
    """A networking event, past or coming (people can only be met once it has happened)."""
    name = clean_text(name)
    if not name:
        raise UserError("name: an event needs a name.", field="name")
    if kind not in Event.Kind.values:
        kinds = ", ".join(Event.Kind.values)
        raise UserError(f"kind: {kind!r} is not one of {kinds}.", field="kind")
    event = Event(
        owner=owner,
        name=name,
        held_on=held_on,
        kind=kind,
        organizer=_organization(owner, organizer) if organizer else None,
        location=clean_text(location),
        notes=notes.strip(),
    )
    network._validate(event, exclude=["owner", "organizer"])
    event.save()
    return event


@dataclass
class PersonMet:
    """Someone I met at an event, as typed: a name (or ``#id``), and what I learned."""

    name: str
    title: str = ""
    organization: str = ""
    note: str = ""


@dataclass
class EventMet:
    event: Event
    added: list[Contact] = field(default_factory=list)  # new to my network
    linked: list[Contact] = field(default_factory=list)  # already in it
    already: list[Contact] = field(default_factory=list)  # already recorded at this event
    steps: list[NextStep] = field(default_factory=list)


def _existing_person(owner: User, name: str) -> Contact | None:
    """The contact this exact name (or ``#id``) means; fuzzy matches never count here, because
    linking a new acquaintance to the wrong person is worse than a duplicate to merge."""
    text = name.strip()
    if re.fullmatch(r"#\d+", text):
        found = Contact.objects.filter(owner=owner, pk=int(text[1:])).first()
        if found is None:
            raise UserError(f"No contact with id {text[1:]}.", field="name")
        return found
    same = Contact.objects.filter(owner=owner, name__iexact=clean_text(text))
    active = same.filter(archived_at__isnull=True)
    pool = active if active.exists() else same
    count = pool.count()
    if count > 1:
        shown = list(pool.select_related("organization").order_by("id")[:AMBIGUOUS_SHOWN])
        more = f" (the first {AMBIGUOUS_SHOWN})" if count > AMBIGUOUS_SHOWN else ""
        raise Ambiguous(
            f"{count} people are called {clean_text(text)!r}; say which by id (#12){more}:",
            candidates=[
                f"#{c.pk} {c.name}" + (f" ({c.organization.name})" if c.organization else "")
                for c in shown
            ],
        )
    return pool.first()


AMBIGUOUS_SHOWN = 10


@transaction.atomic
def event_met(
    *,
    owner: User,
    event: Event,
    people: Sequence[PersonMet],
    follow_up: str | None = None,
) -> EventMet:
    """Record the people I met at ``event``, in one step.

    1. A name that is exactly a contact's (or ``#id``) is that contact; others become new
       contacts: a weak tie, "met at EVENT", source "event", in the network since the event.
    2. Each person gets a conversation on the event's day (channel "event"), so the timeline
       and "last contacted" start there.
    3. Each new person gets a follow-up next step due two days after the event (or today, when
       the event is logged later than that: an overdue step on day one helps no one).

    An event in the future has no people met yet, and is refused.
    """
    if event.owner_id != owner.pk:
        raise UserError("That event is not in your network.")
    today = local_today()
    if event.held_on > today:
        raise UserError(
            f"{event.name} is on {event.held_on.isoformat()}, in the future: add the people "
            "you met once it has happened.",
            field="event",
        )
    wanted = [person for person in people if clean_text(person.name)]
    if not wanted:
        raise UserError("name: say who you met.", field="name")
    result = EventMet(event=event)
    seen: set[int] = set()
    recorded = set(event.people_met.values_list("pk", flat=True))
    due = max(event.held_on + timedelta(days=FOLLOW_UP_DAYS), today)
    for person in wanted:
        contact = _existing_person(owner, person.name)
        is_new = contact is None
        if contact is None:
            contact = network.contact_create(
                owner=owner,
                data=network.ContactData(
                    name=person.name,
                    title=person.title,
                    organization=person.organization,
                    how_met=f"Met at {event.name} ({event.held_on.isoformat()})",
                    tie=Contact.Tie.WEAK,
                ),
                source=Contact.Source.EVENT,
                added_on=event.held_on,
            )
        if contact.pk in seen:
            continue
        seen.add(contact.pk)
        if contact.pk in recorded:
            result.already.append(contact)
            continue
        event.people_met.add(contact)
        summary = f"Met at {event.name}" + (
            f": {person.note.strip()}" if person.note.strip() else "."
        )
        step_text = None
        if is_new:
            step_text = follow_up or (
                f"Follow up with {contact.first_name or contact.name} after {event.name}: "
                "connect and mention what you talked about"
            )
        interaction = network.interaction_log(
            owner=owner,
            participants=[contact],
            summary=summary,
            channel=Interaction.Channel.EVENT,
            direction=Interaction.Direction.MUTUAL,
            occurred_on=event.held_on,
            next_step=step_text,
            next_step_due=due if step_text else None,
        )
        if is_new:
            result.added.append(contact)
            result.steps.extend(interaction.next_steps.all())
        else:
            result.linked.append(contact)
    return result


# Memberships ----------------------------------------------------------------------------------


@transaction.atomic
def membership_set(
    *,
    owner: User,
    organization: Organization | str,
    since: date | None = None,
    role: str | None = None,
) -> Membership:
    """Record that I belong to a professional association (updating since/role if I do)."""
    if (
        isinstance(organization, str)
        and not Organization.objects.filter(
            owner=owner, name__iexact=clean_text(organization)
        ).exists()
    ):
        # a name first seen here is an association, not an employer
        created = _organization(owner, organization)
        created.kind = Organization.Kind.ASSOCIATION
        created.save(update_fields=["kind"])
    org = _organization(owner, organization)
    if since is not None:
        _past_or_today(since, what="a membership starts once you join", field="since")
    membership = Membership.objects.filter(owner=owner, organization=org).first() or Membership(
        owner=owner, organization=org
    )
    if since is not None:
        membership.since = since
    if role is not None:
        membership.role = clean_text(role) or "member"
    network._validate(membership, exclude=["owner", "organization"])
    membership.save()
    return membership
