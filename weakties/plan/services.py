"""Writing to the plan's tables: the reciprocity ledger, settings, skips and snoozes,
introductions, templates, and logging what was sent."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from weakties.dates import add_months, local_today
from weakties.errors import UserError
from weakties.network import services as network
from weakties.network.models import Contact, ContactLink, Interaction
from weakties.network.normalize import clean_text
from weakties.network.services import _validate
from weakties.plan import drafts
from weakties.plan.models import Exchange, MessageTemplate, Pause, PlanSettings
from weakties.plan.selectors import SKIP_DAYS

SNOOZE_YEARS = 1  # longer is archiving, which says so and shows on the person's page


def exchange_record(
    *,
    owner: User,
    contact: Contact,
    direction: str,
    text: str,
    kind: str = Exchange.Kind.OTHER,
    occurred_on: date | None = None,
) -> Exchange:
    """Record something I gave to or received from ``contact``; the reason is in words."""
    if contact.owner_id != owner.pk:
        raise UserError("That person is not in your network.")
    if direction not in Exchange.Direction.values:
        raise UserError(f"direction: say gave or got, not {direction!r}.", field="direction")
    if kind not in Exchange.Kind.values:
        kinds = ", ".join(label.lower() for label in Exchange.Kind.labels)
        raise UserError(f"kind: {kind!r} is not one of {kinds}.", field="kind")
    text = clean_text(text)
    if not text:
        raise UserError("text: say what was given, even in a few words.", field="text")
    day = occurred_on or local_today()
    if day > local_today():
        raise UserError(f"date: {day.isoformat()} is in the future.", field="date")
    return Exchange.objects.create(
        owner=owner,
        contact=contact,
        direction=direction,
        kind=kind,
        text=text[:500],
        occurred_on=day,
    )


# Settings and profile -------------------------------------------------------------------------

SETTING_FIELDS = (
    "daily_count",
    "dormant_days",
    "mentor_days",
    "meet_goal",
    "talk_goal",
    "goal",
    "pitch",
    "my_name",
)


@transaction.atomic
def plan_settings_update(*, owner: User, **changes: Any) -> PlanSettings:
    """Change some of the user's goals or profile; ``None`` leaves a field as it is."""
    unknown = set(changes) - set(SETTING_FIELDS)
    if unknown:
        raise UserError(f"Unknown setting: {', '.join(sorted(unknown))}.")
    settings = PlanSettings.objects.select_for_update().filter(owner=owner).first()
    settings = settings or PlanSettings(owner=owner)
    for name, value in changes.items():
        if value is None:
            continue
        setattr(settings, name, clean_text(value) if isinstance(value, str) else value)
    _validate(settings, exclude=["owner"])
    settings.save()
    return settings


# The daily plan: done, skip, snooze -----------------------------------------------------------


def _own(owner: User, contact: Contact) -> None:
    if contact.owner_id != owner.pk:
        raise UserError("That person is not in your network.")


@transaction.atomic
def reach_out_done(
    *,
    owner: User,
    contact: Contact,
    day: date | None = None,
    channel: str = Interaction.Channel.MESSAGE,
    summary: str = "",
) -> Interaction:
    """Marking a suggestion done is logging the reach-out as an interaction."""
    _own(owner, contact)
    return network.interaction_log(
        owner=owner,
        participants=[contact],
        summary=summary.strip() or "Reached out (daily plan)",
        channel=channel,
        occurred_on=day,
    )


@transaction.atomic
def reach_out_skip(*, owner: User, contact: Contact, day: date | None = None) -> Pause:
    """Not this person today: they are not suggested again for 30 days."""
    _own(owner, contact)
    day = day or local_today()
    return Pause.objects.create(
        owner=owner,
        contact=contact,
        kind=Pause.Kind.SKIP,
        started_on=day,
        until=day + timedelta(days=SKIP_DAYS),
    )


@transaction.atomic
def reach_out_snooze(
    *, owner: User, contact: Contact, until: date, day: date | None = None
) -> Pause:
    """Not until ``until``: the person comes back to the plan on that day."""
    _own(owner, contact)
    day = day or local_today()
    if until <= day:
        raise UserError(
            f"until: {until.isoformat()} is not after {day.isoformat()}; snooze until a later day.",
            field="until",
        )
    if until > add_months(day, 12 * SNOOZE_YEARS):
        raise UserError(
            f"until: {until.isoformat()} is more than a year away; snooze for a year at most, "
            f"or archive {contact.name} to leave them out of every plan.",
            field="until",
        )
    return Pause.objects.create(
        owner=owner, contact=contact, kind=Pause.Kind.SNOOZE, started_on=day, until=until
    )


