"""Writes to the network. Each function validates, writes in one transaction, and raises
``UserError`` with a message a person can act on; nothing is written when it fails."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ManyToManyField, Model, OuterRef, Q, Subquery
from django.utils import timezone

from weakties.dates import local_today
from weakties.errors import UserError
from weakties.network import selectors
from weakties.network.models import (
    Contact,
    ContactLink,
    ContactPoint,
    ContactRole,
    HelpIdea,
    Interaction,
    Memory,
    NextStep,
    Organization,
    Tag,
    max_length,
)
from weakties.network.normalize import (
    clean_text,
    is_email,
    linkedin_profile,
    normalize_email,
    normalize_phone,
    normalize_url,
    split_name,
)

TIE_ORDER = {Contact.Tie.NONE: 0, Contact.Tie.WEAK: 1, Contact.Tie.STRONG: 2}


def _validate(instance: Any, *, exclude: Sequence[str] = ()) -> None:
    """``full_clean`` whose errors read as one sentence naming the field."""
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as error:
        parts = []
        for field, messages in error.message_dict.items():
            label = field.replace("_", " ") if field != "__all__" else ""
            text = " ".join(str(m) for m in messages)
            parts.append(f"{label}: {text}" if label else text)
        raise UserError("; ".join(parts), field=next(iter(error.message_dict), None)) from None


def organization_get_or_create(*, owner: User, name: str) -> Organization | None:
    """The user's organisation with this name (any case), created if new; None for a blank name."""
    name = clean_text(name)
    if not name:
        return None
    existing = selectors.organization_named(user=owner, name=name)
    if existing:
        return existing
    organization = Organization(owner=owner, name=name)
    _validate(organization, exclude=["owner"])
    organization.save()
    return organization


def tag_get_or_create(*, owner: User, name: str) -> Tag:
    name = clean_text(name).lstrip("#")
    if not name:
        raise UserError("tag: a tag needs a name.", field="tag")
    existing = Tag.objects.filter(owner=owner, name__iexact=name).first()
    if existing:
        return existing
    tag = Tag(owner=owner, name=name)
    _validate(tag, exclude=["owner"])
    tag.save()
    return tag


def classify_point(value: str, kind: str | None = None) -> tuple[str, str]:
    """(kind, normalized) for a contact point; guesses the kind when not given."""
    value = value.strip()
    if kind is None:
        if is_email(value):
            kind = ContactPoint.Kind.EMAIL
        elif linkedin_profile(value):
            kind = ContactPoint.Kind.LINKEDIN
        elif "." in value or "/" in value:
            kind = ContactPoint.Kind.URL
        else:
            kind = ContactPoint.Kind.PHONE
    if kind == ContactPoint.Kind.EMAIL:
        if not is_email(value):
            raise UserError(f"email: {value!r} is not an email address.", field="email")
        return kind, normalize_email(value)
    if kind == ContactPoint.Kind.PHONE:
        normalized = normalize_phone(value)
        if len(normalized.lstrip("+")) < 3:
            raise UserError(f"phone: {value!r} has too few digits for a phone.", field="phone")
        return kind, normalized
    if kind in (ContactPoint.Kind.URL, ContactPoint.Kind.LINKEDIN):
        profile = linkedin_profile(value)
        if profile:
            return ContactPoint.Kind.LINKEDIN, profile
        if kind == ContactPoint.Kind.LINKEDIN:
            raise UserError(f"url: {value!r} is not a LinkedIn profile URL.", field="url")
        if " " in value or "." not in value:
            raise UserError(f"url: {value!r} does not look like a web address.", field="url")
        # "javascript:…" and "data:…" are schemes; "example.org:8080" is a host with a port.
        scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):(?!\d)", value)
        if scheme and scheme.group(1).lower() not in ("http", "https"):
            raise UserError(f"url: {value!r} is not a web (http or https) address.", field="url")
        return ContactPoint.Kind.URL, normalize_url(value)
    raise UserError(f"Unknown kind of contact point: {kind}")


