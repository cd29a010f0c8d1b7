"""Plain-dict forms of contacts, interactions and next steps: the shape of every ``--json``
output (and, later, of the API), defined once."""

from __future__ import annotations

from datetime import date
from typing import Any

from weakties.network.models import Contact, ContactPoint, Interaction, NextStep


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
