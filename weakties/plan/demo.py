"""The plan's part of the demo network: a profile and goals, a focus tag, a ledger of what was
given and received, and a stored template, so ``weakties today`` on the demo reads like a
coach's note. Deterministic: the same demo network and ``today`` give the same rows."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.contrib.auth.models import User

from weakties.network.models import Contact, Tag
from weakties.plan.models import Exchange, MessageTemplate, PlanSettings

GOAL = "I'm looking for a product role in digital health, ideally on tools patients use every day."
PITCH = (
    "I've spent eight years building products people rely on, most recently leading the "
    "redesign of a scheduling app used by forty clinics."
)
COFFEE = (
    "Hi {first_name},\n\n"
    "{lapse}.\n"
    "I often think of {memory}.\n\n"
    "{goal}\n"
    "Could I buy you a coffee in the next couple of weeks and hear what you're working on?\n\n"
    "{offer}\n\n"
    "Cheers,\n"
    "{signature}"
)
_INTRODUCED_BY = re.compile(r"^Introduced by (.+)$|^(.+?) introduced us")
_ARTICLES = [
    "The NEJM Catalyst piece on patient portals",
    "A write-up of the HIMSS keynote on interoperability",
    "Our team's post-mortem on scheduling no-shows",
    "The FHIR primer I keep recommending",
]


def demo_extend(*, owner: User, today: date, contacts: dict[str, Contact]) -> list[str]:
    # Two queries each (update, else insert): the demo writes in bulk.
    profile = {"daily_count": 3, "goal": GOAL, "pitch": PITCH, "my_name": "Jordan"}
    if not PlanSettings.objects.filter(owner=owner).update(**profile):
        PlanSettings.objects.create(owner=owner, **profile)
    focus = Tag.objects.filter(owner=owner, name__iexact="healthcare").update(is_focus=True)
    coffee = {"kind": "reconnect", "subject": "Coffee soon?", "body": COFFEE}
    if not MessageTemplate.objects.filter(owner=owner, name__iexact="coffee").update(**coffee):
        MessageTemplate.objects.create(owner=owner, name="coffee", **coffee)

    exchanges: list[Exchange] = []

    def record(person: Contact, direction: str, kind: str, text: str, day: date) -> None:
        exchanges.append(
            Exchange(
                owner=owner,
                contact=person,
                direction=direction,
                kind=kind,
                text=text,
                occurred_on=min(day, today),
            )
        )

    # Everyone who introduced me to someone gave me an introduction; I thanked one in three.
    introducers = 0
    for name in sorted(contacts):
        person = contacts[name]
        match = _INTRODUCED_BY.match(person.how_met or "")
        introducer = contacts.get((match.group(1) or match.group(2)).strip()) if match else None
        if introducer is None or introducer.pk == person.pk:
            continue
        record(introducer, "got", "introduction", f"Introduced me to {name}", person.added_on)
        if introducers % 3 == 0:
            record(
                introducer,
                "gave",
                "recommendation",
                "Wrote them a LinkedIn recommendation to say thank you",
                person.added_on + timedelta(days=20),
            )
        introducers += 1

    # Articles I sent, and job postings people sent me, spread over the last year.
    people = [contacts[name] for name in sorted(contacts) if contacts[name].tie != "none"]
    for index, person in enumerate(people[::23]):
        record(
            person,
            "gave",
            "article",
            _ARTICLES[index % len(_ARTICLES)],
            today - timedelta(days=30 + 37 * index),
        )
    for index, person in enumerate(people[7::31]):
        record(
            person,
            "got",
            "job_posting",
            "Forwarded a product opening before it was posted",
            today - timedelta(days=45 + 29 * index),
        )
    Exchange.objects.bulk_create(exchanges)
    gave = sum(1 for e in exchanges if e.direction == "gave")
    parts = [f"{gave} things given and {len(exchanges) - gave} received", "a profile and goals"]
    if focus:
        parts.append("a focus tag")
    return parts