def contact_point_add(
    *,
    contact: Contact,
    value: str,
    kind: str | None = None,
    label: str = "",
    creating: bool = False,
) -> ContactPoint | None:
    """Add an email, phone or URL to a contact; None when the contact already has it.

    An email or LinkedIn profile that belongs to someone else in the network is refused:
    those identify a person, and the fix is to merge the two contacts, or (``creating``: the
    contact is being added and will not exist) to add what is new to the one who has it.
    """
    kind, normalized = classify_point(value, kind)
    same = ContactPoint.objects.filter(owner_id=contact.owner_id, kind=kind, normalized=normalized)
    holder = same.select_related("contact").first()
    if holder and holder.contact_id == contact.pk:
        return None
    if holder and kind in (ContactPoint.Kind.EMAIL, ContactPoint.Kind.LINKEDIN):
        if creating:
            raise UserError(
                f"{value} already belongs to {holder.contact.name} (#{holder.contact_id}); "
                "if that is who you mean, add what is new to them instead.",
                field=kind,
            )
        raise UserError(
            f"{value} already belongs to {holder.contact.name} (#{holder.contact_id}); "
            f"if they are the same person, merge them: weakties merge {holder.contact_id} "
            f"{contact.pk}",
            field=kind,
        )
    point = ContactPoint(
        owner_id=contact.owner_id,
        contact=contact,
        kind=kind,
        label=clean_text(label),
        value=value.strip(),
        normalized=normalized,
    )
    _validate(point, exclude=["owner", "contact"])
    point.save()
    return point


@dataclass
class ContactData:
    """What a person can type about a contact. ``None`` means "leave as it is" in updates."""

    name: str | None = None
    title: str | None = None
    organization: str | None = None
    industry: str | None = None
    location: str | None = None
    how_met: str | None = None
    tie: str | None = None
    closeness: int | None = None
    level: str | None = None
    notes: str | None = None
    tags: Sequence[str] | None = None
    roles: Sequence[str] | None = None


def _apply(contact: Contact, data: ContactData) -> None:
    owner = contact.owner
    if data.name is not None:
        contact.name = clean_text(data.name)
        if not contact.name:
            raise UserError("name: a contact needs a name.", field="name")
        first, last = split_name(contact.name)
        # Derived from the name (200 characters), they must fit their own, shorter columns.
        contact.first_name = first[: max_length(Contact, "first_name")]
        contact.last_name = last[: max_length(Contact, "last_name")]
    for field in ("title", "industry", "location", "how_met"):
        value = getattr(data, field)
        if value is not None:
            setattr(contact, field, clean_text(value))
    if data.notes is not None:
        contact.notes = data.notes.strip()
    if data.tie is not None:
        contact.tie = data.tie
    if data.closeness is not None:
        contact.closeness = data.closeness
    if data.level is not None:
        contact.level = data.level
    if data.organization is not None:
        contact.organization = organization_get_or_create(owner=owner, name=data.organization)
    _validate(contact, exclude=["owner", "organization"])


def _set_tags_and_roles(contact: Contact, data: ContactData) -> None:
    if data.tags is not None:
        tags = [tag_get_or_create(owner=contact.owner, name=name) for name in data.tags]
        contact.tags.set(tags)
    if data.roles is not None:
        valid = set(ContactRole.Role.values)
        unknown = [role for role in data.roles if role not in valid]
        if unknown:
            raise UserError(
                f"role: unknown {', '.join(unknown)}; choose from {', '.join(sorted(valid))}",
                field="roles",
            )
        contact.roles.exclude(role__in=data.roles).delete()
        have = set(contact.roles.values_list("role", flat=True))
        ContactRole.objects.bulk_create(
            ContactRole(contact=contact, role=role)
            for role in dict.fromkeys(data.roles)
            if role not in have
        )