# Reciprocity: introducing two people ----------------------------------------------------------


@transaction.atomic
def introduce(
    *, owner: User, a: Contact, b: Contact, note: str = "", day: date | None = None
) -> tuple[ContactLink, Exchange, Exchange]:
    """Introduce two of my contacts: "gave: introduction" for both, and a link between them.

    An existing link is kept and strengthened by one (up to 5); a new one is "introduced by
    me" with strength 2 (they have just met).
    """
    _own(owner, a)
    _own(owner, b)
    if a.pk == b.pk:
        raise UserError("Introduce two different people.")
    first, second = (a, b) if a.pk < b.pk else (b, a)
    existing = ContactLink.objects.filter(contact_a=first, contact_b=second).first()
    if existing is None:
        link = network.contact_link(
            a=a, b=b, kind=ContactLink.Kind.INTRODUCED, strength=2, note=note
        )
    else:
        link = network.contact_link(
            a=a,
            b=b,
            kind=existing.kind,
            strength=min(existing.strength + 1, 5),
            note=note or existing.note,
        )
    suffix = f": {clean_text(note)}" if clean_text(note) else ""
    to_a = exchange_record(
        owner=owner,
        contact=a,
        direction=Exchange.Direction.GAVE,
        kind=Exchange.Kind.INTRODUCTION,
        text=f"Introduced to {b.name}{suffix}",
        occurred_on=day,
    )
    to_b = exchange_record(
        owner=owner,
        contact=b,
        direction=Exchange.Direction.GAVE,
        kind=Exchange.Kind.INTRODUCTION,
        text=f"Introduced to {a.name}{suffix}",
        occurred_on=day,
    )
    return link, to_a, to_b


# Templates, drafts and announcements ----------------------------------------------------------


@transaction.atomic
def template_save(
    *,
    owner: User,
    name: str,
    body: str,
    subject: str | None = None,
    kind: str | None = None,
) -> MessageTemplate:
    """Create or replace a message template (a built-in name makes your own copy of it)."""
    name = clean_text(name)
    if not name:
        raise UserError("name: give the template a name.", field="name")
    drafts.check_template(body)
    if subject:
        drafts.check_template(subject)
    builtin = drafts.BUILTIN.get(name.casefold())
    template = MessageTemplate.objects.filter(owner=owner, name__iexact=name).first()
    if template is None:
        template = MessageTemplate(
            owner=owner,
            name=name,
            kind=kind or (builtin[0] if builtin else MessageTemplate.Kind.RECONNECT),
            subject=builtin[1] if builtin else "",
        )
    template.body = body.replace("\r\n", "\n").strip() + "\n"
    if subject is not None:
        template.subject = clean_text(subject)
    if kind is not None:
        template.kind = kind
    _validate(template, exclude=["owner"])
    template.save()
    return template


def message_sent(
    *,
    owner: User,
    contact: Contact,
    subject: str,
    day: date | None = None,
    what: str = "Sent a reconnect note",
    channel: str = Interaction.Channel.EMAIL,
) -> Interaction:
    """Log a note I sent (a reconnect note or an announcement; by email unless ``channel``
    says otherwise, e.g. a LinkedIn message) as an interaction."""
    _own(owner, contact)
    summary = f"{what}: {subject}" if subject else what
    return network.interaction_log(
        owner=owner,
        participants=[contact],
        summary=summary,
        channel=channel,
        occurred_on=day,
    )


@transaction.atomic
def announcement_sent(
    *, owner: User, people: Sequence[Contact], subject: str, day: date | None = None
) -> list[Interaction]:
    """Once the user confirms they sent the announcement: one logged email per person.

    Confirming again the same day logs nothing twice: whoever already has this announcement
    on that day is left out (the returned list holds only what was logged now).
    """
    day = day or local_today()
    summary = f"Announcement: {subject}" if subject else "Announcement"
    already = set(
        Interaction.objects.filter(
            owner=owner,
            channel=Interaction.Channel.EMAIL,
            occurred_on=day,
            summary=summary,
            participants__in=people,
        ).values_list("participants", flat=True)
    )
    return [
        message_sent(owner=owner, contact=person, subject=subject, day=day, what="Announcement")
        for person in people
        if person.pk not in already
    ]
