"""Plain-dict forms of contacts, interactions and next steps: the shape of every ``--json``
output (and, later, of the API), defined once."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import Lower

from weakties.network.models import Contact, ContactPoint, ContactRole, Interaction, NextStep


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def contact_to_dict(contact: Contact) -> dict[str, Any]:
    """A contact as scripts see it. Expects ``contacts_with_details`` prefetches."""
    points = list(contact.points.all())
    return {
        "id": contact.pk,
        "name": contact.name,
        "organization": contact.organization.name if contact.organization else None,
        "title": contact.title,
        "emails": [p.value for p in points if p.kind == ContactPoint.Kind.EMAIL],
        "phones": [p.value for p in points if p.kind == ContactPoint.Kind.PHONE],
        "urls": [
            p.value for p in points if p.kind in (ContactPoint.Kind.URL, ContactPoint.Kind.LINKEDIN)
        ],
        "tie": contact.tie,
        "closeness": contact.closeness,
        "level": contact.level or None,
        "roles": [r.role for r in contact.roles.all()],
        "tags": [t.name for t in contact.tags.all()],
        "last_contacted": _iso(getattr(contact, "last_contacted", None)),
        "added_on": _iso(contact.added_on),
        "archived": contact.archived_at is not None,
    }


BOUND_IDS = 500  # contact_dicts: up to this many ids are bound into the related queries


def contact_dicts(contacts: QuerySet[Contact]) -> list[dict[str, Any]]:
    """``contact_to_dict`` of every contact of ``contacts``, in its order, read as plain rows:
    one query for the contacts and one for each of points, tags and roles (found through a
    subquery, so no list of ids is bound). For the 30,000 people of ``list --json``, model
    objects and their prefetches took 12 s; this takes well under one."""
    rows = contacts.values_list(
        "id", "name", "organization__name", "title", "tie", "closeness", "level",
        "last_contacted", "added_on", "archived_at",
    )  # fmt: skip
    found: dict[int, dict[str, Any]] = {}
    for pk, name, org, title, tie, closeness, level, last, added, archived in rows:
        found[pk] = {
            "id": pk,
            "name": name,
            "organization": org,
            "title": title,
            "emails": [],
            "phones": [],
            "urls": [],
            "tie": tie,
            "closeness": closeness,
            "level": level or None,
            "roles": [],
            "tags": [],
            "last_contacted": _iso(last),
            "added_on": _iso(added),
            "archived": archived is not None,
        }
    if not found:
        return []
    # The people above: their ids when few (a search's page: the subquery would run the search
    # again for each table), else a subquery, as SQLite binds only so many values (a slice
    # keeps its order there: it picks them).
    ids: Any = (
        list(found)
        if len(found) <= BOUND_IDS
        else (contacts if contacts.query.is_sliced else contacts.order_by()).values("pk")
    )
    lists: dict[str, str] = {
        ContactPoint.Kind.EMAIL: "emails",
        ContactPoint.Kind.PHONE: "phones",
        ContactPoint.Kind.URL: "urls",
        ContactPoint.Kind.LINKEDIN: "urls",
    }
    points = ContactPoint.objects.filter(contact__in=ids).order_by("kind", "id")
    for contact_id, kind, value in points.values_list("contact_id", "kind", "value"):
        found[contact_id][lists[kind]].append(value)
    tags = Contact.tags.through.objects.filter(contact__in=ids)
    for contact_id, tag in tags.order_by(Lower("tag__name"), "tag_id").values_list(
        "contact_id", "tag__name"
    ):
        found[contact_id]["tags"].append(tag)
    roles = ContactRole.objects.filter(contact__in=ids).order_by("role")
    for contact_id, role in roles.values_list("contact_id", "role"):
        found[contact_id]["roles"].append(role)
    return list(found.values())


def contact_detail_to_dict(contact: Contact) -> dict[str, Any]:
    """Everything on the contact page: the list shape plus the free text."""
    return contact_to_dict(contact) | {
        "industry": contact.industry,
        "location": contact.location,
        "how_met": contact.how_met,
        "notes": contact.notes,
        "source": contact.source,
        "memories": [m.text for m in contact.memories.all()],
        "help_ideas": [h.text for h in contact.help_ideas.all()],
    }


def next_step_to_dict(step: NextStep, *, today: date | None = None) -> dict[str, Any]:
    return {
        "id": step.pk,
        "text": step.text,
        "due": _iso(step.due),
        "mine": step.mine,
        "contact": ({"id": step.contact.pk, "name": step.contact.name} if step.contact else None),
        "done_on": _iso(step.done_on),
        "overdue": bool(today and step.due and step.done_on is None and step.due < today),
        "interaction_id": step.interaction_id,
    }


def interaction_to_dict(interaction: Interaction) -> dict[str, Any]:
    return {
        "id": interaction.pk,
        "date": _iso(interaction.occurred_on),
        "channel": interaction.channel,
        "direction": interaction.direction,
        "summary": interaction.summary,
        "participants": [{"id": c.pk, "name": c.name} for c in interaction.participants.all()],
        "next_steps": [
            {"id": s.pk, "text": s.text, "due": _iso(s.due), "mine": s.mine}
            for s in interaction.next_steps.all()
        ],
    }