@transaction.atomic
def contact_create(
    *,
    owner: User,
    data: ContactData,
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    urls: Iterable[str] = (),
    source: str = Contact.Source.MANUAL,
    added_on: date | None = None,
) -> Contact:
    """Add a person to the network with everything known about them, or nothing at all."""
    if not clean_text(data.name):
        raise UserError("name: a contact needs a name.", field="name")
    contact = Contact(owner=owner, source=source, added_on=added_on or local_today())
    _apply(contact, data)
    contact.save()
    _set_tags_and_roles(contact, data)
    for kind, values in (("email", emails), ("phone", phones), ("url", urls)):
        for value in values:
            if value and value.strip():
                contact_point_add(contact=contact, value=value, kind=kind, creating=True)
    return contact


@transaction.atomic
def contact_update(
    *,
    contact: Contact,
    data: ContactData,
    emails: Iterable[str] | None = None,
    phones: Iterable[str] | None = None,
    urls: Iterable[str] | None = None,
) -> Contact:
    """Change what was given; lists of emails/phones/urls, when given, replace the old ones."""
    _apply(contact, data)
    contact.save()
    _set_tags_and_roles(contact, data)
    for kind, values in (("email", emails), ("phone", phones), ("url", urls)):
        if values is None:
            continue
        wanted = [v.strip() for v in values if v and v.strip()]
        kinds = ["url", "linkedin"] if kind == "url" else [kind]
        keep = {classify_point(v, kind)[1] for v in wanted}
        contact.points.filter(kind__in=kinds).exclude(normalized__in=keep).delete()
        for value in wanted:
            contact_point_add(contact=contact, value=value, kind=kind)
    return contact


def contact_archive(*, contact: Contact) -> Contact:
    """Hide a contact from lists and plans without losing its history."""
    if contact.archived_at is None:
        contact.archived_at = timezone.now()
        contact.save(update_fields=["archived_at", "updated_at"])
    return contact


def contact_unarchive(*, contact: Contact) -> Contact:
    if contact.archived_at is not None:
        contact.archived_at = None
        contact.save(update_fields=["archived_at", "updated_at"])
    return contact


def memory_add(*, contact: Contact, text: str) -> Memory:
    text = text.strip()
    if not text:
        raise UserError("memory: write the moment you shared.", field="memory")
    return Memory.objects.create(contact=contact, text=text)


def help_idea_add(*, contact: Contact, text: str) -> HelpIdea:
    text = text.strip()
    if not text:
        raise UserError("idea: write how you could help.", field="idea")
    return HelpIdea.objects.create(contact=contact, text=text)


@transaction.atomic
def contact_link(
    *,
    a: Contact,
    b: Contact,
    kind: str | None = None,
    strength: int | None = None,
    note: str | None = None,
) -> ContactLink:
    """Record that two of my contacts know each other, or update how: what is None stays as
    the link has it (a new link: kind "other", strength 3, no note)."""
    if a.owner_id != b.owner_id:
        raise UserError("Both people must be in your network.")
    if a.pk == b.pk:
        raise UserError("A person cannot be linked to themselves.")
    first, second = (a, b) if a.pk < b.pk else (b, a)
    link = ContactLink.objects.filter(contact_a=first, contact_b=second).first() or ContactLink(
        owner_id=a.owner_id,
        contact_a=first,
        contact_b=second,
        kind=ContactLink.Kind.OTHER,
        strength=3,
        note="",
    )
    if kind is not None:
        link.kind = kind
    if strength is not None:
        link.strength = strength
    if note is not None:
        link.note = clean_text(note)
    _validate(link, exclude=["owner", "contact_a", "contact_b"])
    link.save()
    return link


