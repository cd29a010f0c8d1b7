"""Writing to the plan's tables: the reciprocity ledger first."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User

from weakties.dates import local_today
from weakties.errors import UserError
from weakties.network.models import Contact
from weakties.network.normalize import clean_text
from weakties.plan.models import Exchange


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
