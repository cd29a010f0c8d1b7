"""Plain-dict forms of leads, targets, events and memberships: every ``--json`` shape, once."""

from __future__ import annotations

from datetime import date
from typing import Any

from weakties.leads.models import Event, Lead, LeadStageChange, Membership
from weakties.leads.selectors import Target
from weakties.leads.services import STAGE_WORDS
from weakties.network.models import Contact, Organization


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _person(contact: Contact | None) -> dict[str, Any] | None:
    return {"id": contact.pk, "name": contact.name} if contact else None


def _organization(organization: Organization | None) -> dict[str, Any] | None:
    return {"id": organization.pk, "name": organization.name} if organization else None


def stage_change_to_dict(change: LeadStageChange) -> dict[str, Any]:
    return {
        "from": change.from_stage or None,
        "to": change.to_stage,
        "date": _iso(change.changed_on),
        "note": change.note,
    }


def lead_to_dict(lead: Lead, *, history: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": lead.pk,
        "organization": _organization(lead.organization),
        "role": lead.role,
        "stage": lead.stage,
        "stage_words": STAGE_WORDS[Lead.Stage(lead.stage)],
        "open": lead.is_open,
        "stage_changed_on": _iso(lead.stage_changed_on),
        "source": _person(lead.source),
        "referrer": _person(lead.referrer),
        "heard_on": _iso(lead.heard_on),
        "posted": lead.is_posted,
        "url": lead.url or None,
        "notes": lead.notes,
    }
    if history:
        data["history"] = [stage_change_to_dict(change) for change in lead.history.all()]
    return data


def target_to_dict(target: Target) -> dict[str, Any]:
    org = target.organization
    return {
        "rank": target.rank,
        "id": org.pk,
        "name": org.name,
        "motivation": org.motivation,
        "advocacy": target.advocacy_words,
        "advocate": _person(target.advocate),
        "posting": target.posting,
        "first_degree": target.first_degree,
        "second_degree": target.second_degree,
        "not_met_yet": target.not_met,
        "open_leads": target.open_leads,
        "insight": org.insight,
    }


def event_to_dict(event: Event, *, people: list[Contact] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": event.pk,
        "name": event.name,
        "date": _iso(event.held_on),
        "kind": event.kind,
        "organizer": _organization(event.organizer),
        "location": event.location,
        "notes": event.notes,
    }
    if people is not None:
        data["people_met"] = [_person(person) for person in people]
    elif hasattr(event, "met"):
        data["people_met_count"] = event.met
    return data


def membership_to_dict(membership: Membership) -> dict[str, Any]:
    return {
        "organization": _organization(membership.organization),
        "role": membership.role,
        "since": _iso(membership.since),
    }