@transaction.atomic
def interaction_log(
    *,
    owner: User,
    participants: Sequence[Contact],
    summary: str,
    channel: str = Interaction.Channel.OTHER,
    occurred_on: date | None = None,
    direction: str = Interaction.Direction.OUTGOING,
    next_step: str | None = None,
    next_step_due: date | None = None,
    next_step_mine: bool = True,
) -> Interaction:
    """Log a conversation with one or more people, with the next step it ended on.

    The next step belongs to the first participant. A due date without a next step is refused
    rather than silently dropped.
    """
    people = list(dict.fromkeys(participants))
    if not people:
        raise UserError("Say who you talked to.", field="participants")
    if any(person.owner_id != owner.pk for person in people):
        raise UserError("Everyone in an interaction must be in your network.")
    summary = summary.strip()
    if not summary:
        raise UserError("summary: say what you talked about, even in a few words.")
    if next_step_due is not None and not (next_step and next_step.strip()):
        raise UserError("due: a due date needs a next step (--next TEXT).", field="due")
    today = local_today()
    if occurred_on is not None and occurred_on > today:
        raise UserError(
            f"date: {occurred_on.isoformat()} is in the future; log a conversation once it has "
            "happened, and plan one as a next step.",
            field="date",
        )
    interaction = Interaction(
        owner=owner,
        summary=summary,
        channel=channel,
        direction=direction,
        occurred_on=occurred_on or today,
    )
    _validate(interaction, exclude=["owner"])
    interaction.save()
    interaction.participants.set(people)
    contacts_refresh_last_contacted(owner=owner, contact_ids=[person.pk for person in people])
    if next_step and next_step.strip():
        next_step_create(
            owner=owner,
            contact=people[0],
            text=next_step,
            due=next_step_due,
            mine=next_step_mine,
            interaction=interaction,
        )
    return interaction


def next_step_create(
    *,
    owner: User,
    contact: Contact | None,
    text: str,
    due: date | None = None,
    mine: bool = True,
    interaction: Interaction | None = None,
) -> NextStep:
    step = NextStep(
        owner=owner,
        contact=contact,
        text=clean_text(text),
        due=due,
        mine=mine,
        interaction=interaction,
    )
    if not step.text:
        raise UserError("next step: say what happens next.", field="next")
    _validate(step, exclude=["owner", "contact", "interaction"])
    step.save()
    return step


def next_step_complete(*, step: NextStep, on: date | None = None) -> NextStep:
    """Mark a next step done (today unless ``on`` is given). Completing twice changes nothing."""
    if step.done_on is None:
        step.done_on = on or local_today()
        step.save(update_fields=["done_on"])
    return step


def next_step_reopen(*, step: NextStep) -> NextStep:
    if step.done_on is not None:
        step.done_on = None
        step.save(update_fields=["done_on"])
    return step


_FILLABLE = ("title", "industry", "location", "how_met", "level", "first_name", "last_name")


@transaction.atomic
def contacts_refresh_last_contacted(
    *, owner: User, contact_ids: Iterable[int] | None = None
) -> int:
    """Recompute the stored ``Contact.last_contacted`` from interactions, in one UPDATE.

    Call it after anything that adds, moves or removes interactions or their participants
    (``contact_ids=None`` refreshes the whole network, as bulk imports do). Returns the number
    of contacts looked at.
    """
    through = Interaction.participants.through
    latest = (
        through.objects.filter(contact_id=OuterRef("pk"))
        .order_by("-interaction__occurred_on")
        .values("interaction__occurred_on")[:1]
    )
    contacts = Contact.objects.filter(owner=owner)
    if contact_ids is not None:
        contacts = contacts.filter(pk__in=list(contact_ids))
    return contacts.update(last_contacted=Subquery(latest))


@transaction.atomic
def contact_merge(*, keep: Contact, other: Contact) -> Contact:
    """Fold ``other`` into ``keep``: nothing of either is lost, then ``other`` is deleted.

    1. Empty fields of ``keep`` are filled from ``other``; notes are joined; the stronger tie,
       the higher closeness and the earlier "added on" win.
    2. Contact points, tags, roles, memories and help ideas move over (exact duplicates drop).
    3. Interactions name ``keep`` wherever they named ``other``; next steps follow.
    4. Links move to ``keep``; a link between the two disappears, and where both were linked to
       the same person the stronger link stays.
    """
    if keep.owner_id != other.owner_id:
        raise UserError("Both people must be in your network.")
    if keep.pk == other.pk:
        raise UserError("That is the same person; nothing to merge.")
    for field in _FILLABLE:
        if not getattr(keep, field) and getattr(other, field):
            setattr(keep, field, getattr(other, field))
    if keep.organization_id is None:
        keep.organization_id = other.organization_id
    if other.notes.strip() and other.notes.strip() not in keep.notes:
        keep.notes = "\n\n".join(part for part in (keep.notes.strip(), other.notes.strip()) if part)
    if TIE_ORDER[Contact.Tie(other.tie)] > TIE_ORDER[Contact.Tie(keep.tie)]:
        keep.tie = other.tie
    keep.closeness = max(keep.closeness, other.closeness)
    keep.added_on = min(keep.added_on, other.added_on)
    keep.save()

    have = set(keep.points.values_list("kind", "normalized"))
    for point in list(other.points.all()):
        if (point.kind, point.normalized) in have:
            point.delete()
        else:
            point.contact = keep
            point.save(update_fields=["contact"])
    keep.tags.add(*other.tags.all())
    have_roles = set(keep.roles.values_list("role", flat=True))
    other.roles.exclude(role__in=have_roles).update(contact=keep)
    Memory.objects.filter(contact=other).update(contact=keep)
    HelpIdea.objects.filter(contact=other).update(contact=keep)

    through = Interaction.participants.through
    already = set(through.objects.filter(contact=keep).values_list("interaction_id", flat=True))
    moved = through.objects.filter(contact=other)
    moved.filter(interaction_id__in=already).delete()
    moved.update(contact=keep)
    contacts_refresh_last_contacted(owner=keep.owner, contact_ids=[keep.pk])
    keep.refresh_from_db(fields=["last_contacted"])
    NextStep.objects.filter(contact=other).update(contact=keep)

    for link in ContactLink.objects.filter(Q(contact_a=other) | Q(contact_b=other)):
        counterpart_id = link.contact_b_id if link.contact_a_id == other.pk else link.contact_a_id
        if counterpart_id == keep.pk:
            link.delete()
            continue
        first, second = sorted((keep.pk, counterpart_id))
        existing = ContactLink.objects.filter(contact_a_id=first, contact_b_id=second).first()
        if existing:
            if link.strength > existing.strength:
                existing.strength, existing.kind = link.strength, link.kind
                existing.save(update_fields=["strength", "kind"])
            link.delete()
        else:
            link.contact_a_id, link.contact_b_id = first, second
            link.save(update_fields=["contact_a", "contact_b"])
    _move_other_areas(keep, other)
    other.delete()
    return keep


def _move_other_areas(keep: Contact, other: Contact) -> None:
    """Rows of other apps (ledger, leads, events…) that name ``other`` now name ``keep``.

    Found through Django's relation registry, so a new model pointing at Contact is merged
    without changing this function. A many-to-many row that would duplicate one of ``keep``'s
    is dropped instead of moved.
    """
    for relation in Contact._meta.related_objects:
        model = cast("type[Model]", relation.related_model)
        if model._meta.app_label == "network":
            continue  # handled explicitly above
        if relation.many_to_many:
            field = cast("ManyToManyField[Any, Any]", model._meta.get_field(relation.field.name))
            through = cast("type[Model]", field.remote_field.through)
            ours, theirs = field.m2m_reverse_field_name(), field.m2m_field_name()
            rows = through._base_manager.filter(**{ours: other})
            kept = through._base_manager.filter(**{ours: keep}).values(theirs)
            rows.filter(**{f"{theirs}__in": kept}).delete()
            rows.update(**{ours: keep})
        elif relation.one_to_many:
            model._base_manager.filter(**{relation.field.name: other}).update(
                **{relation.field.name: keep}
            )
